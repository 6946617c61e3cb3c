import { Field, ObjectType } from "type-graphql";

/** Relay page information. */
@ObjectType({ description: "Where a page sits in its list (Relay cursor connections)." })
export class PageInfo {
  @Field({ description: "Whether more items follow this page; pass `endCursor` as `after` to get them." })
  hasNextPage: boolean;

  @Field({ description: "Always false: lists are paged forward only, from `after`." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of the page." })
  endCursor: string | null;
}
