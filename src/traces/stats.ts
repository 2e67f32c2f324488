/**
 * Descriptive statistics of trace sessions: the per-run token sizes, turns, growth, gaps and
 * prefix reuse that the simulator's presets are fitted to, and the session category mix under
 * the three meanings of a session's "cumulative tokens" (DESIGN §3, traces README):
 *
 * - **billed**: Σ (input + output) over its runs — history re-counted every run (the seed's basis);
 * - **largest context**: max over runs of (input + output) — what the KV cache holds at its peak;
 * - **new tokens**: Σ (input − reused prefix + output) — the tokens the engine actually computes
 *   when prefixes are cached.
 *
 * Categories use the reference thresholds via `classifyTokens`: light ≤ 50,000, medium
 * ≤ 200,000, heavy ≤ 500,000, extreme above.
 *
 * @example
 * ```ts
 * import { traceStats } from "./stats.ts";
 * import { groupSessions, parseCanonicalCsv } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const csv = "session_id,run,t_s,input_tokens,output_tokens,reused_prefix_tokens,split\n" +
 *   "a,0,0,30000,1000,0,fit\n" +
 *   "a,1,20,40000,2000,31000,fit\n";
 * const stats = traceStats(groupSessions(parseCanonicalCsv(csv).rows));
 * // billed 73,000 → medium; largest context 42,000 → light; new 31,000 + 11,000 = 42,000 → light
 * equal(stats.cumulativeTokens.billed.counts.medium, 1);
 * equal(stats.cumulativeTokens.largestContext.counts.light, 1);
 * equal(stats.cumulativeTokens.newTokens.tokens?.p50, 42_000);
 * equal(stats.gapS?.p50, 20);
 * ```
 * @module
 */

import { classifyTokens, type WorkloadMix } from "../capacity/workload.ts";
import type { TraceSession } from "./canonical.ts";
import { type DistributionSummary, summarize } from "../stats/summary.ts";

export { type DistributionSummary, quantile, summarize } from "../stats/summary.ts";

/** The three cumulative-token figures of one session. */
export interface SessionTokenTotals {
  /** Σ (input + output) over its runs. */
  billedTokens: number;
  /** max over runs of (input + output). */
  largestContextTokens: number;
  /**
   * Σ (input − reused prefix + output); `null` when a run after the first has no known reused
   * prefix. A first run with unknown reuse counts as reusing nothing (no earlier run to share).
   */
  newTokens: number | null;
}

/**
 * A session's cumulative tokens under the three meanings (see the module docs).
 * @param session a session from `groupSessions`
 * @returns its billed, largest-context and new-token totals
 * @example
 * ```ts
 * import { sessionTokens } from "./stats.ts";
 * import type { TraceRow } from "./canonical.ts";
 * import { deepEqual } from "node:assert/strict";
 * const run = (run: number, inputTokens: number, reused: number | null): TraceRow => ({
 *   sessionId: "s", run, tS: run, inputTokens, outputTokens: 100, reusedPrefixTokens: reused,
 *   split: "fit",
 * });
 * deepEqual(sessionTokens({ sessionId: "s", runs: [run(0, 1000, null), run(1, 1500, 1100)] }),
 *   { billedTokens: 2700, largestContextTokens: 1600, newTokens: 1000 + 100 + 400 + 100 });
 * ```
 */
export function sessionTokens(session: TraceSession): SessionTokenTotals {
  let billedTokens = 0;
  let largestContextTokens = 0;
  let newTokens: number | null = 0;
  session.runs.forEach((row, k) => {
    const context = row.inputTokens + row.outputTokens;
    billedTokens += context;
    largestContextTokens = Math.max(largestContextTokens, context);
    const reused = row.reusedPrefixTokens ?? (k === 0 ? 0 : null);
    newTokens = newTokens === null || reused === null ? null : newTokens + context - reused;
  });
  return { billedTokens, largestContextTokens, newTokens };
}

/** Sessions classified under one meaning of cumulative tokens. */
export interface CategoryMixResult {
  /** Sessions classified (those whose figure is known). */
  sessions: number;
  /** Sessions whose figure is unknown (new tokens without known reuse), left out. */
  excludedSessions: number;
  /** Sessions per category. */
  counts: WorkloadMix;
  /** Share of the classified sessions per category (0–1; all 0 when none were classified). */
  shares: WorkloadMix;
  /** The figure's distribution over the classified sessions, `null` when none. */
  tokens: DistributionSummary | null;
}

/** Prefix reuse over the runs whose reused prefix is known. */
export interface ReusedPrefixStats {
  /** Runs with a known reused prefix. */
  knownRuns: number;
  /** Σ reused ÷ Σ input over those runs, `null` when none. */
  fraction: number | null;
  /** The same, over runs after each session's first, `null` when none. */
  fractionAfterFirstRun: number | null;
  /** Distribution of reused ÷ input per run after the first (input > 0), `null` when none. */
  perRunFraction: DistributionSummary | null;
}

/** What {@linkcode traceStats} returns. Token counts are tokens; times are seconds. */
export interface TraceStats {
  /** Sessions summarised. */
  sessions: number;
  /** Runs over all sessions. */
  runs: number;
  /** Input tokens per run. */
  inputTokens: DistributionSummary;
  /** Output tokens per run. */
  outputTokens: DistributionSummary;
  /** Runs (turns) per session. */
  turns: DistributionSummary;
  /** Input tokens of each session's first run. */
  firstRunInputTokens: DistributionSummary;
  /** input[k] − input[k−1] for runs k ≥ 1; `null` when no session has two runs. */
  inputGrowthTokens: DistributionSummary | null;
  /** input[k] − input[k−1] − output[k−1]: new tokens beyond the history; `null` likewise. */
  newInputTokens: DistributionSummary | null;
  /** t[k] − t[k−1] between a session's consecutive runs; `null` likewise. */
  gapS: DistributionSummary | null;
  /** t[last] − t[first] per session (0 for one-run sessions). */
  sessionDurationS: DistributionSummary;
  /** Prefix reuse. */
  reusedPrefix: ReusedPrefixStats;
  /** Category mixes under the three meanings of cumulative tokens. */
  cumulativeTokens: {
    /** Σ (input + output). */
    billed: CategoryMixResult;
    /** max (input + output). */
    largestContext: CategoryMixResult;
    /** Σ (input − reused + output), sessions with known reuse only. */
    newTokens: CategoryMixResult;
  };
}

/**
 * Summarises trace sessions: per-run tokens, turns, first-run input, growth, gaps, durations,
 * prefix reuse and the category mix under each meaning of cumulative tokens. Growth and gaps are
 * taken between consecutive runs of a session, in run order (a gap can be negative when a source
 * has out-of-order timestamps).
 * @param sessions sessions from `groupSessions` (at least one)
 * @returns the statistics
 * @throws {TypeError} `sessions` is not an array
 * @throws {RangeError} no sessions, or a session without runs (naming its index)
 * @example
 * ```ts
 * import { traceStats } from "./stats.ts";
 * import type { TraceRow } from "./canonical.ts";
 * import { equal } from "node:assert/strict";
 * const run = (run: number, tS: number, inputTokens: number, outputTokens: number): TraceRow => ({
 *   sessionId: "s", run, tS, inputTokens, outputTokens, reusedPrefixTokens: null, split: "fit",
 * });
 * const s = traceStats([{ sessionId: "s", runs: [run(0, 0, 1000, 200), run(1, 12, 1500, 100)] }]);
 * equal(s.inputGrowthTokens?.p50, 500); // 1500 − 1000
 * equal(s.newInputTokens?.p50, 300); // 1500 − 1000 − 200
 * equal(s.sessionDurationS.p50, 12);
 * equal(s.cumulativeTokens.newTokens.excludedSessions, 1); // run 1's reuse is unknown
 * ```
 */
export function traceStats(sessions: readonly TraceSession[]): TraceStats {
  if (!Array.isArray(sessions as unknown)) {
    throw new TypeError(`sessions: expected an array of sessions; received ${typeof sessions}`);
  }
  if (sessions.length === 0) {
    throw new RangeError("sessions: expected at least one session; received 0");
  }
  const v = collect(sessions);
  return {
    sessions: sessions.length,
    runs: v.input.length,
    inputTokens: summarize(v.input)!,
    outputTokens: summarize(v.output)!,
    turns: summarize(v.turns)!,
    firstRunInputTokens: summarize(v.firstInput)!,
    inputGrowthTokens: summarize(v.growth),
    newInputTokens: summarize(v.newInput),
    gapS: summarize(v.gap),
    sessionDurationS: summarize(v.duration)!,
    reusedPrefix: {
      knownRuns: v.reuse.knownRuns,
      fraction: ratio(v.reuse.reused, v.reuse.input),
      fractionAfterFirstRun: ratio(v.reuse.reusedAfterFirst, v.reuse.inputAfterFirst),
      perRunFraction: summarize(v.reuse.perRun),
    },
    cumulativeTokens: {
      billed: categoryMix(v.totals.map((t) => t.billedTokens)),
      largestContext: categoryMix(v.totals.map((t) => t.largestContextTokens)),
      newTokens: categoryMix(v.totals.map((t) => t.newTokens)),
    },
  };
}

/**
 * Classifies one figure per session and counts the categories (`null` figures are excluded).
 * @param tokens one figure per session, `null` when unknown
 * @returns counts, shares and the figure's distribution
 * @throws {RangeError|TypeError} a negative or non-finite figure (from `classifyTokens`)
 * @example
 * ```ts
 * import { categoryMix } from "./stats.ts";
 * import { deepEqual } from "node:assert/strict";
 * const mix = categoryMix([50_000, 50_001, 500_001, null]);
 * deepEqual(mix.counts, { extreme: 1, heavy: 0, medium: 1, light: 1 });
 * deepEqual([mix.sessions, mix.excludedSessions], [3, 1]);
 * ```
 */
export function categoryMix(tokens: readonly (number | null)[]): CategoryMixResult {
  const counts: WorkloadMix = { extreme: 0, heavy: 0, medium: 0, light: 0 };
  const known: number[] = [];
  for (const t of tokens) {
    if (t === null) continue;
    counts[classifyTokens(t)]++;
    known.push(t);
  }
  const n = known.length;
  const share = (c: number): number => (n === 0 ? 0 : c / n);
  return {
    sessions: n,
    excludedSessions: tokens.length - n,
    counts,
    shares: {
      extreme: share(counts.extreme),
      heavy: share(counts.heavy),
      medium: share(counts.medium),
      light: share(counts.light),
    },
    tokens: summarize(known),
  };
}

/** Per-run and per-session value lists gathered in one pass over the sessions. */
function collect(sessions: readonly TraceSession[]) {
  const v = {
    input: [] as number[],
    output: [] as number[],
    turns: [] as number[],
    firstInput: [] as number[],
    growth: [] as number[],
    newInput: [] as number[],
    gap: [] as number[],
    duration: [] as number[],
    totals: [] as SessionTokenTotals[],
    reuse: {
      knownRuns: 0,
      reused: 0,
      input: 0,
      reusedAfterFirst: 0,
      inputAfterFirst: 0,
      perRun: [] as number[],
    },
  };
  sessions.forEach((session, i) => {
    const runs = session?.runs;
    if (!Array.isArray(runs) || runs.length === 0) {
      throw new RangeError(`sessions[${i}].runs: expected at least one run; received none`);
    }
    v.turns.push(runs.length);
    v.firstInput.push(runs[0].inputTokens);
    v.duration.push(runs[runs.length - 1].tS - runs[0].tS);
    v.totals.push(sessionTokens(session));
    runs.forEach((row, k) => {
      v.input.push(row.inputTokens);
      v.output.push(row.outputTokens);
      if (k > 0) {
        const prev = runs[k - 1];
        v.growth.push(row.inputTokens - prev.inputTokens);
        v.newInput.push(row.inputTokens - prev.inputTokens - prev.outputTokens);
        v.gap.push(row.tS - prev.tS);
      }
      const reused = row.reusedPrefixTokens;
      if (reused === null) return;
      v.reuse.knownRuns++;
      v.reuse.reused += reused;
      v.reuse.input += row.inputTokens;
      if (k === 0) return;
      v.reuse.reusedAfterFirst += reused;
      v.reuse.inputAfterFirst += row.inputTokens;
      if (row.inputTokens > 0) v.reuse.perRun.push(reused / row.inputTokens);
    });
  });
  return v;
}

/** a ÷ b, or `null` when b is 0. */
function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
