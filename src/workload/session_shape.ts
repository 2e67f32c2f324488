/**
 * The shape of a session: how many runs it makes and, per run, the tokens it adds and generates
 * and the time it takes — each a named, parameterised distribution.
 *
 * A run's prompt is the previous prompt + the previous output (the history) + new input; the
 * first run's prompt is `firstInputTokens` (system prompt, tool definitions, first message). The
 * prompt never exceeds the model's maximum context: when a run would, an agent with
 * `compaction` summarises its history down to `toFraction` of the context (as Claude Code and
 * Codex do; see `CompactionSpec`); one without keeps the most recent tokens (a sliding
 * truncation).
 *
 * @example
 * ```ts
 * import { compileSessionShape } from "./session_shape.ts";
 * import { equal } from "node:assert/strict";
 * const shape = compileSessionShape({
 *   turns: { kind: "fixed", value: 3 },
 *   firstInputTokens: { kind: "fixed", value: 1000 },
 *   newInputTokens: { kind: "fixed", value: 100 },
 *   outputTokens: { kind: "fixed", value: 50 },
 *   thinkTimeS: { kind: "fixed", value: 2 },
 *   modelTimeS: { kind: "fixed", value: 1 },
 * });
 * equal(shape.turns.mean, 3);
 * ```
 * @module
 */

import {
  type Distribution,
  distributionFromSpec,
  type DistributionSpec,
} from "../random/distributions.ts";
import { onlyKeys, plainObject, positiveInteger, unitFraction } from "../validate.ts";

/**
 * Context compaction: summarise the history when a prompt nears a threshold. Thresholds may be
 * given in tokens, as a fraction of the model's maximum context, or both (the smaller wins), so
 * one preset behaves like its source on the source's context and like a real agent on a smaller
 * model (which compacts near its own limit).
 */
export interface CompactionSpec {
  /** Compact when prompt + output would exceed this fraction of the maximum context, in (0, 1]. */
  atFraction?: number;
  /** Compact when prompt + output would exceed this many tokens. */
  atTokens?: number;
  /** Size of the compacted history as a fraction of the maximum context, in (0, 1]. */
  toFraction?: number;
  /** Size of the compacted history, tokens. */
  toTokens?: number;
}

/**
 * The compaction threshold and target for a model context: the smaller of each pair given.
 * @param c a checked compaction spec
 * @param maxContext the model's maximum context, tokens
 * @returns `{ at, to }` in tokens (`at` ≤ maxContext)
 */
export function compactionTokens(
  c: CompactionSpec,
  maxContext: number,
): { at: number; to: number } {
  const at = Math.min(
    maxContext,
    c.atTokens ?? Infinity,
    c.atFraction === undefined ? Infinity : Math.floor(c.atFraction * maxContext),
  );
  const to = Math.min(
    c.toTokens ?? Infinity,
    c.toFraction === undefined ? Infinity : Math.floor(c.toFraction * maxContext),
  );
  return { at, to };
}

/** A session's shape, as JSON (scenario files and presets use this form). */
export interface SessionShapeSpec {
  /** Runs (model calls) per session; drawn once, rounded, at least 1. */
  turns: DistributionSpec;
  /** Prompt tokens of the first run. */
  firstInputTokens: DistributionSpec;
  /** Tokens each later run adds beyond the history (user messages, tool results). */
  newInputTokens: DistributionSpec;
  /** Output tokens of each run (at least 1). */
  outputTokens: DistributionSpec;
  /** Seconds between a run's end and the next run's start (tool execution, user think time). */
  thinkTimeS: DistributionSpec;
  /** Seconds a run takes (prefill + decode as the client sees it). */
  modelTimeS: DistributionSpec;
  /** Summarise the history near the context limit; absent: keep the most recent tokens. */
  compaction?: CompactionSpec;
}

/** A session shape with its distributions built and checked. */
export interface SessionShape {
  /** Runs per session. */
  turns: Distribution;
  /** First prompt, tokens. */
  firstInputTokens: Distribution;
  /** New input per later run, tokens. */
  newInputTokens: Distribution;
  /** Output per run, tokens. */
  outputTokens: Distribution;
  /** Think time, s. */
  thinkTimeS: Distribution;
  /** Model time, s. */
  modelTimeS: Distribution;
  /** Compaction, when the agent compacts. */
  compaction: CompactionSpec | null;
  /** The JSON it was built from. */
  spec: SessionShapeSpec;
}

const FIELDS = [
  "turns",
  "firstInputTokens",
  "newInputTokens",
  "outputTokens",
  "thinkTimeS",
  "modelTimeS",
] as const;

/**
 * Builds and checks a session shape.
 * @param spec the JSON shape
 * @param field the argument's name for errors (default `"shape"`)
 * @returns the compiled shape
 * @throws {TypeError|RangeError} a missing, unknown or invalid field, named by its path
 *   (`shape.outputTokens.sigma: expected a positive number; received 0`)
 */
export function compileSessionShape(spec: SessionShapeSpec, field = "shape"): SessionShape {
  const s = plainObject(field, spec);
  const allowed = [...FIELDS, "compaction"];
  onlyKeys(field, s, allowed);

  const built = {} as Record<(typeof FIELDS)[number], Distribution>;
  for (const key of FIELDS) {
    if (s[key] === undefined) {
      throw new TypeError(`${field}.${key}: expected a distribution spec; received undefined`);
    }
    const dist = distributionFromSpec(s[key] as DistributionSpec, `${field}.${key}`);
    if (dist.support.min < 0) {
      throw new RangeError(
        `${field}.${key}: expected a distribution of values ≥ 0 (truncate it with min: 0); ` +
          `received one that can draw ${dist.support.min}`,
      );
    }
    built[key] = dist;
  }
  let compaction: CompactionSpec | null = null;
  if (s.compaction !== undefined) {
    const f = `${field}.compaction`;
    const c = plainObject(f, s.compaction);
    const keys = ["atFraction", "atTokens", "toFraction", "toTokens"];
    onlyKeys(f, c, keys);

    const frac = (k: string) => (c[k] === undefined ? undefined : unitFraction(`${f}.${k}`, c[k]));
    const tokens = (
      k: string,
    ) => (c[k] === undefined ? undefined : positiveInteger(`${f}.${k}`, c[k]));
    compaction = {
      atFraction: frac("atFraction"),
      atTokens: tokens("atTokens"),
      toFraction: frac("toFraction"),
      toTokens: tokens("toTokens"),
    };
    if (compaction.atFraction === undefined && compaction.atTokens === undefined) {
      throw new TypeError(
        `${f}: expected atFraction or atTokens (when to compact); received neither`,
      );
    }
    if (compaction.toFraction === undefined && compaction.toTokens === undefined) {
      throw new TypeError(
        `${f}: expected toFraction or toTokens (what to compact to); received neither`,
      );
    }
    const { atFraction: af, toFraction: tf, atTokens: at, toTokens: tt } = compaction;
    if (af !== undefined && tf !== undefined && tf >= af) {
      throw new RangeError(`${f}.toFraction: expected < atFraction (${af}); received ${tf}`);
    }
    if (at !== undefined && tt !== undefined && tt >= at) {
      throw new RangeError(`${f}.toTokens: expected < atTokens (${at}); received ${tt}`);
    }
  }
  return { ...built, compaction, spec };
}
