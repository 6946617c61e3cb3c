import { NodeTypeName } from "../../schema/global-id";

/** A link table snapshotted with its record: `sql` reads it for the record under alias `x`. */
type LinkSnapshot = string;

/**
 * What the write side knows of each kind of record: its table and node type, the generated columns
 * left out of audit snapshots, the related rows a snapshot includes, and the organisations whose
 * editors may read its audit trail.
 */
export interface RecordKind {
  name: WritableKind;
  table: string;
  nodeTypes: NodeTypeName[];
  generated: string[];
  links: Record<string, LinkSnapshot>;
  organizations: string;
  /** false for records that are corrected, never archived (the paper's proposals); archivable otherwise. */
  archivable?: false;
}

export type WritableKind = "association" | "partner" | "membership" | "project" | "event" | "charterSignature" | "goodPractice" | "proposal";

const list = (sql: string) => `(SELECT coalesce(jsonb_agg(v), '[]'::jsonb) FROM (${sql}) v)`;
/** The proposals a project or good practice carries forward, by number (as inputs name them). */
const proposals = (table: string) => list(`SELECT pz.number FROM ${table}_proposal l JOIN proposal pz ON pz.id = l.proposal_id
  WHERE l.${table}_id = x.id ORDER BY pz.number`);
const ORGANIZATION_LINKS = {
  themes: list("SELECT theme_code AS code FROM organization_theme WHERE organization_id = x.id ORDER BY theme_code"),
  qpvs: list("SELECT qpv_code AS code, presence FROM organization_qpv WHERE organization_id = x.id ORDER BY qpv_code"),
  // Contact people are personal data: the append-only trail records how many, never who.
  contactCount: "(SELECT count(*) FROM organization_contact WHERE organization_id = x.id)",
};

export const RECORD_KINDS: Record<WritableKind, RecordKind> = {
  association: {
    name: "association", table: "organization", nodeTypes: ["Association"], generated: ["name_sort", "employer_size"],
    links: ORGANIZATION_LINKS, organizations: "ARRAY[x.id]",
  },
  partner: {
    name: "partner", table: "organization", nodeTypes: ["Partner"], generated: ["name_sort", "employer_size"],
    links: {
      ...ORGANIZATION_LINKS,
      coverage: list(`SELECT region_code, department_code, epci_siren, commune_insee_code FROM partner_coverage
        WHERE partner_id = x.id ORDER BY id`),
    },
    organizations: "ARRAY[x.id]",
  },
  membership: {
    name: "membership", table: "membership", nodeTypes: ["Membership"], generated: [], links: {},
    organizations: "ARRAY[x.network_id, x.member_id]",
  },
  project: {
    name: "project", table: "project", nodeTypes: ["CooperationProject"], generated: ["title_sort"],
    links: {
      participants: list("SELECT organization_id, role FROM project_participant WHERE project_id = x.id ORDER BY organization_id, role"),
      fundings: list(`SELECT funder_id, amount_eur, year, scheme, scheme_label FROM funding WHERE project_id = x.id
        ORDER BY year, funder_id, id`),
      qpvs: list("SELECT qpv_code AS code FROM project_qpv WHERE project_id = x.id ORDER BY qpv_code"),
      themes: list("SELECT theme_code AS code FROM project_theme WHERE project_id = x.id ORDER BY theme_code"),
      stakes: list("SELECT stake_number AS number FROM project_stake WHERE project_id = x.id ORDER BY stake_number"),
      proposals: proposals("project"),
    },
    organizations: "ARRAY(SELECT DISTINCT organization_id FROM project_participant WHERE project_id = x.id)",
  },
  event: {
    name: "event", table: "participation_event", nodeTypes: ["ParticipationEvent"], generated: ["title_sort"],
    links: { organizers: list("SELECT organization_id FROM event_organizer WHERE event_id = x.id ORDER BY organization_id") },
    organizations: "ARRAY(SELECT organization_id FROM event_organizer WHERE event_id = x.id)",
  },
  charterSignature: {
    name: "charterSignature", table: "charter_signature", nodeTypes: ["CharterSignature"], generated: [], links: {},
    organizations: "ARRAY[x.organization_id]",
  },
  goodPractice: {
    name: "goodPractice", table: "good_practice", nodeTypes: ["GoodPractice"], generated: ["title_sort"],
    links: {
      organizations: list("SELECT organization_id FROM good_practice_organization WHERE good_practice_id = x.id ORDER BY 1"),
      projects: list("SELECT project_id FROM good_practice_project WHERE good_practice_id = x.id ORDER BY 1"),
      qpvs: list("SELECT qpv_code AS code FROM good_practice_qpv WHERE good_practice_id = x.id ORDER BY 1"),
      themes: list("SELECT theme_code AS code FROM good_practice_theme WHERE good_practice_id = x.id ORDER BY 1"),
      stakes: list("SELECT stake_number AS number FROM good_practice_stake WHERE good_practice_id = x.id ORDER BY 1"),
      proposals: proposals("good_practice"),
    },
    organizations: "ARRAY(SELECT organization_id FROM good_practice_organization WHERE good_practice_id = x.id)",
  },
  proposal: {
    name: "proposal", table: "proposal", nodeTypes: ["Proposal"], generated: [], links: {}, organizations: "ARRAY[]::int[]",
    // A proposal of the published paper is corrected, never taken out: projects and good practices refer to it.
    archivable: false,
  },
};

/** The kind of record a global id's type names. */
export function kindOfNodeType(type: NodeTypeName): RecordKind | null {
  return Object.values(RECORD_KINDS).find((kind) => kind.nodeTypes.includes(type)) ?? null;
}
