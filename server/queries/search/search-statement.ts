import { ReadSession } from "../../database/sql-session";
import { RowAccess } from "../../access/row-access";
import { selectList } from "../../database/hydrate";
import { SqlParams } from "../../database/sql-params";
import { SearchBounds } from "../../config";
import { SearchRequest } from "./search-request";
import { SearchableText, SearchSource } from "./search-sources";

/**
 * pg_trgm's default threshold for `%` (similarity of two whole texts, >= 0.3), which its indexed operator
 * applies: it serves the typo fallback (a word compared with the corpus's words), and a result found by a text
 * without significant words must have a name-like text at least this close to it. (A session setting; setting
 * it would cost a statement.)
 */
export const SIMILARITY_THRESHOLD = 0.3;
/** How close a word found as the beginning of a longer word is ("tourcoin" in "Tourcoing"); a whole word is 1. */
export const PREFIX_CLOSENESS = 0.9;
/** At most this many corpus words replace a word found nowhere (the nearest by trigram, each at least SIMILARITY_THRESHOLD close). */
export const TYPO_EXPANSIONS = 16;

/** The searched text as SQL: each piece a parameter added on first use. */
interface Terms {
  phrase: string;
  /** Per significant word, its text parameter. */
  words: string[];
  code: string | null;
  /** The CTE of the folded text, once something read it (none otherwise). */
  phraseCte(): string[];
}

/** The searched text folded, computed once per statement (see `terms`). */
const PHRASE = "search_phrase";

/**
 * Parameters are added on first use: a statement must not carry one it never reads (its type is unknown).
 * The folded text is read from a CTE (`phraseCte`), not folded where it is used: in a generic plan a
 * parameter's expression is evaluated for every row, and a custom plan, folding it once, would then look
 * cheaper, so PostgreSQL would keep planning the statement at every execution (see `termsCte`).
 */
function terms(params: SqlParams, request: SearchRequest): Terms {
  let phrase: string | undefined;
  let code: string | undefined;
  const words = request.words.map((word) => `${params.add(word)}::text`);
  return {
    get phrase() {
      return (phrase ??= `(SELECT sp.phrase FROM ${PHRASE} sp)`);
    },
    phraseCte: () => (phrase ? [`${PHRASE} AS MATERIALIZED (SELECT search_fold(${params.add(request.text)}::text) AS phrase)`] : []),
    words,
    get code() {
      return request.code === null ? null : (code ??= `${params.add(request.code)}::text`);
    },
  };
}

/** Per word `i`, the queries it stands for, each with its closeness: see `termsCte`. */
const TERMS = "search_term";
/** Per word `i`, those queries OR-ed into one (what the GIN indexes are searched with). */
const QUERIES = "search_query";
/**
 * The communes whose name some word matches (without words: whose name is close to the whole text), with
 * whether each word does (`m0`, `m1`...): computed once per statement, as several kinds reach records through them.
 */
const MATCHED_COMMUNES = "search_commune";

/**
 * What each word stands for. Its lexeme (the word through `maillage_fr`: unaccented, stemmed) matches
 * that lexeme (closeness 1). A lexeme the corpus does not have (`search_word`) is a partial word or a typo:
 * it also stands for the lexemes it begins (PREFIX_CLOSENESS: "tourcoin" for "tourcoing") and for the
 * corpus's nearest lexemes by trigram (GIN index), each with its similarity x PREFIX_CLOSENESS as closeness
 * ("sosial" for "social", "roubais" for "roubaix"), word by word, so that several typos in one text are
 * forgiven. A known lexeme is not widened ("regie" does not find "régional", "reseau" not "Préseau"),
 * except the last word's, which may be still being typed ("lile" finds "Lille" by its stem "lil").
 *
 * The words' VALUES sit behind OFFSET 0: a single row of VALUES would be folded into a one-word statement's
 * custom plan (the typo probe then estimated for that word), which would then look cheaper than the generic
 * plan, and PostgreSQL would plan that statement again at every execution (6 to 17 ms on the scale-0.1 data).
 */
function termsCte(t: Terms): string[] {
  const words = t.words.map((word, i) => `(${i}, ${word}, ${i === t.words.length - 1})`).join(", ");
  const lexeme = `quote_literal(l.lex)`;
  const known = `EXISTS (SELECT 1 FROM search_word sw WHERE sw.word = l.lex)`;
  return [
    `${TERMS} AS MATERIALIZED (SELECT w.i, e.q, e.closeness
    FROM (SELECT * FROM (VALUES ${words}) v OFFSET 0) w(i, word, last)
    CROSS JOIN LATERAL (SELECT coalesce((tsvector_to_array(to_tsvector('public.maillage_fr'::regconfig, w.word)))[1], search_fold(w.word)) AS lex) l
    CROSS JOIN LATERAL (SELECT ${known} AS found) p
    CROSS JOIN LATERAL (
      SELECT ${lexeme}::tsquery AS q, 1::float8 AS closeness
      UNION ALL SELECT (${lexeme} || ':*')::tsquery, ${PREFIX_CLOSENESS}::float8 WHERE w.last OR NOT p.found
      UNION ALL (SELECT quote_literal(sw.word)::tsquery, round((similarity(sw.word, l.lex) * ${PREFIX_CLOSENESS})::numeric, 4)::float8
        FROM search_word sw WHERE NOT p.found AND sw.word % l.lex ORDER BY sw.word <-> l.lex, sw.word LIMIT ${TYPO_EXPANSIONS})) e)`,
    // nq: the same queries restricted to the names (weights A and B: name or title, short name or venue), for the first tier.
    `${QUERIES} AS MATERIALIZED (SELECT i, string_agg(q::text, ' | ')::tsquery AS q,
      string_agg(q::text || CASE WHEN q::text LIKE '%:*' THEN 'AB' ELSE ':AB' END, ' | ')::tsquery AS nq FROM ${TERMS} GROUP BY i)`,
  ];
}

/** Per word `i` of a text of more words than are spelt out, its query and how many matched communes' names it matches (see `manyWordRoutes`). */
const WORD_COMMUNES = "search_word_commune";

function wordCommunesCte(t: Terms): string {
  const flag = `CASE sq.i ${t.words.map((_, j) => `WHEN ${j} THEN sc.m${j}`).join(" ")} END`;
  return `${WORD_COMMUNES} AS MATERIALIZED (SELECT sq.i, sq.q, (SELECT count(*) FROM ${MATCHED_COMMUNES} sc WHERE ${flag}) AS communes FROM ${QUERIES} sq)`;
}

/** The query of word `i`, one value for the whole statement (an InitPlan the GIN index is searched with). */
const queryOf = (i: number) => `(SELECT sq.q FROM ${QUERIES} sq WHERE sq.i = ${i})`;

/** The closeness of word `i` to a document: the best of its queries that the document matches, 0 if none. */
const closenessIn = (i: number, document: string) => `coalesce((SELECT max(st.closeness) FROM ${TERMS} st WHERE st.i = ${i} AND ${document} @@ st.q), 0)`;

/** The query of word `i` restricted to names (weights A and B). */
const nameQueryOf = (i: number) => `(SELECT sq.nq FROM ${QUERIES} sq WHERE sq.i = ${i})`;

function communesCte(t: Terms): string {
  if (!t.words.length) {
    return `${MATCHED_COMMUNES} AS MATERIALIZED (SELECT sc.insee_code FROM commune sc WHERE sc.name_sort = ${nameKey(t)})`;
  }
  const routes = t.words.map((_, i) => `sc.search_vector @@ ${queryOf(i)}`);
  // Whether each word matches the name: its queries OR-ed, one match per commune (a word of many names, "saint",
  // lists 4,433 communes; scanning the word's queries one by one for each of them cost about 10 ms).
  const flags = t.words.map((_, i) => `x.search_vector @@ ${queryOf(i)} AS m${i}`);
  return `${MATCHED_COMMUNES} AS MATERIALIZED (SELECT ${["x.insee_code", ...flags].join(", ")}
    FROM (SELECT sc.insee_code, sc.search_vector FROM commune sc WHERE ${routes.join(" OR ")} OFFSET 0) x)`;
}

/**
 * The searched text as a name's stored sort key (`name_sort`, `title_sort`: b-tree indexed) compares: the folded
 * text (`search_fold`: lower case, no accents, one space between words) is its own sort key.
 */
const nameKey = (t: Terms) => `(${t.phrase} COLLATE "C")`;

/**
 * Which rows match, with index-friendly conditions only, and exact: every word matched by the row's own
 * document (GIN full-text index) or by the name of a commune the row is related to (its key through the
 * foreign-key index), or the text given exactly as an identifier (b-tree). Only these rows are visited (and counted).
 *
 * Without a significant word (stop words only: "de la", "les", "eu"), the records whose name or title is the
 * text (b-tree of its sort key), or whose commune's name is (so "eu" finds the commune Eu and what is there).
 * Such words are in no document (`maillage_fr` drops them), and comparing the whole text with every name by
 * trigram, as was done, read most of the trigram indexes ("de la": the trigrams of " de" and " la" are in most
 * French names) and took seconds at scale 0.1; an exact name costs a b-tree probe per kind.
 */
function candidates(source: SearchSource, t: Terms): string {
  const throughCommunes = (communes: string) => source.texts.flatMap((text) => (text.own ? [] : [text.through(communes)]));
  const routes = t.words.length
    ? wordRoutes(source, t, throughCommunes)
    : [...source.texts.flatMap((text) => (text.own && text.phrase && text.sorted ? [`${text.sorted} = ${nameKey(t)}`] : [])),
      ...throughCommunes(`SELECT insee_code FROM ${MATCHED_COMMUNES}`)];
  if (t.code) routes.push(...source.codes.map((code) => `${code} = ${t.code}`));
  return `(${routes.join(" OR ")})`;
}

/** Up to this many words, the words' routes are spelt out as one route per split between document and commune (2^n). */
const SPELT_OUT_WORDS = 3;
/** Up to this many matched communes, a route with words in the document and others in a commune's name probes the commune index (see `wordRoutes`). */
const FEW_COMMUNES = 100;

/**
 * Every word in the row's document or in its commune's name. (own0 OR commune0) AND (own1 OR commune1)
 * lets the planner read only one word's routes by index, the broadest perhaps ("saint" is in 4,433 commune
 * names, "jardin" in 10,000 records), and filter the rows it fetches by the others. Spelt out as one route
 * per split (these words in the document: one GIN scan intersecting them; those in the commune's name: the
 * communes matching all of them, a short list), each route reads by index only rows that match every word.
 */
function wordRoutes(source: SearchSource, t: Terms, throughCommunes: (communes: string) => string[]): string[] {
  const withinCommunes = (communes: string) => source.texts.flatMap((text) => (text.own ? [] : [text.within(communes)]));
  const own = (i: number) => `${source.vector} @@ ${queryOf(i)}`;
  const n = t.words.length;
  if (!throughCommunes("x").length) return [`(${t.words.map((_, i) => own(i)).join(" AND ")})`];
  if (n > SPELT_OUT_WORDS) return manyWordRoutes(source, t, throughCommunes, withinCommunes);
  const routes: string[] = [];
  for (let split = 0; split < 1 << n; split++) {
    const inCommune = t.words.map((_, i) => i).filter((i) => split & (1 << i));
    const ownWords = t.words.map((_, i) => i).filter((i) => !(split & (1 << i)));
    const matching = inCommune.map((i) => `m${i}`).join(" AND ");
    const communes = `SELECT insee_code FROM ${MATCHED_COMMUNES} WHERE ${matching}`;
    if (!inCommune.length) {
      routes.push(`(${ownWords.map(own).join(" AND ")})`);
      continue;
    }
    if (!ownWords.length) {
      routes.push(`(${throughCommunes(communes).join(" OR ")})`);
      continue;
    }
    // Some words in the row's document, the others in its commune's name. The first own word's query is null
    // (a null query finds nothing in a GIN index) unless the route is to be read that way, by how many communes
    // match the others (known once the statement runs, not when it is planned):
    // - up to FEW_COMMUNES: by the first own word and the commune index together (a BitmapAnd), the other own
    //   words checked on the rows found (as a function, so that the planner does not read them by index: with
    //   two words by index it left the commune out, "jardin partage lille" fetched the 10,000 rows holding
    //   "partage" and "lille" to keep none in the commune Jardin);
    // - more (4,433 for "saint"), or any number for a kind with few rows per word (`fewPerWord`): by the own
    //   words alone, the commune checked in a hash of the matched ones rather than probed for each of them.
    const counted = `(SELECT count(*) FROM (SELECT 1 FROM ${MATCHED_COMMUNES} WHERE ${matching} LIMIT ${FEW_COMMUNES + 1}) c)`;
    const guarded = (condition: string) => `${source.vector} @@ (SELECT sq.q FROM ${QUERIES} sq WHERE sq.i = ${ownWords[0]} AND ${condition})`;
    const [, ...others] = ownWords;
    const byHash = `(${[guarded(source.fewPerWord ? `${counted} > 0` : `${counted} > ${FEW_COMMUNES}`), ...others.map(own), `(${withinCommunes(communes).join(" OR ")})`].join(" AND ")})`;
    if (source.fewPerWord) {
      routes.push(byHash);
      continue;
    }
    const checked = others.map((i) => `ts_match_vq(${source.vector}, ${queryOf(i)})`);
    // Its commune list is empty too when not chosen: checking a row against thousands of listed communes (an
    // array, compared one by one) cost more than the whole route.
    const few = `${counted} BETWEEN 1 AND ${FEW_COMMUNES}`;
    routes.push(`(${[guarded(few), ...checked, `(${throughCommunes(`${communes} AND ${few}`).join(" OR ")})`].join(" AND ")})`, byHash);
  }
  return routes;
}

/**
 * Routes of a text of more words than are spelt out (2^n routes would be too many to plan). Written as one
 * route, (own0 OR commune0) AND (own1 OR commune1)..., the planner read it by one word's index, the last one
 * perhaps, and filtered the rows by the others: "association club sport culture jeunes quartier" fetched the
 * 150,000 associations holding "quartier" to keep none (210 ms at scale 0.1). Three routes instead, exact
 * together, the words each matched again on every row found (own or commune, as above):
 * - every word in the row's document: one GIN scan intersecting them;
 * - else some word is in the commune's name only, so some commune matched. Take, of the words some matched
 *   commune's name matches, the one in the fewest of them (`rarest`, known once the statement runs: "nord"
 *   in "saint denis centre social quartier nord"). Either the row's commune's name matches it (the commune
 *   index, the communes of that word only), or the row's document holds it, and with it every word that no
 *   commune's name matches: those ANDed into one query read the GIN index once, the commune checked in a hash
 *   of the matched ones. Both null, so finding nothing, when no commune matched.
 */
function manyWordRoutes(source: SearchSource, t: Terms, throughCommunes: (communes: string) => string[], withinCommunes: (communes: string) => string[]): string[] {
  const own = (i: number) => `${source.vector} @@ ${queryOf(i)}`;
  const rarest = `(SELECT wc.i FROM ${WORD_COMMUNES} wc WHERE wc.communes > 0 ORDER BY wc.communes, wc.i LIMIT 1)`;
  // The rarest commune word and the words of no commune's name, ANDed (null when no commune matched).
  const ownWords = `(SELECT string_agg('(' || wc.q::text || ')', ' & ')::tsquery FROM ${WORD_COMMUNES} wc
      WHERE (wc.communes = 0 OR wc.i = ${rarest}) AND ${rarest} IS NOT NULL)`;
  const flag = `CASE ${rarest} ${t.words.map((_, j) => `WHEN ${j} THEN sc.m${j}`).join(" ")} END`;
  const perWord = t.words.map((_, i) => `(${[own(i), ...withinCommunes(`SELECT insee_code FROM ${MATCHED_COMMUNES} WHERE m${i}`)].join(" OR ")})`);
  return [
    `(${t.words.map((_, i) => own(i)).join(" AND ")})`,
    `(${[`(${throughCommunes(`SELECT sc.insee_code FROM ${MATCHED_COMMUNES} sc WHERE ${flag}`).join(" OR ")})`, ...perWord].join(" AND ")})`,
    `(${[`${source.vector} @@ ${ownWords}`, `(${withinCommunes(`SELECT insee_code FROM ${MATCHED_COMMUNES}`).join(" OR ")})`, ...perWord].join(" AND ")})`,
  ];
}

const weight = (value: number) => `${value}::float8`;
const greatest = (values: string[]) => (values.length === 1 ? values[0] : `greatest(${values.join(", ")})`);
const mean = (values: string[]) => `(${values.join(" + ")}) / ${values.length}`;
/** How far the popularity prior may move a score towards 1. */
const PRIOR_WEIGHT = 0.05;

/**
 * The closeness of one candidate row, computed once in a LATERAL subquery (OFFSET 0 keeps the planner
 * from copying them into each use), and what they decide: the row's score and what matched.
 *
 * Per word and text, closeness = the best closeness of the word's queries that the text's words match
 * (`ts_filter` keeps the text's weight letter of the row's document; a commune, its own document): 1 for the
 * word itself, PREFIX_CLOSENESS for a word it begins, the similarity of a typo's replacement.
 *
 * relevance = 0.5 x the mean over the words of their best weighted closeness + 0.5 x the best weighted
 * similarity of the whole searched text with a name-like text (so a name that is the text ranks first);
 * without significant words, that similarity alone. score = relevance + (1 - relevance) x 0.05 x prior,
 * 1 for an identifier given exactly: an exact name scores 1, a name holding every word at least 0.5; the
 * prior only breaks near ties. Rounded to 4 decimals, so that a cursor compares it exactly.
 */
function similarities(source: SearchSource, t: Terms) {
  const values: string[] = [];
  // Each single-valued text is folded once per row (LATERAL f), then measured by the whole-text similarity.
  // A related commune's name is compared with the whole text only without words (with words, its words' closeness says it all).
  const phrased = (text: SearchableText) => text.phrase && (text.own || !t.words.length);
  const folds = source.texts.flatMap((text, j) => (text.value !== null && phrased(text) ? [`${text.value} AS t${j}`] : []));
  // Each own text's words, kept once per row (`ts_filter` by its weight letter), then matched with every query of every word.
  if (t.words.length) folds.push(...source.texts.flatMap((text, j) => (text.own ? [`ts_filter(${source.vector}, '{${text.label}}') AS d${j}`] : [])));
  const perText = source.texts.map((text, j) => {
    const best = (measure: (folded: string) => string) => (text.value !== null ? `coalesce(${measure(`f.t${j}`)}, 0)` : text.best!(measure));
    const phrase = phrased(text) ? `v.p${j}` : null;
    if (phrase) values.push(`${best((folded) => `similarity(${t.phrase}, ${folded})::float8`)} AS p${j}`);
    const words = t.words.map((_, i) => {
      const closeness = text.own ? closenessIn(i, `f.d${j}`) : text.closeness((document) => closenessIn(i, document));
      values.push(`${closeness} AS w${j}_${i}`);
      return { closeness: `v.w${j}_${i}`, found: `v.w${j}_${i} > 0` };
    });
    return { text, phrase, words };
  });
  values.push(t.code && source.codes.length ? `coalesce(${source.codes.map((c) => `${c} = ${t.code}`).join(" OR ")}, false) AS code` : "false AS code");
  values.push(`${source.prior} AS prior`);

  // Without words, a row matches when the whole text is close to one of its name-like texts (the candidate routes, rechecked).
  const matches = t.words.length ? "true" : perText.filter((p) => p.phrase).map((p) => `${p.phrase} >= ${SIMILARITY_THRESHOLD}`).join(" OR ") || "false";

  // The record's own names only: a related commune's name equal to the text must not make every record there look like an exact match.
  const named = perText.filter((p) => p.phrase && p.text.own);
  const phraseScore = named.length ? greatest(named.map((p) => `${weight(p.text.weight)} * ${p.phrase}`)) : "0::float8";
  const wordScore = t.words.length ? mean(t.words.map((_, i) => greatest(perText.map((p) => `${weight(p.text.weight)} * ${p.words[i].closeness}`)))) : null;
  const relevance = wordScore ? `(0.5 * ${wordScore} + 0.5 * ${phraseScore})` : `(${phraseScore})`;
  const score = `round((CASE WHEN v.code THEN 1 ELSE ${relevance} + (1 - ${relevance}) * ${PRIOR_WEIGHT} * v.prior END)::numeric, 4)`;

  // What matched: per text, [closeness, [whether each word was found there]], for the texts where something was.
  // Built only for the page's rows (the outer SELECT), from the values the row carries (`carried`): building
  // it for every scored row (up to `bounds.ranked` per kind) was about a third of a common word's statement.
  const carried = [...new Set(perText.flatMap((p) => [...(p.phrase ? [p.phrase] : []), ...p.words.map((w) => w.closeness)]))];
  const matchedFrom = (value: (column: string) => string, code: string) => {
    const at = (column: string) => value(column);
    const matched = perText.flatMap((p) => {
      const phrase = p.phrase ? at(p.phrase) : null;
      const words = p.words.map((w) => ({ closeness: at(w.closeness), found: `${at(w.closeness)} > 0` }));
      const found = t.words.length ? words.map((w) => w.found) : phrase ? [`${phrase} >= ${SIMILARITY_THRESHOLD}`] : ["false"];
      // The mean closeness of the words found in this text (not of all words: a commune matching one word of three is still a close match).
      const closeness = t.words.length
        ? `(${words.map((w) => w.closeness).join(" + ")}) / greatest(${words.map((w) => `(${w.found})::int`).join(" + ")}, 1)`
        : phrase ?? "0";
      const similarity = `round((${phrase ? greatest([phrase, closeness]) : closeness})::numeric, 4)`;
      const flags = t.words.length ? found : [];
      return [`'${p.text.field}'`, `CASE WHEN ${found.join(" OR ")} THEN jsonb_build_array(${similarity}, jsonb_build_array(${flags.join(", ")})) END`];
    });
    if (source.codes.length) matched.push(`'CODE'`, `CASE WHEN ${code} THEN jsonb_build_array(1, jsonb_build_array()) END`);
    return `jsonb_strip_nulls(jsonb_build_object(${matched.join(", ")}))`;
  };

  return {
    lateral: `${folds.length ? `CROSS JOIN LATERAL (SELECT ${folds.join(", ")} OFFSET 0) f ` : ""}CROSS JOIN LATERAL (SELECT ${values.join(", ")} OFFSET 0) v`,
    matches: `(v.code OR ${matches})`,
    score,
    prior: `round(v.prior::numeric, 4)`,
    /** The values `matched` is built from, as one float8 array (`vals`: the closeness values, then the identifier flag). */
    carried: `ARRAY[${[...carried, "v.code::int"].join(", ")}]::float8[]`,
    /** What matched, from a row's `vals` (SQL of that array). */
    matched: (vals: string) => matchedFrom((column) => `${vals}[${carried.indexOf(column) + 1}]`, `${vals}[${carried.length + 1}] > 0`),
  };
}

/** The CTE of a source's visited matches (see `visitCte`). */
const visited = (source: SearchSource) => `search_visit_${source.rank}`;

/**
 * A source's matches, visited through the indexes and counted, at most `bounds.counted` + 1 of them: first
 * those with every word in a name (their own name, title, short name or venue: weights A and B of the row's
 * document) or given the identifier, then the others (words in a long text or a commune's name). Each comes
 * with what its first order needs, read from the row without scoring it: whether it is the identifier, its
 * tier, the length of its name (a name holding the words scores higher the shorter it is), its prior.
 */
function visitCte(source: SearchSource, params: SqlParams, request: SearchRequest, t: Terms, bounds: SearchBounds): string {
  const base = [...source.where, ...source.territory(params, request.territory)];
  const code = t.code && source.codes.length ? `coalesce(${source.codes.map((c) => `${c} = ${t.code}`).join(" OR ")}, false)` : "false";
  const named = t.words.length ? t.words.map((_, i) => `${source.vector} @@ ${nameQueryOf(i)}`).join(" AND ") : "false";
  const first = `(${named} OR ${code})`;
  // The same as a condition (a null is then as false), the identifier's columns each compared, so that their indexes
  // read them: hidden in coalesce(), the planner scanned the whole table for a text of many words that looks like
  // an identifier ("12 13 14 15 16 17", 155,000 organisations read for none).
  const firstFound = `(${named} OR ${t.code && source.codes.length ? source.codes.map((c) => `${c} = ${t.code}`).join(" OR ") : "false"})`;
  const columns = (tier: number) => `${source.key} AS id, ${source.alias}.ctid AS tid, ${code} AS code, ${tier} AS tier, length(${source.sort}) AS len,
      round((${source.firstOrderPrior ?? source.prior})::numeric, 4) AS prior, ${source.sort} COLLATE "C" AS sort`;
  const limit = bounds.counted + 1;
  return `${visited(source)} AS MATERIALIZED (SELECT * FROM (
    (SELECT ${columns(0)} FROM ${source.table} ${source.alias} WHERE ${[firstFound, ...base].join(" AND ")} LIMIT ${limit})
    UNION ALL
    (SELECT ${columns(1)} FROM ${source.table} ${source.alias} WHERE ${[candidates(source, t), ...base, `NOT ${first}`].join(" AND ")} LIMIT ${limit})
    ) u LIMIT ${limit})`;
}

/**
 * One source's ranked rows: the best `bounds.ranked` of its visited matches by their first order (identifier,
 * tier, shorter name, prior), then scored exactly. All of them when the source has no more matches than that.
 */
function branch(source: SearchSource, t: Terms, bounds: SearchBounds): { sql: string; matched: (vals: string) => string } {
  const s = similarities(source, t);
  const ranked = `SELECT r.tid FROM ${visited(source)} r ORDER BY r.code DESC, r.tier, r.len, r.prior DESC, r.sort, (r.id::text) COLLATE "C" LIMIT ${bounds.ranked}`;
  // Read again by their place in the table (a TID scan, one page each), not by key (the primary key's pages too): same statement, same snapshot.
  const where = [`${source.alias}.ctid = ANY(ARRAY(${ranked}))`, s.matches].join("\n      AND ");
  const columns = `${source.rank} AS kind_rank, (${source.key}::text) COLLATE "C" AS key, ${source.sort} COLLATE "C" AS sort, ${s.score} AS score, ${s.prior} AS prior, ${s.carried} AS vals`;
  return { sql: `SELECT ${columns}\n    FROM ${source.table} ${source.alias} ${s.lateral}\n    WHERE ${where}`, matched: s.matched };
}

/** The WITH list: what the words stand for, the matched communes when some kind reaches records through them, each source's visited matches. */
function withList(params: SqlParams, request: SearchRequest, t: Terms, bounds: SearchBounds): string[] {
  const communes = request.sources.some((source) => source.texts.some((text) => !text.own))
    ? [communesCte(t), ...(t.words.length > SPELT_OUT_WORDS ? [wordCommunesCte(t)] : [])]
    : [];
  return [...(t.words.length ? termsCte(t) : []), ...communes, ...request.sources.map((source) => visitCte(source, params, request, t, bounds))];
}

/** A row of the page statement. */
export interface SearchRow {
  kind_rank: number;
  key: string;
  sort: string;
  score_text: string;
  /** The popularity prior, the first tie-break (numeric, 4 decimals, as printed). */
  prior_text: string;
  /** Per matched text: its closeness, and whether each word was found in it. */
  matched: Record<string, [number, boolean[]]>;
  row: Record<string, unknown>;
}

/**
 * One page of results in one statement. Each source's matches are visited (at most `bounds.counted` + 1, so
 * the total is exact up to that many per kind), the best `bounds.ranked` of them by a first order read from
 * the row are scored; the scored rows of every source (UNION ALL) are ranked by score, then prior, then name,
 * kind and key (a total order, so pages never overlap), from the cursor on; then, for the page's rows only,
 * what matched and the records, as JSON, loaded by key as `access` reads them (each CASE only evaluates the
 * row's kind).
 */
export async function fetchSearchRows(
  db: ReadSession, access: RowAccess, request: SearchRequest, bounds: SearchBounds,
): Promise<{ rows: SearchRow[]; total: number; exact: boolean }> {
  const params = new SqlParams();
  const t = terms(params, request);
  const listed = withList(params, request, t, bounds);
  const branches = request.sources.map((source) => branch(source, t, bounds));
  const ctes = [...t.phraseCte(), ...listed];
  let keyset = "";
  if (request.after) {
    const { score, prior, sort, rank, key } = request.after;
    const s = params.add(score);
    const p = params.add(prior);
    keyset = `WHERE score < ${s}::numeric OR (score = ${s}::numeric AND (prior < ${p}::numeric OR (prior = ${p}::numeric
      AND (sort, kind_rank, key) > (${params.add(sort)}::text COLLATE "C", ${params.add(rank)}::int, ${params.add(key)}::text COLLATE "C"))))`;
  }
  const recordOfKind = request.sources.map((source) => {
    const columns = selectList(db.dataSource.getMetadata(source.entity), "x", access.readColumns(source.table, "x", params));
    // The key is compared in the column's own collation, or its index could not be used.
    const key = source.keyType === "integer" ? "h.key::int" : `h.key COLLATE "default"`;
    return `WHEN ${source.rank} THEN (SELECT to_jsonb(r) FROM (SELECT ${columns} FROM ${source.table} x WHERE x.${source.keyColumn} = ${key}) r)`;
  });
  const counts = request.sources.map((source) => `SELECT count(*) AS n FROM ${visited(source)}`).join(" UNION ALL ");
  const order = "score DESC, prior DESC, sort, kind_rank, key";
  const rows: (SearchRow & { total: number; exact: boolean })[] = await db.sql.query(
    `WITH ${[...ctes, `hit AS (${branches.map((b) => b.sql).join("\n    UNION ALL\n    ")})`].join(",\n    ")}
    SELECT t.total, t.exact, h.kind_rank, h.key, h.sort, h.score::text AS score_text, h.prior::text AS prior_text,
      CASE h.kind_rank ${request.sources.map((source, i) => `WHEN ${source.rank} THEN ${branches[i].matched("h.vals")}`).join(" ")} END AS matched,
      CASE h.kind_rank ${recordOfKind.join(" ")} END AS row
    FROM (SELECT sum(least(c.n, ${bounds.counted}))::int AS total, bool_and(c.n <= ${bounds.counted}) AS exact FROM (${counts}) c) t
    LEFT JOIN LATERAL (SELECT * FROM hit ${keyset} ORDER BY ${order} LIMIT ${request.first + 1}) h ON true
    ORDER BY h.score DESC, h.prior DESC, h.sort, h.kind_rank, h.key`,
    params.values,
  );
  // One row with the total and no hit when the page is empty.
  return { total: rows[0]?.total ?? 0, exact: rows[0]?.exact ?? true, rows: rows.filter((r) => r.kind_rank !== null) };
}
