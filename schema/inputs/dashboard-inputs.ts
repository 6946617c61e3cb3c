import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { LocalDateScalar } from "../scalars";

/**
 * What a dashboard covers: exactly one kind of territory (one or more codes of that kind) or one network.
 * Each kind maps onto the filters of the lists (see `server/queries/dashboard/scope.ts`), so that every
 * figure equals the `totalCount` of a list query a client can write.
 */
@InputType({
  description:
    "What a dashboard covers: exactly one of the fields, with one or more codes (a network: one id). In the descriptions of " +
    "the dashboard's figures, `<scope>` stands for the list filter this scope becomes: for QPV, commune, EPCI, département " +
    "or région codes, the same criterion (`qpvCodes`, `communeInseeCodes`, `epciSirens`, `departmentCodes`, `regionCodes`) " +
    "in every list filter (it applies to an association's head office or QPVs, an event's venue or QPV, a project's QPVs, " +
    "the place a charter signature was made). For a network: associations use `networkIds: [<network>]` (its current " +
    "members); projects use `participantIds` and events `organizerIds` with the network itself and its current, " +
    "non-archived members (of any kind); charter signatures are those of the same organisations (the charter-signature list " +
    "has no organisation criterion, so for a network the signature figures equal the count of those organisations' " +
    "`charterSignature`, not a list's totalCount).",
})
export class DashboardScope {
  @Field(() => [String], { nullable: true, description: 'QPV codes, e.g. ["QN05981M"] (1 to 100).' })
  qpvCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "INSEE codes of communes (1 to 100); Paris, Lyon and Marseille district codes count as their city." })
  communeInseeCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "SIREN numbers of EPCI (1 to 100)." })
  epciSirens?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Codes of départements, e.g. ["59"] (1 to 100).' })
  departmentCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'INSEE codes of régions, e.g. ["32"] (1 to 100).' })
  regionCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Id of a network head (an association or partner other organisations are members of)." })
  networkId?: string | null;
}

/** A closed range of calendar days. */
@InputType({
  description:
    "A closed range of days (Europe/Paris), at most 10 years long, between 1990 and 2100. In the descriptions of the figures, " +
    "`<from>` and `<to>` are its bounds, and `<to+1>` the day after `to`.",
})
export class DashboardPeriod {
  @Field(() => LocalDateScalar, { description: "First day, included." })
  from: string;

  @Field(() => LocalDateScalar, { description: "Last day, included (on or after `from`)." })
  to: string;
}

/** Size of the time buckets of a series. */
export enum DashboardGranularity {
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DashboardGranularity, {
  name: "DashboardGranularity",
  description: "Size of the time buckets of a dashboard series.",
  valuesConfig: { MONTH: { description: "Calendar months." }, YEAR: { description: "Calendar years." } },
});
