import { startTestServer, TestServer } from "./support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("bad-input");
});

afterAll(async () => {
  await server?.stop();
});

/** Expects one error with a stable code (and reason), no data lost, no stack trace. */
async function expectError(query: string, variables: Record<string, unknown> | undefined, expected: { status: number; code: string; reason?: string; argument?: string }) {
  const response = await server.post(query, variables);
  expect(response.status).toBe(expected.status);
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe(expected.code);
  if (expected.reason) expect(error.extensions?.reason).toBe(expected.reason);
  if (expected.argument) expect(error.extensions?.argument).toBe(expected.argument);
  expect(JSON.stringify(response)).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
  return error;
}

describe("bad input", () => {
  it("rejects a missing `first` before running anything (HTTP 400)", async () => {
    await expectError(`{ associations { totalCount } }`, undefined, { status: 400, code: "GRAPHQL_VALIDATION_FAILED" });
  });

  // Refused before any work (server/limits), hence HTTP 400 like other request errors.
  it.each([0, -1, 101, 5000])("rejects first: %i as OUT_OF_RANGE", async (first) => {
    await expectError(`query ($first: Int!) { associations(first: $first) { totalCount } }`, { first },
      { status: 400, code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument: "first" });
  });

  it("rejects malformed and foreign cursors", async () => {
    await expectError(`{ associations(first: 5, after: "not a cursor!") { totalCount } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_CURSOR", argument: "after" });
    const { data } = await server.post(`{ associations(first: 1, orderBy: { field: CREATED_AT }) { pageInfo { endCursor } } }`);
    // A cursor of another order cannot be used to page by name.
    await expectError(`query ($after: String) { associations(first: 5, after: $after) { totalCount } }`,
      { after: data.associations.pageInfo.endCursor }, { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_CURSOR" });
    const forged = Buffer.from(JSON.stringify(["NAME", "x", "1; DROP TABLE organization"])).toString("base64url");
    await expectError(`query ($after: String) { associations(first: 5, after: $after) { totalCount } }`, { after: forged },
      { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_CURSOR" });
  });

  it("rejects cursors of another list, and cursors whose values do not fit their columns", async () => {
    const { data } = await server.post(`{ associations(first: 1) { pageInfo { endCursor } } }`);
    await expectError(`query ($after: String) { communes(first: 5, after: $after) { totalCount } }`, { after: data.associations.pageInfo.endCursor },
      { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_CURSOR" });
    const forge = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const cases: [string, unknown[]][] = [
      [`projects(first: 5, orderBy: { field: START_DATE }, after: $after) { totalCount }`, ["project", "START_DATE", "2024-13-45", 1]],
      [`projects(first: 5, orderBy: { field: START_DATE }, after: $after) { totalCount }`, ["project", "START_DATE", "2023-02-29", 1]],
      [`events(first: 5, after: $after) { totalCount }`, ["event", "STARTS_AT", "2024-01-01 99:00:00+00", 1]],
      [`events(first: 5, after: $after) { totalCount }`, ["event", "STARTS_AT", "2024-01-01 10:00:00+00", 99999999999]],
      [`partners(first: 1) { edges { node { fundingsGiven(first: 5, after: $after) { totalCount } } } }`, ["funding", "YEAR", "99999", 1]],
    ];
    for (const [field, value] of cases) {
      const response = await server.post(`query ($after: String) { ${field} }`, { after: forge(value) });
      expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "INVALID_CURSOR" });
    }
  });

  it("rejects malformed global ids, and ids of the wrong type for a lookup", async () => {
    await expectError(`{ node(id: "%%%") { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_ID", argument: "id" });
    const wrongType = Buffer.from("Qpv:QN05981M").toString("base64url");
    await expectError(`query ($id: ID!) { project(id: $id) { id } }`, { id: wrongType }, { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_ID" });
    const unknownType = Buffer.from("Person:1").toString("base64url");
    await expectError(`query ($id: ID!) { node(id: $id) { id } }`, { id: unknownType }, { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_ID" });
    await expectError(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array(101).fill("x") },
      { status: 400, code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument: "ids" });
    // Keys beyond their column's range are malformed ids, not database errors.
    await expectError(`query ($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from("Stake:40000").toString("base64url") },
      { status: 200, code: "BAD_USER_INPUT", reason: "INVALID_ID" });
  });

  it("nulls only the malformed items of nodes(ids:)", async () => {
    const stake = Buffer.from("Stake:2").toString("base64url");
    const response = await server.post(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [stake, "%%%", stake] });
    expect(response.data.nodes).toEqual([{ id: stake }, null, { id: stake }]);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ["nodes", 1], extensions: { code: "BAD_USER_INPUT", reason: "INVALID_ID", argument: "ids.1" } });
  });

  it("rejects unknown and malformed codes in filters", async () => {
    await expectError(`{ associations(first: 5, filter: { qpvCodes: ["QN99999Z"] }) { totalCount } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "UNKNOWN_REFERENCE", argument: "filter.qpvCodes" });
    await expectError(`{ associations(first: 5, filter: { communeInseeCodes: ["5951"] }) { totalCount } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "filter.communeInseeCodes" });
    await expectError(`{ events(first: 5, filter: { departmentCodes: ["2C"] }) { totalCount } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "filter.departmentCodes" });
    await expectError(`{ projects(first: 5, filter: { stakeNumbers: [5] }) { totalCount } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument: "filter.stakeNumbers" });
    await expectError(`{ qpv(code: "Roubaix") { code } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "code" });
    await expectError(`{ commune(inseeCode: "Roubaix") { name } }`, undefined,
      { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "inseeCode" });
  });

  it("answers null, not an error, for well-formed keys that match nothing", async () => {
    const { data, errors } = await server.post(`{ qpv(code: "QN59999Z") { code } commune(inseeCode: "00000") { name } association(rna: "W000000000") { id } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ qpv: null, commune: null, association: null });
  });

  it("rejects an invalid date-time and enum values as variables (HTTP 400)", async () => {
    await expectError(`query ($t: DateTime) { events(first: 5, filter: { startsAfter: $t }) { totalCount } }`, { t: "yesterday" },
      { status: 400, code: "BAD_USER_INPUT" });
    await expectError(`query ($s: [ProjectStatus!]) { projects(first: 5, filter: { statuses: $s }) { totalCount } }`, { s: ["FINISHED"] },
      { status: 400, code: "BAD_USER_INPUT" });
    for (const t of ["0000-01-01T00:00:00Z", "2026-02-30T10:00:00+01:00", "2026-03-12T24:00:00Z", "2026-03-12T10:00:00+25:00"]) {
      await expectError(`query ($t: DateTime) { events(first: 5, filter: { startsAfter: $t }) { totalCount } }`, { t }, { status: 400, code: "BAD_USER_INPUT" });
    }
  });

  it("rejects syntax errors and unknown fields (HTTP 400)", async () => {
    await expectError(`{ associations(first: 5) { `, undefined, { status: 400, code: "GRAPHQL_PARSE_FAILED" });
    const error = await expectError(`{ associations(first: 5) { salary } }`, undefined, { status: 400, code: "GRAPHQL_VALIDATION_FAILED" });
    expect(error.message).toContain("salary");
  });

  it("rejects malformed SIRET and RNA numbers in lookups", async () => {
    await expectError(`{ association(siret: "abc") { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "siret" });
    await expectError(`{ partner(siret: "73282932000075") { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "siret" });
    await expectError(`{ association(rna: "W59 5000001") { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED", argument: "rna" });
  });

  it("rejects a lookup with no key or two keys", async () => {
    await expectError(`{ association { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED" });
    await expectError(`{ association(rna: "W595000001", siret: "73282932000074") { id } }`, undefined, { status: 200, code: "BAD_USER_INPUT", reason: "MALFORMED" });
  });

  it("answers a body that is not JSON with HTTP 400, not a 500", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
