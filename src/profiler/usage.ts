/**
 * Normalises the token usage an API or agent runtime reports into one `TokenUsage`:
 * `inputTokens` (the whole prompt, cached tokens included), `outputTokens`,
 * `totalTokens = inputTokens + outputTokens`, and `cachedInputTokens`.
 *
 * Shapes accepted, recognised in this order:
 *
 * 1. **Reference** (RadarOS): `{ promptTokens, completionTokens, totalTokens?, cachedTokens? }`.
 * 2. **OpenAI Chat Completions**: `{ prompt_tokens, completion_tokens, total_tokens?,
 *    prompt_tokens_details?: { cached_tokens? } }`. `prompt_tokens` already includes the cached
 *    tokens (OpenAI prompt-caching guide).
 * 3. **`input_tokens` / `output_tokens`**, used by two APIs that count differently:
 *    - **Anthropic Messages** `{ input_tokens, output_tokens, cache_read_input_tokens?,
 *      cache_creation_input_tokens? }`: `input_tokens` counts only the tokens after the last
 *      cache breakpoint, so the prompt is `input_tokens + cache_read_input_tokens +
 *      cache_creation_input_tokens` and the cached part is `cache_read_input_tokens` (Anthropic
 *      prompt-caching docs: "total input tokens = cache_read + cache_creation + input").
 *    - **OpenAI Responses** `{ input_tokens, output_tokens, total_tokens,
 *      input_tokens_details: { cached_tokens } }`: `input_tokens` includes the cached tokens.
 *
 *    The rule: a `cache_read_input_tokens` or `cache_creation_input_tokens` key (even `null`)
 *    means Anthropic; otherwise an `input_tokens_details` or `total_tokens` key means OpenAI
 *    Responses; with neither, both readings agree (no cache) and it is read as Anthropic. An
 *    object with keys of both kinds is rejected as ambiguous rather than guessed.
 *
 * Rejected, with a reason that names the field, what was expected and what was received: a
 * non-object; missing counts; a count that is not an integer ≥ 0 (negative, NaN, fractional,
 * infinite, a string); cached tokens above the prompt; a given total that differs from
 * input + output; and a usage of zero tokens (reason "zero tokens").
 *
 * `tryNormalizeUsage` and `readUsage` never throw (for hot paths); `normalizeUsage` throws a
 * `TypeError` (wrong kind: not an object, a missing or non-numeric count, an ambiguous shape) or a
 * `RangeError` (a number out of range, inconsistent counts, zero tokens).
 *
 * @example Anthropic's Messages API example response (docs.anthropic.com, API reference,
 * "Create a Message"): 2,095 uncached + 2,051 read from cache + 2,051 written to it.
 * ```ts
 * import { normalizeUsage } from "./usage.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(
 *   normalizeUsage({ input_tokens: 2095, output_tokens: 503, cache_creation_input_tokens: 2051, cache_read_input_tokens: 2051 }),
 *   { inputTokens: 6197, outputTokens: 503, totalTokens: 6700, cachedInputTokens: 2051 },
 * );
 * ```
 * @module
 */

import type { TokenUsage } from "../events/event_types.ts";
import { describe } from "../validate.ts";

/** Why a usage was rejected: a stable key for counters (the `reason` text carries the values). */
export type UsageRejectionCode =
  | "not_object"
  | "missing_count"
  | "invalid_count"
  | "ambiguous_shape"
  | "cached_exceeds_input"
  | "total_mismatch"
  | "zero_tokens";

/** A rejected usage: a stable code, a message, and the error type `normalizeUsage` throws. */
export interface UsageRejection {
  /** Stable key, e.g. `invalid_count`. */
  code: UsageRejectionCode;
  /** Message naming the field, the expectation and the value, e.g.
   * `usage.prompt_tokens: expected an integer ≥ 0; received -3`. */
  reason: string;
  /** `TypeError` for a value of the wrong kind, `RangeError` for one out of range. */
  errorType: "TypeError" | "RangeError";
}

/** The result of `tryNormalizeUsage`. */
export type UsageResult =
  | { ok: true; usage: TokenUsage }
  | { ok: false; code: UsageRejectionCode; reason: string };

/** The shape a usage object was read as. */
export type UsageShape = "reference" | "openai-chat" | "openai-responses" | "anthropic";

const COUNT = "an integer ≥ 0";

function reject(
  code: UsageRejectionCode,
  errorType: "TypeError" | "RangeError",
  field: string,
  expected: string,
  value: unknown,
): UsageRejection {
  return { code, errorType, reason: `${field}: expected ${expected}; received ${describe(value)}` };
}

/** Rejection for a count that is not an integer ≥ 0 (`value` already known to be invalid). */
function badCount(field: string, value: unknown): UsageRejection {
  if (value === undefined) return reject("missing_count", "TypeError", field, COUNT, value);
  if (typeof value !== "number") return reject("invalid_count", "TypeError", field, COUNT, value);
  return reject("invalid_count", "RangeError", field, COUNT, value);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function has(o: object, key: string): boolean {
  return (o as Record<string, unknown>)[key] !== undefined || key in o;
}

/**
 * Which shape `raw` would be read as (see the module docs for the rule).
 * @param raw a usage object from any source
 * @returns the shape, or `undefined` when `raw` is not an object or has none of the count keys
 *   (an ambiguous `input_tokens` object reads as `"anthropic"`; `readUsage` rejects it)
 * @example
 * ```ts
 * import { detectUsageShape } from "./usage.ts";
 * import { equal } from "node:assert/strict";
 * equal(detectUsageShape({ input_tokens: 36, output_tokens: 87, total_tokens: 123 }), "openai-responses");
 * equal(detectUsageShape({ input_tokens: 36, output_tokens: 87, cache_read_input_tokens: 0 }), "anthropic");
 * ```
 */
export function detectUsageShape(raw: unknown): UsageShape | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  if (has(raw, "promptTokens") || has(raw, "completionTokens")) return "reference";
  if (has(raw, "prompt_tokens") || has(raw, "completion_tokens")) return "openai-chat";
  if (has(raw, "input_tokens") || has(raw, "output_tokens")) {
    const anthropic = has(raw, "cache_read_input_tokens") ||
      has(raw, "cache_creation_input_tokens");
    if (anthropic) return "anthropic";
    return has(raw, "input_tokens_details") || has(raw, "total_tokens")
      ? "openai-responses"
      : "anthropic";
  }
  return undefined;
}

/**
 * Reads a usage object into `out` without throwing or allocating on success (the profiler's hot
 * path). On failure `out` is left in an unspecified state.
 * @param raw a usage object in any accepted shape
 * @param out overwritten with the normalised usage on success
 * @param field the name used in reasons (default `"usage"`)
 * @returns `undefined` on success, else the rejection
 * @example
 * ```ts
 * import { readUsage } from "./usage.ts";
 * import { equal } from "node:assert/strict";
 * const out = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 0 };
 * equal(readUsage({ promptTokens: 1200, completionTokens: 300 }, out), undefined);
 * equal(out.totalTokens, 1500);
 * equal(readUsage({ promptTokens: -3, completionTokens: 1 }, out)?.reason,
 *   "usage.promptTokens: expected an integer ≥ 0; received -3");
 * ```
 */
export function readUsage(
  raw: unknown,
  out: TokenUsage,
  field = "usage",
): UsageRejection | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return reject("not_object", "TypeError", field, "an object", raw);
  }
  const u = raw as Record<string, unknown>;
  let failure: UsageRejection | undefined;
  if (u.promptTokens !== undefined || u.completionTokens !== undefined) {
    failure = readPair(u, out, field, "promptTokens", "completionTokens", "totalTokens");
    if (failure === undefined) failure = readCached(u.cachedTokens, `${field}.cachedTokens`, out);
  } else if (u.prompt_tokens !== undefined || u.completion_tokens !== undefined) {
    failure = readPair(u, out, field, "prompt_tokens", "completion_tokens", "total_tokens");
    if (failure === undefined) {
      failure = readDetails(u.prompt_tokens_details, `${field}.prompt_tokens_details`, out);
    }
  } else if (u.input_tokens !== undefined || u.output_tokens !== undefined) {
    failure = readInputOutput(u, out, field);
  } else {
    return shapeless(u, out, field);
  }
  if (failure !== undefined) return failure;
  if (out.totalTokens === 0) {
    return {
      code: "zero_tokens",
      errorType: "RangeError",
      reason: `${field}: expected at least one token; received zero tokens`,
    };
  }
  return undefined;
}

/** Keys present but `undefined` (e.g. `{ promptTokens: undefined }`) still pick their shape. */
function shapeless(
  u: Record<string, unknown>,
  out: TokenUsage,
  field: string,
): UsageRejection | undefined {
  const shape = detectUsageShape(u);
  if (shape === "reference") return badCount(`${field}.promptTokens`, u.promptTokens);
  if (shape === "openai-chat") return badCount(`${field}.prompt_tokens`, u.prompt_tokens);
  if (shape !== undefined) return readInputOutput(u, out, field);
  return reject(
    "missing_count",
    "TypeError",
    field,
    "token counts (promptTokens/completionTokens, prompt_tokens/completion_tokens or " +
      "input_tokens/output_tokens)",
    u,
  );
}

/** Input and output counts whose input includes cached tokens; checks an optional total. */
function readPair(
  u: Record<string, unknown>,
  out: TokenUsage,
  field: string,
  inputKey: string,
  outputKey: string,
  totalKey: string,
): UsageRejection | undefined {
  const input = u[inputKey];
  if (!isCount(input)) return badCount(`${field}.${inputKey}`, input);
  const output = u[outputKey];
  if (!isCount(output)) return badCount(`${field}.${outputKey}`, output);
  const total = u[totalKey];
  if (!isAbsent(total) && total !== input + output) {
    if (!isCount(total)) return badCount(`${field}.${totalKey}`, total);
    return reject(
      "total_mismatch",
      "RangeError",
      `${field}.${totalKey}`,
      `${inputKey} + ${outputKey} (${input + output})`,
      total,
    );
  }
  out.inputTokens = input;
  out.outputTokens = output;
  out.totalTokens = input + output;
  out.cachedInputTokens = 0;
  return undefined;
}

/** Cached tokens that are part of `out.inputTokens` (absent or null: 0). */
function readCached(value: unknown, field: string, out: TokenUsage): UsageRejection | undefined {
  if (isAbsent(value)) return undefined;
  if (!isCount(value)) return badCount(field, value);
  if (value > out.inputTokens) {
    return reject(
      "cached_exceeds_input",
      "RangeError",
      field,
      `≤ the prompt's ${out.inputTokens} tokens`,
      value,
    );
  }
  out.cachedInputTokens = value;
  return undefined;
}

/** An OpenAI `*_tokens_details` object holding `cached_tokens`. */
function readDetails(value: unknown, field: string, out: TokenUsage): UsageRejection | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    return reject("not_object", "TypeError", field, "an object", value);
  }
  return readCached(
    (value as Record<string, unknown>).cached_tokens,
    `${field}.cached_tokens`,
    out,
  );
}

function readInputOutput(
  u: Record<string, unknown>,
  out: TokenUsage,
  field: string,
): UsageRejection | undefined {
  const read = u.cache_read_input_tokens;
  const created = u.cache_creation_input_tokens;
  const anthropic = read !== undefined || created !== undefined ||
    "cache_read_input_tokens" in u || "cache_creation_input_tokens" in u;
  const responses = u.input_tokens_details !== undefined || u.total_tokens !== undefined ||
    "input_tokens_details" in u || "total_tokens" in u;
  if (anthropic && responses) {
    return reject(
      "ambiguous_shape",
      "TypeError",
      field,
      "either Anthropic cache fields (cache_read_input_tokens, cache_creation_input_tokens) " +
        "or OpenAI Responses fields (input_tokens_details, total_tokens), not both",
      u,
    );
  }
  if (responses) {
    const failure = readPair(u, out, field, "input_tokens", "output_tokens", "total_tokens");
    if (failure !== undefined) return failure;
    return readDetails(u.input_tokens_details, `${field}.input_tokens_details`, out);
  }
  const input = u.input_tokens;
  if (!isCount(input)) return badCount(`${field}.input_tokens`, input);
  const output = u.output_tokens;
  if (!isCount(output)) return badCount(`${field}.output_tokens`, output);
  if (!isAbsent(read) && !isCount(read)) return badCount(`${field}.cache_read_input_tokens`, read);
  if (!isAbsent(created) && !isCount(created)) {
    return badCount(`${field}.cache_creation_input_tokens`, created);
  }
  const cached = isAbsent(read) ? 0 : read;
  out.inputTokens = input + cached + (isAbsent(created) ? 0 : created);
  out.outputTokens = output;
  out.totalTokens = out.inputTokens + output;
  out.cachedInputTokens = cached;
  return undefined;
}

/**
 * Normalises a usage object without throwing.
 * @param raw a usage object in any accepted shape
 * @param field the name used in reasons (default `"usage"`)
 * @returns `{ ok: true, usage }` or `{ ok: false, code, reason }`
 * @example OpenAI's Chat Completions example response (platform.openai.com, API reference,
 * "Create chat completion"):
 * ```ts
 * import { tryNormalizeUsage } from "./usage.ts";
 * import { deepEqual } from "node:assert/strict";
 * deepEqual(
 *   tryNormalizeUsage({ prompt_tokens: 19, completion_tokens: 10, total_tokens: 29,
 *     prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 } }),
 *   { ok: true, usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, cachedInputTokens: 0 } },
 * );
 * deepEqual(tryNormalizeUsage({ prompt_tokens: 0, completion_tokens: 0 }), {
 *   ok: false, code: "zero_tokens", reason: "usage: expected at least one token; received zero tokens",
 * });
 * ```
 */
export function tryNormalizeUsage(raw: unknown, field = "usage"): UsageResult {
  const usage: TokenUsage = {
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cachedInputTokens: 0,
  };
  const failure = readUsage(raw, usage, field);
  if (failure === undefined) return { ok: true, usage };
  return { ok: false, code: failure.code, reason: failure.reason };
}

/**
 * Normalises a usage object or throws.
 * @param raw a usage object in any accepted shape
 * @param field the name used in messages (default `"usage"`)
 * @returns the normalised usage
 * @throws {TypeError} not an object, a missing or non-numeric count, an ambiguous shape;
 *   {RangeError} a negative, fractional or non-finite count, cached > input, a total that is not
 *   input + output, zero tokens
 * @example OpenAI's Responses API example (platform.openai.com, API reference, "Create a model
 * response"): 36 input tokens, 87 output.
 * ```ts
 * import { normalizeUsage } from "./usage.ts";
 * import { equal, throws } from "node:assert/strict";
 * const usage = normalizeUsage({ input_tokens: 36, input_tokens_details: { cached_tokens: 0 },
 *   output_tokens: 87, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 123 });
 * equal(usage.totalTokens, 123);
 * throws(() => normalizeUsage({ prompt_tokens: -3, completion_tokens: 1 }), {
 *   name: "RangeError", message: "usage.prompt_tokens: expected an integer ≥ 0; received -3",
 * });
 * ```
 */
export function normalizeUsage(raw: unknown, field = "usage"): TokenUsage {
  const usage: TokenUsage = {
    inputTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    cachedInputTokens: 0,
  };
  const failure = readUsage(raw, usage, field);
  if (failure === undefined) return usage;
  throw failure.errorType === "TypeError"
    ? new TypeError(failure.reason)
    : new RangeError(failure.reason);
}
