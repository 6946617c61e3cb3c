import { ParticipationEvent } from "../../entities/participation-event.entity";
import { NO_STORE, PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, drafts, relation, snapshotList, writable } from "./concept";

/** Residents' participation events (alias ev): drafts show only to those responsible for them. */
export const event = defineConcept({
  name: "event",
  entity: ParticipationEvent,
  type: "ParticipationEvent",
  node: true,
  table: "participation_event",
  alias: "ev",
  key: "id",
  keyType: "integer",
  where: ["ev.archived_at IS NULL"],
  orders: {
    STARTS_AT: { expression: "ev.starts_at", type: "timestamptz" },
    TITLE: { expression: "ev.title_sort", type: "text" },
  },
  relations: {
    eventsOfOrganization: relation.int((k) => `ev.id IN (SELECT event_id FROM event_organizer WHERE organization_id = ${k})`),
    eventsInQpv: relation.text((k) => `ev.qpv_code = ${k}`),
    eventsInCommune: relation.text((k) => `ev.commune_insee_code = ${k}`),
    eventsOfProject: relation.int((k) => `ev.project_id = ${k}`),
  },
  // Officers of its venue's or QPV's territories, its organisers' editors and managers.
  lookups: {
    commune: { property: "communeInseeCode", concept: "commune" },
    qpv: { property: "qpvCode", concept: "qpv" },
    project: { property: "projectId", concept: "project" },
  },
  // Getters of the entity, over columns no field shows (always read).
  reads: { location: [], attendance: [] },
  access: drafts("event"),
  // A published event of a draft project has no project for those who may not see the project.
  references: { project_id: "project" },
  record: writable({
    generated: ["title_sort"],
    links: { organizers: snapshotList("SELECT organization_id FROM event_organizer WHERE event_id = x.id ORDER BY organization_id") },
    organizations: "ARRAY(SELECT organization_id FROM event_organizer WHERE event_id = x.id)",
    write: {
      POLICY_OFFICER: (access, _viewer, params) => access.event("x", params),
      ASSOCIATION_EDITOR: (access, _viewer, params) => access.event("x", params),
    },
  }),
  cache: {
    ParticipationEvent: PUBLIC_MUTABLE, EventPayload: NO_STORE,
    "Query.event": PUBLIC_MUTABLE, "Query.events": PUBLIC_MUTABLE, "Query.eventsNear": PUBLIC_MUTABLE,
  },
});
