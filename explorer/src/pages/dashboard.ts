import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from "chart.js";
import { gql } from "../api/client";
import { NetworkHead, NetworkMembers, Networks, StakesDashboard } from "../api/operations";
import { stakeProposals } from "./dashboard-proposals";
import { csvLink, fmt, h, label, orgPath } from "../ui/dom";
import { exportLinks } from "../ui/export-links";
import { navigate } from "../ui/nav";
import { completeTerritory, readTerritory, Territory, territoryFilter, territoryPicker, territoryQuery } from "../ui/territory";
import type { Page } from "../main";

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.color = "#3a3a3a";
Chart.defaults.animation = false;

/** Colour-blind-safe palette (Okabe-Ito), dark enough on white. */
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
const YEARS = [2023, 2024, 2025, 2026, 2027];

interface Filters { associations: object; projects: object; events: object; signatures: object; partners: object | null }

function listLink(list: string, filter: object, text: string): HTMLAnchorElement {
  return h("a", { href: `/liste/${list}?filter=${encodeURIComponent(JSON.stringify(filter))}`, "data-link": true }, text);
}

/** A dashboard card: title, key figures, a chart (with its data as a table for screen readers), links. */
function card(id: string, title: string, figures: [string, number, string][], links: (Node | string)[], table: { head: string[]; rows: (string | number)[][] }): { element: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h("canvas", { id: `graphique-${id}`, role: "img", "aria-label": `${title} : graphique, données détaillées dans le tableau qui suit` });
  const element = h("section", { class: "card", id: `carte-${id}`, "aria-labelledby": `titre-${id}` },
    h("h2", { id: `titre-${id}` }, title),
    h("dl", { class: "figures" }, figures.map(([term, value, key]) => h("div", {}, h("dt", {}, term), h("dd", { "data-figure": key }, fmt(value))))),
    h("div", { class: "chart" }, canvas),
    h("details", {}, h("summary", {}, "Voir les données"), h("table", {},
      h("thead", {}, h("tr", {}, table.head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, table.rows.map((r) => h("tr", {}, r.map((c) => h("td", { class: typeof c === "number" ? "num" : undefined }, typeof c === "number" ? fmt(c) : c))))))),
    h("p", { class: "card-links" }, ...links.flatMap((l, i) => (i ? [" · ", l] : [l])), " · ", csvLink(`${id}.csv`, table.head, table.rows)));
  return { element, canvas };
}

/** Tableau de bord: the 4 stakes over a territory or a network, optionally over one year. */
const dashboardPage: Page = async (container, _params, query) => {
  const networkId = query.get("reseau") ?? "";
  const year = Number(query.get("annee")) || null;
  let territory: Territory = networkId ? {} : await completeTerritory(readTerritory(query));
  const charts: Chart[] = [];
  const address = (t: Territory, network: string, y: number | null) => {
    const params = new URLSearchParams(territoryQuery(t).slice(1));
    if (network) { for (const k of ["r", "d", "e", "c", "q"]) params.delete(k); params.set("reseau", network); }
    if (y) params.set("annee", String(y));
    const s = params.toString();
    return `/tableau-de-bord${s ? `?${s}` : ""}`;
  };

  const networks = (await gql(Networks)).associations.edges.map((e: any) => e.node);
  const networkSelect = h("select", { id: "reseau" }, h("option", { value: "" }, "— aucun : par territoire —"),
    networks.map((n: any) => h("option", { value: n.id, selected: n.id === networkId }, n.name)));
  networkSelect.addEventListener("change", () => navigate(address(territory, networkSelect.value, year)));
  const yearSelect = h("select", { id: "annee" }, h("option", { value: "" }, "Toutes les années"), YEARS.map((y) => h("option", { value: y, selected: y === year }, String(y))));
  yearSelect.addEventListener("change", () => navigate(address(territory, networkId, Number(yearSelect.value) || null)));
  const picker = territoryPicker(territory, (t) => { territory = t; navigate(address(t, "", year)); }, "tdb", Boolean(networkId || territoryFilter(territory)));
  const controls = h("div", { class: "dashboard-controls" }, picker,
    h("fieldset", {}, h("legend", {}, "Ou un réseau"), h("div", { class: "field" }, h("label", { for: "reseau" }, "Tête de réseau"), networkSelect)),
    h("fieldset", {}, h("legend", {}, "Période"), h("div", { class: "field" }, h("label", { for: "annee" }, "Année"), yearSelect)));
  // A network's dashboard is named after it, with the way back to its page and on to its members.
  const networkName: string | undefined = networkId
    ? networks.find((n: any) => n.id === networkId)?.name ?? (await gql(NetworkHead, { id: networkId })).node?.name
    : undefined;
  container.append(...(networkName
    ? [h("h1", {}, `Tableau de bord — ${networkName}`), h("p", { class: "network-links" },
      h("a", { href: orgPath(networkId), "data-link": true, class: "action-link" }, "Fiche du réseau"),
      h("a", { href: `/reseau/${encodeURIComponent(networkId)}/membres`, "data-link": true, class: "action-link" }, "Membres du réseau"))]
    : [h("h1", {}, "Tableau de bord des 4 enjeux")]), controls);

  const territoryScope = territoryFilter(territory);
  if (!networkId && !territoryScope) {
    container.append(h("p", { class: "hint" }, "Choisissez un territoire (au moins une région) ou un réseau pour afficher ses chiffres."));
    return;
  }
  const period = year ? { from: `${year}-01-01`, to: `${year}-12-31` } : null;
  const scope = networkId ? { networkId } : territoryScope!;
  const dashboard = (await gql(StakesDashboard, { scope, period })).dashboard;

  // The list filters whose totalCount each figure equals (see the Dashboard type's descriptions).
  let filters: Filters;
  if (networkId) {
    const head = (await gql(NetworkMembers, { id: networkId })).node;
    const ids = [networkId, ...(head?.networkMembers.edges ?? []).filter((e: any) => e.node.confirmed && !e.node.leftOn).map((e: any) => e.node.member.id)];
    filters = { associations: { networkIds: [networkId] }, projects: { participantIds: ids }, events: { organizerIds: ids }, signatures: { organizationIds: ids }, partners: null };
  } else {
    const partnerScope = territory.q ? { qpvCodes: [territory.q] } : territoryScope!;
    filters = { associations: territoryScope!, projects: territoryScope!, events: territoryScope!, signatures: territoryScope!, partners: partnerScope };
  }
  const withPeriod = {
    projects: period ? { ...filters.projects, activeFrom: period.from, activeTo: period.to } : filters.projects,
    events: period ? { ...filters.events, startsAfter: `${year}-01-01T00:00:00+01:00`, startsBefore: `${year! + 1}-01-01T00:00:00+01:00` } : filters.events,
    signatures: period ? { ...filters.signatures, signedFrom: period.from, signedTo: period.to } : filters.signatures,
  };
  const a = filters.associations;
  const sizes = dashboard.employerSizes;
  const fed = dashboard.federation;
  const part = dashboard.participation;
  const proj = dashboard.projects;
  const coop = dashboard.cooperation;
  const charter = dashboard.charterSignatures;

  const grid = h("div", { class: "cards" });
  container.append(h("p", { class: "scope-line" }, period ? `Activité de ${year} ; associations : état actuel.` : "Toutes périodes ; associations : état actuel."), grid);
  const add = (c: { element: HTMLElement; canvas: HTMLCanvasElement }, config: any) => {
    grid.append(c.element);
    charts.push(new Chart(c.canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } }, ...config.options } }));
  };

  add(card("employeurs", "Enjeu 1 · Taille employeur des associations",
    [["Associations", sizes.total, "associations-total"], ["Petits employeurs (≤ 2 ETP)", sizes.smallEmployer, "small-employers"]],
    [listLink("associations", a, "Liste des associations"), ...exportLinks("associations", a, true)],
    { head: ["Taille", "Associations"], rows: [[label("employerSize", "NONE"), sizes.none], [label("employerSize", "SMALL_EMPLOYER"), sizes.smallEmployer], [label("employerSize", "EMPLOYER"), sizes.employer]] }),
  { type: "doughnut", data: { labels: ["Sans salarié", "Petit employeur", "Employeur"], datasets: [{ data: [sizes.none, sizes.smallEmployer, sizes.employer], backgroundColor: PALETTE.slice(0, 3) }] } });

  add(card("federation", "Enjeu 2 · Associations fédérées ou non",
    [["Fédérées", fed.federated, "federated"], ["Non fédérées", fed.nonFederated, "non-federated"], ["Non fédérées et petits employeurs", fed.nonFederatedSmallEmployers, "non-federated-small"]],
    [listLink("associations", { ...a, federated: false }, "Liste des non fédérées"), ...exportLinks("associations", { ...a, federated: false }, true)],
    { head: ["Statut", "Associations"], rows: [["Fédérées", fed.federated], ["Non fédérées", fed.nonFederated]] }),
  { type: "doughnut", data: { labels: ["Fédérées", "Non fédérées"], datasets: [{ data: [fed.federated, fed.nonFederated], backgroundColor: [PALETTE[2], PALETTE[1]] }] } });

  const months = part.months as any[];
  add(card("participation", "Enjeu 3 · Habitants touchés par mois",
    [["Événements", part.events, "events"], ["Habitants comptés", part.residents, "residents"]],
    [listLink("evenements", withPeriod.events, "Liste des événements"), ...exportLinks("events", withPeriod.events, true)],
    { head: ["Mois", "Événements", "Habitants"], rows: months.map((m) => [m.month, m.events, m.residents]) }),
  { type: "bar", data: { labels: months.map((m) => m.month), datasets: [{ label: "Habitants", data: months.map((m) => m.residents), backgroundColor: PALETTE[0] }] }, options: { plugins: { legend: { display: false } } } });

  const byStake = proj.byStake as any[];
  const byStatus = proj.byStatus as any[];
  add(card("projets", "Projets par enjeu et par statut",
    [["Projets", proj.total, "projects"], ["Habitants touchés (déclarés)", proj.residentsReached, "residents-reached"]],
    [listLink("projets", withPeriod.projects, "Liste des projets"), ...exportLinks("projects", withPeriod.projects, false)],
    { head: ["Regroupement", "Projets"], rows: [...byStake.map((s) => [`Enjeu ${s.stakeNumber} – ${label("stake", s.stakeNumber)}`, s.count]), ...byStatus.map((s) => [label("status", s.status), s.count])] }),
  { type: "bar", data: {
    labels: [...byStake.map((s) => `Enjeu ${s.stakeNumber}`), ...byStatus.map((s) => label("status", s.status))],
    datasets: [{ label: "Projets", data: [...byStake.map((s) => s.count), ...byStatus.map((s) => s.count)], backgroundColor: [...byStake.map(() => PALETTE[0]), ...byStatus.map(() => PALETTE[5])] }],
  }, options: { plugins: { legend: { display: false } } } });

  const byType = coop.byPartnerType as any[];
  add(card("cooperation", "Enjeu 4 · Liens associations – partenaires",
    [["Liens", coop.links, "links"], ["Partenaires liés", coop.partners, "partners"], ["Associations liées", coop.associations, "linked-associations"]],
    filters.partners ? [listLink("partenaires", filters.partners, "Liste des partenaires"), ...exportLinks("partners", filters.partners, true)] : [listLink("associations", a, "Liste des associations")],
    { head: ["Type de partenaire", "Liens", "Partenaires"], rows: byType.map((t) => [label("partnerType", t.partnerType), t.links, t.partners]) }),
  { type: "bar", data: { labels: byType.map((t) => label("partnerType", t.partnerType)), datasets: [{ label: "Liens", data: byType.map((t) => t.links), backgroundColor: PALETTE[2] }] }, options: { indexAxis: "y", scales: { y: { ticks: { autoSkip: false, font: { size: 11 } } } }, plugins: { legend: { display: false } } } });

  const buckets = charter.buckets as any[];
  add(card("charte", "Signataires de la charte de coopération",
    [["Signatures sur la période", charter.signed, "charter-signed"], ["Signataires (cumul)", charter.cumulative, "charter-cumulative"]],
    [listLink("signatures", withPeriod.signatures, "Liste des signatures")],
    { head: ["Année", "Signatures", "Cumul"], rows: buckets.map((b) => [b.startsOn.slice(0, 4), b.signed, b.cumulative]) }),
  { type: "line", data: { labels: buckets.map((b) => b.startsOn.slice(0, 4)), datasets: [
    { label: "Cumul des signataires", data: buckets.map((b) => b.cumulative), borderColor: PALETTE[3], backgroundColor: PALETTE[3] },
    { label: "Signatures de l'année", data: buckets.map((b) => b.signed), borderColor: PALETTE[0], backgroundColor: PALETTE[0] },
  ] } });

  // Each stake's card lists the advocacy paper's proposals under it, with the projects carrying each forward.
  const stakeCards: Record<number, string> = { 1: "employeurs", 2: "federation", 3: "participation", 4: "cooperation" };
  const anyProposal = byStake.some((s) => s.proposals.length > 0);
  for (const stake of byStake) grid.querySelector(`#carte-${stakeCards[stake.stakeNumber]} .card-links`)?.before(stakeProposals(stake, anyProposal, withPeriod.projects));

  container.dataset.ready = "true";
  return () => charts.forEach((c) => c.destroy());
};
export default dashboardPage;
