import type * as Leaflet from "leaflet";
import { ApiError, gql } from "../api/client";
import { explain } from "../api/errors";
import { AddressQpv } from "../api/operations";
import { announce, h } from "../ui/dom";

const COLORS = { inside: "#d1335b", near: "#8a1c7c", marker: "#1e1e1e" };
const EXAMPLE = "« 12 rue de l'Épeule, 59100 Roubaix »";

interface QpvShape { code: string; name: string; geometry: GeoJSON.Geometry | null }
interface Answer {
  address: { label: string; score: number; precision: "HOUSE_NUMBER" | "STREET" | "LOCALITY" | "MUNICIPALITY"; location: { latitude: number; longitude: number } };
  qpv: QpvShape | null;
  nearestQpvs: { distanceMeters: number; qpv: QpvShape }[];
}

/** What a match that is not the door itself means for the answer. */
const PRECISION_NOTES: Record<string, string> = {
  STREET: "Seule la rue a été trouvée, pas le numéro : le point est placé sur la rue, et une longue rue peut traverser la limite d'un QPV. Précisez le numéro.",
  LOCALITY: "Seul le lieu-dit a été trouvé : le point est son centre. Précisez le numéro et la rue.",
  MUNICIPALITY: "Seule la commune a été trouvée : le point est son centre, ce qui ne dit rien de l'adresse. Précisez le numéro et la rue.",
};

const metres = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });
const kilometres = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** A distance as people say it: to ten metres (contours are precise to about that), in km from 1 km. */
export function distanceText(m: number): string {
  if (m < 1000) return `${metres.format(Math.max(10, Math.round(m / 10) * 10))} m`;
  return `${kilometres.format(m / 1000)} km`;
}

/** The French sentence for a failed look-up, and whether trying again may help. */
function failure(error: unknown): { text: string; retry: boolean } {
  // The API's code, or its reason when it gives one (client.ts keeps the more precise of the two).
  const code = error instanceof ApiError ? error.code ?? "" : "";
  if (["BAD_USER_INPUT", "MALFORMED", "TOO_LARGE"].includes(code)) {
    return { text: `Cette adresse ne peut pas être cherchée : saisissez de 3 à 200 caractères, avec le numéro, la rue et la commune, par exemple ${EXAMPLE}.`, retry: false };
  }
  if (["GEOCODER_UNAVAILABLE", "TIMEOUT", "UNREACHABLE", "BAD_STATUS", "MALFORMED_RESPONSE"].includes(code)) {
    return { text: "La Base Adresse Nationale ne répond pas pour le moment. Réessayez dans quelques instants.", retry: true };
  }
  if (code === "GEOCODER_DISABLED") return { text: "La recherche d'adresse n'est pas activée sur ce serveur.", retry: false };
  // Anything else (the network, the server, the rate limit...) is said as everywhere in the explorer.
  const { message, retry } = explain(error);
  return { text: message, retry };
}

/**
 * "Cette adresse est-elle en QPV ?": a box that asks `addressQpv` and answers in words (the QPV with a
 * link to its page, or the nearest ones and how far), with the address as a marker on the map and
 * the contours of the QPVs named in the answer.
 */
export function addressCheck(L: typeof Leaflet, map: Leaflet.Map): HTMLElement {
  const input = h("input", {
    id: "adresse-qpv", name: "adresse", type: "search", autocomplete: "street-address", maxlength: 200, enterkeyhint: "search",
    "aria-describedby": "adresse-qpv-aide",
  });
  const button = h("button", { type: "submit" }, "Vérifier");
  const result = h("div", { class: "address-result", "aria-live": "polite" });
  const form = h("form", { class: "address-check", role: "search", "aria-labelledby": "adresse-qpv-titre", novalidate: true },
    h("h2", { id: "adresse-qpv-titre" }, "Cette adresse est-elle en QPV\u00a0?"),
    h("label", { for: "adresse-qpv" }, "Adresse"),
    h("div", { class: "address-row" }, input, button),
    h("p", { class: "hint", id: "adresse-qpv-aide" }, `Par exemple ${EXAMPLE}. L'adresse est cherchée dans la Base Adresse Nationale.`),
    result);
  const layer = L.featureGroup().addTo(map);
  let asked = 0;

  function qpvLink(qpv: QpvShape): HTMLElement {
    return h("a", { href: `/qpv/${encodeURIComponent(qpv.code)}`, "data-link": true }, qpv.name);
  }

  function draw(answer: Answer): void {
    layer.clearLayers();
    const shapes = answer.qpv ? [{ qpv: answer.qpv, inside: true }] : answer.nearestQpvs.map((n) => ({ qpv: n.qpv, inside: false }));
    for (const { qpv, inside } of shapes) {
      if (!qpv.geometry) continue;
      L.geoJSON(qpv.geometry, {
        style: { color: inside ? COLORS.inside : COLORS.near, weight: inside ? 3 : 2, dashArray: inside ? undefined : "6 4", fillOpacity: inside ? 0.2 : 0.08, className: `address-qpv address-qpv-${qpv.code}` },
      }).bindTooltip(qpv.name, { sticky: true }).addTo(layer);
    }
    const { latitude, longitude } = answer.address.location;
    L.circleMarker([latitude, longitude], { radius: 8, color: COLORS.marker, weight: 3, fillColor: "#fff", fillOpacity: 1, className: "address-marker" })
      .bindTooltip(answer.address.label).addTo(layer);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16, animate: false });
  }

  function show(answer: Answer | null, text: string): void {
    if (!answer) {
      layer.clearLayers();
      result.replaceChildren(h("p", { class: "answer answer-unknown" },
        `Adresse introuvable dans la Base Adresse Nationale : vérifiez l'orthographe, ajoutez le code postal ou la commune, par exemple ${EXAMPLE}.`));
      announce("Adresse introuvable.");
      return;
    }
    const { address, qpv } = answer;
    const others = answer.nearestQpvs.filter((n) => n.qpv.code !== qpv?.code);
    const lines: (HTMLElement | null)[] = [];
    if (qpv) {
      lines.push(h("p", { class: "answer answer-yes", "data-answer": "inside" }, h("strong", {}, "Oui"), " : cette adresse est dans le QPV ", qpvLink(qpv), ` (${qpv.code}).`));
    } else {
      lines.push(h("p", { class: "answer answer-no", "data-answer": "outside" }, h("strong", {}, "Non"), " : cette adresse n'est dans aucun QPV."));
      lines.push(others.length
        ? h("div", {}, h("p", {}, "QPV les plus proches :"), h("ul", { class: "nearest" },
          others.map((n) => h("li", {}, qpvLink(n.qpv), ` (${n.qpv.code}), à ${distanceText(n.distanceMeters)}`))))
        : h("p", {}, "Aucun QPV à moins de 2 km."));
      if (others.length && others[0].distanceMeters < 20) {
        lines.push(h("p", { class: "note" }, "L'adresse est à quelques mètres d'un QPV, dont le contour est précis à environ 10 m : vérifiez sur la carte."));
      }
    }
    lines.push(h("p", { class: "found" }, "Adresse reconnue : ", h("strong", {}, address.label)));
    if (PRECISION_NOTES[address.precision]) lines.push(h("p", { class: "note" }, PRECISION_NOTES[address.precision]));
    else if (address.score < 0.5) lines.push(h("p", { class: "note" }, `Ce n'est peut-être pas l'adresse saisie (« ${text} ») : vérifiez-la.`));
    result.replaceChildren(...lines.filter((l): l is HTMLElement => l !== null));
    draw(answer);
    announce(qpv ? `Oui, adresse dans le QPV ${qpv.name}.` : "Non, adresse hors QPV.");
  }

  async function check(text: string): Promise<void> {
    const current = ++asked;
    result.replaceChildren(h("p", {}, "Recherche de l'adresse…"));
    button.disabled = true;
    try {
      const data = await gql<{ addressQpv: Answer | null }>(AddressQpv, { address: text });
      if (current === asked) show(data.addressQpv, text);
    } catch (error) {
      if (current !== asked) return;
      const { text: message, retry } = failure(error);
      result.replaceChildren(h("p", { class: "error", role: "alert" }, message,
        retry ? h("button", { type: "button", class: "retry", onclick: () => void check(text) }, "Réessayer") : null));
    } finally {
      if (current === asked) button.disabled = false;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.replace(/\s+/g, " ").trim();
    if (text.length < 3 || !/[\p{L}\p{N}]/u.test(text)) {
      result.replaceChildren(h("p", { class: "error", role: "alert" }, `Saisissez une adresse : le numéro, la rue et la commune, par exemple ${EXAMPLE}.`));
      input.focus();
      return;
    }
    void check(text);
  });
  return form;
}
