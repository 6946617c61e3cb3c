import { Field, ObjectType, registerEnumType } from "type-graphql";

/** How an organisation is present in a QPV. */
export enum QpvPresenceKind {
  BASED = "BASED",
  ACTIVE = "ACTIVE",
  POSSIBLY_BASED = "POSSIBLY_BASED",
}
registerEnumType(QpvPresenceKind, {
  name: "QpvPresenceKind",
  description: "How an organisation is present in a QPV.",
  valuesConfig: {
    BASED: { description: "Its head office is in the QPV." },
    ACTIVE: { description: "It works in the QPV." },
    POSSIBLY_BASED: {
      description:
        "Its head office is in a commune that has this QPV, but where exactly is unknown (what the RNA register tells: it has no " +
        "coordinates). Only listed by `Organization.qpvs(includePossiblyBased: true)`; QPV lists, filters and dashboards leave it out.",
    },
  },
});

/** An organisation's presence in one QPV. */
@ObjectType({ description: "An organisation's presence in a QPV: based there, active there, or possibly based there." })
export class QpvPresence {
  @Field(() => QpvPresenceKind, { description: "Based (head office), active, or possibly based (head office in a commune of the QPV)." })
  presence: QpvPresenceKind;

  qpvCode: string;
}
