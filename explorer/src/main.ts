import "./styles.css";
import { isModuleLoadFailure } from "./api/errors";
import { announce, errorBox, h } from "./ui/dom";
import { navigate, setRenderer } from "./ui/nav";

/** A page renders into <main> from the address; it may return a clean-up run when leaving it. */
export type Page = (main: HTMLElement, params: Record<string, string>, query: URLSearchParams) => Promise<void | (() => void)>;

const routes: [RegExp, () => Promise<{ default: Page }>][] = [
  [/^\/$/, () => import("./pages/map")],
  [/^\/recherche$/, () => import("./pages/search")],
  [/^\/organisation\/(?<id>[^/]+)$/, () => import("./pages/organization")],
  [/^\/reseau\/(?<id>[^/]+)\/membres$/, () => import("./pages/network-members")],
  [/^\/tableau-de-bord$/, () => import("./pages/dashboard")],
  [/^\/liste\/(?<list>associations|partenaires|projets|evenements|signatures)$/, () => import("./pages/list")],
  [/^\/qpv\/(?<code>[^/]+)$/, () => import("./pages/records")],
  [/^\/projet\/(?<id>[^/]+)$/, () => import("./pages/records")],
  [/^\/evenement\/(?<id>[^/]+)$/, () => import("./pages/records")],
  [/^\/bonne-pratique\/(?<id>[^/]+)$/, () => import("./pages/records")],
];

const main = document.getElementById("contenu") as HTMLElement;
let cleanup: void | (() => void);
let renderCount = 0;

async function render(focus: boolean): Promise<void> {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const query = new URLSearchParams(location.search);
  const searchBox = document.getElementById("recherche-texte") as HTMLInputElement;
  if (path === "/recherche") searchBox.value = query.get("q") ?? "";
  const current = ++renderCount;
  if (cleanup) cleanup();
  cleanup = undefined;
  document.body.dataset.page = "loading";
  main.replaceChildren(h("p", { class: "loading" }, "Chargement…"));
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".site-header nav a")) {
    const target = new URL(link.href).pathname;
    if (target === path) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const route = routes.find(([pattern]) => pattern.test(path));
  try {
    if (!route) {
      document.title = "Page introuvable – Maillage";
      main.replaceChildren(h("h1", {}, "Page introuvable"), h("p", {}, h("a", { href: "/", "data-link": true }, "Retour à la carte")));
      return;
    }
    const params = Object.fromEntries(Object.entries(path.match(route[0])!.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    params.route = path.split("/")[1] ?? "";
    const page = (await route[1]()).default;
    const container = h("div", { class: "page" });
    const result = await page(container, params, query);
    if (current !== renderCount) {
      if (result) result();
      return;
    }
    main.replaceChildren(container);
    cleanup = result;
  } catch (error) {
    // A page's script that failed to load needs a fresh page load; anything else, this page again.
    const retry = () => (isModuleLoadFailure(error) ? location.reload() : render(true));
    if (current === renderCount) main.replaceChildren(h("h1", {}, "Cette page n'a pas pu s'afficher"), errorBox(error, retry));
  } finally {
    if (current === renderCount) {
      document.body.dataset.page = params(path);
      const title = main.querySelector("h1")?.textContent;
      if (title) document.title = `${title} – Maillage`;
      if (focus) {
        main.focus({ preventScroll: false });
        announce(title ? `Page chargée : ${title}` : "Page chargée");
      }
    }
  }
}

function params(path: string): string {
  return path === "/" ? "carte" : path.split("/")[1];
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element).closest?.("a[data-link]") as HTMLAnchorElement | null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

document.querySelector<HTMLFormElement>("[data-search-form]")!.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = (document.getElementById("recherche-texte") as HTMLInputElement).value.trim();
  if (text.length >= 2) navigate(`/recherche?q=${encodeURIComponent(text)}`);
});

setRenderer((focus) => void render(focus));
window.addEventListener("popstate", () => void render(true));
void render(false);
