import { startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

let server: TestServer;

type Edge<T> = { node: T };
type Link = { weight: number; kinds: Set<string> };

/** Reads a whole top-level list through the API. */
async function readAll<T>(field: string, selection: string, args = ""): Promise<T[]> {
  return (await readAllPages<T>(server, field, selection, { args })).nodes;
}

/** The cooperation graph recomputed in the test from projects, events, fundings and memberships read through the API. */
let graph: Map<string, Map<string, Link>>;
let organizations: {
  id: string; __typename: string; commune: { department: { code: string } } | null;
  qpvs: { qpv: { code: string } }[]; themes: { code: string }[]; networks: { id: string; network: { id: string } }[];
}[];

function addPiece(pieces: Set<string>, a: string, b: string, kind: string, item: string) {
  if (a === b) return;
  pieces.add(`${a}|${b}|${kind}|${item}`);
  pieces.add(`${b}|${a}|${kind}|${item}`);
}

beforeAll(async () => {
  server = await startTestServer("cooperation");
  const projects = await readAll<any>("projects", "id participants { organization { id } } fundings { id funder { id } }");
  const events = await readAll<any>("events", "id organizers { id }");
  organizations = await readAll<any>("organizations", "id __typename commune { department { code } } qpvs { qpv { code } } themes { code } networks { id network { id } }");
  const pieces = new Set<string>();
  for (const p of projects) {
    const ids = p.participants.map((x: any) => x.organization.id);
    for (const a of ids) for (const b of ids) addPiece(pieces, a, b, "PROJECT", p.id);
    for (const f of p.fundings) for (const b of ids) addPiece(pieces, f.funder.id, b, "FUNDING", f.id);
  }
  for (const e of events) {
    const ids = e.organizers.map((x: any) => x.id);
    for (const a of ids) for (const b of ids) addPiece(pieces, a, b, "EVENT", e.id);
  }
  for (const o of organizations) for (const m of o.networks) addPiece(pieces, o.id, m.network.id, "MEMBERSHIP", m.id);
  graph = new Map();
  for (const piece of pieces) {
    const [a, b, kind] = piece.split("|");
    const links = graph.get(a) ?? new Map<string, Link>();
    const link = links.get(b) ?? { weight: 0, kinds: new Set<string>() };
    link.weight += 1;
    link.kinds.add(kind);
    links.set(b, link);
    graph.set(a, links);
  }
});

afterAll(async () => {
  await server?.stop();
});

/** Breadth-first distances from roots in the recomputed graph. */
function distances(roots: string[], maxDepth: number): Map<string, number> {
  const depth = new Map(roots.map((r) => [r, 0]));
  let frontier = roots;
  for (let level = 1; level <= maxDepth; level++) {
    const next: string[] = [];
    for (const id of frontier) for (const partner of graph.get(id)?.keys() ?? []) {
      if (!depth.has(partner)) {
        depth.set(partner, level);
        next.push(partner);
      }
    }
    frontier = next;
  }
  return depth;
}

describe("cooperation links", () => {
  it("lists, for any organisation, exactly the partners, kinds and weights its projects, events, fundings and memberships make", async () => {
    const sample = organizations.filter((o) => graph.has(o.id)).filter((_, i) => i % 15 === 0);
    expect(sample.length).toBeGreaterThan(10);
    for (const org of sample) {
      const { data } = await server.post(`query ($id: ID!) { node(id: $id) { ... on Organization {
        cooperationLinks(first: 100) { totalCount edges { node { weight kinds partner { id } organization { id } } } } } } }`, { id: org.id });
      const links = data.node.cooperationLinks;
      const expected = graph.get(org.id)!;
      expect(links.totalCount).toBe(expected.size);
      const weights = links.edges.map((e: Edge<any>) => e.node.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      for (const { node } of links.edges) {
        expect(node.organization.id).toBe(org.id);
        const link = expected.get(node.partner.id)!;
        expect(link).toBeDefined();
        expect(node.weight).toBe(link.weight);
        expect(node.kinds).toEqual([...link.kinds].sort());
      }
    }
  });

  it("filters links by kind", async () => {
    const org = organizations.find((o) => [...(graph.get(o.id)?.values() ?? [])].some((l) => l.kinds.has("MEMBERSHIP")))!;
    const { data } = await server.post(`query ($id: ID!) { node(id: $id) { ... on Organization {
      cooperationLinks(first: 100, filter: { kinds: [MEMBERSHIP] }) { totalCount edges { node { kinds } } } } } }`, { id: org.id });
    const expected = [...graph.get(org.id)!.values()].filter((l) => l.kinds.has("MEMBERSHIP")).length;
    expect(data.node.cooperationLinks.totalCount).toBe(expected);
    for (const { node } of data.node.cooperationLinks.edges) expect(node.kinds).toContain("MEMBERSHIP");
  });
});

describe("cooperationNetwork", () => {
  it("returns every organisation within the depth, with its distance, and every link among them once", async () => {
    const root = organizations.find((o) => o.__typename === "Association" && (graph.get(o.id)?.size ?? 0) >= 3)!;
    const { data, errors } = await server.post(`query ($root: ID!) { cooperationNetwork(roots: [$root], depth: 2, maxNodes: 500) {
      nodes { depth degree organization { id } } edges { source target weight kinds } } }`, { root: root.id });
    expect(errors).toBeUndefined();
    const expected = distances([root.id], 2);
    const nodes = data.cooperationNetwork.nodes;
    expect(new Map(nodes.map((n: any) => [n.organization.id, n.depth]))).toEqual(expected);
    const ids = new Set(expected.keys());
    const expectedEdges = new Set<string>();
    for (const a of ids) for (const b of graph.get(a)?.keys() ?? []) if (ids.has(b) && a < b) expectedEdges.add(`${a}|${b}`);
    const edges = data.cooperationNetwork.edges.map((e: any) => [e.source, e.target].sort().join("|"));
    expect(new Set(edges)).toEqual(expectedEdges);
    expect(edges).toHaveLength(expectedEdges.size);
    const degree = new Map<string, number>();
    for (const e of edges) for (const id of e.split("|")) degree.set(id, (degree.get(id) ?? 0) + 1);
    for (const n of nodes) expect(n.degree).toBe(degree.get(n.organization.id) ?? 0);
  });

  it("refuses a network larger than maxNodes, and bad depths", async () => {
    const hub = [...graph.entries()].sort((a, b) => b[1].size - a[1].size)[0][0];
    const tooLarge = await server.post(`query ($id: ID!) { cooperationNetwork(roots: [$id], depth: 2, maxNodes: 10) { nodes { depth } } }`, { id: hub });
    expect(tooLarge.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "TOO_LARGE" });
    for (const [depth, maxNodes, argument] of [[4, 10, "depth"], [0, 10, "depth"], [1, 501, "maxNodes"]] as const) {
      const bad = await server.post(`query ($id: ID!) { cooperationNetwork(roots: [$id], depth: ${depth}, maxNodes: ${maxNodes}) { nodes { depth } } }`, { id: hub });
      expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "OUT_OF_RANGE", argument });
    }
    const unknown = await server.post(`query ($id: ID!) { cooperationNetwork(roots: [$id]) { nodes { depth } } }`,
      { id: Buffer.from("Association:999999").toString("base64url") });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNKNOWN_REFERENCE", argument: "roots.0" });
  });
});

describe("cooperationPath", () => {
  it("finds a shortest chain, made of real links, between organisations of different areas", async () => {
    const connected = [...graph.keys()];
    const from = connected[0];
    const reachable = distances([from], 8);
    const far = [...reachable.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    expect(far[1]).toBeGreaterThanOrEqual(3);
    const { data } = await server.post(`query ($from: ID!, $to: ID!) { cooperationPath(from: $from, to: $to, maxLength: 8) {
      length organizations { id } edges { source target weight } } }`, { from, to: far[0] });
    const path = data.cooperationPath;
    expect(path.length).toBe(far[1]);
    expect(path.organizations.map((o: any) => o.id)[0]).toBe(from);
    expect(path.organizations.map((o: any) => o.id)[path.length]).toBe(far[0]);
    path.edges.forEach((edge: any, i: number) => {
      expect(edge.source).toBe(path.organizations[i].id);
      expect(edge.target).toBe(path.organizations[i + 1].id);
      expect(graph.get(edge.source)!.get(edge.target)!.weight).toBe(edge.weight);
    });
    const tooShort = await server.post(`query ($from: ID!, $to: ID!) { cooperationPath(from: $from, to: $to, maxLength: ${far[1] - 1}) { length } }`,
      { from, to: far[0] });
    expect(tooShort.data.cooperationPath).toBeNull();
    const same = await server.post(`query ($id: ID!) { cooperationPath(from: $id, to: $id) { length organizations { id } edges { source } } }`, { id: from });
    expect(same.data.cooperationPath).toEqual({ length: 0, organizations: [{ id: from }], edges: [] });
  });
});

describe("cooperationHubs", () => {
  it("ranks the organisations of a territory by number of partners", async () => {
    const { data } = await server.post(`{ cooperationHubs(first: 5, filter: { departmentCodes: ["59"] }) { partnerCount weight organization { id } } }`);
    const inNord = organizations.filter((o) => o.commune?.department.code === "59" && graph.has(o.id));
    const expected = inNord
      .map((o) => ({ id: o.id, partners: graph.get(o.id)!.size, weight: [...graph.get(o.id)!.values()].reduce((s, l) => s + l.weight, 0) }))
      .sort((a, b) => b.partners - a.partners || b.weight - a.weight);
    expect(data.cooperationHubs).toHaveLength(5);
    data.cooperationHubs.forEach((hub: any, i: number) => {
      expect(hub.partnerCount).toBe(expected[i].partners);
      expect(hub.weight).toBe(expected[i].weight);
      expect(graph.get(hub.organization.id)!.size).toBe(hub.partnerCount);
    });
  });
});

describe("partnerSuggestions", () => {
  it("suggests unlinked organisations sharing or neighbouring its QPVs, with matching themes, with true reasons, best first", async () => {
    const subject = organizations.find((o) => o.__typename === "Association" && o.qpvs.length && o.themes.length && graph.has(o.id))!;
    const { data, errors } = await server.post(`query ($id: ID!) { partnerSuggestions(organizationId: $id, first: 20, radiusMeters: 3000) {
      score organization { id } reasons { kind distanceMeters qpv { code } theme { code } } } }`, { id: subject.id });
    expect(errors).toBeUndefined();
    const suggestions = data.partnerSuggestions;
    expect(suggestions.length).toBeGreaterThan(0);
    const subjectQpvs = new Set(subject.qpvs.map((p) => p.qpv.code));
    const subjectThemes = new Set(subject.themes.map((t) => t.code));
    const byId = new Map(organizations.map((o) => [o.id, o]));
    let previous = Infinity;
    for (const suggestion of suggestions) {
      const candidate = byId.get(suggestion.organization.id)!;
      expect(candidate.id).not.toBe(subject.id);
      expect(graph.get(subject.id)!.has(candidate.id)).toBe(false);
      expect(suggestion.score).toBeLessThanOrEqual(previous);
      previous = suggestion.score;
      const candidateQpvs = new Set(candidate.qpvs.map((p) => p.qpv.code));
      const candidateThemes = new Set(candidate.themes.map((t) => t.code));
      const kinds = suggestion.reasons.map((r: any) => r.kind);
      expect(kinds.some((k: string) => k === "SAME_QPV" || k === "NEARBY_QPV")).toBe(true);
      expect(kinds.some((k: string) => k === "SHARED_THEME" || k === "COMPLEMENTARY_THEME")).toBe(true);
      let score = 0;
      let nearest = Infinity;
      const same = suggestion.reasons.filter((r: any) => r.kind === "SAME_QPV").length;
      for (const reason of suggestion.reasons) {
        if (reason.kind === "SAME_QPV") {
          expect(subjectQpvs.has(reason.qpv.code) && candidateQpvs.has(reason.qpv.code)).toBe(true);
          score += 3;
        } else if (reason.kind === "NEARBY_QPV") {
          expect(candidateQpvs.has(reason.qpv.code) && !subjectQpvs.has(reason.qpv.code)).toBe(true);
          expect(reason.distanceMeters).toBeLessThanOrEqual(3000);
          nearest = Math.min(nearest, reason.distanceMeters);
        } else if (reason.kind === "SHARED_THEME") {
          expect(subjectThemes.has(reason.theme.code) && candidateThemes.has(reason.theme.code)).toBe(true);
          score += 2;
        } else {
          expect(candidateThemes.has(reason.theme.code) && !subjectThemes.has(reason.theme.code)).toBe(true);
          score += 1;
        }
      }
      if (same === 0 && nearest < Infinity) score += 1.5 * (1 - nearest / 3001);
      expect(suggestion.score).toBeCloseTo(score, 1);
    }
  });

  it("suggests participants for a project, leaving out those already in it", async () => {
    const { data: projects } = await server.post(`{ projects(first: 20, filter: { statuses: [ACTIVE, PROPOSED] }) { edges { node { id participants { organization { id } } } } } }`);
    let checked = 0;
    for (const { node: project } of projects.projects.edges) {
      const { data } = await server.post(`query ($id: ID!) { partnerSuggestions(projectId: $id, first: 10) { score organization { id } } }`, { id: project.id });
      const participants = new Set(project.participants.map((p: any) => p.organization.id));
      for (const s of data.partnerSuggestions) expect(participants.has(s.organization.id)).toBe(false);
      checked += data.partnerSuggestions.length;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("needs exactly one subject", async () => {
    const none = await server.post(`{ partnerSuggestions { score } }`);
    expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MALFORMED" });
  });
});
