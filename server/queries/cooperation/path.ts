import { ReadSession } from "../../database/sql-session";
import { CompiledFilter } from "../filters/compiled-filter";
import { linksAmong, NetworkLinkRow, partnersOf } from "./network";

/** The shortest chain of cooperation between two organisations: organisation ids from one to the other, and the links between them. */
export interface PathRows {
  organizationIds: number[];
  links: NetworkLinkRow[];
}

/** Walks back a parent map from a meeting point to its origin. */
function chain(parents: Map<number, number | null>, from: number): number[] {
  const ids: number[] = [];
  for (let id: number | null | undefined = from; id != null; id = parents.get(id)) ids.push(id);
  return ids;
}

/**
 * Bidirectional breadth-first search: each step expands the smaller frontier by one level (one
 * statement), so the cost grows with the square root of what a one-sided search would visit.
 * Returns null when no chain of at most `maxLength` links exists.
 */
export async function cooperationPath(
  db: ReadSession, from: number, to: number, maxLength: number, filter: CompiledFilter,
): Promise<PathRows | null> {
  if (from === to) return { organizationIds: [from], links: [] };
  const sides = [
    { parents: new Map<number, number | null>([[from, null]]), depth: new Map([[from, 0]]), frontier: [from] },
    { parents: new Map<number, number | null>([[to, null]]), depth: new Map([[to, 0]]), frontier: [to] },
  ];
  for (let length = 0; length < maxLength; length++) {
    const [side, other] = sides[0].frontier.length <= sides[1].frontier.length ? [sides[0], sides[1]] : [sides[1], sides[0]];
    if (side.frontier.length === 0) return null;
    const next: number[] = [];
    let meeting: number | null = null;
    for (const { organizationId, partnerId } of await partnersOf(db, side.frontier, filter)) {
      if (side.parents.has(partnerId)) continue;
      side.parents.set(partnerId, organizationId);
      side.depth.set(partnerId, side.depth.get(organizationId)! + 1);
      next.push(partnerId);
      // Of the nodes the other side has reached, the one it reached soonest makes the shortest chain.
      if (other.depth.has(partnerId) && (meeting === null || other.depth.get(partnerId)! < other.depth.get(meeting)!)) meeting = partnerId;
    }
    side.frontier = next;
    if (meeting !== null) {
      const ids = [...chain(sides[0].parents, meeting).reverse(), ...chain(sides[1].parents, meeting).slice(1)];
      const links = await linksAmong(db, ids, filter);
      const byPair = new Map(links.map((l) => [`${l.organizationId}-${l.partnerId}`, l]));
      const ordered = ids.slice(1).map((id, i) => byPair.get(`${Math.min(id, ids[i])}-${Math.max(id, ids[i])}`)!);
      return { organizationIds: ids, links: ordered };
    }
  }
  return null;
}
