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
  container.append(h("p", { "data-figure": "search-total" }, `${fmt(data.search.totalCount)} résultat(s)${data.search.totalCount > edges.length ? `, les ${edges.length} plus pertinents affichés` : ""}.`));
  if (!edges.length) return;
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
