/** The 4 stakes of Le Mouvement associatif's 2021 advocacy paper on associations in QPV (wording fixed by DESIGN.md). */
export const STAKES = [
  { number: 1, title: "Support small employer associations (up to 2 full-time equivalents)." },
  { number: 2, title: "Guarantee the expression and place of non-federated associations." },
  { number: 3, title: "Foster residents' participation." },
  { number: 4, title: "Better cooperation between associations and city-policy actors." },
] as const;

/** The paper's proposals under those stakes are numbered 1 to 16; their texts are data an administrator loads. */
export const PROPOSAL_COUNT = 16;
