import { association } from "./association.concept";
import { auditEntry } from "./audit-entry.concept";
import { charterSignature } from "./charter-signature.concept";
import { commune } from "./commune.concept";
import { Concept } from "./concept";
import { contratDeVille } from "./contrat-de-ville.concept";
import { cooperationLink } from "./cooperation-link.concept";
import { department } from "./department.concept";
import { district } from "./district.concept";
import { epci } from "./epci.concept";
import { event } from "./event.concept";
import { funding } from "./funding.concept";
import { goodPractice } from "./good-practice.concept";
import { membership } from "./membership.concept";
import { organization } from "./organization.concept";
import { participant } from "./participant.concept";
import { partner } from "./partner.concept";
import { partnerCoverage } from "./partner-coverage.concept";
import { project } from "./project.concept";
import { proposal } from "./proposal.concept";
import { qpv } from "./qpv.concept";
import { region } from "./region.concept";
import { stake } from "./stake.concept";
import { theme } from "./theme.concept";

/**
 * Every concept of the graph: the one list to edit when adding one. SOURCES, LINKS, RowAccess's tables,
 * the node-type lookup, RECORD_KINDS, the write policy and the cache policy are derived from it.
 */
export const CONCEPTS = [
  organization, association, partner, project, event, goodPractice, membership, participant, funding, charterSignature,
  contratDeVille, region, department, epci, commune, district, qpv, theme, stake, proposal, partnerCoverage, auditEntry,
  cooperationLink,
] as const;

export type AnyConcept = (typeof CONCEPTS)[number];
export type ConceptName = AnyConcept["name"];

type RelationNames<C> = C extends { relations: Record<infer L, unknown> } ? L : never;
/** Names of every parent link (LINKS). */
export type RelationName = RelationNames<AnyConcept>;
/** Concepts whose drafts are hidden from some viewers. */
export type HideableName = Extract<AnyConcept, { access: { kind: "draft" } }>["name"];
/** Concepts mutations write. */
export type RecordKindName = Exclude<AnyConcept, { record: undefined }>["name"];

/** A concept by name. */
export function conceptNamed(name: string): Concept | undefined {
  return (CONCEPTS as readonly Concept[]).find((c) => c.name === name);
}

/** Builds a registry from the concepts, refusing two entries under one name (two concepts claiming one type, link...). */
export function registry<V>(what: string, entries: Iterable<[string, V]>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [name, value] of entries) {
    if (Object.prototype.hasOwnProperty.call(out, name)) throw new Error(`two concepts declare the ${what} ${name}`);
    out[name] = value;
  }
  return out;
}
