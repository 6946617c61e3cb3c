import { exportUrl, ExportListName } from "../api/client";
import { h } from "./dom";

/**
 * The export links of a list, with its filter: the spreadsheet form for people (French headers and
 * labels, `;`, opens in Excel or LibreOffice by double-click), the data form for programs, and
 * GeoJSON when the list has locations.
 */
export function exportLinks(list: ExportListName, filter: object | undefined, geojson: boolean): HTMLAnchorElement[] {
  return [
    h("a", { href: exportUrl(list, "csv", filter, "spreadsheet"), download: true, "data-export": "spreadsheet" }, "Tableur (Excel, LibreOffice)"),
    h("a", { href: exportUrl(list, "csv", filter), download: true, "data-export": "csv" }, "CSV (programmes)"),
    ...(geojson ? [h("a", { href: exportUrl(list, "geojson", filter), download: true, "data-export": "geojson" }, "GeoJSON")] : []),
  ];
}

/** Links separated by " · ", to put in a sentence. */
export function joined(links: (Node | string)[]): (Node | string)[] {
  return links.flatMap((link, i) => (i ? [" · ", link] : [link]));
}
