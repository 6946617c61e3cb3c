import { ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/** One territory a partner covers: a région, a département, an EPCI or a commune (exactly one). */
@Entity("partner_coverage")
@ObjectType({ description: "A territory a partner covers: exactly one of région, département, EPCI or commune is set." })
export class PartnerCoverage {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  partnerId: number;

  @Column({ type: "text", nullable: true })
  regionCode: string | null;

  @Column({ type: "text", nullable: true })
  departmentCode: string | null;

  @Column({ type: "text", nullable: true })
  epciSiren: string | null;

  @Column({ type: "text", nullable: true })
  communeInseeCode: string | null;
}
