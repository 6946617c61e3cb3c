import { ApiError, gql } from "../api/client";
import { NetworkHead, NetworkMemberList } from "../api/operations";
import { errorBox, fmt, fmtDate, h, label, orgPath } from "../ui/dom";
import type { Page } from "../main";

/** QPVs named in a row; the others are counted ("+ 2 autres"), the member's page lists them all. */
const QPVS_SHOWN = 3;

/** The columns of the member list: heading (`short`: its label on a phone's cards, the hint above defines it), and the cell of one member. */
const COLUMNS: { head: string; short?: string; key: string; cell(n: any): Node | string }[] = [
  { head: "Nom", key: "nom", cell: (n) => h("a", { href: orgPath(n.id), "data-link": true }, n.name) },
  { head: "Commune", key: "commune", cell: (n) => n.commune?.name ?? "–" },
  { head: "QPV", key: "qpv", cell: (n) => qpvCell(n.qpvs) },
  { head: "Projets", key: "projets", cell: (n) => fmt(n.projects.totalCount) },
  { head: "Habitants touchés (déclarés par ses projets)", short: "Habitants touchés", key: "habitants", cell: (n) => (n.residentsReached === null ? "Non déclaré" : fmt(n.residentsReached)) },
  { head: "Dernière activité", key: "activite", cell: (n) => (n.lastActivityOn ? fmtDate(n.lastActivityOn) : "Aucune") },
  { head: "Charte signée", key: "charte", cell: (n) => (n.charterSignature ? `Oui, le ${fmtDate(n.charterSignature.signedOn)}` : "Non") },
  { head: "Taille employeur", key: "taille", cell: (n) => label("employerSize", n.employerSize) },
];
const NUMERIC = new Set(["projets", "habitants"]);

function qpvCell(presences: { qpv: { code: string; name: string } }[]): Node | string {
  if (!presences.length) return "Aucun";
  const shown = presences.slice(0, QPVS_SHOWN);
  const more = presences.length - shown.length;
  return h("ul", { class: "qpv-names" }, shown.map((p) => h("li", {}, h("a", { href: `/qpv/${encodeURIComponent(p.qpv.code)}`, "data-link": true }, p.qpv.name))),
    more > 0 ? h("li", {}, `et ${more} autre${more > 1 ? "s" : ""}`) : null);
}

/**
 * The current members of a network (`/reseau/<head id>/membres`): per member what a federation
 * follows, 50 at a time, by name (A to Z or Z to A: the orders the API offers).
 */
const networkMembersPage: Page = async (container, params, query) => {
  const id = params.id;
  const direction = query.get("ordre") === "desc" ? "DESC" : "ASC";
  let head: { id: string; name: string } | null = null;
  try {
    const node = (await gql(NetworkHead, { id })).node;
    if (node?.__typename === "Association") head = node;
  } catch (error) {
    // An address whose id is malformed names no network either.
    if (!(error instanceof ApiError && (error.code === "INVALID_ID" || error.code === "BAD_USER_INPUT"))) throw error;
  }
  if (!head) {
    container.append(h("h1", {}, "Réseau introuvable"),
      h("p", {}, "Cette adresse ne désigne pas une tête de réseau. Cherchez la fédération ou l'union dans la barre de recherche, puis ouvrez « Voir les membres » sur sa fiche."));
    return;
  }

  const membersPath = (d: string) => `/reseau/${encodeURIComponent(id)}/membres${d === "DESC" ? "?ordre=desc" : ""}`;
  const tbody = h("tbody", {});
  const table = h("table", { class: "list member-table" });
  const count = h("p", { "data-figure": "members-total", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "more" }, "Afficher les 50 suivants");
  let after: string | null = null;
  async function next(): Promise<void> {
    const page = (await gql(NetworkMemberList, { networkId: id, after, direction })).associations;
    count.textContent = page.totalCount === 0 ? "Aucun membre actuel : aucune adhésion à ce réseau n'est confirmée et en cours."
      : page.totalCount === 1 ? "1 membre actuel" : `${fmt(page.totalCount)} membres actuels`;
    table.hidden = page.totalCount === 0;
    tbody.append(...page.edges.map((e: any) => h("tr", { "data-member": e.node.id },
      COLUMNS.map((c, i) => h(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : undefined, "data-label": c.short ?? c.head, "data-column": c.key, class: NUMERIC.has(c.key) ? "num" : undefined }, c.cell(e.node))))));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    more.hidden = !after;
  }
  more.addEventListener("click", () => void next().catch((e) => more.after(errorBox(e))));
  await next();

  // Sorting by name is a link to the other order (the address keeps it), announced by aria-sort.
  const other = direction === "ASC" ? "DESC" : "ASC";
  const sortLink = h("a", { href: membersPath(other), "data-link": true, class: "sort" },
    "Nom", h("span", { class: "status" }, `, trié de ${direction === "ASC" ? "A à Z" : "Z à A"} ; trier de ${other === "ASC" ? "A à Z" : "Z à A"}`),
    h("span", { "aria-hidden": "true" }, direction === "ASC" ? " ▲" : " ▼"));
  const heads = COLUMNS.map((c, i) => h("th", { scope: "col", "aria-sort": i === 0 ? (direction === "ASC" ? "ascending" : "descending") : undefined, class: NUMERIC.has(c.key) ? "num" : undefined },
    i === 0 ? sortLink : c.head));

  table.append(h("caption", { class: "status" }, `Membres du réseau ${head.name}`), h("thead", {}, h("tr", {}, heads)), tbody);
  container.append(
    h("p", { class: "kicker" }, "Réseau"),
    h("h1", {}, `Membres — ${head.name}`),
    h("p", { class: "network-links" },
      h("a", { href: orgPath(id), "data-link": true, class: "action-link" }, "Fiche du réseau"),
      h("a", { href: `/tableau-de-bord?reseau=${encodeURIComponent(id)}`, "data-link": true, class: "action-link" }, "Tableau de bord du réseau")),
    count,
    h("p", { class: "hint" }, "Membres actuels : adhésion confirmée par le membre et non terminée. ",
      "Habitants touchés : somme des habitants déclarés par les projets auxquels le membre participe (un projet partagé compte pour chacun de ses participants). ",
      "Dernière activité : le dernier événement qu'il a organisé ou le dernier jour d'un de ses projets, jusqu'à aujourd'hui (un projet en cours compte pour aujourd'hui)."),
    table,
    more,
  );
};
export default networkMembersPage;
