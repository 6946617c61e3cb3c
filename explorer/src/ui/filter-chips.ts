import { gql } from "../api/client";
import { FilterNames } from "../api/operations";
import { fmtDate, h, label } from "./dom";

/*
 * A list's filter as a person reads it: one chip per criterion ("EPCI : Métropole Européenne de
 * Lille", "Fédérée : non"), codes and ids replaced by the names the API gives (one request for the
 * whole filter), each chip with a link to the same list without it.
 */

type Filter = Record<string, unknown>;

/** Names of the codes and ids of a filter, as FilterNames answers. */
interface Names {
  regions: Map<string, string>;
  departments: Map<string, string>;
  epcis: Map<string, string>;
  communes: Map<string, string>;
  qpvs: Map<string, string>;
  themes: Map<string, string>;
  nodes: Map<string, string>;
}

type Text = (value: any, names: Names) => string;
const named = (kind: keyof Names): Text => (value, names) => names[kind].get(String(value)) ?? String(value);
const enumLabel = (group: string): Text => (value) => label(group, value);
const day: Text = (value) => fmtDate(String(value));

/** Every criterion of the list filters (AssociationFilter, PartnerFilter, ProjectFilter, EventFilter, CharterSignatureFilter). */
const CRITERIA: Record<string, { term: string; plural: string; text: Text }> = {
  regionCodes: { term: "Région", plural: "Régions", text: named("regions") },
  departmentCodes: { term: "Département", plural: "Départements", text: (code, names) => (names.departments.has(code) ? `${names.departments.get(code)} (${code})` : code) },
  epciSirens: { term: "EPCI", plural: "EPCI", text: named("epcis") },
  communeInseeCodes: { term: "Commune", plural: "Communes", text: named("communes") },
  qpvCodes: { term: "QPV", plural: "QPV", text: named("qpvs") },
  themeCodes: { term: "Thème", plural: "Thèmes", text: named("themes") },
  networkIds: { term: "Réseau", plural: "Réseaux", text: named("nodes") },
  participantIds: { term: "Participant", plural: "Participants", text: named("nodes") },
  organizerIds: { term: "Organisateur", plural: "Organisateurs", text: named("nodes") },
  organizationIds: { term: "Signataire", plural: "Signataires", text: named("nodes") },
  projectIds: { term: "Projet", plural: "Projets", text: named("nodes") },
  employerSizes: { term: "Taille employeur", plural: "Tailles employeur", text: enumLabel("employerSize") },
  groupings: { term: "Type", plural: "Types", text: enumLabel("grouping") },
  partnerTypes: { term: "Type de partenaire", plural: "Types de partenaire", text: enumLabel("partnerType") },
  statuses: { term: "Statut", plural: "Statuts", text: enumLabel("status") },
  kinds: { term: "Type d'événement", plural: "Types d'événement", text: enumLabel("eventKind") },
  stakeNumbers: { term: "Enjeu", plural: "Enjeux", text: (n) => `${n}. ${label("stake", n)}` },
  proposalNumbers: { term: "Proposition du plaidoyer", plural: "Propositions du plaidoyer", text: (n) => `n° ${n}` },
  federated: { term: "Fédérée", plural: "Fédérée", text: (yes) => (yes ? "oui" : "non") },
  activeFrom: { term: "En cours à partir du", plural: "", text: day },
  activeTo: { term: "Commencé au plus tard le", plural: "", text: day },
  startsAfter: { term: "À partir du", plural: "", text: day },
  startsBefore: { term: "Avant le", plural: "", text: day },
  signedFrom: { term: "Signée à partir du", plural: "", text: day },
  signedTo: { term: "Signée au plus tard le", plural: "", text: day },
};

/** Above this many values, a criterion is one chip ("Participants : A, B, C et 16 autres"). */
const MANY = 5;
const SHOWN_OF_MANY = 3;

const values = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The values of a criterion whose names are shown (all of them, or the first few of a long list). */
const shown = (value: unknown): unknown[] => {
  const all = values(value);
  return all.length > MANY ? all.slice(0, SHOWN_OF_MANY) : all;
};

/** Asks the API, in one request, for the names of the filter's codes and ids (those shown). */
async function namesOf(filter: Filter): Promise<Names> {
  const codes = (key: string) => (filter[key] == null ? [] : (shown(filter[key]) as string[]));
  const ids = ["networkIds", "participantIds", "organizerIds", "organizationIds", "projectIds"].flatMap(codes);
  const needRegions = codes("regionCodes").length + codes("departmentCodes").length > 0;
  const variables = {
    withRegions: needRegions,
    withEpcis: codes("epciSirens").length > 0, epciSirens: codes("epciSirens"),
    withCommunes: codes("communeInseeCodes").length > 0, communeInseeCodes: codes("communeInseeCodes"),
    withQpvs: codes("qpvCodes").length > 0, qpvCodes: codes("qpvCodes"),
    withThemes: codes("themeCodes").length > 0,
    ids,
  };
  const names: Names = { regions: new Map(), departments: new Map(), epcis: new Map(), communes: new Map(), qpvs: new Map(), themes: new Map(), nodes: new Map() };
  const nothingToName = !needRegions && !variables.withEpcis && !variables.withCommunes && !variables.withQpvs && !variables.withThemes && !ids.length;
  if (nothingToName) return names;
  const data = await gql(FilterNames, variables);
  for (const { node } of data.regions?.edges ?? []) {
    names.regions.set(node.code, node.name);
    for (const d of node.departments) names.departments.set(d.code, d.name);
  }
  for (const { node } of data.epcis?.edges ?? []) names.epcis.set(node.siren, node.name);
  for (const { node } of data.communes?.edges ?? []) names.communes.set(node.inseeCode, node.name);
  for (const { node } of data.qpvs?.edges ?? []) names.qpvs.set(node.code, node.name);
  for (const theme of data.themes ?? []) names.themes.set(theme.code, theme.label);
  for (const node of data.nodes ?? []) if (node) names.nodes.set(node.id, node.name ?? node.title);
  return names;
}

/** The address of the same list with this filter. */
const listAddress = (list: string, filter: Filter) =>
  `/liste/${list}${Object.keys(filter).length ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : ""}`;

/** The filter without one value of a criterion (or without the criterion, when `value` is undefined or the last one). */
function without(filter: Filter, key: string, value?: unknown): Filter {
  const rest = { ...filter };
  const left = value === undefined || !Array.isArray(filter[key]) ? [] : (filter[key] as unknown[]).filter((v) => v !== value);
  if (left.length) rest[key] = left;
  else delete rest[key];
  return rest;
}

function chip(text: string, removeHref: string): HTMLElement {
  return h("li", { class: "chip" }, h("span", {}, text),
    h("a", { href: removeHref, "data-link": true, class: "chip-remove", "aria-label": `Retirer le critère « ${text} »`, title: "Retirer ce critère" }, "×"));
}

/**
 * The filter of a list as chips. The names come from the API; if they cannot be had, the codes are
 * shown rather than nothing (the list itself says what went wrong).
 */
export async function filterChips(list: string, filter: Filter): Promise<HTMLElement> {
  const keys = Object.keys(filter).filter((key) => filter[key] !== null && filter[key] !== undefined && !(Array.isArray(filter[key]) && !(filter[key] as unknown[]).length));
  if (!keys.length) return h("p", { class: "filter-line" }, "Toute la liste, sans filtre.");
  const names = await namesOf(filter).catch(() => namesOf({}));
  const chips: HTMLElement[] = [];
  for (const key of keys) {
    const criterion = CRITERIA[key] ?? { term: "Autre critère", plural: "Autre critère", text: () => "non reconnu" };
    const all = values(filter[key]);
    if (all.length > MANY) {
      const first = all.slice(0, SHOWN_OF_MANY).map((v) => criterion.text(v, names)).join(", ");
      chips.push(chip(`${criterion.plural} : ${first} et ${all.length - SHOWN_OF_MANY} autres`, listAddress(list, without(filter, key))));
      continue;
    }
    for (const value of all) chips.push(chip(`${criterion.term} : ${criterion.text(value, names)}`, listAddress(list, without(filter, key, Array.isArray(filter[key]) ? value : undefined))));
  }
  return h("div", { class: "filter-line" }, h("span", { id: "titre-filtre" }, "Filtre :"), h("ul", { class: "filter-chips", "aria-labelledby": "titre-filtre" }, chips));
}
