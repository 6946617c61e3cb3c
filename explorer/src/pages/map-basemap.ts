import type * as Leaflet from "leaflet";
import type { ExplorerConfig } from "../api/explorer-config";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The basemap the server configures (Plan IGN by default), under the layers. Its tiles are the
 * page's only requests to another site; when they cannot be had (offline, blocked, service down)
 * the map goes on without them and says so discreetly, in a corner away from the credits, until a tile arrives.
 */
export function addBasemap(L: typeof Leaflet, map: Leaflet.Map, basemap: ExplorerConfig["basemap"]): void {
  if (!basemap) return;
  // Leaflet writes attributions as HTML: the configured credit is text.
  const layer = L.tileLayer(basemap.tileUrl, { maxZoom: 19, attribution: escapeHtml(basemap.attribution), className: "basemap" });
  const Note = L.Control.extend({
    onAdd: () => L.DomUtil.create("p", "map-note"),
  });
  const note = new Note({ position: "topright" });
  let loadedOne = false;
  let shown = false;
  layer.on("tileerror", () => {
    if (loadedOne || shown) return;
    shown = true;
    note.addTo(map);
    note.getContainer()!.textContent = "Fond de carte indisponible : contours et points restent affichés.";
  });
  layer.on("tileload", () => {
    loadedOne = true;
    if (shown) note.remove();
    shown = false;
  });
  layer.addTo(map);
}
