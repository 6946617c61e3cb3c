import { InitialSchema1732600000000 } from "./1732600000000-initial-schema";

/** Every migration, oldest first; applied at start-up. */
export const MIGRATIONS = [InitialSchema1732600000000];
