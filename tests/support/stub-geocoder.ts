import http from "node:http";
import { AddressInfo } from "node:net";

/** An address the stub knows: where it is, as the Base Adresse Nationale would place it. */
export interface StubAddress {
  label: string;
  latitude: number;
  longitude: number;
  type?: "housenumber" | "street" | "locality" | "municipality";
  score?: number;
  postcode?: string;
  citycode?: string;
  city?: string;
}

/** How the stub answers one query text: an address, or a fault. */
export type StubAnswer =
  | StubAddress
  | { fault: "slow"; delayMs: number }
  | { fault: "status"; status: number }
  | { fault: "hang-up" }
  | { fault: "body"; body: string; contentType?: string };

/** A local stand-in for https://api-adresse.data.gouv.fr/search/, answering in the BAN's exact format. */
export interface StubGeocoder {
  /** The search URL to give the server (MAILLAGE_GEOCODER_URL). */
  url: string;
  /** The query strings received, in order (q and limit). */
  requests: { q: string | null; limit: string | null; path: string }[];
  close(): Promise<void>;
}

/** The GeoCodeJSON FeatureCollection the BAN's /search/ answers (fields as documented on adresse.data.gouv.fr). */
export function banAnswer(query: string, limit: number, found: StubAddress[]): object {
  return {
    type: "FeatureCollection",
    version: "draft",
    features: found.map((a) => {
      const [housenumber, ...street] = a.label.split(" ");
      return {
        type: "Feature",
        geometry: { type: "Point", coordinates: [a.longitude, a.latitude] },
        properties: {
          label: a.label,
          score: a.score ?? 0.9612,
          ...(a.type ?? "housenumber") === "housenumber" ? { housenumber } : {},
          id: `${a.citycode ?? "59512"}_0000_${housenumber.padStart(5, "0")}`,
          type: a.type ?? "housenumber",
          name: a.label.replace(/ \d{5} .*$/, ""),
          postcode: a.postcode ?? "59100",
          citycode: a.citycode ?? "59512",
          x: 709000.12,
          y: 7062000.34,
          city: a.city ?? "Roubaix",
          context: "59, Nord, Hauts-de-France",
          importance: 0.6706612694243868,
          street: street.join(" ").replace(/ \d{5} .*$/, ""),
        },
      };
    }),
    attribution: "BAN",
    licence: "ETALAB-2.0",
    query,
    limit,
  };
}

/** Starts the stub on a free local port; an unknown text finds nothing (an empty FeatureCollection). */
export async function startStubGeocoder(answers: Record<string, StubAnswer>): Promise<StubGeocoder> {
  const requests: StubGeocoder["requests"] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const q = url.searchParams.get("q");
    const limit = url.searchParams.get("limit");
    requests.push({ q, limit, path: url.pathname });
    if (url.pathname !== "/search/") {
      res.writeHead(404).end();
      return;
    }
    const answer = q === null ? undefined : answers[q];
    const send = (found: StubAddress[]) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(banAnswer(q ?? "", Number(limit ?? 5), found)));
    };
    if (!answer) return send([]);
    if (!("fault" in answer)) return send([answer]);
    switch (answer.fault) {
      case "slow": {
        const timer = setTimeout(() => send([]), answer.delayMs);
        res.on("close", () => clearTimeout(timer));
        return;
      }
      case "status":
        res.writeHead(answer.status, { "content-type": "text/html" }).end("<html><body>Error</body></html>");
        return;
      case "hang-up":
        req.socket.destroy();
        return;
      case "body":
        res.writeHead(200, { "content-type": answer.contentType ?? "application/json" }).end(answer.body);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/search/`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
