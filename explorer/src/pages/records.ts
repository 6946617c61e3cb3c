import { gql } from "../api/client";
import { EventRecord, GoodPracticeRecord, ProjectRecord, QpvRecord } from "../api/operations";
import { fmt, fmtDate, fmtDateTime, h, label, orgPath } from "../ui/dom";
import type { Page } from "../main";

const link = (href: string, text: string) => h("a", { href, "data-link": true }, text);
const dl = (rows: [string, Node | string | null | undefined][]) =>
  h("dl", { class: "identity" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "").map(([t, v]) => h("div", {}, h("dt", {}, t), h("dd", {}, v!))));
const orgs = (list: any[]) => h("span", {}, list.flatMap((o, i) => [i ? ", " : "", link(orgPath(o.id), o.name)]));
const notFound = (container: HTMLElement) => container.append(h("h1", {}, "Fiche introuvable"), h("p", {}, "Cette fiche n'existe pas ou n'est pas publique."));

/** The record pages of QPVs, projects, events and good practices. */
const recordPage: Page = async (container, params) => {
  if (params.route === "qpv") {
    const q = (await gql(QpvRecord, { code: params.code })).qpv;
    if (!q) return notFound(container);
    container.append(h("p", { class: "kicker" }, "Quartier prioritaire de la politique de la ville"), h("h1", {}, q.name),
      dl([["Code", q.code], ["Département", `${q.department.code} – ${q.department.name}`], ["Communes", (q.communes as any[]).map((c) => c.name).join(", ")],
        ["QPV à moins d'1 km", (q.neighbours as any[]).length ? h("span", {}, (q.neighbours as any[]).flatMap((n, i) => [i ? ", " : "", link(`/qpv/${n.qpv.code}`, n.qpv.name), ` (${fmt(Math.round(n.distanceMeters))} m)`])) : "aucun"]]),
      h("p", {}, link(`/?q=${q.code}`, "Voir sur la carte"), " · ", link(`/tableau-de-bord?q=${q.code}`, "Tableau de bord du QPV")),
      h("h2", {}, `Associations (${fmt(q.associations.totalCount)})`),
      h("ul", { class: "columns" }, q.associations.edges.map((e: any) => h("li", {}, link(orgPath(e.node.id), e.node.name), ` – ${label("employerSize", e.node.employerSize)}${e.node.federated ? ", fédérée" : ""}`))),
      h("h2", {}, `Projets (${fmt(q.projects.totalCount)})`),
      h("ul", {}, q.projects.edges.map((e: any) => h("li", {}, link(`/projet/${encodeURIComponent(e.node.id)}`, e.node.title), ` – ${label("status", e.node.status)}`))),
      h("h2", {}, `Événements (${fmt(q.events.totalCount)})`),
      h("ul", {}, q.events.edges.map((e: any) => h("li", {}, link(`/evenement/${encodeURIComponent(e.node.id)}`, e.node.title), ` – ${fmtDateTime(e.node.startsAt)}`))));
    return;
  }
  if (params.route === "projet") {
    const p = (await gql(ProjectRecord, { id: params.id })).project;
    if (!p) return notFound(container);
    container.append(h("p", { class: "kicker" }, "Projet de coopération"), h("h1", {}, p.title),
      dl([["Statut", label("status", p.status)], ["Période", `${fmtDate(p.startDate)} → ${fmtDate(p.endDate)}`], ["Résumé", p.summary],
        ["QPV", h("span", {}, (p.qpvs as any[]).flatMap((q, i) => [i ? ", " : "", link(`/qpv/${q.code}`, q.name)]))],
        ["Enjeux", (p.stakes as any[]).map((s) => `${s.number}. ${label("stake", s.number)}`).join(" ; ")], ["Thèmes", (p.themes as any[]).map((t) => t.label).join(", ")],
        ["Habitants touchés", fmt(p.residentsReached)]]),
      h("h2", {}, "Participants"),
      h("ul", {}, (p.participants as any[]).map((x) => h("li", {}, link(orgPath(x.organization.id), x.organization.name), ` – ${label("role", x.role)}`))),
      h("h2", {}, "Financements"),
      (p.fundings as any[]).length ? h("ul", {}, (p.fundings as any[]).map((f) => h("li", {}, `${fmt(f.amountEur)} € en ${f.year} (${label("scheme", f.scheme)}) par `, link(orgPath(f.funder.id), f.funder.name)))) : h("p", {}, "Aucun financement public."));
    return;
  }
  if (params.route === "evenement") {
    const e = (await gql(EventRecord, { id: params.id })).event;
    if (!e) return notFound(container);
    container.append(h("p", { class: "kicker" }, "Événement de participation"), h("h1", {}, e.title),
      dl([["Type", label("eventKind", e.kind)], ["Début", fmtDateTime(e.startsAt)], ["Fin", fmtDateTime(e.endsAt)],
        ["Lieu", [e.venueName, e.venueAddress, e.commune.name].filter(Boolean).join(", ")], ["QPV", e.qpv ? link(`/qpv/${e.qpv.code}`, e.qpv.name) : null],
        ["Organisateurs", orgs(e.organizers)], ["Projet", e.project ? link(`/projet/${encodeURIComponent(e.project.id)}`, e.project.title) : null],
        ["Participation", `${fmt(e.attendance.residents)} habitants, ${fmt(e.attendance.associations)} associations, ${fmt(e.attendance.total)} au total`],
        ["Accessibilité", (e.accessibility as string[]).map((a) => label("accessibility", a)).join(", ")], ["Description", e.description]]));
    return;
  }
  const g = (await gql(GoodPracticeRecord, { id: params.id })).node;
  if (!g?.title) return notFound(container);
  container.append(h("p", { class: "kicker" }, "Bonne pratique"), h("h1", {}, g.title), h("p", { class: "lead" }, g.summary),
    dl([["Organisations", orgs(g.organizations)], ["QPV", (g.qpvs as any[]).map((q) => q.name).join(", ")], ["Enjeux", (g.stakes as any[]).map((s) => `${s.number}. ${label("stake", s.number)}`).join(" ; ")], ["Publiée le", fmtDate(g.publishedOn)]]),
    ...String(g.body).split(/\n{2,}/).map((para) => h("p", {}, para)));
};
export default recordPage;
