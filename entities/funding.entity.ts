import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** Funding scheme. */
export enum FundingScheme {
  CONTRAT_DE_VILLE = "CONTRAT_DE_VILLE",
  FONJEP = "FONJEP",
  ADULTE_RELAIS = "ADULTE_RELAIS",
  DLA = "DLA",
  OTHER = "OTHER",
}
registerEnumType(FundingScheme, {
  name: "FundingScheme",
  description: "Scheme a funding comes through.",
  valuesConfig: {
    CONTRAT_DE_VILLE: { description: "Contrat de ville call for projects." },
    FONJEP: { description: "FONJEP post (youth and popular education fund)." },
    ADULTE_RELAIS: { description: "Adulte-relais agreement." },
    DLA: { description: "Dispositif local d'accompagnement." },
    OTHER: { description: "Another scheme (see `schemeLabel`)." },
  },
});

/** Money given to a project by a funder, for one year. */
@Entity("funding")
@ObjectType({ implements: Node, description: "A funding of a project by an organisation, for one year." })
export class Funding implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  projectId: number;

  @Column({ type: "integer" })
  funderId: number;

  @Column({ type: "numeric", precision: 14, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Field(() => Float, { description: "Amount in euros (two decimals)." })
  amountEur: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Year the funding is for." })
  year: number;

  @Column({ type: "text" })
  @Field(() => FundingScheme, { description: "Scheme." })
  scheme: FundingScheme;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Name of the scheme or call, in words." })
  schemeLabel: string | null;

  get nodeId(): string {
    return toGlobalId("Funding", this.id);
  }
}
