import { Resolver } from "type-graphql";

/** Geography: point in QPV, distances, neighbouring QPVs (issue 4, being built). */
@Resolver()
export class GeographyResolver {}
