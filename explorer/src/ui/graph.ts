import type { Core, EventObject, NodeSingular } from "cytoscape";
import { fmt, h, label } from "./dom";

/*
 * The cooperation network of an organisation page, readable from a phone to a wall screen:
 * organisations grouped by commune (partners together), the names of the most linked ones always
 * shown, a filter by kind of link, a tapped or hovered organisation lit with its neighbours, and a
 * graph that takes touch only when asked ("Déplacer le graphe"), so that a swipe scrolls the page.
 */

export type LinkKind = "PROJECT" | "EVENT" | "FUNDING" | "MEMBERSHIP";
export interface NetworkNode {
  depth: number;
  degree: number;
  organization: { __typename: string; id: string; name: string; partnerType?: string | null; commune?: { inseeCode: string; name: string } | null };
}
export interface NetworkEdge { source: string; target: string; kinds: LinkKind[]; weight: number; lastActivityOn?: string | null }
export interface Network { nodes: NetworkNode[]; edges: NetworkEdge[] }

export const KIND_COLORS = { root: "#d1335b", Association: "#00549f", Partner: "#18753c" };
/** Organisations whose names stay on the graph besides the page's own (the others on hover or tap). */
export const LABELLED_COUNT = 12;
/** Up to this many organisations, every name is shown and nothing is grouped. */
const SMALL_NETWORK = 15;
/** A commune with fewer associations than this joins "Autres communes". */
const MIN_GROUP = 3;
const LINK_KINDS: [LinkKind, string][] = [["PROJECT", "Projets partagés"], ["EVENT", "Événements co-organisés"], ["FUNDING", "Financements"], ["MEMBERSHIP", "Adhésions"]];

/** Sum of the weights of an organisation's links in the network: its strength. */
export function strengths(network: Network): Map<string, number> {
  const out = new Map<string, number>(network.nodes.map((n) => [n.organization.id, 0]));
  for (const e of network.edges) for (const end of [e.source, e.target]) out.set(end, (out.get(end) ?? 0) + e.weight);
  return out;
}

/** The organisations that may keep their name on the graph: the root, then the strongest ones, strongest first. */
export function labelCandidates(network: Network, rootId: string): string[] {
  const strength = strengths(network);
  const others = network.nodes.filter((n) => n.organization.id !== rootId)
    .sort((a, b) => strength.get(b.organization.id)! - strength.get(a.organization.id)! || a.organization.name.localeCompare(b.organization.name, "fr"));
  const count = network.nodes.length <= SMALL_NETWORK ? others.length : LABELLED_COUNT;
  return [rootId, ...others.slice(0, count).map((n) => n.organization.id)];
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const LABEL_SIDES = ["bottom", "top", "right", "left"] as const;
/**
 * Where each candidate's name goes (under, above, right or left of it) so that no two names
 * overlap, in the order given; a name that fits nowhere is left out, except for the first `keep`.
 */
function placeLabels(cy: Core, candidates: string[], width: number, height: number, keep: number): Map<string, (typeof LABEL_SIDES)[number]> {
  const fontPx = 12 * cy.zoom();
  const placed: Box[] = [];
  const out = new Map<string, (typeof LABEL_SIDES)[number]>();
  const meets = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const overlaps = (b: Box) => b.x1 < 0 || b.y1 < 0 || b.x2 > width || b.y2 > height || placed.some((p) => meets(b, p));
  // Better beside the other organisations than over them, when there is room.
  const dots: Box[] = cy.nodes(":childless").map((n) => {
    const { x, y } = n.renderedPosition();
    const r = n.renderedWidth() / 2;
    return { x1: x - r, y1: y - r, x2: x + r, y2: y + r };
  });
  for (const [index, id] of candidates.entries()) {
    const node = cy.getElementById(id);
    if (node.empty()) continue;
    const { x, y } = node.renderedPosition();
    const r = node.renderedWidth() / 2;
    const w = textWidth(node.data("label"), fontPx) + 4;
    const h = fontPx * 1.3;
    const boxes: Record<(typeof LABEL_SIDES)[number], Box> = {
      bottom: { x1: x - w / 2, y1: y + r + 1, x2: x + w / 2, y2: y + r + 1 + h },
      top: { x1: x - w / 2, y1: y - r - 1 - h, x2: x + w / 2, y2: y - r - 1 },
      right: { x1: x + r + 2, y1: y - h / 2, x2: x + r + 2 + w, y2: y + h / 2 },
      left: { x1: x - r - 2 - w, y1: y - h / 2, x2: x - r - 2, y2: y + h / 2 },
    };
    const side = LABEL_SIDES.find((s) => !overlaps(boxes[s]) && !dots.some((d) => meets(boxes[s], d)))
      ?? LABEL_SIDES.find((s) => !overlaps(boxes[s])) ?? (index < keep ? "bottom" : undefined);
    if (!side) continue;
    placed.push(boxes[side]);
    out.set(id, side);
  }
  return out;
}

interface Group { id: string; label: string; members: NetworkNode[] }

/** Partners together; associations by commune, the small communes together (at most `most` groups). */
function groups(network: Network, most: number): Group[] {
  const partners: NetworkNode[] = [];
  const byCommune = new Map<string, { name: string; members: NetworkNode[] }>();
  for (const n of network.nodes) {
    if (n.organization.__typename === "Partner") { partners.push(n); continue; }
    const commune = n.organization.commune;
    const key = commune?.inseeCode ?? "";
    if (!byCommune.has(key)) byCommune.set(key, { name: commune?.name ?? "", members: [] });
    byCommune.get(key)!.members.push(n);
  }
  const out: Group[] = [];
  const rest: NetworkNode[] = [];
  const communes = [...byCommune].sort(([, a], [, b]) => b.members.length - a.members.length || a.name.localeCompare(b.name, "fr"));
  const room = most - (partners.length ? 1 : 0) - 1;
  for (const [key, { name, members }] of communes) {
    if (key && members.length >= MIN_GROUP && out.length < room) out.push({ id: `groupe-${key}`, label: name, members });
    else rest.push(...members);
  }
  if (partners.length) out.unshift({ id: "groupe-partenaires", label: "Partenaires", members: partners });
  if (rest.length) out.push({ id: "groupe-autres", label: out.length ? "Autres communes" : "Associations", members: rest });
  return out;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const NODE_MAX = 34;
const GROUP_PADDING = 6;
let measureContext: CanvasRenderingContext2D | null | undefined;

/** Width in pixels of a text in the page's font. */
function textWidth(text: string, fontPx: number, bold = false): number {
  measureContext ??= document.createElement("canvas").getContext("2d");
  if (!measureContext) return text.length * fontPx * 0.6;
  measureContext.font = `${bold ? "bold " : ""}${fontPx}px ${getComputedStyle(document.body).fontFamily}`;
  return measureContext.measureText(text).width;
}

const groupTitle = (g: Group) => `${g.label} (${fmt(g.members.length)})`;

/**
 * Positions in screen pixels for a box of width × height: each group a disc (a sunflower, the
 * strongest organisation in its middle) under its title, the groups packed in rows to the box's
 * shape. Computed at the box's size, a name is as readable for 180 organisations as for 20.
 */
function clusterLayout(list: Group[], strength: Map<string, number>, named: Set<string>, width: number, height: number) {
  // A group holding names to show spreads its members further apart.
  const spacing = new Map(list.map((g) => [g, 1 + 0.12 * g.members.filter((n) => named.has(n.organization.id)).length]));
  const titles = new Map(list.map((g) => [g, textWidth(groupTitle(g), 12, true)]));
  // Sizes in units of the distance between neighbours, except what is drawn in pixels (titles, dots, padding).
  const pack = (scale: number) => {
    const cells = list.map((g) => {
      const r = spacing.get(g)! * Math.sqrt(g.members.length) + (Math.min(NODE_MAX, scale) / 2 + GROUP_PADDING) / scale;
      return { g, r, w: Math.max(2 * r, (titles.get(g)! + 4) / scale) + 10 / scale, h: 2 * r + 26 / scale };
    }).sort((a, b) => b.h - a.h);
    const area = cells.reduce((sum, c) => sum + c.w * c.h, 0);
    const rowWidth = Math.max(cells[0].w, Math.sqrt(area * (width / height)));
    const rows: { cells: typeof cells; width: number; height: number }[] = [];
    for (const c of cells) {
      let row = rows[rows.length - 1];
      if (!row || row.width + c.w > rowWidth) rows.push((row = { cells: [], width: 0, height: 0 }));
      row.cells.push(c);
      row.width += c.w;
      row.height = Math.max(row.height, c.h);
    }
    const packedWidth = Math.max(...rows.map((r) => r.width));
    const centres = new Map<Group, { x: number; y: number }>();
    let y = 0;
    for (const row of rows) {
      let x = (packedWidth - row.width) / 2;
      for (const c of row.cells) {
        centres.set(c.g, { x: x + c.w / 2, y: y + row.height - c.h / 2 + 13 / scale });
        x += c.w;
      }
      y += row.height;
    }
    return { centres, fit: Math.min(60, (width - 16) / packedWidth, (height - 16) / y) };
  };
  // What is drawn in pixels takes more or fewer units depending on the scale: settle it.
  let scale = 20;
  let packed = pack(scale);
  for (let i = 0; i < 6 && Math.abs(packed.fit - scale) > 0.2; i++) packed = pack((scale = packed.fit));
  scale = Math.min(scale, packed.fit);
  const maxStrength = Math.max(1, ...strength.values());
  const positions = new Map<string, { x: number; y: number; size: number }>();
  for (const [g, c] of packed.centres) {
    const members = [...g.members].sort((a, b) => strength.get(b.organization.id)! - strength.get(a.organization.id)!);
    members.forEach((n, i) => {
      const r = spacing.get(g)! * Math.sqrt(i + 0.5);
      const size = n.depth === 0 ? scale * 1.1 : scale * (0.35 + 0.5 * Math.sqrt(strength.get(n.organization.id)! / maxStrength));
      positions.set(n.organization.id, { x: (c.x + r * Math.cos(i * GOLDEN_ANGLE)) * scale, y: (c.y + r * Math.sin(i * GOLDEN_ANGLE)) * scale, size: Math.max(6, Math.min(size, NODE_MAX)) });
    });
  }
  return positions;
}

export interface GraphView {
  /** The link-kind filter and the "Déplacer le graphe" / "Recentrer" buttons, to place above the graph. */
  controls: HTMLElement;
  /** What is selected (tap or hover) and the link to its page, to place under the graph. */
  selection: HTMLElement;
  /** Draws a network (Cytoscape is loaded with the first one). */
  draw(network: Network, rootId: string): Promise<void>;
  clear(): void;
  destroy(): void;
}

/**
 * A cooperation graph drawn into `box`. `open` goes to an organisation: a click on desktop, a
 * second tap on the same organisation on a touch screen.
 */
export function graphView(box: HTMLElement, open: (id: string) => void): GraphView {
  let cy: Core | undefined;
  let rootId = "";
  let network: Network = { nodes: [], edges: [] };
  let names = new Map<string, NetworkNode>();
  let strength = new Map<string, number>();
  /** The names shown when nothing is lit: the root and the strongest that fit; every one in a small network. */
  let candidates: string[] = [];
  let small = false;
  let selected: string | undefined;
  let lastTouch = 0;
  // On a touch screen the page scrolls over the graph until the person asks to move the graph.
  let moving = !matchMedia("(pointer: coarse)").matches;

  const kindBoxes = LINK_KINDS.map(([kind, text]) => {
    const input = h("input", { type: "checkbox", id: `lien-${kind.toLowerCase()}`, value: kind, checked: true });
    input.addEventListener("change", applyKindFilter);
    return h("span", { class: "check" }, input, h("label", { for: input.id }, text));
  });
  const moveButton = h("button", { type: "button", class: "secondary", "aria-pressed": String(moving), "aria-controls": box.id }, "Déplacer le graphe");
  const resetButton = h("button", { type: "button", class: "secondary", "aria-controls": box.id }, "Recentrer");
  const controls = h("div", { class: "graph-controls" },
    h("fieldset", { class: "inline link-kinds" }, h("legend", {}, "Liens affichés"), ...kindBoxes),
    h("div", { class: "graph-buttons" }, moveButton, resetButton,
      h("p", { class: "hint" }, "« Déplacer le graphe » active le glisser et le zoom dans le graphe ; sinon la page défile par-dessus.")));
  const selection = h("p", { class: "graph-selection", "aria-live": "polite" });

  // Before Cytoscape sees a touch (capture phase): while the graph is not being moved, it never
  // sees one, so nothing stops the page from scrolling; a tap still reaches it as a click.
  const stopTouch = (event: TouchEvent) => {
    lastTouch = Date.now();
    if (!moving) event.stopPropagation();
  };
  box.addEventListener("touchstart", stopTouch, { capture: true, passive: true });

  function setMoving(on: boolean): void {
    moving = on;
    moveButton.setAttribute("aria-pressed", String(on));
    box.dataset.moving = String(on);
    cy?.userPanningEnabled(on);
    cy?.userZoomingEnabled(on);
    cy?.autoungrabify(!on);
  }
  moveButton.addEventListener("click", () => setMoving(!moving));
  resetButton.addEventListener("click", recentre);

  function recentre(): void {
    if (!cy) return;
    // Grouped, the groups' boxes and titles hold everything: the view does not depend on the names shown.
    const everything = small ? cy.elements() : cy.nodes(":parent");
    cy.fit(everything, 12);
    // A small network is not blown up to fill the box: labels stay readable.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center(everything);
    }
  }

  function visibleKinds(): Set<string> {
    return new Set(kindBoxes.map((b) => b.querySelector("input")!).filter((i) => i.checked).map((i) => i.value));
  }

  function applyKindFilter(): void {
    if (!cy) return;
    const kinds = visibleKinds();
    cy.batch(() => {
      cy!.edges().forEach((edge) => {
        edge.toggleClass("hidden-kind", !(edge.data("kinds") as string[]).some((k) => kinds.has(k)));
      });
      cy!.nodes(":childless").forEach((node) => {
        node.toggleClass("isolated", node.id() !== rootId && shownEdges(node).empty());
      });
    });
    box.dataset.edgesShown = String(cy.edges().not(".hidden-kind").length);
    highlight(selected);
  }

  /** An organisation's links of the kinds ticked (classes, not the style: a style is computed later). */
  const shownEdges = (node: NodeSingular) => node.connectedEdges().not(".hidden-kind");

  /** Shows the names of `ids` that fit without overlapping (the first `keep` in any case), hides the others. */
  function showNames(ids: string[], keep: number): string[] {
    if (!cy) return [];
    const sides = placeLabels(cy, ids, box.clientWidth, box.clientHeight, keep);
    cy.batch(() => {
      cy!.nodes().removeClass(["labelled", ...LABEL_SIDES.map((side) => `label-${side}`)].join(" "));
      for (const [id, side] of sides) cy!.getElementById(id).addClass(`labelled label-${side}`);
    });
    return [...sides.keys()];
  }

  /** Lights an organisation and its neighbours through the links shown, and names them where they fit; fades the rest. */
  function highlight(id: string | undefined): void {
    if (!cy) return;
    const node = id ? cy.getElementById(id) : undefined;
    cy.batch(() => {
      cy!.elements().removeClass("faded focused neighbour");
      if (!node || node.empty()) return;
      const edges = shownEdges(node);
      const neighbours = edges.connectedNodes().difference(node);
      cy!.nodes(":childless").union(cy!.edges()).not(edges).not(neighbours).not(node).addClass("faded");
      node.addClass("focused");
      neighbours.addClass("neighbour");
    });
    if (node && !node.empty()) {
      const neighbours = shownEdges(node).connectedNodes().difference(node);
      showNames([node.id(), ...neighbours.map((n) => n.id()).sort((a, b) => strength.get(b)! - strength.get(a)!)], 1);
      box.dataset.focus = node.id();
      box.dataset.highlighted = neighbours.map((n) => n.id()).sort().join(" ");
    } else {
      showNames(candidates, small ? candidates.length : 1);
      delete box.dataset.focus;
      delete box.dataset.highlighted;
    }
  }

  function describe(id: string | undefined): void {
    const n = id ? names.get(id) : undefined;
    if (!n || !cy) {
      selection.replaceChildren(matchMedia("(pointer: coarse)").matches
        ? "Touchez une organisation pour voir son nom et ses liens ; touchez-la de nouveau pour ouvrir sa fiche."
        : "Survolez une organisation pour voir son nom et ses liens ; cliquez-la pour ouvrir sa fiche.");
      return;
    }
    const org = n.organization;
    const kind = org.__typename === "Partner" ? `partenaire · ${label("partnerType", org.partnerType)}` : "association";
    const links = shownEdges(cy.getElementById(id!)).length;
    selection.replaceChildren(h("strong", {}, org.name), ` (${kind}${org.commune ? `, ${org.commune.name}` : ""}) : ${fmt(links)} lien${links > 1 ? "s" : ""} affiché${links > 1 ? "s" : ""}. `,
      id === rootId ? "" : h("a", { href: `/organisation/${encodeURIComponent(id!)}`, "data-link": true }, "Ouvrir sa fiche"));
  }

  function select(id: string | undefined): void {
    selected = id;
    highlight(id);
    describe(id);
  }

  function recordViewport(): void {
    if (!cy) return;
    const pan = cy.pan();
    box.dataset.pan = `${Math.round(pan.x)},${Math.round(pan.y)}`;
    box.dataset.zoom = cy.zoom().toFixed(3);
  }

  async function draw(next: Network, root: string): Promise<void> {
    const cytoscape = (await import("cytoscape")).default;
    network = next;
    rootId = root;
    names = new Map(network.nodes.map((n) => [n.organization.id, n]));
    selected = undefined;
    cy?.destroy();
    small = network.nodes.length <= SMALL_NETWORK;
    strength = strengths(network);
    const width = box.clientWidth || 600;
    const height = box.clientHeight || 400;
    // A narrow box holds fewer groups: each needs room for its title.
    const list = small ? [] : groups(network, Math.max(4, Math.min(12, Math.floor(width / 60))));
    candidates = labelCandidates(network, root);
    const positions = small ? undefined : clusterLayout(list, strength, new Set(candidates), width, height);
    const parentOf = new Map(list.flatMap((g) => g.members.map((n) => [n.organization.id, g.id] as const)));
    const maxWeight = Math.max(1, ...network.edges.map((e) => e.weight));
    cy = cytoscape({
      container: box,
      elements: [
        ...list.map((g) => ({ data: { id: g.id, label: groupTitle(g) }, classes: "group", selectable: false })),
        ...network.nodes.map((n) => {
          const id = n.organization.id;
          const name = n.organization.name;
          return {
            data: {
              id, parent: parentOf.get(id), label: name.length > 32 ? `${name.slice(0, 30)}…` : name,
              color: n.depth === 0 ? KIND_COLORS.root : KIND_COLORS[n.organization.__typename as "Association" | "Partner"],
              size: positions ? positions.get(id)!.size : n.depth === 0 ? 34 : 18 + Math.min(n.degree, 12) * 2,
            },
            position: positions?.get(id),
            classes: id === root ? "root" : "",
          };
        }),
        ...network.edges.map((e) => ({ data: { id: `${e.source}|${e.target}`, source: e.source, target: e.target, weight: e.weight, kinds: e.kinds } })),
      ],
      style: [
        { selector: "node[size]", style: { "background-color": "data(color)", width: "data(size)", height: "data(size)" } },
        { selector: "node", style: { "border-width": 1, "border-color": "#ffffff", label: "", "font-size": 12, color: "#1e1e1e", "text-valign": "bottom", "text-margin-y": 2, "text-wrap": "ellipsis", "text-max-width": "200px", "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": "1px", "min-zoomed-font-size": 0 } },
        { selector: "node.labelled", style: { label: "data(label)", "z-index": 5 } },
        { selector: "node.label-top", style: { "text-valign": "top", "text-margin-y": -2 } },
        { selector: "node.label-right", style: { "text-valign": "center", "text-halign": "right", "text-margin-y": 0, "text-margin-x": 2 } },
        { selector: "node.label-left", style: { "text-valign": "center", "text-halign": "left", "text-margin-y": 0, "text-margin-x": -2 } },
        { selector: "node.root", style: { "border-width": 3, "border-color": "#1e1e1e", "font-weight": "bold", "z-index": 10 } },
        { selector: "node.group", style: { label: "data(label)", "text-valign": "top", "text-halign": "center", "text-margin-y": -3, "font-size": 12, "font-weight": "bold", color: "#3a3a3a", "background-color": "#e8edf3", "background-opacity": 0.55, "border-width": 1, "border-color": "#c9ced6", shape: "round-rectangle", padding: `${GROUP_PADDING}px`, "text-background-opacity": 0, "compound-sizing-wrt-labels": "exclude" } },
        { selector: "edge", style: { width: `mapData(weight, 1, ${Math.max(2, maxWeight)}, 0.6, 4)`, "line-color": "#8c8c8c", opacity: network.edges.length > 150 ? 0.2 : 0.55, "curve-style": "haystack" } },
        { selector: "edge.hidden-kind", style: { display: "none" } },
        { selector: "node.isolated", style: { opacity: 0.3 } },
        { selector: "node.faded", style: { opacity: 0.15 } },
        { selector: "edge.faded", style: { opacity: 0.04 } },
        { selector: "node.focused", style: { "border-width": 3, "border-color": "#ff9b00", "z-index": 20 } },
        { selector: "node.neighbour", style: { opacity: 1 } },
        { selector: "node.focused, node.neighbour", style: { "z-index": 15 } },
      ],
      layout: positions
        ? { name: "preset", fit: true, padding: 12 }
        : { name: "concentric", animate: false, concentric: (n: NodeSingular) => (n.id() === root ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 110 } as any,
      minZoom: 0.05,
      maxZoom: 4,
    });
    const instance = cy;
    recentre();
    setMoving(moving);
    instance.on("viewport", () => requestAnimationFrame(recordViewport));
    instance.on("tap", (event: EventObject) => {
      const target = event.target;
      if (target === instance || target.isParent?.()) return select(undefined);
      const id = target.isNode() ? target.id() : undefined;
      if (!id) return;
      const original = event.originalEvent as Event | undefined;
      const touch = (typeof TouchEvent !== "undefined" && original instanceof TouchEvent) || Date.now() - lastTouch < 1000;
      // A mouse opens at once (the hover already lit the node); a finger first shows, then opens.
      if (id !== rootId && (!touch || selected === id)) return open(id);
      select(id);
    });
    instance.on("mouseover", "node", (event: EventObject) => {
      if (Date.now() - lastTouch < 1000 || event.target.isParent()) return;
      highlight(event.target.id());
      describe(event.target.id());
    });
    instance.on("mouseout", "node", () => {
      if (Date.now() - lastTouch < 1000) return;
      highlight(selected);
      describe(selected);
    });
    box.dataset.groups = String(list.length);
    applyKindFilter();
    box.dataset.labelled = instance.nodes(".labelled").map((n) => n.id()).sort().join(" ");
    describe(undefined);
    recordViewport();
  }

  return {
    controls,
    selection,
    draw,
    clear() {
      cy?.destroy();
      cy = undefined;
      selection.replaceChildren();
    },
    destroy() {
      box.removeEventListener("touchstart", stopTouch, { capture: true });
      cy?.destroy();
      cy = undefined;
    },
  };
}
