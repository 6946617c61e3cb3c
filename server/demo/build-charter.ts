import { DEMO_TODAY, addDays, dateBetween, maxDate } from "./calendar";
import type { DemoCharterSignature, PartnerType } from "./dataset";
import type { OrganizationsPart } from "./build-organizations";
import { ASSOCIATION_SIGNATORY_ROLES, PARTNER_SIGNATORY_ROLES } from "./names";
import { Random } from "./random";

/**
 * Builds the signatures of the charter for inter-associative cooperation: mostly associations
 * (network heads and employers more often), and some partners; the signatory is a role, never a name.
 */

export const SIGNATURE_COUNT = 80;
const PARTNER_SIGNATURES = 14;
const FIRST_SIGNATURE = "2021-06-01";

const PARTNER_WEIGHTS: Partial<Record<PartnerType, number>> = {
  COMMUNE: 3, EPCI: 3, STATE_SERVICE: 2, SUPPORT_SCHEME: 2, DEPARTMENT: 1, REGION: 1, CAF: 1, SOCIAL_LANDLORD: 1, PREFECT_DELEGATE: 1,
};
const ROLE_WEIGHTS = [30, 25, 8, 6, 10, 8, 3, 3, 3, 2, 2];
/** Roles held by employees, only for associations that employ staff. */
const STAFF_ROLES = new Set(["directrice", "directeur", "coordinatrice"]);

export function buildCharterSignatures(orgs: OrganizationsPart, seed: number): DemoCharterSignature[] {
  const rng = Random.derive(seed, "charter");
  const { organizations } = orgs;
  const associations = rng.weightedSample(orgs.associationIndexes, SIGNATURE_COUNT - PARTNER_SIGNATURES, (i) => {
    const org = organizations[i];
    if (org.meta.isNetwork) return 5;
    return Number(org.staffEtp ?? 0) > 2 ? 2 : 1;
  });
  const partners = rng.weightedSample([...orgs.partnerIndexByKey.values()], PARTNER_SIGNATURES, (i) => PARTNER_WEIGHTS[organizations[i].partnerType!] ?? 0);
  const roles = ASSOCIATION_SIGNATORY_ROLES.map((role, i) => ({ role, weight: ROLE_WEIGHTS[i] ?? 1 }));

  return [...associations, ...partners]
    .sort((a, b) => a - b)
    .map((index) => {
      const org = organizations[index];
      const floor = maxDate(FIRST_SIGNATURE, org.createdOn ?? FIRST_SIGNATURE);
      const signedOn = dateBetween(floor, addDays(DEMO_TODAY, -3), rng.next());
      if (org.kind === "ASSOCIATION") {
        const based = org.qpvs.find((q) => q.presence === "BASED");
        return {
          orgIndex: index,
          signedOn,
          communeInseeCode: org.communeInseeCode,
          qpvCode: based?.code ?? null,
          signatoryRole: rng.weighted(Number(org.staffEtp ?? 0) > 0 ? roles : roles.filter((r) => !STAFF_ROLES.has(r.role)), (r) => r.weight).role,
        };
      }
      return {
        orgIndex: index,
        signedOn,
        communeInseeCode: org.communeInseeCode,
        qpvCode: null,
        signatoryRole: rng.pick(PARTNER_SIGNATORY_ROLES[org.partnerType!] ?? PARTNER_SIGNATORY_ROLES.OTHER),
      };
    });
}
