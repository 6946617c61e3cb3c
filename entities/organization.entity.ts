import { Field, Int, InterfaceType } from "type-graphql";
import { DateTimeScalar } from "../schema/scalars";
import { Column, Entity, PrimaryGeneratedColumn, TableInheritance } from "typeorm";
import { GeoPoint } from "../schema/geo-point.type";
import { Node } from "../schema/node.interface";
import { ArchivableRecord } from "./tracked-record";

/** Whether an organisation is an association or an institutional partner. */
export type OrganizationKind = "ASSOCIATION" | "PARTNER";

/**
 * Anything that can cooperate: associations and partners share one table (single-table
 * inheritance on `kind`), so participants, organisers, funders, signatories and members
 * all reference one organisation id.
 */
@Entity("organization")
@TableInheritance({ column: { type: "text", name: "kind" } })
@InterfaceType({
  implements: Node,
  description: "An organisation that can cooperate: an association or an institutional partner.",
  // No resolveType: records are hydrated as Association or Partner by `kind`, and type-graphql's own
  // (by class) answers at once, where a resolveType of ours would be wrapped to answer a promise.
})
export abstract class Organization extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "text" })
  kind: OrganizationKind;

  @Column({ type: "text" })
  @Field({ description: "Name." })
  name: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Short name or acronym." })
  shortName: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "SIREN number (9 digits), when registered." })
  siren: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "SIRET number of the head office (14 digits), when registered." })
  siret: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Street address of the head office." })
  address: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Postal code of the head office." })
  postalCode: string | null;

  @Column({ type: "text", nullable: true })
  communeInseeCode: string | null;

  @Column({ type: "double precision", nullable: true })
  latitude: number | null;

  @Column({ type: "double precision", nullable: true })
  longitude: number | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Website." })
  website: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Public contact email of the organisation (never a person's private address)." })
  email: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Public contact phone number of the organisation." })
  phone: string | null;

  // An interface does not inherit fields from an object-type base class: declare the tracked ones here.
  @Field(() => DateTimeScalar, { description: "When the record was created." })
  override createdAt: Date;

  @Field(() => DateTimeScalar, { description: "When the record last changed." })
  override updatedAt: Date;

  @Field(() => Int, { description: "Version, incremented by each change; send it back with an update to detect conflicts." })
  override version: number;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the record was archived, or null. Archived records are left out of lists; a lookup by id still returns them." })
  override archivedAt: Date | null;

  @Field(() => GeoPoint, { nullable: true, description: "Location of the head office." })
  get location(): GeoPoint | null {
    return GeoPoint.of(this.latitude, this.longitude);
  }

  abstract get nodeId(): string;
}
