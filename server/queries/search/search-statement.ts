import { ReadSession } from "../../database/sql-session";
import { RowAccess } from "../../access/row-access";
import { selectList } from "../../database/hydrate";
import { SqlParams } from "../../database/sql-params";
import { SearchRequest } from "./search-request";
import { SearchableText, SearchSource } from "./search-sources";

/**
 * pg_trgm's default thresholds, which its indexed operators apply: `%` (similarity of two whole texts,
 * >= 0.3) and `<%` (similarity of a word with the closest stretch of a text, >= 0.6). Reported matches use
 * the same values, so what is reported is what let the record in. (They are session settings; setting
 * them would cost a statement, and the defaults suit names: one typo in a word of 7+ letters.)
 */
export const SIMILARITY_THRESHOLD = 0.3;
export const WORD_SIMILARITY_THRESHOLD = 0.6;

/** The searched text as SQL: each piece a parameter folded by `search_fold`, like the indexed columns. */
interface Terms {
  phrase: string;
  words: string[];
  code: string | null;
}

/** Parameters are added on first use: a statement must not carry one it never reads (its type is unknown). */
function terms(params: SqlParams, request: SearchRequest): Terms {
  let phrase: string | undefined;
  let code: string | undefined;
  const words = request.words.map((word) => `search_fold(${params.add(word)}::text)`);
  return {
    get phrase() {
      return (phrase ??= `search_fold(${params.add(request.text)}::text)`);
    },
    words,
    get code() {
      return request.code === null ? null : (code ??= `${params.add(request.code)}::text`);
    },
  };
}

/**
 * The communes whose name some word is close to (without words: the whole text), with a flag per word
 * (`m0`, `m1`...): computed once per statement, as several kinds reach records through their communes.
 */
const MATCHED_COMMUNES = "search_commune";

/** A word close to a text: to a stretch of it (`<%`, a typo in a long word), or, for a one-word name, to the whole of it (`%`). */
function close(term: string, folded: string, wholeWord: boolean): string {
  return wholeWord ? `${term} <% ${folded} OR ${term} % ${folded}` : `${term} <% ${folded}`;
}

function communesCte(t: Terms): string {
  const routes = t.words.length ? t.words.map((word) => close(word, "search_fold(sc.name)", true)) : [`${t.phrase} % search_fold(sc.name)`];
  const flags = t.words.map((word, i) => `(${close(word, "x.folded", true)}) AS m${i}`);
  return `${MATCHED_COMMUNES} AS MATERIALIZED (SELECT ${["x.insee_code", ...flags].join(", ")}
    FROM (SELECT sc.insee_code, search_fold(sc.name) AS folded FROM commune sc WHERE ${routes.join(" OR ")} OFFSET 0) x)`;
}

/**
 * Which rows may match, with index-friendly conditions only: every word close to one of the record's own
 * texts (GIN trigram indexes) or related to a commune whose name is (its key through the foreign-key index),
 * or the text given exactly as an identifier (b-tree). PostgreSQL combines them as a BitmapAnd of
 * BitmapOrs: a rare word narrows the rows before a common one is rechecked. Only these rows are scored.
 */
function candidates(source: SearchSource, t: Terms): string {
  // Keys through communes: among other alternatives, `= ANY(ARRAY(...))`, so that they join the BitmapOr
  // (primary-key index); alone (a commune's own name), `IN (...)`, which becomes a hashed semi-join rather
  // than a filter comparing every row with every key.
  const alone = source.texts.length === 1 && !source.texts[0].own;
  const alternatives = (own: (text: SearchableText & { own: true }) => string | null, communes: string) =>
    source.texts.flatMap((text) => {
      if (!text.own) return [alone ? `${source.key} IN (${text.keysThrough(communes)})` : `${source.key} = ANY(ARRAY(${text.keysThrough(communes)}))`];
      const condition = own(text);
      return condition ? [condition] : [];
    });
  const routes = t.words.length
    ? [t.words.map((word, i) => `(${alternatives((text) => close(word, text.folded, text.wholeWord), `(SELECT insee_code FROM ${MATCHED_COMMUNES} WHERE m${i})`).join(" OR ")})`).join(" AND ")]
    : alternatives((text) => (text.phrase ? `${t.phrase} % ${text.folded}` : null), MATCHED_COMMUNES);
  if (t.code) routes.push(...source.codes.map((code) => `${code} = ${t.code}`));
  return `(${routes.join(" OR ")})`;
}

const weight = (value: number) => `${value}::float8`;
const greatest = (values: string[]) => (values.length === 1 ? values[0] : `greatest(${values.join(", ")})`);
const mean = (values: string[]) => `(${values.join(" + ")}) / ${values.length}`;

/**
 * The similarities of one candidate row, computed once in a LATERAL subquery (OFFSET 0 keeps the planner
 * from copying them into each use), and what they decide: whether the row matches, its score, what matched.
 *
 * Per word and text, closeness = word similarity (to the closest stretch of the text), or, for a one-word
 * name, similarity (to the whole text) if larger; the word is found there if either passes its threshold.
 * A row matches when every word is found in some text (without words: the whole text is close to a
 * name-like text), or when the text is one of its identifiers. These are the candidate conditions again,
 * with explicit thresholds: they decide, the index conditions only narrow.
 *
 * score = 0.5 x the mean over the words of their best weighted closeness + 0.5 x the best weighted similarity
 * of the whole searched text with a name-like text; 1 for an identifier given exactly. An exact name scores
 * 1, a name containing every word at least 0.5. Rounded to 4 decimals, so that a cursor compares it exactly.
 */
function similarities(source: SearchSource, t: Terms) {
  const values: string[] = [];
  // Each single-valued text is folded once per row (LATERAL f), then read by every measure.
  const folds = source.texts.flatMap((text, j) => (text.value !== null ? [`${text.value} AS t${j}`] : []));
  const perText = source.texts.map((text, j) => {
    const best = (measure: (folded: string) => string) => (text.value !== null ? `coalesce(${measure(`f.t${j}`)}, 0)` : text.best!(measure));
    const phrase = text.phrase ? `v.p${j}` : null;
    if (phrase) values.push(`${best((folded) => `similarity(${t.phrase}, ${folded})::float8`)} AS p${j}`);
    const words = t.words.map((word, i) => {
      values.push(`${best((folded) => `word_similarity(${word}, ${folded})::float8`)} AS w${j}_${i}`);
      if (!text.wholeWord) return { closeness: `v.w${j}_${i}`, found: `v.w${j}_${i} >= ${WORD_SIMILARITY_THRESHOLD}` };
      values.push(`${best((folded) => `similarity(${word}, ${folded})::float8`)} AS s${j}_${i}`);
      return {
        closeness: `greatest(v.w${j}_${i}, v.s${j}_${i})`,
        found: `(v.w${j}_${i} >= ${WORD_SIMILARITY_THRESHOLD} OR v.s${j}_${i} >= ${SIMILARITY_THRESHOLD})`,
      };
    });
    return { text, phrase, words };
  });
  values.push(t.code && source.codes.length ? `coalesce(${source.codes.map((c) => `${c} = ${t.code}`).join(" OR ")}, false) AS code` : "false AS code");

  const matches = t.words.length
    ? t.words.map((_, i) => `(${perText.map((p) => p.words[i].found).join(" OR ")})`).join(" AND ")
    : perText.filter((p) => p.phrase).map((p) => `${p.phrase} >= ${SIMILARITY_THRESHOLD}`).join(" OR ") || "false";

  const phraseScore = greatest(perText.filter((p) => p.phrase).map((p) => `${weight(p.text.weight)} * ${p.phrase}`));
  const wordScore = t.words.length ? mean(t.words.map((_, i) => greatest(perText.map((p) => `${weight(p.text.weight)} * ${p.words[i].closeness}`)))) : null;
  const score = `round((CASE WHEN v.code THEN 1 ELSE ${wordScore ? `0.5 * ${wordScore} + 0.5 * ${phraseScore}` : phraseScore} END)::numeric, 4)`;

  // What matched: per text, [closeness, [whether each word was found there]], for the texts where something was.
  const matched = perText.flatMap((p) => {
    const found = t.words.length ? p.words.map((w) => w.found) : p.phrase ? [`${p.phrase} >= ${SIMILARITY_THRESHOLD}`] : ["false"];
    // The mean closeness of the words found in this text (not of all words: a commune matching one word of three is still a close match).
    const closeness = t.words.length
      ? `(${p.words.map((w) => `CASE WHEN ${w.found} THEN ${w.closeness} ELSE 0 END`).join(" + ")}) / greatest(${p.words.map((w) => `(${w.found})::int`).join(" + ")}, 1)`
      : p.phrase ?? "0";
    const similarity = `round((${p.phrase ? greatest([p.phrase, closeness]) : closeness})::numeric, 4)`;
    const flags = t.words.length ? found : [];
    return [`'${p.text.field}'`, `CASE WHEN ${found.join(" OR ")} THEN jsonb_build_array(${similarity}, jsonb_build_array(${flags.join(", ")})) END`];
  });
  if (source.codes.length) matched.push(`'CODE'`, "CASE WHEN v.code THEN jsonb_build_array(1, jsonb_build_array()) END");

  return {
    lateral: `${folds.length ? `CROSS JOIN LATERAL (SELECT ${folds.join(", ")} OFFSET 0) f ` : ""}CROSS JOIN LATERAL (SELECT ${values.join(", ")} OFFSET 0) v`,
    matches: `(v.code OR ${matches})`,
    score,
    matched: `jsonb_strip_nulls(jsonb_build_object(${matched.join(", ")}))`,
  };
}

/** One source's matching rows: candidates by index, then the source's and territory's conditions, then the exact match. */
function branch(source: SearchSource, params: SqlParams, request: SearchRequest, t: Terms): string {
  const s = similarities(source, t);
  const where = [candidates(source, t), ...source.where, ...source.territory(params, request.territory), s.matches].join("\n      AND ");
  const columns = `${source.rank} AS kind_rank, (${source.key}::text) COLLATE "C" AS key, ${source.sort} COLLATE "C" AS sort, ${s.score} AS score, ${s.matched} AS matched`;
  return `SELECT ${columns}\n    FROM ${source.table} ${source.alias} ${s.lateral}\n    WHERE ${where}`;
}

/** The WITH list: the matched communes, when some kind reaches records through them. */
function withList(request: SearchRequest, t: Terms): string[] {
  return request.sources.some((source) => source.texts.some((text) => !text.own)) ? [communesCte(t)] : [];
}

/** A row of the page statement. */
export interface SearchRow {
  kind_rank: number;
  key: string;
  sort: string;
  score_text: string;
  /** Per matched text: its closeness, and whether each word was found in it. */
  matched: Record<string, [number, boolean[]]>;
  row: Record<string, unknown>;
}

/**
 * One page of results in one statement: every source's matches (UNION ALL), ranked by score, then name,
 * kind and key (a total order, so pages never overlap), from the cursor on; then the page's records, as
 * JSON, loaded by key as `access` reads them (the CASE only evaluates the subquery of the row's kind). Every match is scored to rank
 * them, so the total (all matches, whatever the cursor) comes with the page at no extra cost.
 */
export async function fetchSearchRows(db: ReadSession, access: RowAccess, request: SearchRequest): Promise<{ rows: SearchRow[]; total: number }> {
  const params = new SqlParams();
  const t = terms(params, request);
  const branches = request.sources.map((source) => branch(source, params, request, t));
  let keyset = "";
  if (request.after) {
    const { score, sort, rank, key } = request.after;
    const s = params.add(score);
    keyset = `WHERE score < ${s}::numeric OR (score = ${s}::numeric
      AND (sort, kind_rank, key) > (${params.add(sort)}::text COLLATE "C", ${params.add(rank)}::int, ${params.add(key)}::text COLLATE "C"))`;
  }
  const recordOfKind = request.sources.map((source) => {
    const columns = selectList(db.dataSource.getMetadata(source.entity), "x", access.readColumns(source.table, "x", params));
    // The key is compared in the column's own collation, or its index could not be used.
    const key = source.keyType === "integer" ? "h.key::int" : `h.key COLLATE "default"`;
    return `WHEN ${source.rank} THEN (SELECT to_jsonb(r) FROM (SELECT ${columns} FROM ${source.table} x WHERE x.${source.keyColumn} = ${key}) r)`;
  });
  const order = "score DESC, sort, kind_rank, key";
  const rows: (SearchRow & { total: number })[] = await db.sql.query(
    `WITH ${[...withList(request, t), `hit AS (${branches.join("\n    UNION ALL\n    ")})`].join(",\n    ")}
    SELECT t.total, h.kind_rank, h.key, h.sort, h.score::text AS score_text, h.matched, CASE h.kind_rank ${recordOfKind.join(" ")} END AS row
    FROM (SELECT count(*)::int AS total FROM hit) t
    LEFT JOIN LATERAL (SELECT * FROM hit ${keyset} ORDER BY ${order} LIMIT ${request.first + 1}) h ON true
    ORDER BY h.score DESC, h.sort, h.kind_rank, h.key`,
    params.values,
  );
  // One row with the total and no hit when the page is empty.
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.kind_rank !== null) };
}
