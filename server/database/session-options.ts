/**
 * Session settings of every PostgreSQL connection. JIT compilation off: the graph's statements are short,
 * and PostgreSQL's cost threshold sent a search's statement to JIT, which then spent 200 ms compiling
 * to save a few (the search's whole execution took 540 ms with it, 340 without).
 */
export const POSTGRES_SESSION_OPTIONS = "-c jit=off";
