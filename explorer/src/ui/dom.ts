import { FRENCH_LABELS } from "../../../schema/french-labels";
import { explain } from "../api/errors";

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

/**
 * An error as a person reads it: a French sentence saying what happened and what to do (explain(),
 * in api/errors.ts; never the API's English message), and a "Réessayer" button when trying again can
 * help (network down, service unavailable, rate limit after its Retry-After) and `retry` is given.
 * `context` says first what could not be done ("La carte n'a pas pu être chargée.").
 */
export function errorBox(error: unknown, retry?: () => unknown, context?: string): HTMLElement {
  console.warn(error);
  const { message, retry: canRetry, retryAfterSeconds } = explain(error);
  const box = h("div", { class: "error-box", role: "alert" }, h("p", { class: "error" }, context ? `${context} ${message}` : message));
  if (!retry || !canRetry) return box;
  const readyAt = Date.now() + (retryAfterSeconds ?? 0) * 1000;
  const button = h("button", { type: "button", class: "retry" }, "Réessayer");
  button.addEventListener("click", async () => {
    button.disabled = true;
    for (let left = readyAt - Date.now(); left > 0; left = readyAt - Date.now()) {
      button.textContent = `Nouvel essai dans ${Math.ceil(left / 1000)} s…`;
      await new Promise((resolve) => setTimeout(resolve, Math.min(left, 1000)));
    }
    button.textContent = "Nouvel essai…";
    try {
      await retry();
    } finally {
      button.disabled = false;
      button.textContent = "Réessayer";
    }
  });
  box.append(button);
  return box;
}

const numberFormat = new Intl.NumberFormat("fr-FR");
export const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? "–" : numberFormat.format(n));

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });
export const fmtDate = (iso: string | null | undefined): string => (iso ? dateFormat.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) : "–");
export const fmtDateTime = (iso: string | null | undefined): string => (iso ? dateTimeFormat.format(new Date(iso)) : "–");

/** French labels of the API's enums: the words of schema/french-labels.ts, which the spreadsheet exports write too. */
export const LABELS: Record<string, Record<string, string>> = {
  kind: FRENCH_LABELS.SearchKind,
  employerSize: FRENCH_LABELS.EmployerSize,
  status: FRENCH_LABELS.ProjectStatus,
  grouping: FRENCH_LABELS.AssociationGrouping,
  presence: FRENCH_LABELS.QpvPresenceKind,
  cooperation: FRENCH_LABELS.CooperationKind,
  reason: FRENCH_LABELS.SuggestionReasonKind,
  role: FRENCH_LABELS.ParticipantRole,
  eventKind: FRENCH_LABELS.EventKind,
  accessibility: FRENCH_LABELS.AccessibilityFeature,
  scheme: FRENCH_LABELS.FundingScheme,
  partnerType: FRENCH_LABELS.PartnerType,
  /** The 4 stakes, by number (the API gives their titles in English). */
  stake: FRENCH_LABELS.Stake,
};
export const label = (group: string, value: string | number | null | undefined): string => (value ? LABELS[group]?.[value] ?? String(value) : "–");

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
