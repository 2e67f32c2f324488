/**
 * The shape of a session: how many runs it makes and, per run, the tokens it adds and generates
 * and the time it takes — each a named, parameterised distribution.
 *
 * A run's prompt is the previous prompt + the previous output (the history) + new input; the
 * first run's prompt is `firstInputTokens` (system prompt, tool definitions, first message). The
 * prompt never exceeds the model's maximum context: when a run would, an agent with
 * `compaction` summarises its history down to `toFraction` of the context (as Claude Code and
 * Codex do); one without keeps the most recent tokens (a sliding truncation).
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
import { closeMatches, describe, plainObject, unitFraction } from "../validate.ts";

/** Context compaction: summarise the history when a prompt nears the model's maximum context. */
export interface CompactionSpec {
  /** Compact when a prompt would exceed this fraction of the maximum context, in (0, 1]. */
  atFraction: number;
  /** Size of the compacted prompt as a fraction of the maximum context, below `atFraction`. */
  toFraction: number;
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
  for (const key of Object.keys(s)) {
    if (!allowed.includes(key)) {
      const near = closeMatches(key, allowed);
      const hint = near.length > 0 ? ` (did you mean "${near[0]}"?)` : "";
      throw new TypeError(
        `${field}: expected only the keys ${allowed.join(", ")}${hint}; received ${describe(key)}`,
      );
    }
  }
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
    const c = plainObject(`${field}.compaction`, s.compaction);
    const at = unitFraction(`${field}.compaction.atFraction`, c.atFraction);
    const to = unitFraction(`${field}.compaction.toFraction`, c.toFraction);
    if (to >= at) {
      throw new RangeError(
        `${field}.compaction.toFraction: expected < atFraction (${at}); received ${to}`,
      );
    }
    compaction = { atFraction: at, toFraction: to };
  }
  return { ...built, compaction, spec };
}
