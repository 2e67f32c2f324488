/**
 * Session categories and workload mixes: the reference system's thresholds and midpoints, and the
 * context each category is sized at for a model (its midpoint clamped to the model's maximum).
 *
 * Categories by cumulative tokens, inclusive upper bounds: light ≤ 50,000; medium ≤ 200,000;
 * heavy ≤ 500,000; extreme above. Midpoints used for sizing a mix: 35K / 130K / 325K / 1.25M.
 *
 * @example
 * ```ts
 * import { classifyTokens } from "./workload.ts";
 * import { equal } from "node:assert/strict";
 * equal(classifyTokens(50_000), "light");
 * equal(classifyTokens(50_001), "medium");
 * ```
 * @module
 */

import { nonNegativeNumber, plainObject } from "../validate.ts";

/** A session's size class. */
export type SessionCategory = "light" | "medium" | "heavy" | "extreme";

/** Every category, smallest first. */
export const SESSION_CATEGORIES: readonly SessionCategory[] = [
  "light",
  "medium",
  "heavy",
  "extreme",
];

/** How many sessions of each category a workload has (counts or weights). */
export interface WorkloadMix {
  /** Sessions above 500K tokens. */
  extreme: number;
  /** Sessions of 200K–500K tokens. */
  heavy: number;
  /** Sessions of 50K–200K tokens. */
  medium: number;
  /** Sessions up to 50K tokens. */
  light: number;
}

/** Inclusive upper bound of each category, in cumulative tokens. */
export const SESSION_CATEGORY_THRESHOLDS: Readonly<Record<SessionCategory, number>> = {
  light: 50_000,
  medium: 200_000,
  heavy: 500_000,
  extreme: Number.POSITIVE_INFINITY,
};

/** Tokens a session of each category is sized at (the reference system's midpoints). */
export const SESSION_TOKEN_MIDPOINTS: Readonly<Record<SessionCategory, number>> = {
  light: 35_000,
  medium: 130_000,
  heavy: 325_000,
  extreme: 1_250_000,
};

/**
 * The category of a session with this many cumulative tokens (bounds inclusive).
 * @param tokens cumulative tokens (≥ 0)
 * @returns its category
 * @throws {RangeError|TypeError} negative or non-finite tokens
 */
export function classifyTokens(tokens: number): SessionCategory {
  nonNegativeNumber("tokens", tokens);
  if (tokens <= SESSION_CATEGORY_THRESHOLDS.light) return "light";
  if (tokens <= SESSION_CATEGORY_THRESHOLDS.medium) return "medium";
  if (tokens <= SESSION_CATEGORY_THRESHOLDS.heavy) return "heavy";
  return "extreme";
}

/**
 * Checks a workload mix: every category a finite count ≥ 0.
 * @param mix the mix
 * @param field the argument's name (default `"workload"`)
 * @returns the mix
 * @throws {RangeError|TypeError} a missing or invalid count, named (`workload.heavy`)
 */
export function checkMix(mix: WorkloadMix, field = "workload"): WorkloadMix {
  const m = plainObject(field, mix);
  for (const c of SESSION_CATEGORIES) nonNegativeNumber(`${field}.${c}`, m[c]);
  return mix;
}

/**
 * Sessions in a mix.
 * @param mix the mix
 * @returns the sum of its counts
 */
export function mixTotal(mix: WorkloadMix): number {
  return mix.light + mix.medium + mix.heavy + mix.extreme;
}
