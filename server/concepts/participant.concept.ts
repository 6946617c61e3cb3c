import { ProjectParticipant } from "../../entities/project-participant.entity";
import { PUBLIC_MUTABLE } from "../cache-control/cache-hints";
import { defineConcept, partOf, relation } from "./concept";

/** Organisations taking part in projects (alias pp): part of their project, written with it. */
export const participant = defineConcept({
  name: "participant",
  entity: ProjectParticipant,
  type: "ProjectParticipant",
  node: true,
  table: "project_participant",
  alias: "pp",
  key: "id",
  keyType: "integer",
  where: ["NOT EXISTS (SELECT 1 FROM project pap WHERE pap.id = pp.project_id AND pap.archived_at IS NOT NULL)"],
  orders: { ROLE: { expression: "array_position(ARRAY['LEAD','PARTNER','FUNDER','SUPPORT'], pp.role)", type: "integer" } },
  relations: {
    participantsOfProject: relation.int((k) => `pp.project_id = ${k}`),
    participationsOfOrganization: relation.int((k) => `pp.organization_id = ${k}`),
  },
  lookups: {
    project: { property: "projectId", concept: "project" },
    organization: { property: "organizationId", concept: "organization" },
  },
  access: partOf("project", "project_id"),
  cache: { ProjectParticipant: PUBLIC_MUTABLE },
});
