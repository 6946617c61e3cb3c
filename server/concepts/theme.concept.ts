import { Theme } from "../../entities/theme.entity";
import { REFERENCE } from "../cache-control/cache-hints";
import { defineConcept, PUBLIC, relation } from "./concept";

/** Themes of activity, two levels (alias t): reference data. */
export const theme = defineConcept({
  name: "theme",
  entity: Theme,
  type: "Theme",
  node: true,
  table: "theme",
  alias: "t",
  key: "code",
  keyType: "text",
  orders: { CODE: { expression: "t.code", type: "text" } },
  relations: {
    themesOfOrganization: relation.int((k) => `t.code IN (SELECT theme_code FROM organization_theme WHERE organization_id = ${k})`),
    themesOfProject: relation.int((k) => `t.code IN (SELECT theme_code FROM project_theme WHERE project_id = ${k})`),
    themesOfGoodPractice: relation.int((k) => `t.code IN (SELECT theme_code FROM good_practice_theme WHERE good_practice_id = ${k})`),
    subThemes: relation.text((k) => `t.parent_code = ${k}`),
  },
  lookups: {
    parent: { property: "parentCode", concept: "theme" },
  },
  access: PUBLIC,
  cache: { Theme: REFERENCE, "Query.themes": REFERENCE },
});
