/**
 * Argument checks shared by every public entry point. Each one throws a `RangeError` (a number
 * out of range) or a `TypeError` (a value of the wrong kind) whose message names the field, what
 * was expected and what was received, e.g. `gpuCount: expected a positive integer; received 2.5`.
 *
 * @example
 * ```ts
 * import { positiveInteger } from "./validate.ts";
 * import { throws } from "node:assert/strict";
 * throws(() => positiveInteger("gpuCount", 0), /gpuCount: expected a positive integer; received 0/);
 * ```
 * @module
 */

/**
 * Renders a received value for an error message: strings quoted, objects as JSON (shortened).
 * @param value anything a caller passed
 * @returns a short printable form
 */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (value === undefined || value === null || typeof value !== "object") return String(value);
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function fail(kind: "range" | "type", field: string, expected: string, value: unknown): never {
  const message = `${field}: expected ${expected}; received ${describe(value)}`;
  throw kind === "range" ? new RangeError(message) : new TypeError(message);
}

function finite(field: string, value: unknown, expected: string): number {
  if (typeof value !== "number") fail("type", field, expected, value);
  if (!Number.isFinite(value)) fail("range", field, expected, value);
  return value;
}

/**
 * A finite number > 0.
 * @param field the argument's name, as the caller knows it
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} not finite or ≤ 0
 */
export function positiveNumber(field: string, value: unknown): number {
  const n = finite(field, value, "a positive number");
  if (n <= 0) fail("range", field, "a positive number", n);
  return n;
}

/**
 * A finite number ≥ 0.
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} not finite or < 0
 */
export function nonNegativeNumber(field: string, value: unknown): number {
  const n = finite(field, value, "a number ≥ 0");
  if (n < 0) fail("range", field, "a number ≥ 0", n);
  return n;
}

/**
 * An integer ≥ 1.
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} fractional, not finite or < 1
 */
export function positiveInteger(field: string, value: unknown): number {
  const n = finite(field, value, "a positive integer");
  if (!Number.isInteger(n) || n < 1) fail("range", field, "a positive integer", n);
  return n;
}

/**
 * An integer ≥ 0.
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} fractional, not finite or < 0
 */
export function nonNegativeInteger(field: string, value: unknown): number {
  const n = finite(field, value, "an integer ≥ 0");
  if (!Number.isInteger(n) || n < 0) fail("range", field, "an integer ≥ 0", n);
  return n;
}

/**
 * A number in the half-open interval (0, 1], such as a memory utilisation or an efficiency.
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} outside (0, 1]
 */
export function unitFraction(field: string, value: unknown): number {
  const n = finite(field, value, "a number in (0, 1]");
  if (n <= 0 || n > 1) fail("range", field, "a number in (0, 1]", n);
  return n;
}

/**
 * A probability in [0, 1].
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a number; {RangeError} outside [0, 1]
 */
export function probability(field: string, value: unknown): number {
  const n = finite(field, value, "a probability in [0, 1]");
  if (n < 0 || n > 1) fail("range", field, "a probability in [0, 1]", n);
  return n;
}

/**
 * One of a fixed set of strings.
 * @param field the argument's name
 * @param value the value to check
 * @param allowed the accepted values
 * @returns the value, typed as one of `allowed`
 * @throws {TypeError} anything else, listing the accepted values
 */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  return fail("type", field, `one of ${allowed.map((a) => `"${a}"`).join(", ")}`, value);
}

/**
 * A non-empty string.
 * @param field the argument's name
 * @param value the value to check
 * @returns the value
 * @throws {TypeError} not a string, or empty
 */
export function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) {
    fail("type", field, "a non-empty string", value);
  }
  return value;
}

/**
 * A plain object (not null, not an array).
 * @param field the argument's name
 * @param value the value to check
 * @returns the value as a record
 * @throws {TypeError} anything else
 */
export function plainObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("type", field, "an object", value);
  }
  return value as Record<string, unknown>;
}

/** Levenshtein edit distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidates closest to an unknown name: those that contain it or that it contains, then
 * those within a small edit distance, best first.
 * @param name what the user typed
 * @param candidates the known names
 * @param max how many to return
 * @returns up to `max` close candidates (possibly none)
 */
export function closeMatches(name: string, candidates: readonly string[], max = 3): string[] {
  const needle = name.toLowerCase();
  const scored = candidates.map((c) => {
    const hay = c.toLowerCase();
    const contains = hay.includes(needle) || needle.includes(hay);
    return { c, score: contains ? 0 : editDistance(needle, hay) };
  });
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return scored
    .filter((s) => s.score <= limit)
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((s) => s.c);
}

/**
 * Rejects any key of an object outside `allowed`, suggesting the closest known one.
 * @param field the object's name, as the caller knows it
 * @param obj the object
 * @param allowed the keys it may have
 * @param context words added after the key list (e.g. ` for "poisson"`)
 * @throws {TypeError} `${field}: expected only the keys a, b (did you mean "a"?); received "x"`
 */
export function onlyKeys(
  field: string,
  obj: Record<string, unknown>,
  allowed: readonly string[],
  context = "",
): void {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const near = closeMatches(key, allowed);
    const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
    fail("type", field, `only the keys ${allowed.join(", ")}${context}${hint}`, key);
  }
}

/**
 * Looks a key up in a catalog, or throws a `RangeError` that lists the close matches.
 * @param field the argument's name
 * @param id the id the caller gave
 * @param catalog the known entries by id
 * @returns the entry
 * @throws {TypeError} id not a string; {RangeError} unknown id (message lists close matches)
 */
export function lookupOrThrow<T>(
  field: string,
  id: unknown,
  catalog: Readonly<Record<string, T>>,
): T {
  const key = nonEmptyString(field, id);
  if (Object.hasOwn(catalog, key)) return catalog[key];
  const near = closeMatches(key, Object.keys(catalog));
  const hint = near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(", ")}?)` : "";
  throw new RangeError(
    `${field}: expected a known id${hint}; received ${describe(key)}. Known: ${
      Object.keys(catalog).join(", ")
    }`,
  );
}
