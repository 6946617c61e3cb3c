import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { DateTimeScalar } from "../schema/scalars";
import { RegistryStatus, RnaFileFormat } from "../schema/enums/rna-enums";

/**
 * What the RNA import last stored about an association, and where it came from. The import owns this
 * row; the graph only reads it.
 */
@Entity("rna_record")
@ObjectType({
  description:
    "Provenance of an association's register data: the RNA open-data file and line it was last imported from, the register's " +
    "own update time and status. Read-only: written by the RNA import (`npm run import:rna`). Source: Répertoire National des " +
    "Associations, Ministère de l'Intérieur, Licence Ouverte.",
})
export class RnaRecord {
  @PrimaryColumn({ type: "integer" })
  organizationId: number;

  @Column({ type: "text" })
  @Field(() => RnaFileFormat, { description: "Format of the file." })
  format: RnaFileFormat;

  @Column({ type: "text" })
  @Field({ description: 'Name of the file (no folder); for a zip archive, "archive.zip/entry.csv".' })
  file: string;

  @Column({ type: "integer" })
  @Field(() => Int, { description: "Line of the file where the association's row starts (the header is line 1)." })
  line: number;

  @Column({ type: "timestamptz", name: "registry_updated_at", nullable: true })
  @Field(() => DateTimeScalar, { nullable: true, description: "When the register last changed the association (its `maj_time`); null if the file gave none." })
  updatedInRegistryAt: Date | null;

  @Column({ type: "timestamptz" })
  @Field(() => DateTimeScalar, { description: "When this data was imported." })
  importedAt: Date;

  @Column({ type: "text", nullable: true })
  @Field(() => RegistryStatus, { nullable: true, description: "Status in the register; null when the file gave no known position." })
  status: RegistryStatus | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Old-style registry number, when the file gives one (`id` of rna_import, `id_ex` of rna_waldec)." })
  legacyId: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "INSEE code of the head office as published: a Paris, Lyon or Marseille district code stays one (the association's `commune` is the city); an unknown code is only kept here.",
  })
  inseeCode: string | null;

  @Column({ type: "text", nullable: true })
  districtInseeCode: string | null;

  @Column({ type: "text", nullable: true })
  @Field(() => String, { nullable: true, description: "Commune name of the head office as published." })
  communeLabel: string | null;

  @Column({ type: "text", array: true })
  @Field(() => [String], {
    description:
      'Theme codes as published (`objet_social1`, `objet_social2`; 6 digits, "000000" left out). `Association.themes` holds each ' +
      "code's theme when it is in the nomenclature, otherwise its parent theme (the first 3 digits + \"000\").",
  })
  themeCodes: string[];
}
