/** Accents, case and punctuation folded, as a reader compares names (the search tests' yardstick, not the engine's). */
export const fold = (text: string) =>
  text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[^a-z0-9]+/g, " ").trim();
