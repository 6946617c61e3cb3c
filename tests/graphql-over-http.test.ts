import { serverAudits } from "graphql-http";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * The GraphQL over HTTP specification's audit suite (graphql-http), run against the real server.
 * Every MUST audit passes; SHOULD and MAY audits are reported by name so a regression shows, and
 * those we differ on are explained where they are listed.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer("graphql-over-http");
});
afterAll(async () => {
  await server?.stop();
});

const audits = serverAudits({ url: () => server.url });

describe("GraphQL over HTTP: MUST audits", () => {
  it.each(audits.filter((audit) => audit.name.startsWith("MUST")).map((audit) => [audit.id, audit.name, audit] as const))(
    "%s %s",
    async (_id, _name, audit) => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.status === "ok" ? undefined : result.reason }).toEqual({ status: "ok", reason: undefined });
    },
  );
});

describe("GraphQL over HTTP: SHOULD and MAY audits", () => {
  // Known differences, all from Apollo Server's own choices:
  // - GET requests without a preflight header (apollo-require-preflight, or a JSON content type) are
  //   refused by CSRF prevention, so the URL-encoded GET audits cannot pass;
  // - parse, validation and variable errors answer 400 even to `accept: application/json` clients
  //   (the audit prefers 200 there): the request was not executed, and 400 tells caches and clients so.
  const EXPECTED_DIFFERENCES = new Set(["5A70", "D6D5", "6A70", "572B", "FDE2", "7B9B"]);

  it("pass except for the known, documented differences", async () => {
    const failing: string[] = [];
    for (const audit of audits.filter((a) => !a.name.startsWith("MUST"))) {
      if ((await audit.fn()).status !== "ok") failing.push(audit.id);
    }
    expect(failing.filter((id) => !EXPECTED_DIFFERENCES.has(id))).toEqual([]);
  });
});
