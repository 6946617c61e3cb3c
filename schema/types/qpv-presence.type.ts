import { Field, ObjectType, registerEnumType } from "type-graphql";

/** How an organisation is present in a QPV. */
export enum QpvPresenceKind {
  BASED = "BASED",
  ACTIVE = "ACTIVE",
}
registerEnumType(QpvPresenceKind, {
  name: "QpvPresenceKind",
  description: "How an organisation is present in a QPV.",
  valuesConfig: { BASED: { description: "Its head office is in the QPV." }, ACTIVE: { description: "It works in the QPV." } },
});

/** An organisation's presence in one QPV. */
@ObjectType({ description: "An organisation's presence in a QPV: based there or active there." })
export class QpvPresence {
  @Field(() => QpvPresenceKind, { description: "Based (head office) or active." })
  presence: QpvPresenceKind;

  qpvCode: string;
}
