import { registerEnumType } from "type-graphql";
import { OrderInput } from "../order";

/** Orders of organisation lists. */
export enum OrganizationOrderField { NAME = "NAME", CREATED_AT = "CREATED_AT" }
registerEnumType(OrganizationOrderField, {
  name: "OrganizationOrderField",
  description: "What organisation lists can be sorted by.",
  valuesConfig: { NAME: { description: "Name." }, CREATED_AT: { description: "When the record was created." } },
});
export const OrganizationOrder = OrderInput<OrganizationOrderField>(OrganizationOrderField, "Organization");

/** Orders of project lists. */
export enum ProjectOrderField { TITLE = "TITLE", CREATED_AT = "CREATED_AT", START_DATE = "START_DATE" }
registerEnumType(ProjectOrderField, {
  name: "ProjectOrderField",
  description: "What project lists can be sorted by.",
  valuesConfig: {
    TITLE: { description: "Title." },
    CREATED_AT: { description: "When the record was created." },
    START_DATE: { description: "Start date (projects without one come first in ascending order)." },
  },
});
export const ProjectOrder = OrderInput<ProjectOrderField>(ProjectOrderField, "Project");

/** Orders of event lists. */
export enum EventOrderField { STARTS_AT = "STARTS_AT", TITLE = "TITLE" }
registerEnumType(EventOrderField, {
  name: "EventOrderField",
  description: "What event lists can be sorted by.",
  valuesConfig: { STARTS_AT: { description: "Start time." }, TITLE: { description: "Title." } },
});
export const EventOrder = OrderInput<EventOrderField>(EventOrderField, "Event");

/** Orders of good-practice lists. */
export enum GoodPracticeOrderField { TITLE = "TITLE", PUBLISHED_ON = "PUBLISHED_ON" }
registerEnumType(GoodPracticeOrderField, {
  name: "GoodPracticeOrderField",
  description: "What good-practice lists can be sorted by.",
  valuesConfig: { TITLE: { description: "Title." }, PUBLISHED_ON: { description: "Publication date." } },
});
export const GoodPracticeOrder = OrderInput<GoodPracticeOrderField>(GoodPracticeOrderField, "GoodPractice");

/** Orders of territory lists (régions, départements, communes, QPV). */
export enum TerritoryOrderField { NAME = "NAME", CODE = "CODE" }
registerEnumType(TerritoryOrderField, {
  name: "TerritoryOrderField",
  description: "What territory lists can be sorted by.",
  valuesConfig: { NAME: { description: "Name." }, CODE: { description: "Official code (INSEE or QPV code)." } },
});
export const TerritoryOrder = OrderInput<TerritoryOrderField>(TerritoryOrderField, "Territory");
