import { gql } from "../api/client";
import { AssociationList, CharterSignatureList, EventList, PartnerList, ProjectList } from "../api/operations";
import { errorBox, fmt, fmtDate, fmtDateTime, h, label, orgPath } from "../ui/dom";
import { exportLinks, joined } from "../ui/export-links";
import { filterChips } from "../ui/filter-chips";
import type { Page } from "../main";

type ListSpec = {
  title: string; operation: string; field: string; exportName?: "associations" | "partners" | "projects" | "events"; geojson?: boolean;
  head: string[]; row(node: any): (Node | string)[];
};
const link = (href: string, text: string) => h("a", { href, "data-link": true }, text);
const LISTS: Record<string, ListSpec> = {
  associations: { title: "Associations", operation: AssociationList, field: "associations", exportName: "associations", geojson: true,
    head: ["Nom", "Commune", "Taille employeur", "Fédérée"],
    row: (n) => [link(orgPath(n.id), n.name), n.commune?.name ?? "–", label("employerSize", n.employerSize), n.federated ? "Oui" : "Non"] },
  partenaires: { title: "Partenaires", operation: PartnerList, field: "partners", exportName: "partners", geojson: true,
    head: ["Nom", "Type", "Commune"], row: (n) => [link(orgPath(n.id), n.name), label("partnerType", n.partnerType), n.commune?.name ?? "–"] },
  projets: { title: "Projets de coopération", operation: ProjectList, field: "projects", exportName: "projects",
    head: ["Titre", "Statut", "Début", "Enjeux"],
    row: (n) => [link(`/projet/${encodeURIComponent(n.id)}`, n.title), label("status", n.status), fmtDate(n.startDate), (n.stakes as any[]).map((s) => s.number).join(", ")] },
  evenements: { title: "Événements de participation", operation: EventList, field: "events", exportName: "events", geojson: true,
    head: ["Titre", "Type", "Date", "Commune", "Habitants"],
    row: (n) => [link(`/evenement/${encodeURIComponent(n.id)}`, n.title), label("eventKind", n.kind), fmtDateTime(n.startsAt), n.commune.name, fmt(n.attendance.residents)] },
  signatures: { title: "Signatures de la charte", operation: CharterSignatureList, field: "charterSignatures",
    head: ["Organisation", "Date", "Commune"], row: (n) => [link(orgPath(n.organization.id), n.organization.name), fmtDate(n.signedOn), n.commune?.name ?? "–"] },
};

/** A list of the graph with the filter of a dashboard figure, page by page, with its exports. */
const listPage: Page = async (container, params, query) => {
  const spec = LISTS[params.list];
  let filter: Record<string, unknown> = {};
  try {
    filter = JSON.parse(query.get("filter") ?? "{}");
    if (typeof filter !== "object" || filter === null || Array.isArray(filter)) throw new TypeError("not an object");
  } catch {
    container.append(h("h1", {}, spec.title), h("p", { class: "error", role: "alert" }, "Le filtre de cette adresse est illisible : le lien est sans doute incomplet ou mal copié. ",
      h("a", { href: `/liste/${params.list}`, "data-link": true }, "Afficher toute la liste"), "."));
    return;
  }
  const tbody = h("tbody", {});
  const count = h("p", { "data-figure": "list-total", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "more" }, "Afficher les 50 suivants");
  let after: string | null = null;
  async function next(): Promise<void> {
    const page = (await gql(spec.operation, { filter, after }))[spec.field];
    count.textContent = `${fmt(page.totalCount)} résultat(s)`;
    tbody.append(...page.edges.map((e: any) => h("tr", {}, spec.row(e.node).map((c) => h("td", {}, c)))));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    more.hidden = !after;
  }
  // A failure of "the next 50" is said under the list, with a retry that takes the list up where it was.
  const moreError = h("div", { class: "more-error" });
  const showMore = async () => {
    moreError.replaceChildren();
    try {
      await next();
    } catch (error) {
      moreError.replaceChildren(errorBox(error, showMore, "La suite de la liste n'a pas pu être chargée."));
    }
  };
  more.addEventListener("click", () => void showMore());
  const [chips] = await Promise.all([filterChips(params.list, filter), next()]);
  container.append(h("h1", {}, spec.title), chips, count,
    spec.exportName ? h("p", {}, "Exporter toute la liste : ", joined(exportLinks(spec.exportName, filter, Boolean(spec.geojson)))) : "",
    h("table", { class: "list" }, h("thead", {}, h("tr", {}, spec.head.map((c) => h("th", { scope: "col" }, c)))), tbody), more, moreError);
};
export default listPage;
