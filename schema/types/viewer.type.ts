import { Field, ObjectType, registerEnumType } from "type-graphql";

/** The roles of server/access/viewer.ts, plus ANONYMOUS. */
export enum ViewerRole {
  ANONYMOUS = "ANONYMOUS",
  ADMIN = "ADMIN",
  POLICY_OFFICER = "POLICY_OFFICER",
  FEDERATION_MANAGER = "FEDERATION_MANAGER",
  ASSOCIATION_EDITOR = "ASSOCIATION_EDITOR",
}
registerEnumType(ViewerRole, {
  name: "ViewerRole",
  description: "What a request is allowed, from its bearer token's `maillage_role` claim.",
  valuesConfig: {
    ANONYMOUS: { description: "No bearer token: reads the public graph." },
    ADMIN: { description: "Platform administrator." },
    POLICY_OFFICER: { description: "Policy officer of a city, an EPCI or the State, working on the territories of `territories`." },
    FEDERATION_MANAGER: { description: "Manager of a network (fédération, union, tête de réseau) whose head is `organization`." },
    ASSOCIATION_EDITOR: { description: "Editor of the association `organization`." },
  },
});

/** Who is asking, as the graph shows it; the fields other than `role` are resolved in resolvers/viewer.resolver.ts. */
@ObjectType("Viewer", {
  description:
    "Who is asking: the identity a verified bearer token grants (`Authorization: Bearer <token>`), or ANONYMOUS without a token.",
})
export class ViewerType {
  @Field(() => ViewerRole, { description: "The viewer's role." })
  role: ViewerRole;
}
