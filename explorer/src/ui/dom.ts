/** A tiny element builder: h("a", { href }, "text", child). Text is always set as text, never as HTML. */
type Child = Node | string | number | null | undefined | false;
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined | ((event: Event) => void)> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "object" ? child : String(child));
  }
  return el;
}

export function announce(message: string): void {
  const status = document.getElementById("statut");
  if (status) status.textContent = message;
}

export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return h("p", { class: "error", role: "alert" }, `Erreur : ${message}`);
}

const numberFormat = new Intl.NumberFormat("fr-FR");
export const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : numberFormat.format(n));

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
export const fmtDate = (iso: string | null | undefined): string => (iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : "–");
export const fmtDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : "–");

/** French labels of the API's enums. */
export const LABELS: Record<string, Record<string, string>> = {
  kind: {
    ASSOCIATION: "Association", PARTNER: "Partenaire", PROJECT: "Projet", EVENT: "Événement",
    GOOD_PRACTICE: "Bonne pratique", QPV: "QPV", COMMUNE: "Commune",
  },
  employerSize: { NONE: "Sans salarié", SMALL_EMPLOYER: "Petit employeur (≤ 2 ETP)", EMPLOYER: "Employeur (> 2 ETP)" },
  status: { PROPOSED: "Proposé", ACTIVE: "En cours", COMPLETED: "Terminé", ABANDONED: "Abandonné" },
  grouping: { SIMPLE: "Association simple", UNION: "Union", FEDERATION: "Fédération" },
  presence: { BASED: "Siège", ACTIVE: "Active", POSSIBLY_BASED: "Siège possible" },
  cooperation: { PROJECT: "Projet", EVENT: "Événement", FUNDING: "Financement", MEMBERSHIP: "Adhésion" },
  reason: { SAME_QPV: "Même QPV", NEARBY_QPV: "QPV voisin", SHARED_THEME: "Thème partagé", COMPLEMENTARY_THEME: "Thème complémentaire" },
  role: { LEAD: "Porteur", PARTNER: "Partenaire", FUNDER: "Financeur", SUPPORT: "Appui" },
  eventKind: {
    CONSEIL_CITOYEN: "Conseil citoyen", CONSULTATION: "Concertation", DIAGNOSTIC_EN_MARCHANT: "Diagnostic en marchant",
    NEIGHBOURHOOD_FESTIVAL: "Fête de quartier", PUBLIC_MEETING: "Réunion publique", TRAINING: "Formation", WORKSHOP: "Atelier",
  },
  accessibility: {
    CHILDCARE: "Garde d'enfants", EASY_READ: "Facile à lire et à comprendre", HEARING_LOOP: "Boucle magnétique",
    INTERPRETING: "Interprétariat", SIGN_LANGUAGE: "Langue des signes", WHEELCHAIR: "Accessible en fauteuil",
  },
  scheme: { ADULTE_RELAIS: "Adulte-relais", CONTRAT_DE_VILLE: "Contrat de ville", DLA: "DLA", FONJEP: "FONJEP", OTHER: "Autre" },
  partnerType: {
    ANCT: "ANCT", CAF: "CAF", COMMUNE: "Commune", COMPANY: "Entreprise", DEPARTMENT: "Département", EPCI: "EPCI",
    FOUNDATION: "Fondation", OTHER: "Autre", PREFECT_DELEGATE: "Délégué du préfet", PUBLIC_AGENCY: "Agence publique",
    REGION: "Région", SOCIAL_LANDLORD: "Bailleur social", STATE_SERVICE: "Service de l'État", SUPPORT_SCHEME: "Dispositif d'appui",
  },
};
export const label = (group: string, value: string | null | undefined): string => (value ? LABELS[group]?.[value] ?? value : "–");

/** Path of an organisation's page. */
export const orgPath = (id: string): string => `/organisation/${encodeURIComponent(id)}`;

/** Client-side CSV of a small table (the figures of a chart): UTF-8 with BOM, `;`-separated for French spreadsheets. */
export function csvLink(fileName: string, header: string[], rows: (string | number)[][], text = "Données (CSV)"): HTMLAnchorElement {
  const cell = (v: string | number) => (/[";\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const csv = "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(";")).join("\r\n") + "\r\n";
  const a = h("a", { href: "#", download: fileName, class: "button-link" }, text);
  a.addEventListener("click", () => {
    a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  });
  return a;
}
