import http from "node:http";
import zlib from "node:zlib";
import { ensureExplorerBuilt } from "./support/explorer-browser";
import { startTestServer, TestServer } from "./support/test-server";

/**
 * Bytes on the wire: answers over 1 KB are compressed (brotli or gzip, as the client accepts), the
 * content unchanged once decoded; reference-data exports (QPV contours) carry a validator and the
 * reference max-age, and a client that holds them gets a 304.
 */
let server: TestServer;
let base: string;

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent. */
  wire: Buffer;
  /** The bytes once decoded. */
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET", payload?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(base + path, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        const wire = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"];
        const body = encoding === "br" ? zlib.brotliDecompressSync(wire) : encoding === "gzip" ? zlib.gunzipSync(wire) : wire;
        resolve({ status: response.statusCode!, headers: response.headers, wire, body });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(payload);
  });
}

beforeAll(async () => {
  ensureExplorerBuilt();
  server = await startTestServer("compression");
  base = server.url.replace(/\/graphql$/, "");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("compression", () => {
  it("serves the explorer's scripts compressed, brotli first, gzip otherwise, identity when not asked", async () => {
    const index = (await get("/")).body.toString("utf8");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1];
    const plain = await get(script);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await get(script, { "accept-encoding": "gzip, deflate, br" });
    const gzip = await get(script, { "accept-encoding": "gzip" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(br.body.equals(plain.body)).toBe(true);
    expect(gzip.body.equals(plain.body)).toBe(true);
    expect(br.wire.length).toBeLessThan(plain.body.length * 0.6);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("compresses a GraphQL answer over 1 KB when the client accepts it, and only then", async () => {
    const query = JSON.stringify({ query: "{ regions(first: 20) { edges { node { code name } } } }" });
    const headers = { "content-type": "application/json" };
    const plain = await get("/graphql", headers, "POST", query);
    const gzip = await get("/graphql", { ...headers, "accept-encoding": "gzip" }, "POST", query);
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gzip.body.toString("utf8")).data).toEqual(JSON.parse(plain.body.toString("utf8")).data);
    expect(gzip.wire.length).toBeLessThan(plain.body.length / 2);
  });

  it("streams exports compressed, with the same rows", async () => {
    const plain = await get("/exports/associations.csv");
    const br = await get("/exports/associations.csv", { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.body.toString("utf8").split("\r\n").length).toBe(plain.body.toString("utf8").split("\r\n").length);
    expect(br.wire.length).toBeLessThan(plain.body.length / 3);
  });
});

describe("reference exports: validators and max-age", () => {
  it("gives the QPV contours an ETag and the reference max-age, and answers 304 to a client that holds them", async () => {
    const path = `/exports/qpvs.geojson?filter=${encodeURIComponent(JSON.stringify({ departmentCodes: ["59"] }))}`;
    const first = await get(path, { "accept-encoding": "gzip" });
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, max-age=86400");
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(JSON.parse(first.body.toString("utf8")).features.length).toBeGreaterThan(10);
    // The GeoJSON of the Nord's QPVs shrinks at least threefold.
    expect(first.wire.length).toBeLessThan(first.body.length / 3);

    const again = await get(path, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect((await get(path, { "if-none-match": `"other", ${etag}` })).status).toBe(304);
    expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);

    // Another filter, another file; the CSV of the same filter, another file.
    const other = await get(`/exports/qpvs.geojson?filter=${encodeURIComponent(JSON.stringify({ departmentCodes: ["93"] }))}`);
    expect(other.headers.etag).not.toBe(etag);
    const csv = await get(path.replace(".geojson", ".csv"));
    expect(csv.headers.etag).not.toBe(etag);
  });

  it("keeps the lists users edit out of caches (no validator, no-store)", async () => {
    const associations = await get("/exports/associations.csv");
    expect(associations.headers["cache-control"]).toBe("no-store");
    expect(associations.headers.etag).toBeUndefined();
  });
});
