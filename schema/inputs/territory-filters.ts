import { Field, InputType } from "type-graphql";
import { TerritoryFilter } from "./territory-filter";

/** QPV criteria: territory criteria apply to the communes the QPV lies in. */
@InputType({ description: "Filter of QPVs: territory criteria match the communes a QPV lies in." })
export class QpvFilter extends TerritoryFilter {
  @Field(() => [String], { nullable: true, description: 'Codes of QPVs, e.g. "QN05981M" (to read several QPVs by code at once).' })
  qpvCodes?: string[] | null;
}

/** Commune criteria. */
@InputType({ description: "Filter of communes." })
export class CommuneFilter extends TerritoryFilter {
  @Field(() => Boolean, { nullable: true, description: "true: only communes with at least one QPV; false: only those without." })
  hasQpv?: boolean | null;
}

/** EPCI criteria. */
@InputType({ description: "Filter of EPCI: territory criteria match EPCI with at least one member commune there." })
export class EpciFilter extends TerritoryFilter {}

/** Département criteria. */
@InputType({ description: "Filter of départements." })
export class DepartmentFilter {
  @Field(() => [String], { nullable: true, description: "INSEE codes of régions." })
  regionCodes?: string[] | null;
}
