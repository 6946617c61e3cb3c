import { Resolver } from "type-graphql";

/** Search across the graph (issue 4, being built). */
@Resolver()
export class SearchResolver {}
