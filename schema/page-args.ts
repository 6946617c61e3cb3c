import { ArgsType, Field, Int } from "type-graphql";
import { checkRange } from "./validation/ranges";
import { MaxLength } from "./string-arguments";

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Longest cursor of a list: `after` declares it, and server/queries/cursor.ts refuses longer ones. */
export const CURSOR_MAX_LENGTH = 1000;

/** Forward pagination arguments shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: `Number of items to return, 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => String, { nullable: true, description: "Cursor after which to start (an `endCursor` or edge `cursor` of the same list and order)." })
  @MaxLength(CURSOR_MAX_LENGTH)
  after?: string | null;
}

/** Rejects a page size outside 1..100 with BAD_USER_INPUT (reason OUT_OF_RANGE). */
export function checkPageSize(first: number, argument = "first"): number {
  return checkRange(first, 1, MAX_PAGE_SIZE, argument);
}
