import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { LocalDateScalar } from "../schema/scalars";
import { TrackedRecord } from "./tracked-record";

/** A contrat de ville: the city-policy contract of a territory (2024-2030 generation: "Engagements Quartiers 2030"). */
@Entity("contrat_de_ville")
@ObjectType({ implements: Node, description: 'A contrat de ville, the city-policy contract of a territory ("Engagements Quartiers 2030" for 2024-2030).' })
export class ContratDeVille extends TrackedRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "text" })
  @Field({ description: "Name of the contract." })
  name: string;

  @Column({ type: "text" })
  departmentCode: string;

  @Column({ type: "text", nullable: true })
  epciSiren: string | null;

  @Column({ type: "text", nullable: true })
  communeInseeCode: string | null;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "First year of the period." })
  startYear: number;

  @Column({ type: "smallint" })
  @Field(() => Int, { description: "Last year of the period." })
  endYear: number;

  @Column({ type: "date", nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: "Date of signature." })
  signedOn: string | null;

  get nodeId(): string {
    return toGlobalId("ContratDeVille", this.id);
  }
}
