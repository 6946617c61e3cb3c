import { NodeTypeName } from "../../schema/global-id";
import { AnyConcept, CONCEPTS, RecordKindName, registry } from "../concepts";
import { Concept, RecordSpec } from "../concepts/concept";

/** A link table snapshotted with its record: `sql` reads it for the record under alias `x`. */
type LinkSnapshot = string;

/**
 * What the write side knows of each kind of record: its table and node type, the generated columns
 * left out of audit snapshots, the related rows a snapshot includes, and the organisations whose
 * editors may read its audit trail. Derived from the descriptors with a `record` (server/concepts).
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

/** The concepts mutations write: those whose descriptor has a `record`. */
export type WritableKind = RecordKindName;

function kindOf(concept: Concept & { record: RecordSpec }): RecordKind {
  const { generated, links, organizations, archivable } = concept.record;
  return {
    name: concept.name as WritableKind,
    table: concept.table,
    nodeTypes: [concept.type as NodeTypeName],
    generated,
    links,
    organizations,
    ...(archivable === false ? { archivable } : {}),
  };
}

export const RECORD_KINDS = registry(
  "record kind",
  (CONCEPTS as readonly Concept[]).flatMap((c) => (c.record ? [[c.name, kindOf(c as Concept & { record: RecordSpec })] as [string, RecordKind]] : [])),
) as Readonly<Record<WritableKind, RecordKind>>;

/** The descriptor of a kind of record (its write policy). */
export const CONCEPT_OF_KIND = registry("record kind", (CONCEPTS as readonly AnyConcept[]).flatMap((c) =>
  c.record ? [[c.name, c as Concept & { record: RecordSpec }] as [string, Concept & { record: RecordSpec }]] : [],
)) as Readonly<Record<WritableKind, Concept & { record: RecordSpec }>>;

/** The kind of record a global id's type names. */
export function kindOfNodeType(type: NodeTypeName): RecordKind | null {
  return Object.values(RECORD_KINDS).find((kind) => kind.nodeTypes.includes(type)) ?? null;
}
