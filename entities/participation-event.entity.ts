import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { GeoPoint } from "../schema/geo-point.type";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";
import { DateTimeScalar } from "../schema/scalars";
import { ArchivableRecord } from "./tracked-record";
import { EventKind, AccessibilityFeature } from "../schema/enums/activity-enums";

/** Counted attendance: residents are counted, never named. */
@ObjectType({ description: "Attendance counted at an event. Residents are counted, never named." })
export class Attendance {
  @Field(() => Int, { nullable: true, description: "Residents who attended." })
  residents: number | null;

  @Field(() => Int, { nullable: true, description: "Associations represented." })
  associations: number | null;

  @Field(() => Int, { nullable: true, description: "Everyone who attended." })
  total: number | null;
}

/** A residents' participation event. */
@Entity("participation_event")
@ObjectType({ implements: Node, description: "A residents' participation event (conseil citoyen, public meeting, workshop...)." })
export class ParticipationEvent extends ArchivableRecord implements Node {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "text" })
  @Field({ description: "Title." })
  title: string;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Description." })
  description: string | null;

  @Column({ type: "text" })
  @Field(() => EventKind, { description: "Kind of event." })
  kind: EventKind;

  @Column({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "Start, shown in Europe/Paris time." })
  startsAt: Date;

  @Column({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "End, shown in Europe/Paris time." })
  endsAt: Date;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Name of the venue." })
  venueName: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Street address of the venue." })
  venueAddress: string | null;

  @Column({ type: "text" })
  communeInseeCode: string;

  @Column({ type: "double precision", nullable: true })
  latitude: number | null;

  @Column({ type: "double precision", nullable: true })
  longitude: number | null;

  @Column({ type: "text", nullable: true })
  qpvCode: string | null;

  @Column({ type: "integer", nullable: true })
  projectId: number | null;

  @Column({ type: "integer", nullable: true })
  residentsCount: number | null;

  @Column({ type: "integer", nullable: true })
  associationsCount: number | null;

  @Column({ type: "integer", nullable: true })
  totalCount: number | null;

  @Column({ type: "text", array: true })
  @Field(() => [AccessibilityFeature], { description: "Accessibility features offered." })
  accessibility: AccessibilityFeature[];

  @Column({ type: "boolean", default: false })
  @Field({ description: "A draft is seen only by those responsible for it (admins, officers of its territory, its organisers' editors) and counted nowhere until published." })
  draft: boolean;

  @Field(() => GeoPoint, { nullable: true, description: "Location of the venue." })
  get location(): GeoPoint | null {
    return GeoPoint.of(this.latitude, this.longitude);
  }

  @Field(() => Attendance, { description: "Attendance counted (residents are counted, never named)." })
  get attendance(): Attendance {
    return Object.assign(new Attendance(), {
      residents: this.residentsCount,
      associations: this.associationsCount,
      total: this.totalCount,
    });
  }

  get nodeId(): string {
    return toGlobalId("ParticipationEvent", this.id);
  }
}
