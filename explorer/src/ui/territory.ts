import { gql } from "../api/client";
import { CommunePlace, CommunesWithQpv, CommuneQpvs, Departments, Epcis, QpvPlace, Regions } from "../api/operations";
import { errorBox, h } from "./dom";

/** A territory as the address holds it: région > département > EPCI > commune > QPV, the most precise one counts. */
export interface Territory { r?: string; d?: string; e?: string; c?: string; q?: string }
export const LEVELS = ["r", "d", "e", "c", "q"] as const;
type Level = (typeof LEVELS)[number];

export function readTerritory(params: URLSearchParams): Territory {
  const t: Territory = {};
  for (const level of LEVELS) {
    const value = params.get(level);
    if (value) t[level] = value;
  }
  return t;
}

export function territoryQuery(t: Territory): string {
  const params = new URLSearchParams();
  for (const level of LEVELS) if (t[level]) params.set(level, t[level]!);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The list filter (and dashboard scope) of the most precise level chosen; null if none. */
export function territoryFilter(t: Territory): Record<string, string[]> | null {
  if (t.q) return { qpvCodes: [t.q] };
  if (t.c) return { communeInseeCodes: [t.c] };
  if (t.e) return { epciSirens: [t.e] };
  if (t.d) return { departmentCodes: [t.d] };
  if (t.r) return { regionCodes: [t.r] };
  return null;
}

/** Fills the levels above a commune or a QPV named alone (an address from a search result). */
export async function completeTerritory(t: Territory): Promise<Territory> {
  if (t.r && t.d) return t;
  if (t.q && !t.c) {
    const data = await gql(QpvPlace, { code: t.q });
    const commune = data.qpv?.communes?.[0];
    if (!commune) return t;
    return { r: commune.department.region.code, d: commune.department.code, e: commune.epci?.siren, c: commune.inseeCode, q: t.q };
  }
  if (t.c) {
    const data = await gql(CommunePlace, { inseeCode: t.c });
    const c = data.commune;
    if (!c) return t;
    return { r: c.department.region.code, d: c.department.code, e: c.epci?.siren, c: c.inseeCode, q: t.q };
  }
  return t;
}

type Option = { value: string; text: string };
const optionCache = new Map<string, Promise<Option[]>>();
function cached(key: string, load: () => Promise<Option[]>): Promise<Option[]> {
  if (!optionCache.has(key)) optionCache.set(key, load().catch((e) => { optionCache.delete(key); throw e; }));
  return optionCache.get(key)!;
}

async function optionsFor(level: Level, t: Territory): Promise<Option[]> {
  switch (level) {
    case "r":
      return cached("r", async () => (await gql(Regions)).regions.edges.map(({ node }: any) => ({ value: node.code, text: node.name })));
    case "d":
      if (!t.r) return [];
      return cached(`d:${t.r}`, async () =>
        (await gql(Departments, { regionCodes: [t.r] })).departments.edges.map(({ node }: any) => ({ value: node.code, text: `${node.code} – ${node.name}` })));
    case "e":
      if (!t.d) return [];
      return cached(`e:${t.d}`, async () => (await gql(Epcis, { departmentCodes: [t.d] })).epcis.edges.map(({ node }: any) => ({ value: node.siren, text: node.name })));
    case "c": {
      if (!t.d) return [];
      const filter = t.e ? { epciSirens: [t.e], hasQpv: true } : { departmentCodes: [t.d], hasQpv: true };
      return cached(`c:${JSON.stringify(filter)}`, async () => {
        const out: Option[] = [];
        let after: string | null = null;
        do {
          const page: any = (await gql(CommunesWithQpv, { filter, after })).communes;
          out.push(...page.edges.map(({ node }: any) => ({ value: node.inseeCode, text: node.name })));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        return out;
      });
    }
    case "q":
      if (!t.c) return [];
      return cached(`q:${t.c}`, async () => ((await gql(CommuneQpvs, { inseeCode: t.c })).commune?.qpvs ?? []).map((q: any) => ({ value: q.code, text: `${q.name} (${q.code})` })));
  }
}

/** The level that must be chosen first (a commune can be chosen in a département without its EPCI). */
const PARENT: Partial<Record<Level, Level>> = { d: "r", e: "d", c: "d", q: "c" };

const LEVEL_LABELS: Record<Level, [string, string]> = {
  r: ["Région", "Toutes les régions"],
  d: ["Département", "Tout le territoire choisi"],
  e: ["EPCI", "Tous les EPCI"],
  c: ["Commune (avec QPV)", "Toutes les communes"],
  q: ["Quartier prioritaire (QPV)", "Tous les QPV"],
};

const SHORT_LABELS: Record<Level, string> = { r: "Région", d: "Département", e: "EPCI", c: "Commune", q: "QPV" };
/** Screens where the picker folds into one line once a territory is chosen, so that the map or the figures come first. */
const PHONE = "(max-width: 640px)";

/**
 * The territory picker: five linked lists. Choosing a level clears the levels below it and calls
 * `onChange` with the new territory. On a phone it starts folded (one line: the territory chosen,
 * "Modifier") when `folded`, by default when a territory is already chosen.
 */
export function territoryPicker(initial: Territory, onChange: (t: Territory) => void, idPrefix = "territoire", folded = Boolean(territoryFilter(initial))): HTMLElement {
  let t: Territory = { ...initial };
  const selects = new Map<Level, HTMLSelectElement>();
  const fields = h("div", { class: "picker-fields" });
  const current = h("span", { class: "picker-current" }, "Territoire choisi");
  const fold = h("details", { class: "picker-fold" }, h("summary", {}, current, " ", h("span", { class: "picker-change" }, "Modifier")), fields);
  const fieldset = h("fieldset", { class: "territory-picker" }, h("legend", {}, "Territoire"), fold);
  const phone = matchMedia(PHONE);
  fold.open = !(phone.matches && folded);
  const unfoldOnWideScreen = () => {
    if (!fieldset.isConnected && fieldset.dataset.loaded) return phone.removeEventListener("change", unfoldOnWideScreen);
    if (!phone.matches) fold.open = true;
  };
  phone.addEventListener("change", unfoldOnWideScreen);
  for (const level of LEVELS) {
    const id = `${idPrefix}-${level}`;
    const select = h("select", { id, name: level, "data-level": level });
    select.addEventListener("change", () => {
      const next: Territory = {};
      for (const l of LEVELS) {
        if (l === level) { if (select.value) next[l] = select.value; break; }
        if (t[l]) next[l] = t[l];
      }
      t = next;
      void refresh(LEVELS.indexOf(level) + 1);
      onChange(t);
    });
    selects.set(level, select);
    fields.append(h("div", { class: "field" }, h("label", { for: id }, LEVEL_LABELS[level][0]), select));
  }
  // When the lists cannot be loaded (the API down), say so, with a retry, rather than leave them empty.
  const problem = h("div", { class: "picker-error" });
  fieldset.append(problem);
  async function refresh(from: number) {
    problem.replaceChildren();
    try {
      await loadLists(from);
    } catch (error) {
      for (const select of selects.values()) select.removeAttribute("aria-busy");
      problem.replaceChildren(errorBox(error, () => refresh(from), "Les listes de territoires n'ont pas pu être chargées."));
    }
  }
  async function loadLists(from: number) {
    // Every list below depends only on the levels chosen above it: load them side by side.
    await Promise.all(LEVELS.slice(from).map(async (level) => {
      const select = selects.get(level)!;
      const parentChosen = level === "r" || Boolean(t[PARENT[level]!]);
      select.disabled = !parentChosen;
      select.replaceChildren(h("option", { value: "" }, parentChosen ? LEVEL_LABELS[level][1] : "—"));
      if (!parentChosen) return;
      select.setAttribute("aria-busy", "true");
      const options = await optionsFor(level, t);
      select.append(...options.map((o) => h("option", { value: o.value }, o.text)));
      select.value = t[level] ?? "";
      select.removeAttribute("aria-busy");
    }));
    const deepest = [...LEVELS].reverse().find((l) => t[l]);
    current.textContent = deepest ? `${SHORT_LABELS[deepest]} : ${selects.get(deepest)!.selectedOptions[0]?.textContent ?? t[deepest]}` : "Aucun territoire choisi";
    fieldset.dataset.loaded = "true";
  }
  void refresh(0);
  return fieldset;
}
