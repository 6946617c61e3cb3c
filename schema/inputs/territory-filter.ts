import { Field, InputType } from "type-graphql";

/**
 * Territory criteria shared by filters (registered only so its fields are inherited; never emitted).
 * Each list says which commune they apply to (head office, venue, QPV communes).
 */
@InputType({ description: "Territory criteria (base of filters; never exposed by itself)." })
export abstract class TerritoryFilter {
  @Field(() => [String], { nullable: true, description: "INSEE codes of communes; Paris, Lyon and Marseille district codes count as their city." })
  communeInseeCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: "SIREN numbers of EPCI." })
  epciSirens?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Codes of départements, e.g. "59", "2A", "974".' })
  departmentCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'INSEE codes of régions, e.g. "32".' })
  regionCodes?: string[] | null;
}
