import { GraphQLClient } from "graphql-request";
import { openDatabase } from "../server/database/data-source";
import { ServerProcess, spawnServer } from "./support/server-process";
import { cloneTemplate } from "./support/test-database";

const COUNTS = `{ associations(first: 1) { totalCount } projects(first: 1) { totalCount } events(first: 1) { totalCount } qpvs(first: 1) { totalCount } }`;

describe("server process", () => {
  it("stops cleanly on SIGTERM and SIGINT, and restarts on the same data without reloading or losing anything", async () => {
    const database = await cloneTemplate("lifecycle");
    const env: Record<string, string> = database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { MAILLAGE_DATA_DIR: database.dataDir };
    const servers: ServerProcess[] = [];
    try {
      const first = await spawnServer(env);
      servers.push(first);
      const before = await new GraphQLClient(first.url).request<any>(COUNTS);
      expect(before.qpvs.totalCount).toBe(1584);
      expect(before.associations.totalCount).toBeGreaterThan(0);
      first.signal("SIGTERM");
      expect(await first.exited).toBe(0);
      expect(first.lines.join("\n")).toContain('"signal":"SIGTERM"');

      const second = await spawnServer(env);
      servers.push(second);
      // Reference and demo data are already there: start-up does not load them again.
      expect(second.lines.join("\n")).not.toMatch(/reference data loaded|demo data loaded/);
      expect(await new GraphQLClient(second.url).request(COUNTS)).toEqual(before);
      second.signal("SIGINT");
      expect(await second.exited).toBe(0);

      // A clean stop leaves sequences where the rows are: no jump after restart.
      const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
      try {
        const [row] = await db.dataSource.query(
          `SELECT (SELECT max(id) FROM organization) AS max_id, (SELECT last_value FROM organization_id_seq) AS last_value`,
        );
        expect(Number(row.last_value)).toBe(Number(row.max_id));
      } finally {
        await db.close();
      }
    } finally {
      // A failed assertion must not leave a server running: jest would wait for it forever.
      for (const server of servers) await server.dispose();
      await database.drop();
    }
  });
});
