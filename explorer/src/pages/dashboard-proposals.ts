import { fmt, h } from "../ui/dom";

/** A stake of the dashboard's figures, with the proposals an administrator loaded under it. */
export interface StakeProposals {
  stakeNumber: number;
  proposals: { number: number; title: string; projects: number; goodPractices: number }[];
}

const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n > 1 ? many : one}`;

/**
 * The advocacy paper's proposals under one stake, for that stake's card: each with the projects of the scope
 * carrying it forward (a link to their list, `projectFilter` being the list filter the card's figures match)
 * and the good practices. Until an administrator loads the proposals, a sentence says so.
 */
export function stakeProposals(stake: StakeProposals, anyLoaded: boolean, projectFilter: object): HTMLElement {
  const id = `propositions-enjeu-${stake.stakeNumber}`;
  const block = h("div", { class: "card-proposals", "data-proposals": stake.stakeNumber }, h("h3", { id }, "Propositions du plaidoyer"));
  if (!stake.proposals.length) {
    block.append(h("p", { class: "hint" }, anyLoaded
      ? "Aucune proposition du plaidoyer n'est chargée pour cet enjeu."
      : "Les propositions du plaidoyer ne sont pas encore chargées dans Maillage : elles apparaîtront ici dès qu'un administrateur les aura chargées."));
    return block;
  }
  block.append(h("ul", { "aria-labelledby": id }, stake.proposals.map((p) => {
    const href = `/liste/projets?filter=${encodeURIComponent(JSON.stringify({ ...projectFilter, proposalNumbers: [p.number] }))}`;
    const projects = p.projects
      ? h("a", { href, "data-link": true, "data-proposal-projects": p.number }, plural(p.projects, "projet", "projets"))
      : "aucun projet";
    return h("li", {}, `n° ${p.number} · ${p.title} : `, projects, `, ${p.goodPractices ? plural(p.goodPractices, "bonne pratique", "bonnes pratiques") : "aucune bonne pratique"}`);
  })));
  return block;
}
