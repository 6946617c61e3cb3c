import type { RequestHandler } from "express";
import { Config } from "./config";

/** What the explorer reads of the server's settings at run time (GET /explorer-config.json). */
export interface ExplorerConfig {
  /** The map's basemap: a Leaflet tile URL template and its credit (plain text); null: no basemap, no third-party request. */
  basemap: { tileUrl: string; attribution: string } | null;
  /** Whether `addressQpv` can look addresses up (a geocoder is configured). */
  addressLookup: boolean;
}

export function explorerConfig(config: Pick<Config, "basemap" | "geocoder">): ExplorerConfig {
  return {
    basemap: config.basemap ? { tileUrl: config.basemap.tileUrl, attribution: config.basemap.attribution } : null,
    addressLookup: config.geocoder !== undefined,
  };
}

/**
 * Serves the explorer's run-time settings, so that a basemap or a geocoder is changed by the
 * environment and a restart, never by a rebuild. The same for everyone and tiny: cached five
 * minutes, then revalidated by its ETag (Express's default).
 */
export function explorerConfigRoute(config: Pick<Config, "basemap" | "geocoder">): RequestHandler {
  const body = explorerConfig(config);
  return (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.json(body);
  };
}
