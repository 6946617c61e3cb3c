import { App, startApp } from "../server/app";
import { loadConfig } from "../server/config";
import { openDatabase } from "../server/database/data-source";
import { cloneTemplate } from "./support/test-database";
import { GraphQLResponse, startTestServer, TestServer } from "./support/test-server";
import { readAllPages } from "./support/read-pages";

/**
 * Geography, checked against computations made here from the data the API serves: point-in-polygon
 * by ray casting on the GeoJSON contours (lon/lat plane, as GeoJSON defines edges), distances by the
 * haversine formula on the sphere the API documents, distances between contours in a local plane.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer("geography");
});

afterAll(async () => {
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// Independent geometry

type Position = [number, number]; // [lon, lat], as in GeoJSON
type Ring = Position[];
type Polygon = Ring[];
interface QpvShape {
  code: string;
  center: { latitude: number; longitude: number };
  boundingBox: { minLongitude: number; minLatitude: number; maxLongitude: number; maxLatitude: number };
  polygons: Polygon[];
}

// Jest runs tests in a VM context, where every read of a global such as Math is slow: the geometry
// loops below use local bindings.
const { cos, hypot, max, min, sqrt, asin, sin, PI } = Math;

/** The sphere the API documents (earthdistance's earth()). */
const EARTH_RADIUS = 6378168;
const METRES_PER_DEGREE = (PI / 180) * EARTH_RADIUS;

/** Even-odd ray casting. */
function inRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inPolygon = (p: Position, polygon: Polygon) => inRing(p, polygon[0]) && !polygon.slice(1).some((hole) => inRing(p, hole));
const inQpv = (p: Position, qpv: QpvShape) => qpv.polygons.some((polygon) => inPolygon(p, polygon));

/** A position in metres on a local plane at latitude `lat0` (equirectangular: fine over a few kilometres). */
function local([lon, lat]: Position, lat0: number): Position {
  return [lon * cos((lat0 * PI) / 180) * METRES_PER_DEGREE, lat * METRES_PER_DEGREE];
}

function segmentDistance(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function* edges(qpv: QpvShape): Generator<[Position, Position]> {
  for (const polygon of qpv.polygons) for (const ring of polygon) for (let i = 0; i + 1 < ring.length; i++) yield [ring[i], ring[i + 1]];
}

/** Distance in metres from a point to the nearest edge of any of these QPVs (but `except`). */
function clearance(p: Position, qpvs: QpvShape[], except?: [Position, Position]): number {
  let best = Infinity;
  const lp = local(p, p[1]);
  for (const qpv of qpvs) {
    for (const [a, b] of edges(qpv)) {
      if (except && a === except[0] && b === except[1]) continue;
      best = min(best, segmentDistance(lp, local(a, p[1]), local(b, p[1])));
    }
  }
  return best;
}

/** Whether two segments cross at a point inside both (touching shows as a zero endpoint distance instead). */
function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => {
    const cross = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
    return cross > 0 ? 1 : cross < 0 ? -1 : 0;
  };
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** Distance in metres between two QPVs' contours: 0 when they meet; otherwise the closest vertex-to-edge distance. */
function contourDistance(a: QpvShape, b: QpvShape): number {
  if (a.polygons.some((pa) => inQpv(pa[0][0], b)) || b.polygons.some((pb) => inQpv(pb[0][0], a))) return 0;
  const lat0 = (a.center.latitude + b.center.latitude) / 2;
  const withBox = ([p, q]: [Position, Position]) => {
    const [lp, lq] = [local(p, lat0), local(q, lat0)];
    return { p: lp, q: lq, box: [min(lp[0], lq[0]), min(lp[1], lq[1]), max(lp[0], lq[0]), max(lp[1], lq[1])] };
  };
  const ea = [...edges(a)].map(withBox);
  const eb = [...edges(b)].map(withBox);
  let best = Infinity;
  for (const { p, q, box: ba } of ea) {
    for (const { p: r, q: s, box: bb } of eb) {
      // Edges whose boxes are farther apart than the best distance so far cannot improve it.
      if (hypot(max(0, bb[0] - ba[2], ba[0] - bb[2]), max(0, bb[1] - ba[3], ba[1] - bb[3])) >= best) continue;
      if (segmentsCross(p, q, r, s)) return 0;
      best = min(best, segmentDistance(p, r, s), segmentDistance(q, r, s), segmentDistance(r, p, q), segmentDistance(s, p, q));
    }
  }
  return best;
}

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = PI / 180;
  const h = sin(((lat2 - lat1) * rad) / 2) ** 2 + cos(lat1 * rad) * cos(lat2 * rad) * sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS * asin(min(1, sqrt(h)));
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Reading through the API

async function ok(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await server.post(query, variables);
  expect(response.errors).toBeUndefined();
  return response;
}

/** Every node of a root list, page by page. */
async function readAll<T>(field: string, selection: string): Promise<T[]> {
  return (await readAllPages<T>(server, field, selection)).nodes;
}

let allQpvs: Promise<QpvShape[]> | undefined;

/** Every QPV with its contour, read once for the file. */
function qpvShapes(): Promise<QpvShape[]> {
  return (allQpvs ??= readAll<any>("qpvs", "code center { latitude longitude } boundingBox { minLongitude minLatitude maxLongitude maxLatitude } geometry")
    .then((nodes) => nodes.map((n) => ({ code: n.code, center: n.center, boundingBox: n.boundingBox, polygons: n.geometry.coordinates }))));
}

function inBox(p: Position, qpv: QpvShape, marginDegrees = 0): boolean {
  const b = qpv.boundingBox;
  return p[0] >= b.minLongitude - marginDegrees && p[0] <= b.maxLongitude + marginDegrees
    && p[1] >= b.minLatitude - marginDegrees && p[1] <= b.maxLatitude + marginDegrees;
}

/** QPVs whose contour contains the point, by ray casting. */
function containing(p: Position, qpvs: QpvShape[]): string[] {
  return qpvs.filter((q) => inBox(p, q) && inQpv(p, q)).map((q) => q.code);
}

/** QPVs whose edges could pass within ~150 m of the point. */
const near = (p: Position, qpvs: QpvShape[]) => qpvs.filter((q) => inBox(p, q, 0.002));

/** QPVs whose bounding box meets this one's (grown by ~150 m): every QPV an edge of it could be near. */
function around(qpv: QpvShape, qpvs: QpvShape[]): QpvShape[] {
  const a = qpv.boundingBox;
  const m = 0.002;
  return qpvs.filter(({ boundingBox: b }) => b.minLongitude <= a.maxLongitude + m && b.maxLongitude >= a.minLongitude - m
    && b.minLatitude <= a.maxLatitude + m && b.maxLatitude >= a.minLatitude - m);
}

/** `qpvAt` for many points, 100 aliases per request (each request is one SQL statement: the loader batches). */
async function qpvAtMany(points: Position[]): Promise<(string | null)[]> {
  const results: (string | null)[] = [];
  for (let start = 0; start < points.length; start += 100) {
    const chunk = points.slice(start, start + 100);
    const fields = chunk.map(([lon, lat], i) => `p${i}: qpvAt(latitude: ${lat}, longitude: ${lon}) { code }`).join("\n");
    const { data, extensions } = await ok(`{ ${fields} }`);
    expect(extensions?.diagnostics?.sqlStatements).toBe(1);
    results.push(...chunk.map((_, i) => data[`p${i}`]?.code ?? null));
  }
  return results;
}

/**
 * A point inside a polygon, at least `margin` metres from every edge of these QPVs: `preferred` (the
 * QPV's centre) or the polygon's centroid if either will do, else a point next to one of its edges.
 */
function interiorPoint(polygon: Polygon, neighbourhood: QpvShape[], margin = 1, preferred?: Position): Position | null {
  const ring = polygon[0];
  let area = 0, cx = 0, cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    area += cross;
    cx += (ring[i][0] + ring[i + 1][0]) * cross;
    cy += (ring[i][1] + ring[i + 1][1]) * cross;
  }
  const candidates: Position[] = [...(preferred ? [preferred] : []), ...(area ? [[cx / (3 * area), cy / (3 * area)] as Position] : [])];
  for (let i = 0; i + 1 < ring.length; i++) {
    for (const offset of [2, -2, 5, -5, 20, -20]) candidates.push(...offsetFromEdge(ring[i], ring[i + 1], offset));
  }
  return candidates.find((p) => inPolygon(p, polygon) && clearance(p, neighbourhood) >= margin) ?? null;
}

/** The midpoint of an edge moved `metres` along its left normal (nothing for an edge under 2 m). */
function offsetFromEdge(a: Position, b: Position, metres: number): Position[] {
  const lat0 = (a[1] + b[1]) / 2;
  const [la, lb] = [local(a, lat0), local(b, lat0)];
  const length = hypot(lb[0] - la[0], lb[1] - la[1]);
  if (length < 2) return [];
  const [nx, ny] = [-(lb[1] - la[1]) / length, (lb[0] - la[0]) / length];
  const mid = [(la[0] + lb[0]) / 2 + nx * metres, (la[1] + lb[1]) / 2 + ny * metres];
  return [[mid[0] / (cos((lat0 * PI) / 180) * METRES_PER_DEGREE), mid[1] / METRES_PER_DEGREE]];
}

// ---------------------------------------------------------------------------------------------

describe("qpvAt", () => {
  it("finds every QPV at a point inside it (its centre when inside, else a point next to an edge)", async () => {
    const qpvs = await qpvShapes();
    expect(qpvs).toHaveLength(1584);
    const cases = qpvs.map((qpv) => ({
      qpv,
      point: interiorPoint(qpv.polygons[0], around(qpv, qpvs), 1, [qpv.center.longitude, qpv.center.latitude]),
    }));
    expect(cases.filter((c) => !c.point).map((c) => c.qpv.code)).toEqual([]);
    // The centre (the contour's centroid) is inside most QPVs, not all (concave shapes): both ways of
    // choosing a point are exercised.
    const centreInside = qpvs.filter((q) => inQpv([q.center.longitude, q.center.latitude], q)).length;
    expect(centreInside).toBeGreaterThan(1000);
    expect(centreInside).toBeLessThan(1584);
    const found = await qpvAtMany(cases.map((c) => c.point!));
    cases.forEach(({ qpv, point }, i) => {
      const expected = containing(point!, qpvs);
      expect(expected).toContain(qpv.code);
      // Where two contours overlap (a sliver, from rounding), either QPV is a right answer.
      if (expected.length === 1) expect({ point, code: found[i] }).toEqual({ point, code: qpv.code });
      else expect(expected).toContain(found[i]);
    });
  });

  it("finds a multi-polygon QPV from a point in a polygon other than its first", async () => {
    const qpvs = await qpvShapes();
    const multi = qpvs.filter((q) => q.polygons.length > 1);
    expect(multi.length).toBe(15);
    // Some extra polygons are slivers a few metres wide, or a single point repeated: those have no inside.
    const cases = multi.flatMap((qpv) => {
      const point = qpv.polygons.slice(1).map((polygon) => interiorPoint(polygon, around(qpv, qpvs), 0.5)).find(Boolean);
      return point ? [{ qpv, point }] : [];
    });
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const { qpv, point } of cases) {
      // Outside the first polygon: the answer can only come from another one.
      expect(inPolygon(point, qpv.polygons[0])).toBe(false);
      expect(containing(point, qpvs)).toEqual([qpv.code]);
    }
    expect(await qpvAtMany(cases.map((c) => c.point))).toEqual(cases.map((c) => c.qpv.code));
  });

  it("tells inside from outside just across a border (half a metre each side of an edge)", async () => {
    const qpvs = await qpvShapes();
    const sample = ["QN05981M", "QN05980M", "QN07512I", "QN01330M", "QN06224M", "QN97411M", "QN97654C"].map((code) => qpvs.find((q) => q.code === code)!);
    const pairs: { code: string; inside: Position; outside: Position; expectedOutside: string | null }[] = [];
    for (const qpv of sample.filter(Boolean)) {
      const neighbourhood = around(qpv, qpvs);
      let picked = 0;
      for (const [a, b] of edges(qpv)) {
        if (picked === 4) break;
        const [left] = offsetFromEdge(a, b, 0.5);
        const [right] = offsetFromEdge(a, b, -0.5);
        if (!left || !right) continue;
        const [inside, outside] = inQpv(left, qpv) ? [left, right] : [right, left];
        if (!inQpv(inside, qpv) || inQpv(outside, qpv)) continue;
        // Only the edge itself may be that close: no other edge within a quarter metre.
        if (clearance(inside, neighbourhood, [a, b]) < 0.25 || clearance(outside, neighbourhood, [a, b]) < 0.25) continue;
        const insideCodes = containing(inside, neighbourhood);
        const outsideCodes = containing(outside, neighbourhood);
        if (insideCodes.length !== 1 || outsideCodes.length > 1) continue;
        pairs.push({ code: qpv.code, inside, outside, expectedOutside: outsideCodes[0] ?? null });
        picked++;
      }
    }
    expect(pairs.length).toBeGreaterThanOrEqual(20);
    const found = await qpvAtMany(pairs.flatMap((p) => [p.inside, p.outside]));
    pairs.forEach((pair, i) => {
      expect({ pair, found: found[2 * i] }).toEqual({ pair, found: pair.code });
      expect({ pair, found: found[2 * i + 1] }).toEqual({ pair, found: pair.expectedOutside });
    });
  });

  it("agrees with ray casting on random points in and around QPVs", async () => {
    const qpvs = await qpvShapes();
    const next = random(20240101);
    const points: Position[] = [];
    while (points.length < 600) {
      const q = qpvs[Math.floor(next() * qpvs.length)];
      const b = q.boundingBox;
      // The bounding box plus 20% on each side: inside, outside, and in neighbouring QPVs.
      const [w, h] = [b.maxLongitude - b.minLongitude, b.maxLatitude - b.minLatitude];
      const p: Position = [b.minLongitude - 0.2 * w + next() * 1.4 * w, b.minLatitude - 0.2 * h + next() * 1.4 * h];
      // Points closer than 5 cm to an edge are left out: there the planes of the two computations may disagree.
      if (clearance(p, near(p, qpvs)) >= 0.05) points.push(p);
    }
    const found = await qpvAtMany(points);
    let inside = 0;
    points.forEach((p, i) => {
      const expected = containing(p, qpvs);
      if (expected.length) inside++;
      if (expected.length <= 1) expect({ p, found: found[i] }).toEqual({ p, found: expected[0] ?? null });
      else expect(expected).toContain(found[i]);
    });
    // About a quarter of the points fall inside a QPV: both answers are well exercised.
    expect(inside).toBeGreaterThan(100);
    expect(inside).toBeLessThan(500);
  });

  it("answers null far from any QPV, and at the poles and the antimeridian", async () => {
    const points: Position[] = [[6.8652, 45.8326], [-30, 45], [0, 90], [0, -90], [180, 0], [-180, 0]];
    expect(await qpvAtMany(points)).toEqual(points.map(() => null));
  });
});

// ---------------------------------------------------------------------------------------------

interface Located {
  id: string;
  __typename: string;
  kind?: string;
  location: { latitude: number; longitude: number } | null;
}

/** Database key of a global id: ties in distance are ordered by it. */
const keyOf = (id: string) => Number(Buffer.from(id, "base64url").toString("utf8").split(":")[1]);

/** Expected order of a "near" list: within the radius, nearest first, ties by key. */
function expectedNear(items: Located[], lat: number, lon: number, radius: number) {
  return items
    .filter((i) => i.location)
    .map((i) => ({ id: i.id, distance: haversine(lat, lon, i.location!.latitude, i.location!.longitude) }))
    .filter((i) => i.distance <= radius)
    .sort((a, b) => a.distance - b.distance || keyOf(a.id) - keyOf(b.id));
}

/** Reads a whole "near" list, `pageSize` at a time. */
async function readNear(field: string, args: string, pageSize: number, filter?: object) {
  const edges: { distanceMeters: number; node: { id: string } }[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  do {
    const { data } = await ok(`query ($after: String, $filter: ${field === "eventsNear" ? "EventFilter" : "OrganizationFilter"}) {
      ${field}(${args}, first: ${pageSize}, after: $after, filter: $filter) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor distanceMeters node { id } } } }`, { after, filter });
    totalCount = data[field].totalCount;
    edges.push(...data[field].edges);
    after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
    pages++;
  } while (after);
  return { edges, totalCount, pages };
}

/** The list matches the independent computation: same items in the same order, same distances to a centimetre. */
function expectSameList(actual: { distanceMeters: number; node: { id: string } }[], expected: { id: string; distance: number }[], radius: number) {
  // An item within a centimetre of the circle could fall either side: none in these cases.
  expect(expected.filter((e) => Math.abs(e.distance - radius) < 0.01)).toEqual([]);
  expect(actual.map((e) => e.node.id)).toEqual(expected.map((e) => e.id));
  actual.forEach((edge, i) => expect(Math.abs(edge.distanceMeters - expected[i].distance)).toBeLessThan(0.01));
}

describe("organisations and events near a point", () => {
  let organizations: Located[];
  let events: Located[];

  beforeAll(async () => {
    organizations = await readAll<Located>("organizations", "id __typename location { latitude longitude }");
    events = await readAll<Located>("events", "id __typename kind location { latitude longitude }");
  });

  it.each([
    ["Roubaix, 1.5 km", 50.6901, 3.1817, 1500, 7],
    ["Roubaix, 10 km", 50.6901, 3.1817, 10000, 50],
    ["Lille-Roubaix-Tourcoing, 50 km", 50.66, 3.1, 50000, 100],
    ["open sea, 1 m", 45, -30, 1, 10],
  ])("lists the organisations within %s, nearest first, page by page", async (_label, lat, lon, radius, pageSize) => {
    const expected = expectedNear(organizations, lat, lon, radius);
    const { edges, totalCount, pages } = await readNear("organizationsNear", `latitude: ${lat}, longitude: ${lon}, radiusMeters: ${radius}`, pageSize);
    expectSameList(edges, expected, radius);
    expect(totalCount).toBe(expected.length);
    if (radius > 1) expect(pages).toBeGreaterThan(1);
  });

  it("orders ties (several events at one place) by identifier, across pages", async () => {
    const byPlace = new Map<string, Located[]>();
    for (const o of events.filter((o) => o.location)) {
      const key = `${o.location!.latitude},${o.location!.longitude}`;
      byPlace.set(key, [...(byPlace.get(key) ?? []), o]);
    }
    const shared = [...byPlace.values()].find((list) => list.length > 1);
    expect(shared).toBeDefined();
    const { latitude, longitude } = shared![0].location!;
    const { edges } = await readNear("eventsNear", `latitude: ${latitude}, longitude: ${longitude}, radiusMeters: 3000`, 1);
    const atZero = edges.filter((e) => e.distanceMeters === 0).map((e) => e.node.id);
    expect(atZero).toEqual(shared!.map((o) => o.id).sort((a, b) => keyOf(a) - keyOf(b)));
    expectSameList(edges, expectedNear(events, latitude, longitude, 3000), 3000);
  });

  it("applies the organisation filter of `organizations`", async () => {
    const partners = organizations.filter((o) => o.__typename === "Partner");
    const expected = expectedNear(partners, 50.6901, 3.1817, 20000);
    expect(expected.length).toBeGreaterThan(0);
    const { edges, totalCount } = await readNear("organizationsNear", "latitude: 50.6901, longitude: 3.1817, radiusMeters: 20000", 5, { kinds: ["PARTNER"] });
    expectSameList(edges, expected, 20000);
    expect(totalCount).toBe(expected.length);
  });

  it("lists the events within a radius, with the event filter of `events`", async () => {
    const all = expectedNear(events, 50.6901, 3.1817, 8000);
    expect(all.length).toBeGreaterThan(10);
    const everything = await readNear("eventsNear", "latitude: 50.6901, longitude: 3.1817, radiusMeters: 8000", 9);
    expectSameList(everything.edges, all, 8000);
    expect(everything.totalCount).toBe(all.length);

    const kind = events.find((e) => e.id === all[0].id)!.kind;
    const ofKind = expectedNear(events.filter((e) => e.kind === kind), 50.6901, 3.1817, 8000);
    const filtered = await readNear("eventsNear", "latitude: 50.6901, longitude: 3.1817, radiusMeters: 8000", 4, { kinds: [kind] });
    expectSameList(filtered.edges, ofKind, 8000);
    expect(filtered.totalCount).toBe(ofKind.length);
  });

  it("takes a cursor only with the point it was made for, and in the list it comes from", async () => {
    const first = await ok(`{
      o: organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 2) { pageInfo { endCursor } }
      list: organizations(first: 1) { pageInfo { endCursor } } }`);
    const cursor = first.data.o.pageInfo.endCursor;
    const forge = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const bad = [
      `organizationsNear(latitude: 50.69, longitude: 3.1817, radiusMeters: 5000, first: 2, after: "${cursor}")`,
      `eventsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 2, after: "${cursor}")`,
      `organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 2, after: "${first.data.list.pageInfo.endCursor}")`,
      `organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 2, after: "${forge(["organizationsNear", "50.6901,3.1817", "1; DROP TABLE organization", 1])}")`,
      `organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 2, after: "${forge(["organizationsNear", "50.6901,3.1817", "12.5", 99999999999])}")`,
    ];
    for (const field of bad) {
      const { errors } = await server.post(`{ ${field} { totalCount } }`);
      expect(errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.extensions?.argument])).toEqual([["BAD_USER_INPUT", "INVALID_CURSOR", "after"]]);
    }
    // The radius may grow between pages: the position in the order stays meaningful.
    await ok(`{ organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 9000, first: 2, after: "${cursor}") { totalCount } }`);
  });

  it("costs one statement per page, and one more only when totalCount is selected", async () => {
    const page = `organizationsNear(latitude: 50.6901, longitude: 3.1817, radiusMeters: 5000, first: 20)`;
    const withoutCount = await ok(`{ ${page} { edges { distanceMeters node { id name } } } }`);
    expect(withoutCount.extensions?.diagnostics?.sqlStatements).toBe(1);
    const withCount = await ok(`{ ${page} { totalCount edges { distanceMeters node { id name } } } }`);
    expect(withCount.extensions?.diagnostics?.sqlStatements).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Qpv.neighbours", () => {
  it("is symmetric, in one statement for a whole page of QPVs", async () => {
    const page = `qpvs(first: 100, filter: { departmentCodes: ["59"] })`;
    const without = await ok(`{ ${page} { edges { node { code } } } }`);
    const { data, extensions } = await ok(`{ ${page} { edges { node { code neighbours(withinMeters: 1000) { distanceMeters qpv { code } } } } } }`);
    expect(extensions?.diagnostics?.sqlStatements).toBe(without.extensions!.diagnostics!.sqlStatements + 1);
    const listed = new Map<string, Map<string, number>>();
    for (const { node } of data.qpvs.edges) {
      listed.set(node.code, new Map(node.neighbours.map((n: any) => [n.qpv.code, n.distanceMeters])));
      const distances = node.neighbours.map((n: any) => n.distanceMeters);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const d of distances) expect(d).toBeLessThanOrEqual(1000);
      expect(node.neighbours.map((n: any) => n.qpv.code)).not.toContain(node.code);
    }
    let pairs = 0;
    for (const [a, neighbours] of listed) {
      for (const [b, distance] of neighbours) {
        if (!listed.has(b)) continue;
        expect({ a, b, distance: listed.get(b)!.get(a) }).toEqual({ a, b, distance });
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(20);
  });

  it("finds Nouveau Roubaix's neighbours, as far as a computation on the contours says", async () => {
    const qpvs = await qpvShapes();
    const roubaix = qpvs.find((q) => q.code === "QN05981M")!;
    const { data } = await ok(`{ qpv(code: "QN05981M") { neighbours(withinMeters: 3000) { distanceMeters qpv { code name } } } }`);
    const listed = new Map<string, number>(data.qpv.neighbours.map((n: any) => [n.qpv.code, n.distanceMeters]));
    // Its neighbours include the QPVs of Roubaix and the towns around it.
    expect([...listed.keys()]).toEqual(expect.arrayContaining(["QN05969M", "QN05980M"]));
    const candidates = qpvs.filter((q) => q.code !== roubaix.code && Math.abs(q.center.latitude - roubaix.center.latitude) < 0.2
      && Math.abs(q.center.longitude - roubaix.center.longitude) < 0.3);
    for (const q of candidates) {
      const distance = contourDistance(roubaix, q);
      // Both computations approximate the sphere by a plane: they agree to 0.3% (and the API rounds to 10 cm).
      const tolerance = 0.003 * distance + 0.1;
      if (distance < 3000 - tolerance) expect({ code: q.code, distance: listed.get(q.code) }).toEqual({ code: q.code, distance: expect.any(Number) });
      if (distance > 3000 + tolerance) expect(listed.has(q.code)).toBe(false);
      if (listed.has(q.code)) expect(Math.abs(listed.get(q.code)! - distance)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("puts QPVs whose contours overlap or touch at 0", async () => {
    const qpvs = await qpvShapes();
    const { data } = await ok(`{ qpvs(first: 100, filter: { departmentCodes: ["976"] }) { edges { node { code neighbours(withinMeters: 0) { distanceMeters qpv { code } } } } } }`);
    const touching = data.qpvs.edges.flatMap(({ node }: any) => node.neighbours.map((n: any) => [node.code, n.qpv.code, n.distanceMeters]));
    expect(touching.length).toBeGreaterThan(0);
    for (const [a, b, distance] of touching) {
      expect(distance).toBe(0);
      // 0 is anything under 5 cm (the API rounds to 10 cm).
      expect(contourDistance(qpvs.find((q) => q.code === a)!, qpvs.find((q) => q.code === b)!)).toBeLessThan(0.05);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("bad input", () => {
  it.each([
    ["qpvAt(latitude: 90.5, longitude: 2) { code }", "latitude"],
    ["qpvAt(latitude: -91, longitude: 2) { code }", "latitude"],
    ["qpvAt(latitude: 48, longitude: 180.01) { code }", "longitude"],
    ["qpvAt(latitude: 48, longitude: -181) { code }", "longitude"],
    ["organizationsNear(latitude: 95, longitude: 2, radiusMeters: 100, first: 5) { totalCount }", "latitude"],
    ["organizationsNear(latitude: 48, longitude: 2, radiusMeters: 0, first: 5) { totalCount }", "radiusMeters"],
    ["organizationsNear(latitude: 48, longitude: 2, radiusMeters: 50001, first: 5) { totalCount }", "radiusMeters"],
    ["eventsNear(latitude: 48, longitude: 2, radiusMeters: -5, first: 5) { totalCount }", "radiusMeters"],
    ["eventsNear(latitude: 48, longitude: 2, radiusMeters: 500, first: 0) { totalCount }", "first"],
    ["eventsNear(latitude: 48, longitude: 2, radiusMeters: 500, first: 101) { totalCount }", "first"],
    ['qpv(code: "QN05981M") { neighbours(withinMeters: -1) { distanceMeters } }', "withinMeters"],
    ['qpv(code: "QN05981M") { neighbours(withinMeters: 3001) { distanceMeters } }', "withinMeters"],
  ])("rejects %s as OUT_OF_RANGE", async (field, argument) => {
    const response = await server.post(`{ ${field} }`);
    // An out-of-range `first` is refused before execution (server/limits): HTTP 400.
    expect(response.status).toBe(argument === "first" ? 400 : 200);
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.extensions?.argument])).toEqual([["BAD_USER_INPUT", "OUT_OF_RANGE", argument]]);
  });

  it("checks filters as the lists do", async () => {
    const response = await server.post(`{ organizationsNear(latitude: 48, longitude: 2, radiusMeters: 500, first: 5, filter: { qpvCodes: ["QN99999Z"] }) { totalCount } }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "filter.qpvCodes" });
  });

  it("accepts the bounds themselves", async () => {
    await ok(`{ a: qpvAt(latitude: 90, longitude: 180) { code } b: qpvAt(latitude: -90, longitude: -180) { code }
      c: organizationsNear(latitude: 50.69, longitude: 3.18, radiusMeters: 1, first: 1) { totalCount }
      d: eventsNear(latitude: 50.69, longitude: 3.18, radiusMeters: 50000, first: 100) { totalCount }
      e: qpv(code: "QN05981M") { touching: neighbours(withinMeters: 0) { distanceMeters } far: neighbours(withinMeters: 3000) { distanceMeters } } }`);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * The reference data has no QPV with a hole, and no contour changes while a server runs: a copy of the
 * database gets two made-up QPVs at sea (Bay of Biscay), written with SQL as the reference loader would,
 * then a server answers over HTTP.
 */
describe("contours kept in step with qpv.geometry (made-up QPVs with a hole)", () => {
  const A = "QN01798Z";
  const B = "QN01799Z";
  const square = (w: number, s: number, e: number, n: number): Ring => [[w, s], [e, s], [e, n], [w, n], [w, s]];
  // A: a square with a square hole, and a second, smaller square; B: a square inside A's hole.
  const plainA = { type: "MultiPolygon", coordinates: [[square(-2.02, 45.48, -1.98, 45.52)]] };
  const holedA = { type: "MultiPolygon", coordinates: [[square(-2.02, 45.48, -1.98, 45.52), square(-2.01, 45.49, -1.99, 45.51)], [square(-1.95, 45.48, -1.94, 45.49)]] };
  const plainB = { type: "Polygon", coordinates: [square(-2.005, 45.495, -1.995, 45.505)] };
  let app: App | undefined;
  let drop: (() => Promise<void>) | undefined;
  const parts: Record<string, unknown[]> = {};

  async function post(query: string) {
    const response = await fetch(app!.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    return response.json() as Promise<GraphQLResponse>;
  }

  beforeAll(async () => {
    const database = await cloneTemplate("geography-holes");
    drop = database.drop;
    const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
    try {
      const upsert = (code: string, name: string, geometry: object) => db.dataSource.query(
        `INSERT INTO qpv (code, name, department_code, geometry, min_longitude, min_latitude, max_longitude, max_latitude, latitude, longitude)
         VALUES ($1, $2, '17', $3::jsonb, -2.02, 45.48, -1.94, 45.52, 45.5, -2.0)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, geometry = excluded.geometry`,
        [code, name, JSON.stringify(geometry)]);
      const readParts = (code: string) => db.dataSource.query(
        `SELECT part, npoints(outer_ring) AS points, cardinality(holes) AS holes, xmin::text AS version FROM qpv_part WHERE qpv_code = $1 ORDER BY part`, [code]);
      await upsert(A, "Large", plainA);
      parts.inserted = await readParts(A);
      await upsert(A, "Large", holedA);
      await upsert(B, "Islet", plainB);
      parts.updated = await readParts(A);
      parts.islet = await readParts(B);
      await upsert(A, "Large, renamed", holedA);
      parts.renamed = await readParts(A);
    } finally {
      await db.close();
    }
    app = await startApp({ ...loadConfig({}), port: 0, host: "127.0.0.1", databaseUrl: database.databaseUrl, dataDir: database.dataDir, demoData: false });
  });

  afterAll(async () => {
    await app?.stop();
    await drop?.();
  });

  it("derives the parts on insert, re-derives them when the contour changes, and leaves them when only the name does", () => {
    expect(parts.inserted).toEqual([{ part: 1, points: 5, holes: 0, version: expect.any(String) }]);
    expect(parts.updated).toEqual([
      { part: 1, points: 5, holes: 1, version: expect.any(String) },
      { part: 2, points: 5, holes: 0, version: expect.any(String) },
    ]);
    expect(parts.islet).toEqual([{ part: 1, points: 5, holes: 0, version: expect.any(String) }]);
    expect(parts.renamed).toEqual(parts.updated);
  });

  it("leaves holes out of a QPV", async () => {
    const { data, errors } = await post(`{
      ring: qpvAt(latitude: 45.485, longitude: -2.015) { code }
      ringNearHole: qpvAt(latitude: 45.4899, longitude: -2.0) { code }
      hole: qpvAt(latitude: 45.4901, longitude: -2.0) { code }
      holeCorner: qpvAt(latitude: 45.508, longitude: -2.008) { code }
      islet: qpvAt(latitude: 45.5, longitude: -2.0) { code }
      second: qpvAt(latitude: 45.485, longitude: -1.945) { code }
      between: qpvAt(latitude: 45.485, longitude: -1.96) { code } }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ ring: { code: A }, ringNearHole: { code: A }, hole: null, holeCorner: null, islet: { code: B }, second: { code: A }, between: null });
  });

  it("measures a QPV in another's hole from the hole's edge", async () => {
    const { data, errors } = await post(`{ a: qpv(code: "${A}") { neighbours(withinMeters: 1000) { distanceMeters qpv { code } } }
      b: qpv(code: "${B}") { neighbours(withinMeters: 1000) { distanceMeters qpv { code } } } }`);
    expect(errors).toBeUndefined();
    // The islet is 0.005 degrees of longitude from the hole's east and west edges, 0.005 of latitude from the others.
    const gap = Math.min(haversine(45.5, -2.005, 45.5, -2.01), haversine(45.505, -2.0, 45.51, -2.0));
    expect(data.a.neighbours).toEqual([{ distanceMeters: expect.any(Number), qpv: { code: B } }]);
    expect(data.b.neighbours).toEqual([{ distanceMeters: data.a.neighbours[0].distanceMeters, qpv: { code: A } }]);
    expect(Math.abs(data.a.neighbours[0].distanceMeters - gap)).toBeLessThan(0.5);
  });
});
