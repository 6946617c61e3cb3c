import { ApiError, gql } from "../api/client";
import { CooperationGraph, OrganizationRecord, PartnerSuggestions } from "../api/operations";
import { announce, errorBox, fmt, fmtDate, fmtDateTime, h, label, orgPath } from "../ui/dom";
import { graphView, KIND_COLORS } from "../ui/graph";
import { navigate } from "../ui/nav";
import type { Page } from "../main";


function row(term: string, value: Node | string | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === "") return null;
  return h("div", {}, h("dt", {}, term), h("dd", {}, value));
}

/** An organisation: identity, projects, events, cooperation network (graph) and partner suggestions. */
const organizationPage: Page = async (container, params) => {
  const id = params.id;
  const data = await gql(OrganizationRecord, { id });
  const org = data.node;
  if (!org || (org.__typename !== "Association" && org.__typename !== "Partner")) {
    container.append(h("h1", {}, "Organisation introuvable"), h("p", {}, "Cette fiche n'existe pas ou n'est pas publique."));
    return;
  }
  const isAssociation = org.__typename === "Association";
  const networks = (org.networks as any[]).filter((m) => m.confirmed && !m.leftOn);
  const identity = h("dl", { class: "identity" },
    row("Type", isAssociation ? label("grouping", org.grouping) : `Partenaire · ${label("partnerType", org.partnerType)}`),
    row("RNA", org.rna), row("SIRET", org.siret ?? (org.siren ? `SIREN ${org.siren}` : null)),
    row("Adresse", [org.address, [org.postalCode, org.commune?.name].filter(Boolean).join(" ")].filter(Boolean).join(", ")),
    row("Département", org.commune ? `${org.commune.department.code} – ${org.commune.department.name}` : null),
    row("Objet", org.purpose),
    row("Thèmes", (org.themes as any[]).map((t) => t.label).join(", ")),
    isAssociation ? row("Taille employeur", label("employerSize", org.employerSize)) : null,
    isAssociation ? row("Salariés (ETP) · bénévoles · adhérents", `${fmt(org.staffEtp)} · ${fmt(org.volunteers)} · ${fmt(org.members)}`) : null,
    isAssociation ? row("Fédérée", org.federated ? "Oui" : "Non") : null,
    row("Réseaux", networks.length ? h("span", {}, networks.flatMap((m, i) => [i ? ", " : "", h("a", { href: orgPath(m.network.id), "data-link": true }, m.network.name)])) : "Aucun"),
    isAssociation && org.networkMembers.totalCount ? row("Membres de son réseau", fmt(org.networkMembers.totalCount)) : null,
    row("QPV", (org.qpvs as any[]).length ? h("span", {}, (org.qpvs as any[]).flatMap((p, i) => [i ? ", " : "", h("a", { href: `/qpv/${p.qpv.code}`, "data-link": true }, p.qpv.name), ` (${label("presence", p.presence)})`])) : "–"),
    row("Charte de coopération", org.charterSignature ? `Signée le ${fmtDate(org.charterSignature.signedOn)}` : "Non signée"),
    row("Création", org.createdOn ? fmtDate(org.createdOn) : null),
    row("Site web", org.website ? h("a", { href: org.website, rel: "noopener noreferrer" }, org.website) : null),
  );

  const projects = org.projects.edges.map((e: any) => e.node);
  const events = org.events.edges.map((e: any) => e.node);
  const graphBox = h("div", { class: "graph", id: "graphe", role: "img", "aria-label": "Graphe du réseau de coopération (la liste des liens suit)" });
  const graphInfo = h("p", { class: "graph-info", "aria-live": "polite" });
  const graph = graphView(graphBox, (target) => navigate(orgPath(target)));
  const linkTable = h("div", { class: "link-table" });
  const depthChoice = h("fieldset", { class: "inline" }, h("legend", {}, "Profondeur"),
    ...[1, 2].map((d) => h("span", { class: "check" },
      h("input", { type: "radio", name: "profondeur", id: `profondeur-${d}`, value: d, checked: d === 1 }),
      h("label", { for: `profondeur-${d}` }, d === 1 ? "Partenaires directs" : "Partenaires de ses partenaires"))));
  const suggestionsBox = h("div", { class: "suggestions" }, h("p", {}, "Chargement des suggestions…"));

  container.append(
    h("p", { class: "kicker" }, isAssociation ? "Association" : "Partenaire de la politique de la ville"),
    h("h1", {}, org.name, org.shortName ? h("span", { class: "short" }, ` (${org.shortName})`) : null),
    h("section", { "aria-labelledby": "titre-identite" }, h("h2", { id: "titre-identite" }, "Identité"), identity),
    h("section", { "aria-labelledby": "titre-reseau", class: "network-section" },
      h("h2", { id: "titre-reseau" }, "Réseau de coopération"),
      h("p", {}, "Liens tirés des projets partagés, événements co-organisés, financements et adhésions ; l'épaisseur d'un lien est son poids. "
        + "Dans un grand réseau, les organisations sont regroupées par commune (les partenaires ensemble) et seuls les noms des plus liées sont affichés. ",
        h("span", { class: "legend" }, h("span", { class: "swatch", style: `--c:${KIND_COLORS.root}` }), "cette organisation ",
          h("span", { class: "swatch", style: `--c:${KIND_COLORS.Association}` }), "association ",
          h("span", { class: "swatch", style: `--c:${KIND_COLORS.Partner}` }), "partenaire")),
      depthChoice, graph.controls, graphBox, graph.selection, graphInfo, linkTable),
    h("section", { "aria-labelledby": "titre-suggestions" }, h("h2", { id: "titre-suggestions" }, "Partenaires suggérés"), suggestionsBox),
    h("section", { "aria-labelledby": "titre-projets" }, h("h2", { id: "titre-projets" }, `Projets (${fmt(org.projects.totalCount)})`),
      projects.length ? h("ul", {}, projects.map((p: any) => h("li", {}, h("a", { href: `/projet/${encodeURIComponent(p.id)}`, "data-link": true }, p.title), ` – ${label("status", p.status)}${p.startDate ? `, depuis ${fmtDate(p.startDate)}` : ""}`))) : h("p", {}, "Aucun projet public.")),
    h("section", { "aria-labelledby": "titre-evenements" }, h("h2", { id: "titre-evenements" }, `Événements (${fmt(org.events.totalCount)})`),
      events.length ? h("ul", {}, events.map((e: any) => h("li", {}, h("a", { href: `/evenement/${encodeURIComponent(e.id)}`, "data-link": true }, e.title), ` – ${label("eventKind", e.kind)}, ${fmtDateTime(e.startsAt)}, ${e.commune.name}`))) : h("p", {}, "Aucun événement public.")),
  );

  void gql(PartnerSuggestions, { organizationId: id }).then((s) => {
    const list = s.partnerSuggestions as any[];
    if (!list.length) return suggestionsBox.replaceChildren(h("p", {}, "Aucune suggestion : pas d'organisation proche sans lien existant."));
    const reason = (r: any) => `${label("reason", r.kind)}${r.qpv ? ` : ${r.qpv.name}` : ""}${r.theme ? ` : ${r.theme.label}` : ""}${r.distanceMeters ? ` (${fmt(r.distanceMeters)} m)` : ""}`;
    suggestionsBox.replaceChildren(h("ol", { class: "suggestion-list" }, list.map((sug) =>
      h("li", {}, h("a", { href: orgPath(sug.organization.id), "data-link": true }, sug.organization.name),
        sug.organization.commune ? ` (${sug.organization.commune.name})` : "", h("span", { class: "score" }, ` score ${sug.score.toFixed(2)}`),
        h("ul", { class: "reasons" }, (sug.reasons as any[]).map((r) => h("li", {}, reason(r))))))));
  }, (error) => suggestionsBox.replaceChildren(errorBox(error)));

  async function drawGraph(depth: number): Promise<void> {
    graphBox.dataset.state = "loading";
    graphInfo.textContent = "Chargement du réseau…";
    let network: any;
    try {
      network = (await gql(CooperationGraph, { roots: [id], depth })).cooperationNetwork;
    } catch (error) {
      graph.clear();
      graphBox.dataset.state = "error";
      graphInfo.textContent = error instanceof ApiError && error.code === "TOO_LARGE"
        ? "Ce réseau est trop grand pour être dessiné à cette profondeur : choisissez « Partenaires directs »."
        : `Erreur : ${(error as Error).message}`;
      return;
    }
    while (!graphBox.isConnected) await new Promise((resolve) => setTimeout(resolve, 10));
    const names = new Map<string, any>((network.nodes as any[]).map((n) => [n.organization.id, n]));
    await graph.draw(network, id);
    graphBox.dataset.state = "ready";
    graphBox.dataset.nodes = String(network.nodes.length);
    graphBox.dataset.edges = String(network.edges.length);
    graphInfo.textContent = `${fmt(network.nodes.length)} organisations, ${fmt(network.edges.length)} liens (profondeur ${depth}).`;
    const direct = (network.edges as any[]).filter((e) => e.source === id || e.target === id).sort((a, b) => b.weight - a.weight);
    linkTable.replaceChildren(h("table", {},
      h("caption", {}, "Liens directs de cette organisation"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Partenaire"), h("th", { scope: "col" }, "Nature du lien"), h("th", { scope: "col" }, "Poids"), h("th", { scope: "col" }, "Dernière activité"))),
      h("tbody", {}, direct.map((e) => {
        const other = names.get(e.source === id ? e.target : e.source)!.organization;
        return h("tr", {}, h("td", {}, h("a", { href: orgPath(other.id), "data-link": true }, other.name)),
          h("td", {}, (e.kinds as string[]).map((k) => label("cooperation", k)).join(", ")), h("td", { class: "num" }, fmt(e.weight)), h("td", {}, fmtDate(e.lastActivityOn)));
      }))));
    announce(graphInfo.textContent);
  }
  depthChoice.addEventListener("change", (event) => void drawGraph(Number((event.target as HTMLInputElement).value)));
  void drawGraph(1);
  return () => graph.destroy();
};
export default organizationPage;
