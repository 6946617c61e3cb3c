import { gql } from "../api/client";
import { SearchEverything } from "../api/operations";
import { fmt, fmtDateTime, h, label, orgPath } from "../ui/dom";
import type { Page } from "../main";

/** Where a search result opens. */
function target(node: any): [string, string] {
  switch (node.__typename) {
    case "Association":
    case "Partner":
      return [orgPath(node.id), [node.__typename === "Partner" ? label("partnerType", node.partnerType) : null, node.commune?.name].filter(Boolean).join(" · ")];
    case "CooperationProject":
      return [`/projet/${encodeURIComponent(node.id)}`, label("status", node.status)];
    case "ParticipationEvent":
      return [`/evenement/${encodeURIComponent(node.id)}`, [fmtDateTime(node.startsAt), node.venueCommune?.name].join(" · ")];
    case "GoodPractice":
      return [`/bonne-pratique/${encodeURIComponent(node.id)}`, "Guide des bonnes pratiques"];
    case "Qpv":
      return [`/qpv/${node.code}`, `${node.code} · ${node.department.name}`];
    case "Commune":
      return [`/?c=${node.inseeCode}`, `${node.inseeCode} · ${node.department.name}`];
    default:
      return ["/", ""];
  }
}

const searchLink = (text: string) => h("a", { href: `/recherche?q=${encodeURIComponent(text)}`, "data-link": true }, `«\u00a0${text}\u00a0»`);

/** An empty result says what was searched and how to find more: fewer words, spelling, a part of the name, the map. */
function noResultHelp(text: string): HTMLElement {
  const words = text.split(/\s+/).filter(Boolean);
  // Each search with one word left out (the longest queries are rarely typed; six words at most).
  const shorter = words.length > 1 && words.length <= 6
    ? words.map((_, i) => words.filter((__, j) => j !== i).join(" ")).filter((q) => q.length >= 2)
    : [];
  return h("div", { class: "no-result" },
    h("p", { "data-figure": "search-total" }, `Aucun résultat pour «\u00a0${text}\u00a0».`),
    h("p", {}, "Quelques pistes :"),
    h("ul", {},
      shorter.length ? h("li", {}, "Retirez un mot : ", shorter.flatMap((q, i) => [i ? ", " : "", searchLink(q)]), ".") : null,
      h("li", {}, "Vérifiez l'orthographe des mots (les accents et les majuscules ne comptent pas)."),
      h("li", {}, "Cherchez une partie du nom seulement (« régie » plutôt que « régie de quartier de Hem »), ou le nom de la commune ou du QPV."),
      h("li", {}, "Choisissez un territoire sur la ", h("a", { href: "/", "data-link": true }, "carte"), " pour voir ses associations, ses projets et ses événements.")));
}

/** Search: one box for every kind of record; accents, case and typos do not matter (the API folds them). */
const searchPage: Page = async (container, _params, query) => {
  const text = (query.get("q") ?? "").trim();
  container.append(h("h1", {}, text ? `Résultats pour « ${text} »` : "Recherche"));
  if (text.length < 2) {
    container.append(h("p", {}, "Saisissez au moins deux caractères dans la zone de recherche."));
    return;
  }
  const data = await gql(SearchEverything, { text, first: 50 });
  const edges = data.search.edges as any[];
  if (!edges.length) {
    container.append(noResultHelp(text));
    return;
  }
  container.append(h("p", { "data-figure": "search-total" }, `${fmt(data.search.totalCount)} résultat(s)${data.search.totalCount > edges.length ? `, les ${edges.length} plus pertinents affichés` : ""}.`));
  container.append(h("ol", { class: "results" }, edges.map((edge) => {
    const [href, detail] = target(edge.node);
    const name = edge.node.name ?? edge.node.title;
    return h("li", { "data-kind": edge.kind },
      h("span", { class: `badge badge-${edge.kind.toLowerCase()}` }, label("kind", edge.kind)),
      h("a", { href, "data-link": true }, name),
      detail ? h("span", { class: "detail" }, detail) : null);
  })));
};
export default searchPage;
