/**
 * Finds a catalog model from the names people use for it: a catalog id (`llama-3.1-70b`) or a
 * Hugging Face repo id (`meta-llama/Llama-3.1-70B-Instruct`). Exact id first, then the longest
 * catalog id the name contains (so `llama-3.2-11b` never matches `llama-3.2-1b`), case-insensitive.
 *
 * @example
 * ```ts
 * import { lookupArchitecture } from "./lookup.ts";
 * import { equal } from "node:assert/strict";
 * equal(lookupArchitecture("meta-llama/Llama-3.1-70B-Instruct")?.id, "llama-3.1-70b");
 * equal(lookupArchitecture("Qwen/Qwen3-30B-A3B-Instruct-2507")?.id, "qwen3-30b-a3b");
 * equal(lookupArchitecture("gpt-4o"), undefined);
 * ```
 * @module
 */

import { DEFAULT_ARCHITECTURES } from "./models.ts";
import type { ModelArchitecture } from "./types.ts";

/**
 * The catalog model a name refers to, or `undefined` when none matches (use `resolveModel` for
 * an error that lists close matches).
 * @param modelId a catalog id or a Hugging Face repo id
 * @param custom extra architectures, searched together with (and before) the catalog
 * @returns the architecture, or undefined
 */
export function lookupArchitecture(
  modelId: string,
  custom: Record<string, ModelArchitecture> = {},
): ModelArchitecture | undefined {
  const merged: Record<string, ModelArchitecture> = { ...DEFAULT_ARCHITECTURES, ...custom };
  const lower = String(modelId).toLowerCase();
  const byLower = new Map(Object.keys(merged).map((k) => [k.toLowerCase(), merged[k]]));
  if (byLower.has(lower)) return byLower.get(lower);
  let best: string | undefined;
  for (const key of byLower.keys()) {
    if (lower.includes(key) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : byLower.get(best);
}
