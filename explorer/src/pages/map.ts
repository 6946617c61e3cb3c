import type * as Leaflet from "leaflet";
import "leaflet/dist/leaflet.css";
import { exportUrl, fetchGeoJson } from "../api/client";
import { explorerConfig } from "../api/explorer-config";
import { announce, errorBox, fmt, fmtDateTime, h, label, orgPath } from "../ui/dom";
import { exportLinks, joined } from "../ui/export-links";
import { navigate } from "../ui/nav";
import { completeTerritory, readTerritory, Territory, territoryFilter, territoryPicker, territoryQuery } from "../ui/territory";
import type { Page } from "../main";
import { addressCheck } from "./map-address";
import { addBasemap } from "./map-basemap";

const COLORS = { qpv: "#8a1c7c", qpvSelected: "#d1335b", association: "#00549f", event: "#a85a00" };

/** Carte et territoire: the QPV contours of the chosen territory, its associations and events as points. */
const mapPage: Page = async (container, _params, query) => {
  let territory: Territory = await completeTerritory(readTerritory(query));
  if (territoryQuery(territory) !== location.search) navigate(`/${territoryQuery(territory)}`, { replace: true, render: false });
  const [L, settings] = await Promise.all([import("leaflet").then((m) => m.default), explorerConfig()]);

  const mapElement = h("div", { id: "carte", class: "map", role: "region", "aria-label": "Carte du territoire : contours des QPV, associations et événements" });
  const summary = h("div", { class: "map-summary", "aria-live": "polite" });
  const addressBox = h("div", { class: "address-box" });
  const exportsBox = h("div", { class: "exports" });
  const qpvList = h("div", { class: "qpv-list" });
  const layerToggles = h("fieldset", { class: "layers" }, h("legend", {}, "Couches"));
  const picker = territoryPicker(territory, (t) => {
    territory = t;
    navigate(`/${territoryQuery(t)}`, { replace: true, render: false });
    void load();
  });
  container.append(
    h("h1", {}, "Carte et territoire"),
    h("div", { class: "map-layout" },
      h("aside", { class: "map-side" }, addressBox, picker, layerToggles, summary, exportsBox, qpvList),
      mapElement),
  );

  const map = L.map(mapElement, { preferCanvas: false, zoomControl: true, attributionControl: true, keyboard: true }).setView([46.6, 2.4], 6);
  map.attributionControl.setPrefix(false).addAttribution("Contours QPV : ANCT (Licence Ouverte 2.0)");
  L.control.scale({ imperial: false }).addTo(map);
  // The server's basemap (Plan IGN unless configured otherwise); the map works without it.
  addBasemap(L, map, settings.basemap);
  if (settings.addressLookup) addressBox.append(addressCheck(L, map));
  const groups = {
    qpvs: L.featureGroup().addTo(map),
    associations: L.featureGroup().addTo(map),
    events: L.featureGroup().addTo(map),
  };
  const toggleNames: [keyof typeof groups, string, string][] = [
    ["qpvs", "Contours des QPV", COLORS.qpv],
    ["associations", "Associations", COLORS.association],
    ["events", "Événements de participation", COLORS.event],
  ];
  for (const [key, text, color] of toggleNames) {
    const id = `couche-${key}`;
    const box = h("input", { type: "checkbox", id, checked: true });
    box.addEventListener("change", () => (box.checked ? groups[key].addTo(map) : groups[key].remove()));
    layerToggles.append(h("div", { class: "check" }, box, h("label", { for: id }, h("span", { class: `swatch swatch-${key}`, style: `--c:${color}` }), text)));
  }
  const resizeObserver = new ResizeObserver(() => map.invalidateSize());
  resizeObserver.observe(mapElement);

  function popup(title: string, lines: (string | null)[], link?: [string, string]): HTMLElement {
    return h("div", { class: "popup" }, h("strong", {}, title), ...lines.filter(Boolean).map((l) => h("div", {}, l)),
      link ? h("a", { href: link[0], "data-link": true }, link[1]) : null);
  }

  let loading = 0;
  async function load(): Promise<void> {
    const current = ++loading;
    mapElement.dataset.state = "loading";
    // The page is built before it is attached: Leaflet measures the map only once it is on screen.
    while (!mapElement.isConnected) await new Promise((resolve) => setTimeout(resolve, 10));
    map.invalidateSize();
    for (const group of Object.values(groups)) group.clearLayers();
    const filter = territoryFilter(territory);
    exportsBox.replaceChildren();
    qpvList.replaceChildren();
    if (!filter) {
      summary.replaceChildren(h("p", { class: "hint" }, "Choisissez une région puis un département, un EPCI, une commune ou un QPV pour afficher ses quartiers, ses associations et ses événements."));
      map.setView([46.6, 2.4], 6, { animate: false });
      mapElement.dataset.state = "empty";
      return;
    }
    summary.replaceChildren(h("p", {}, "Chargement de la carte…"));
    // QPV contours: those of the territory; for one QPV, those of its commune, the chosen one highlighted.
    const qpvFilter = territory.q ? { communeInseeCodes: [territory.c!] } : filter;
    try {
      const [qpvs, associations, events] = await Promise.all([
        fetchGeoJson(exportUrl("qpvs", "geojson", qpvFilter)),
        fetchGeoJson(exportUrl("associations", "geojson", filter)),
        fetchGeoJson(exportUrl("events", "geojson", filter)),
      ]);
      if (current !== loading) return;
      let selected: Leaflet.Layer | undefined;
      L.geoJSON(qpvs, {
        style: (f) => {
          const isSelected = f?.properties?.code === territory.q;
          return {
            color: isSelected ? COLORS.qpvSelected : COLORS.qpv, weight: isSelected ? 3 : 1.5, fillOpacity: isSelected ? 0.3 : 0.15,
            className: `qpv qpv-${f?.properties?.code}${isSelected ? " selected" : ""}`,
          };
        },
        onEachFeature: (f, layer) => {
          const p = f.properties;
          if (p.code === territory.q) selected = layer;
          layer.bindPopup(() => popup(p.name, [`QPV ${p.code}`, (p.communeNames ?? []).join(", ")], [`/qpv/${p.code}`, "Ouvrir la fiche du QPV"]));
          layer.bindTooltip(p.name, { sticky: true });
        },
      }).addTo(groups.qpvs);
      L.geoJSON(associations, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 5, color: "#fff", weight: 1, fillColor: COLORS.association, fillOpacity: 0.9, className: "point-association" }),
        onEachFeature: (f, layer) => {
          const p = f.properties;
          layer.bindPopup(() => popup(p.name, [label("employerSize", p.employerSize), p.communeName], [orgPath(String(f.id)), "Ouvrir la fiche"]));
        },
      }).addTo(groups.associations);
      L.geoJSON(events, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 5, color: "#fff", weight: 1, fillColor: COLORS.event, fillOpacity: 0.9, className: "point-event" }),
        onEachFeature: (f, layer) => {
          const p = f.properties;
          layer.bindPopup(() => popup(p.title, [label("eventKind", p.kind), fmtDateTime(p.startsAt), p.venueName], [`/evenement/${encodeURIComponent(String(f.id))}`, "Ouvrir l'événement"]));
        },
      }).addTo(groups.events);
      const bounds = selected && "getBounds" in selected ? (selected as Leaflet.Polygon).getBounds()
        : groups.qpvs.getLayers().length ? groups.qpvs.getBounds() : groups.associations.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15, animate: false });

      const qpvCount = territory.q ? 1 : qpvs.features.length;
      summary.replaceChildren(h("dl", { class: "figures" },
        h("div", {}, h("dt", {}, "QPV"), h("dd", { "data-figure": "qpvs" }, fmt(qpvCount))),
        h("div", {}, h("dt", {}, "Associations localisées"), h("dd", { "data-figure": "associations" }, fmt(associations.features.length))),
        h("div", {}, h("dt", {}, "Événements localisés"), h("dd", { "data-figure": "events" }, fmt(events.features.length)))),
        h("p", {}, h("a", { href: `/tableau-de-bord${territoryQuery(territory)}`, "data-link": true }, "Tableau de bord de ce territoire")));
      exportsBox.replaceChildren(h("h2", {}, "Exporter"), h("ul", {},
        h("li", {}, "Associations : ", joined(exportLinks("associations", filter, true))),
        h("li", {}, "Événements : ", joined(exportLinks("events", filter, true))),
        h("li", {}, "QPV : ", joined(exportLinks("qpvs", qpvFilter, true)))));
      const listed = qpvs.features.filter((f) => !territory.q || f.properties?.code === territory.q);
      qpvList.replaceChildren(h("h2", {}, territory.q ? "QPV choisi" : `QPV du territoire (${fmt(listed.length)})`),
        h("ul", {}, listed.slice(0, 200).map((f) => h("li", {}, h("a", { href: `/qpv/${f.properties!.code}`, "data-link": true }, f.properties!.name), ` (${f.properties!.code})`))));
      // The points as lists too: what the map shows, reachable with the keyboard and by screen readers.
      const named = (features: GeoJSON.Feature[], key: string) => [...features].sort((x, y) => String(x.properties?.[key]).localeCompare(String(y.properties?.[key]), "fr"));
      qpvList.append(
        h("details", {}, h("summary", {}, `Associations localisées (${fmt(associations.features.length)})`),
          h("ul", {}, named(associations.features, "name").map((f) => h("li", {}, h("a", { href: orgPath(String(f.id)), "data-link": true }, f.properties!.name))))),
        h("details", {}, h("summary", {}, `Événements localisés (${fmt(events.features.length)})`),
          h("ul", {}, named(events.features, "startsAt").map((f) => h("li", {}, h("a", { href: `/evenement/${encodeURIComponent(String(f.id))}`, "data-link": true }, f.properties!.title), ` – ${fmtDateTime(f.properties!.startsAt)}`)))));
      mapElement.dataset.state = "ready";
      mapElement.dataset.qpvs = String(qpvs.features.length);
      announce(`Carte chargée : ${qpvCount} QPV, ${associations.features.length} associations, ${events.features.length} événements.`);
    } catch (error) {
      if (current !== loading) return;
      summary.replaceChildren(errorBox(error, load, "La carte n'a pas pu être chargée."));
      mapElement.dataset.state = "error";
    }
  }
  void load();
  return () => {
    resizeObserver.disconnect();
    map.remove();
  };
};
export default mapPage;
