import { BAN_SEARCH_URL, loadConfig, PLAN_IGN_TILE_URL } from "../server/config";
import { startStubGeocoder, StubGeocoder } from "./support/stub-geocoder";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * "Is this address in a QPV?" over HTTP: the real server, its geocoder pointed at a local stub that
 * answers as the Base Adresse Nationale does. Containment and distances are checked against the
 * contours the API exports, with geometry computed here (ray casting, distances in a local plane).
 */

/** A door in Nouveau Roubaix (QN05981M), one in Lille's old town (no QPV within 400 m), and the stub's faults. */
const INSIDE = { label: "12 Rue de l'Épeule 59100 Roubaix", latitude: 50.674, longitude: 3.1873 };
const OUTSIDE = { label: "3 Place aux Oignons 59800 Lille", latitude: 50.6404, longitude: 3.0628, citycode: "59350", postcode: "59800", city: "Lille" };
const TIMEOUT_MS = 400;

let stub: StubGeocoder;
let server: TestServer;
let base: string;

beforeAll(async () => {
  stub = await startStubGeocoder({
    [INSIDE.label]: INSIDE,
    [OUTSIDE.label]: OUTSIDE,
    "rue de la gare lille": { ...OUTSIDE, label: "Rue de la Gare 59800 Lille", type: "street", score: 0.62 },
    "reponse lente": { fault: "slow", delayMs: 5000 },
    "service en panne": { fault: "status", status: 503 },
    "trop de requetes": { fault: "status", status: 429 },
    "connexion coupee": { fault: "hang-up" },
    "pas du json": { fault: "body", body: "<html><body>Maintenance</body></html>", contentType: "text/html" },
    "json tronque": { fault: "body", body: '{"type":"FeatureCollection","features":[{"type":"Feature"' },
    "sans features": { fault: "body", body: '{"type":"FeatureCollection"}' },
    "coordonnees en texte": {
      fault: "body",
      body: JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: ["3.18", "50.67"] },
        properties: { label: "1 Rue X 59100 Roubaix", score: 0.9, type: "housenumber" } }] }),
    },
    "latitude impossible": {
      fault: "body",
      body: JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [3.18, 123] },
        properties: { label: "1 Rue X 59100 Roubaix", score: 0.9, type: "housenumber" } }] }),
    },
    "type inconnu": {
      fault: "body",
      body: JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", geometry: { type: "Point", coordinates: [3.18, 50.67] },
        properties: { label: "1 Rue X 59100 Roubaix", score: 0.9, type: "planet" } }] }),
    },
  });
  server = await startTestServer("address-qpv", { geocoder: { url: stub.url, timeoutMs: TIMEOUT_MS } });
  base = server.url.replace(/\/graphql$/, "");
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
});

const ANSWER = `
  query ($address: String!, $first: Int! = 3, $within: Int! = 2000) {
    addressQpv(address: $address) {
      address { label score precision postcode city communeInseeCode location { latitude longitude } }
      qpv { code name }
      nearestQpvs(first: $first, withinMeters: $within) { distanceMeters qpv { code name } }
    }
  }`;

// ---------------------------------------------------------------------------------------------
// Independent geometry, on the contours of the Nord as the API exports them

type Position = [number, number]; // [lon, lat]
interface Contour { code: string; polygons: Position[][][] }
const { cos, hypot, max, min, PI } = Math;
const METRES_PER_DEGREE = (PI / 180) * 6378168;

function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inContour = (p: Position, c: Contour) => c.polygons.some((polygon) => inRing(p, polygon[0]) && !polygon.slice(1).some((hole) => inRing(p, hole)));

/** Metres from a point to the nearest edge of a contour, in a plane local to the point. */
function distanceToContour(p: Position, c: Contour): number {
  const k = cos((p[1] * PI) / 180) * METRES_PER_DEGREE;
  const local = ([lon, lat]: Position): Position => [(lon - p[0]) * k, (lat - p[1]) * METRES_PER_DEGREE];
  let best = Infinity;
  for (const polygon of c.polygons) for (const ring of polygon) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [local(ring[i]), local(ring[i + 1])];
      const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
      const length2 = dx * dx + dy * dy;
      const t = length2 === 0 ? 0 : max(0, min(1, (-a[0] * dx - a[1] * dy) / length2));
      best = min(best, hypot(a[0] + t * dx, a[1] + t * dy));
    }
  }
  return best;
}

let nord: Contour[] | undefined;
async function contoursOfNord(): Promise<Contour[]> {
  if (nord) return nord;
  const response = await fetch(`${base}/exports/qpvs.geojson?filter=${encodeURIComponent(JSON.stringify({ departmentCodes: ["59"] }))}`);
  expect(response.status).toBe(200);
  const collection = (await response.json()) as { features: { properties: { code: string }; geometry: { type: string; coordinates: any } }[] };
  nord = collection.features.map((f) => ({
    code: f.properties.code,
    polygons: f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
  }));
  expect(nord.length).toBeGreaterThan(50);
  return nord;
}

async function ask(address: string, variables: Record<string, unknown> = {}) {
  return server.post(ANSWER, { address, ...variables });
}

/** The error of a request that failed on `addressQpv`: 200, data.addressQpv null, one error with its code. */
function failure(response: Awaited<ReturnType<typeof ask>>) {
  expect(response.status).toBe(200);
  expect(response.data).toEqual({ addressQpv: null });
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].path).toEqual(["addressQpv"]);
  return response.errors![0];
}

describe("addressQpv", () => {
  it("answers the QPV containing an address, sending the geocoder the address and limit=1", async () => {
    const before = stub.requests.length;
    const { data, errors } = await ask(`  ${INSIDE.label.replace(/ /g, "  ")} `);
    expect(errors).toBeUndefined();
    expect(stub.requests.slice(before)).toEqual([{ q: INSIDE.label, limit: "1", path: "/search/" }]);
    const answer = data.addressQpv;
    expect(answer.address).toEqual({
      label: INSIDE.label, score: 0.9612, precision: "HOUSE_NUMBER", postcode: "59100", city: "Roubaix", communeInseeCode: "59512",
      location: { latitude: INSIDE.latitude, longitude: INSIDE.longitude },
    });
    // The point is inside that contour and no other, computed here.
    const point: Position = [INSIDE.longitude, INSIDE.latitude];
    const containing = (await contoursOfNord()).filter((c) => inContour(point, c)).map((c) => c.code);
    expect(containing).toEqual(["QN05981M"]);
    expect(answer.qpv).toEqual({ code: "QN05981M", name: "Nouveau Roubaix" });
    // The containing QPV comes first, at 0; then the nearest others.
    expect(answer.nearestQpvs[0]).toEqual({ distanceMeters: 0, qpv: { code: "QN05981M", name: "Nouveau Roubaix" } });
    expect(answer.nearestQpvs.length).toBe(3);
    // The same as qpvAt for the same point.
    const at = await server.post(`{ qpvAt(latitude: ${INSIDE.latitude}, longitude: ${INSIDE.longitude}) { code } }`);
    expect(at.data.qpvAt.code).toBe(answer.qpv.code);
  });

  it("outside every QPV: no QPV, and every QPV within the distance, nearest first, with the distance to its contour", async () => {
    const { data, errors } = await ask(OUTSIDE.label, { first: 10, within: 2000 });
    expect(errors).toBeUndefined();
    const answer = data.addressQpv;
    expect(answer.address).toMatchObject({ label: OUTSIDE.label, communeInseeCode: "59350", postcode: "59800", city: "Lille" });
    expect(answer.qpv).toBeNull();

    const point: Position = [OUTSIDE.longitude, OUTSIDE.latitude];
    const contours = await contoursOfNord();
    expect(contours.filter((c) => inContour(point, c))).toEqual([]);
    const expected = contours
      .map((c) => ({ code: c.code, meters: distanceToContour(point, c) }))
      .filter((d) => d.meters <= 2000)
      .sort((a, b) => a.meters - b.meters);
    // No contour near the 2 km edge, where rounding could put it on either side.
    expect(contours.map((c) => distanceToContour(point, c)).filter((m) => Math.abs(m - 2000) < 5)).toEqual([]);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(expected[0].meters).toBeGreaterThan(400);
    expect(answer.nearestQpvs.map((n: any) => n.qpv.code)).toEqual(expected.slice(0, 10).map((d) => d.code));
    answer.nearestQpvs.forEach((n: any, i: number) => {
      expect(Math.abs(n.distanceMeters - expected[i].meters)).toBeLessThan(1 + expected[i].meters * 0.001);
    });

    // Bounded: `first` and `withinMeters` cut the list.
    const two = await ask(OUTSIDE.label, { first: 2, within: 2000 });
    expect(two.data.addressQpv.nearestQpvs.map((n: any) => n.qpv.code)).toEqual(expected.slice(0, 2).map((d) => d.code));
    const close = await ask(OUTSIDE.label, { first: 10, within: 300 });
    expect(close.data.addressQpv.nearestQpvs).toEqual([]);
  });

  it("says how precisely an address was placed (a street only)", async () => {
    const { data, errors } = await ask("rue de la gare lille");
    expect(errors).toBeUndefined();
    expect(data.addressQpv.address).toMatchObject({ label: "Rue de la Gare 59800 Lille", precision: "STREET", score: 0.62 });
  });

  it("an address the geocoder does not know answers null, without error", async () => {
    const response = await ask("12 rue qui n'existe pas 99999 Nulle-Part");
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ addressQpv: null });
  });

  it("answers are public and cacheable for an hour; failures are not stored", async () => {
    const post = (address: string) => fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query ($a: String!) { addressQpv(address: $a) { qpv { code name } } }", variables: { a: address } }),
    });
    expect((await post(INSIDE.label)).headers.get("cache-control")).toBe("max-age=3600, private");
    expect((await post("service en panne")).headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    ["empty", "", "MALFORMED"],
    ["blank", "   \t ", "MALFORMED"],
    ["too short", "ab", "MALFORMED"],
    ["no letter nor digit", "--- !!!", "MALFORMED"],
    ["a control character", "12 rue\u0000 de la Paix", "MALFORMED"],
    ["too long", `12 rue ${"a".repeat(200)}`, "TOO_LARGE"],
  ])("refuses an address that is %s (BAD_USER_INPUT), without asking the geocoder", async (_what, address, reason) => {
    const before = stub.requests.length;
    const error = failure(await ask(address));
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "address", reason });
    expect(error.message).not.toContain(address.trim() || "\u0001");
    expect(stub.requests.length).toBe(before);
  });

  it("refuses out-of-range nearestQpvs arguments", async () => {
    const many = await ask(INSIDE.label, { first: 11 });
    expect(many.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "first", reason: "OUT_OF_RANGE" });
    const far = await ask(INSIDE.label, { within: 10_001 });
    expect(far.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "withinMeters", reason: "OUT_OF_RANGE" });
  });

  it("looks up at most 5 addresses in one request", async () => {
    const before = stub.requests.length;
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: addressQpv(address: "${i + 1} rue des Essais 59100 Roubaix") { address { label } }`);
    const response = await server.post(`{ ${aliases.join(" ")} }`);
    expect(stub.requests.length - before).toBe(5);
    const refused = response.errors!.filter((e) => e.extensions?.code === "BAD_USER_INPUT");
    expect(refused).toHaveLength(1);
    expect(refused[0].extensions).toMatchObject({ argument: "address", reason: "TOO_LARGE" });
    expect(Object.values(response.data).filter((v) => v === null)).toHaveLength(6); // the stub knows none of them
  });

  it.each([
    ["answers 503", "service en panne", "BAD_STATUS"],
    ["answers 429 (its rate limit)", "trop de requetes", "BAD_STATUS"],
    ["hangs up", "connexion coupee", "UNREACHABLE"],
    ["answers HTML", "pas du json", "MALFORMED_RESPONSE"],
    ["answers truncated JSON", "json tronque", "MALFORMED_RESPONSE"],
    ["answers a FeatureCollection without features", "sans features", "MALFORMED_RESPONSE"],
    ["answers coordinates as text", "coordonnees en texte", "MALFORMED_RESPONSE"],
    ["answers an impossible latitude", "latitude impossible", "MALFORMED_RESPONSE"],
    ["answers an unknown kind of match", "type inconnu", "MALFORMED_RESPONSE"],
  ])("a geocoder that %s: GEOCODER_UNAVAILABLE, never a 500", async (_what, address, reason) => {
    const error = failure(await ask(address));
    expect(error.extensions).toEqual({ code: "GEOCODER_UNAVAILABLE", reason });
    expect(error.message).toMatch(/geocoder/);
  });

  it("a geocoder too slow: GEOCODER_UNAVAILABLE (TIMEOUT) once the timeout is over", async () => {
    const started = Date.now();
    const error = failure(await ask("reponse lente"));
    const elapsed = Date.now() - started;
    expect(error.extensions).toEqual({ code: "GEOCODER_UNAVAILABLE", reason: "TIMEOUT" });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it("the explorer's settings: Plan IGN by default, address look-up on, cacheable", async () => {
    const response = await fetch(`${base}/explorer-config.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual({
      basemap: { tileUrl: PLAN_IGN_TILE_URL, attribution: "Fond de carte : Plan IGN © IGN" },
      addressLookup: true,
    });
  });

  // Last: it stops the stub.
  it("a geocoder that is down: GEOCODER_UNAVAILABLE (UNREACHABLE)", async () => {
    await stub.close();
    const error = failure(await ask(INSIDE.label.replace("12", "14")));
    expect(error.extensions).toEqual({ code: "GEOCODER_UNAVAILABLE", reason: "UNREACHABLE" });
  });
});

describe("a server without geocoder nor basemap", () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await startTestServer("address-qpv-off", { geocoder: undefined, basemap: undefined });
  });
  afterAll(async () => {
    await bare?.stop();
  });

  it("answers GEOCODER_DISABLED, and tells the explorer: no basemap, no address box", async () => {
    const response = await bare.post(ANSWER, { address: INSIDE.label });
    expect(response.data).toEqual({ addressQpv: null });
    expect(response.errors?.[0].extensions).toEqual({ code: "GEOCODER_DISABLED" });
    const settings = await fetch(`${bare.url.replace(/\/graphql$/, "")}/explorer-config.json`);
    expect(await settings.json()).toEqual({ basemap: null, addressLookup: false });
  });
});

describe("configuration", () => {
  it("defaults to Plan IGN and the BAN; empty turns each off", () => {
    const defaults = loadConfig({});
    expect(defaults.basemap).toEqual({ tileUrl: PLAN_IGN_TILE_URL, attribution: "Fond de carte : Plan IGN © IGN" });
    expect(defaults.geocoder).toEqual({ url: BAN_SEARCH_URL, timeoutMs: 3000 });
    const off = loadConfig({ MAILLAGE_TILE_URL: "", MAILLAGE_GEOCODER_URL: "" });
    expect(off.basemap).toBeUndefined();
    expect(off.geocoder).toBeUndefined();
  });

  it("a tile server of one's own carries its own attribution, or none", () => {
    expect(loadConfig({ MAILLAGE_TILE_URL: "https://tiles.example.org/{z}/{x}/{y}.png" }).basemap)
      .toEqual({ tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png", attribution: "" });
    expect(loadConfig({ MAILLAGE_TILE_URL: "https://tiles.example.org/{z}/{x}/{y}.png", MAILLAGE_TILE_ATTRIBUTION: "© Example" }).basemap?.attribution)
      .toBe("© Example");
    expect(loadConfig({ MAILLAGE_TILE_ATTRIBUTION: "" }).basemap).toEqual({ tileUrl: PLAN_IGN_TILE_URL, attribution: "" });
  });

  it("refuses at start a tile URL without placeholders, or a URL that is not http(s)", () => {
    expect(() => loadConfig({ MAILLAGE_TILE_URL: "https://tiles.example.org/tile.png" })).toThrow(/MAILLAGE_TILE_URL must contain \{z\}/);
    expect(() => loadConfig({ MAILLAGE_TILE_URL: "javascript:alert(1)//{z}{x}{y}" })).toThrow(/MAILLAGE_TILE_URL must be an http\(s\) URL/);
    expect(() => loadConfig({ MAILLAGE_GEOCODER_URL: "ftp://example.org/search" })).toThrow(/MAILLAGE_GEOCODER_URL must be an http\(s\) URL/);
    expect(() => loadConfig({ MAILLAGE_GEOCODER_TIMEOUT_MS: "50" })).toThrow(/MAILLAGE_GEOCODER_TIMEOUT_MS/);
  });
});
