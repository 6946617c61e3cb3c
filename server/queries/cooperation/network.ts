import { ReadSession } from "../../database/sql-session";
import { SqlParams } from "../../database/sql-params";
import { badInput } from "../../../schema/input-errors";
import { CompiledFilter } from "../filters/compiled-filter";

/** A link of a drawn network, each pair once (lower id first). */
export interface NetworkLinkRow {
  organizationId: number;
  partnerId: number;
  kinds: string[];
  weight: number;
  lastActivityOn: string;
}

/** A cooperation network around roots: organisations with their distance to the nearest root, and the links among them. */
export interface NetworkRows {
  nodes: { organizationId: number; depth: number }[];
  links: NetworkLinkRow[];
}

/** Partners of a set of organisations through the links the filter keeps: one statement. */
export async function partnersOf(db: ReadSession, ids: number[], filter: CompiledFilter): Promise<{ organizationId: number; partnerId: number }[]> {
  const params = new SqlParams();
  const frontier = params.add(ids);
  const conditions = [`cl.organization_id = ANY(${frontier}::int[])`, ...filter.conditions(params)];
  const rows: { organization_id: number; partner_id: number }[] = await db.sql.query(
    `SELECT cl.organization_id, cl.partner_id FROM cooperation_link cl WHERE ${conditions.join(" AND ")}`,
    params.values,
  );
  return rows.map((r) => ({ organizationId: r.organization_id, partnerId: r.partner_id }));
}

/** Links among a set of organisations, each pair once: one statement. */
export async function linksAmong(db: ReadSession, ids: number[], filter: CompiledFilter): Promise<NetworkLinkRow[]> {
  const params = new SqlParams();
  const set = params.add(ids);
  const conditions = [`cl.organization_id = ANY(${set}::int[])`, `cl.partner_id = ANY(${set}::int[])`, "cl.organization_id < cl.partner_id",
    ...filter.conditions(params)];
  const rows: { organization_id: number; partner_id: number; kinds: string[]; weight: number; last_activity_on: string }[] = await db.sql.query(
    `SELECT cl.organization_id, cl.partner_id, cl.kinds, cl.weight, cl.last_activity_on FROM cooperation_link cl
     WHERE ${conditions.join(" AND ")} ORDER BY cl.organization_id, cl.partner_id`,
    params.values,
  );
  return rows.map((r) => ({ organizationId: r.organization_id, partnerId: r.partner_id, kinds: r.kinds, weight: r.weight, lastActivityOn: r.last_activity_on }));
}

/**
 * Breadth-first walk from the roots, one statement per level, then one for the links among the
 * organisations reached. Past `maxNodes` organisations it stops with BAD_USER_INPUT (reason
 * TOO_LARGE): a network too big to draw is refused, never cut arbitrarily.
 */
export async function cooperationNetwork(
  db: ReadSession, roots: number[], depth: number, maxNodes: number, filter: CompiledFilter,
): Promise<NetworkRows> {
  const depthOf = new Map<number, number>(roots.map((id) => [id, 0]));
  let frontier = [...depthOf.keys()];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const next: number[] = [];
    for (const { partnerId } of await partnersOf(db, frontier, filter)) {
      if (depthOf.has(partnerId)) continue;
      depthOf.set(partnerId, level);
      next.push(partnerId);
    }
    if (depthOf.size > maxNodes) {
      throw badInput(
        `The network reaches more than ${maxNodes} organisations at depth ${level}: lower the depth, narrow the filter or raise maxNodes (at most ${MAX_NETWORK_NODES}).`,
        { argument: "depth", reason: "TOO_LARGE" },
      );
    }
    frontier = next;
  }
  const ids = [...depthOf.keys()];
  return {
    nodes: ids.map((organizationId) => ({ organizationId, depth: depthOf.get(organizationId)! })),
    links: await linksAmong(db, ids, filter),
  };
}

/** Largest network the API draws. */
export const MAX_NETWORK_NODES = 500;
