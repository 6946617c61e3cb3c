/** What the server tells the explorer of its settings (GET /explorer-config.json, see server/explorer-config.ts). */
export interface ExplorerConfig {
  /** The map's basemap: a Leaflet tile URL template and its credit (plain text); null: none. */
  basemap: { tileUrl: string; attribution: string } | null;
  /** Whether the server can look addresses up (`addressQpv`). */
  addressLookup: boolean;
}

const NONE: ExplorerConfig = { basemap: null, addressLookup: false };
let loaded: Promise<ExplorerConfig> | undefined;

/**
 * The server's settings, read once per page load. Without them (server unreachable, an older server)
 * the map simply goes without basemap and address box: it never fails for that.
 */
export function explorerConfig(): Promise<ExplorerConfig> {
  return (loaded ??= fetch("/explorer-config.json", { headers: { accept: "application/json" } })
    .then(async (response) => {
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as Partial<ExplorerConfig>;
      const basemap = body.basemap && typeof body.basemap.tileUrl === "string" && body.basemap.tileUrl
        ? { tileUrl: body.basemap.tileUrl, attribution: String(body.basemap.attribution ?? "") } : null;
      return { basemap, addressLookup: body.addressLookup === true };
    })
    .catch(() => {
      loaded = undefined; // tried again on the next map shown
      return NONE;
    }));
}
