import { InputType } from "type-graphql";
import { TerritoryFilter } from "./territory-filter";

/** Territory criteria of a search, applied to each kind's own commune(s). */
@InputType({
  description:
    "Where search results must be. Criteria combine with AND; values inside one criterion with OR. They apply to an organisation's " +
    "head office, an event's venue, the QPVs of a project or good practice, the communes a QPV lies in, and a commune itself.",
})
export class SearchFilter extends TerritoryFilter {}
