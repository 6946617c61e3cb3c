import { Random, round } from "./random";
import type { DemoCommune, DemoQpv } from "./territory";

/**
 * Plane geometry good enough at neighbourhood scale: distances in degrees of latitude, with a
 * fixed longitude factor per latitude band (no trigonometry, so results never vary by platform).
 */

export interface Point {
  latitude: number;
  longitude: number;
}

/** cos(latitude) by band: 0.635 in the Nord, 0.66 in Île-de-France, 0.70 around Lyon and Grenoble, 0.728 in Marseille. */
function longitudeFactor(latitude: number): number {
  if (latitude > 49.5) return 0.635;
  if (latitude > 47) return 0.66;
  if (latitude > 44.5) return 0.7;
  return 0.728;
}

/** Squared distance, in squared degrees of latitude. */
export function distance2(a: Point, b: Point): number {
  const dy = a.latitude - b.latitude;
  const dx = (a.longitude - b.longitude) * longitudeFactor(a.latitude);
  return dx * dx + dy * dy;
}

/** A point within about `radius` degrees of latitude of a centre (0.001 ~ 110 m), rounded to 5 decimals (~1 m). */
export function jitter(center: Point, radius: number, rng: Random): Point {
  return {
    latitude: round(center.latitude + rng.float(-radius, radius), 5),
    longitude: round(center.longitude + rng.float(-radius, radius) / longitudeFactor(center.latitude), 5),
  };
}

/** The postal code of a point of a commune: the nearest district's for Paris, Lyon and Marseille, the commune's otherwise. */
export function postalCodeAt(commune: DemoCommune, point: Point): string {
  if (commune.districts.length === 0) return commune.postalCode;
  let best = commune.districts[0];
  for (const d of commune.districts) if (distance2(point, d) < distance2(point, best)) best = d;
  return best.postalCode;
}

/** QPVs sorted by distance from a point (ties by code). */
export function nearestQpvs(point: Point, qpvs: readonly DemoQpv[]): DemoQpv[] {
  return qpvs
    .map((q) => ({ q, d: distance2(point, q) }))
    .sort((a, b) => a.d - b.d || (a.q.code < b.q.code ? -1 : 1))
    .map((x) => x.q);
}
