import { ApiError, gql } from "../api/client";
import { CooperationGraph, NetworkMemberCount, OrganizationRecord, PartnerSuggestions } from "../api/operations";
import { announce, errorBox, fmt, fmtDate, fmtDateTime, h, label, orgPath } from "../ui/dom";
import { graphView, KIND_COLORS } from "../ui/graph";
import { navigate } from "../ui/nav";
import type { Page } from "../main";


function row(term: string, value: Node | string | null | undefined): HTMLElement | null {
  if (value === null || value === undefined || value === "") return null;
  return h("div", {}, h("dt", {}, term), h("dd", {}, value));
}

const distance = (meters: number) => (meters < 1000 ? `${fmt(meters)} m` : `${fmt(Math.round(meters / 100) / 10)} km`);
// Theme labels hold commas ("Éducation, formation"): items are separated by semicolons.
const listed = (names: string[]) => names.join("\u00a0; ");

/** Why an organisation is suggested, in sentences: its reasons grouped by kind. */
function reasonsInWords(reasons: any[]): string[] {
  const of = (kind: string) => reasons.filter((r) => r.kind === kind);
  const out: string[] = [];
  const same = of("SAME_QPV").map((r) => r.qpv?.name).filter(Boolean);
  if (same.length) out.push(`${same.length > 1 ? "Agit dans les mêmes QPV" : "Agit dans le même QPV"} : ${listed(same)}.`);
  const near = of("NEARBY_QPV").filter((r) => r.qpv).map((r) => (r.distanceMeters ? `${r.qpv.name} (à ${distance(r.distanceMeters)})` : r.qpv.name));
  if (near.length) out.push(`${near.length > 1 ? "Agit dans des QPV voisins" : "Agit dans un QPV voisin"} : ${listed(near)}.`);
  const shared = of("SHARED_THEME").map((r) => r.theme?.label).filter(Boolean);
  if (shared.length) out.push(`${shared.length > 1 ? "Travaille sur les mêmes thèmes" : "Travaille sur le même thème"} : ${listed(shared)}.`);
  const complementary = of("COMPLEMENTARY_THEME").map((r) => r.theme?.label).filter(Boolean);
  if (complementary.length) {
    out.push(`${complementary.length > 1 ? "Travaille sur des thèmes souvent associés" : "Travaille sur un thème souvent associé"} aux siens dans des projets : ${listed(complementary)}.`);
  }
  return out;
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
  // A network head: its current members (the member list's total), for the links to their list and dashboard.
  const isHead = isAssociation && org.networkMembers.totalCount > 0;
  const memberCount: number = isHead ? (await gql(NetworkMemberCount, { networkId: id })).associations.totalCount : 0;
  const membersPath = `/reseau/${encodeURIComponent(id)}/membres`;
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
    isHead ? row("Membres de son réseau", memberCount ? h("a", { href: membersPath, "data-link": true }, `${fmt(memberCount)} membre${memberCount > 1 ? "s" : ""} actuel${memberCount > 1 ? "s" : ""}`) : "Aucun membre actuel") : null,
    row("QPV", (org.qpvs as any[]).length ? h("span", {}, (org.qpvs as any[]).flatMap((p, i) => [i ? ", " : "", h("a", { href: `/qpv/${p.qpv.code}`, "data-link": true }, p.qpv.name), ` (${label("presence", p.presence)})`])) : "–"),
    row("Charte de coopération", org.charterSignature ? `Signée le ${fmtDate(org.charterSignature.signedOn)}` : "Non signée"),
    row("Création", org.createdOn ? fmtDate(org.createdOn) : null),
    row("Site web", org.website ? h("a", { href: org.website, rel: "noopener noreferrer" }, org.website) : null),
  );

  const projects = org.projects.edges.map((e: any) => e.node);
  const events = org.events.edges.map((e: any) => e.node);
  const graphBox = h("div", { class: "graph", id: "graphe", role: "img", "aria-label": "Graphe du réseau de coopération (la liste des liens suit)" });
  const graphInfo = h("p", { class: "graph-info", "aria-live": "polite" });
  const graphError = h("div", { class: "graph-error" });
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
    ...(memberCount ? [h("nav", { class: "network-links", "aria-label": "Son réseau" },
      h("a", { href: membersPath, "data-link": true, class: "action-link primary" }, memberCount > 1 ? `Voir les ${fmt(memberCount)} membres` : "Voir son membre"),
      h("a", { href: `/tableau-de-bord?reseau=${encodeURIComponent(id)}`, "data-link": true, class: "action-link" }, "Tableau de bord du réseau"))] : []),
    h("section", { "aria-labelledby": "titre-identite" }, h("h2", { id: "titre-identite" }, "Identité"), identity),
    h("section", { "aria-labelledby": "titre-reseau", class: "network-section" },
      h("h2", { id: "titre-reseau" }, "Réseau de coopération"),
      h("p", {}, "Liens tirés des projets partagés, événements co-organisés, financements et adhésions ; l'épaisseur d'un lien est son poids. "
        + "Dans un grand réseau, les organisations sont regroupées par commune (les partenaires ensemble) et seuls les noms des plus liées sont affichés. ",
        h("span", { class: "legend" }, h("span", { class: "swatch", style: `--c:${KIND_COLORS.root}` }), "cette organisation ",
          h("span", { class: "swatch", style: `--c:${KIND_COLORS.Association}` }), "association ",
          h("span", { class: "swatch", style: `--c:${KIND_COLORS.Partner}` }), "partenaire")),
      depthChoice, graph.controls, graphBox, graph.selection, graphInfo, graphError, linkTable),
    h("section", { "aria-labelledby": "titre-suggestions" }, h("h2", { id: "titre-suggestions" }, "Partenaires suggérés"), suggestionsBox),
    h("section", { "aria-labelledby": "titre-projets" }, h("h2", { id: "titre-projets" }, `Projets (${fmt(org.projects.totalCount)})`),
      projects.length ? h("ul", {}, projects.map((p: any) => h("li", {}, h("a", { href: `/projet/${encodeURIComponent(p.id)}`, "data-link": true }, p.title), ` – ${label("status", p.status)}${p.startDate ? `, depuis ${fmtDate(p.startDate)}` : ""}`))) : h("p", {}, "Aucun projet public.")),
    h("section", { "aria-labelledby": "titre-evenements" }, h("h2", { id: "titre-evenements" }, `Événements (${fmt(org.events.totalCount)})`),
      events.length ? h("ul", {}, events.map((e: any) => h("li", {}, h("a", { href: `/evenement/${encodeURIComponent(e.id)}`, "data-link": true }, e.title), ` – ${label("eventKind", e.kind)}, ${fmtDateTime(e.startsAt)}, ${e.commune.name}`))) : h("p", {}, "Aucun événement public.")),
  );

  async function loadSuggestions(): Promise<void> {
    let list: any[];
    try {
      list = (await gql(PartnerSuggestions, { organizationId: id })).partnerSuggestions;
    } catch (error) {
      suggestionsBox.replaceChildren(errorBox(error, loadSuggestions, "Les suggestions n'ont pas pu être chargées."));
      return;
    }
    if (!list.length) return void suggestionsBox.replaceChildren(h("p", {}, "Aucune suggestion : pas d'organisation proche sans lien existant."));
    // The score ranks the suggestions; a person reads why, not the number.
    suggestionsBox.replaceChildren(
      h("p", { class: "hint" }, "Des organisations proches, sans lien avec celle-ci pour l'instant, des plus pertinentes aux moins pertinentes : un QPV en commun compte le plus, puis un thème en commun, un QPV voisin, enfin un thème complémentaire."),
      h("ol", { class: "suggestion-list" }, list.map((sug) =>
        h("li", {}, h("a", { href: orgPath(sug.organization.id), "data-link": true }, sug.organization.name),
          sug.organization.commune ? ` (${sug.organization.commune.name})` : "",
          h("ul", { class: "reasons" }, reasonsInWords(sug.reasons).map((text) => h("li", {}, text)))))));
  }
  void loadSuggestions();

  let drawnDepth: number | undefined;
  const depthRadio = (depth: number) => depthChoice.querySelector<HTMLInputElement>(`#profondeur-${depth}`)!;
  async function drawGraph(depth: number): Promise<void> {
    graphBox.dataset.state = "loading";
    const drawnInfo = graphInfo.textContent;
    graphInfo.textContent = "Chargement du réseau…";
    graphError.replaceChildren();
    let network: any;
    try {
      network = (await gql(CooperationGraph, { roots: [id], depth })).cooperationNetwork;
    } catch (error) {
      // The graph already drawn stays, with its table and the depth it shows; the error is said beside it.
      graphBox.dataset.state = drawnDepth !== undefined ? "ready" : "error";
      graphInfo.textContent = drawnDepth !== undefined ? drawnInfo : "";
      if (drawnDepth) depthRadio(drawnDepth).checked = true;
      const kept = drawnDepth ? ` Le graphe affiché reste celui des ${drawnDepth === 1 ? "partenaires directs" : "partenaires de ses partenaires"}.` : "";
      graphError.replaceChildren(error instanceof ApiError && error.code === "TOO_LARGE"
        ? h("p", { class: "error", role: "alert" }, `Ce réseau est trop grand pour être dessiné à cette profondeur : choisissez « Partenaires directs ».${kept}`)
        : errorBox(error, () => drawGraph(depth), `Le réseau ${depth === 1 ? "des partenaires directs" : "des partenaires de ses partenaires"} n'a pas pu être chargé.${kept}`));
      return;
    }
    drawnDepth = depth;
    depthRadio(depth).checked = true;
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
