import fs from "node:fs";
import { buildClientSchema, getIntrospectionQuery, IntrospectionQuery, isInputObjectType, isInterfaceType, isObjectType, isEnumType } from "graphql";
import { printGraphSchema, SDL_PATH } from "../server/build-schema";
import { printSubgraphSdl, SUBGRAPH_SDL_PATH } from "../server/federation/subgraph-schema";
import { startTestServer, TestServer } from "./support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("schema");
});

afterAll(async () => {
  await server?.stop();
});

describe("schema", () => {
  it("is the committed schema/schema.graphql (run `npm run schema:emit` after a change)", async () => {
    expect(fs.readFileSync(SDL_PATH, "utf8")).toBe(await printGraphSchema());
  });

  it("is the committed schema/subgraph.graphql as a federation subgraph (run `npm run schema:emit` after a change)", async () => {
    expect(fs.readFileSync(SUBGRAPH_SDL_PATH, "utf8")).toBe(await printSubgraphSdl());
  });

  it("describes every type, field, argument and enum value it serves", async () => {
    const { data } = await server.post(getIntrospectionQuery());
    const schema = buildClientSchema(data as IntrospectionQuery);
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__")) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("keeps the type and root field names clients rely on", async () => {
    const { data } = await server.post(`{ __schema { types { name } queryType { fields { name } } } }`);
    const types = data.__schema.types.map((t: { name: string }) => t.name);
    for (const name of ["Association", "Partner", "Organization", "Node", "Membership", "Region", "Department", "Epci", "Commune", "Qpv",
      "ContratDeVille", "CooperationProject", "ProjectParticipant", "Funding", "ParticipationEvent", "CharterSignature", "Stake",
      "Proposal", "GoodPractice", "Theme"]) expect(types).toContain(name);
    const fields = data.__schema.queryType.fields.map((f: { name: string }) => f.name);
    for (const name of ["node", "nodes", "associations", "association", "partners", "partner", "organizations", "projects", "project",
      "events", "event", "qpvs", "qpv", "communes", "commune", "epcis", "departments", "regions", "stakes", "goodPractices"]) expect(fields).toContain(name);
  });
});
