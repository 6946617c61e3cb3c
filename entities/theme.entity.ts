import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../schema/global-id";
import { Node } from "../schema/node.interface";

/** A theme of the RNA nomenclature of associations' purposes ("objet social"). */
@Entity("theme")
@ObjectType({ implements: Node, description: 'A theme: a code of the RNA nomenclature of social purposes ("objet social", 6 digits).' })
export class Theme implements Node {
  @PrimaryColumn({ type: "text" })
  @Field({ description: 'Six-digit code, e.g. "006000".' })
  code: string;

  @Column({ type: "text" })
  @Field({ description: "Label in French." })
  label: string;

  @Column({ type: "text", nullable: true })
  parentCode: string | null;

  get nodeId(): string {
    return toGlobalId("Theme", this.code);
  }
}
