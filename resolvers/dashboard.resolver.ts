import { Resolver } from "type-graphql";

/** Dashboards of the 4 stakes (issue 4, being built). */
@Resolver()
export class DashboardResolver {}
