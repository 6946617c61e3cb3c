import { badInput } from "../input-errors";

/** Rejects an integer argument outside min..max with BAD_USER_INPUT (reason OUT_OF_RANGE); returns it otherwise. */
export function checkRange(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`"${argument}" must be between ${min} and ${max}, got ${value}.`, { argument, reason: "OUT_OF_RANGE" });
  }
  return value;
}
