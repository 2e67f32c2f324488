/**
 * Workload presets: four session shapes fitted to public traces (fit rows only, see
 * `../shared/data/traces/README.md`), each with its source named and the source statistics it
 * reproduces recorded in `fitted`.
 *
 * | preset | source (fit rows) | context assumed |
 * | --- | --- | --- |
 * | `chat` | Mooncake FAST'25 conversation (Kimi), sessions inferred from prefix chains | 131,072 |
 * | `rag` | RAGPulse (university policy Q&A), sessions split at 30 min idle | 32,768 |
 * | `coding-agent` | Weka Claude Code traces, main threads | 1,000,000 |
 * | `research-agent` | Weka Claude Code main threads with ≥ 100 turns | 1,000,000 |
 *
 * How the parameters were fitted (one rule for every preset; the statistic each parameter comes
 * from is written next to it):
 *
 * - `turns`: a histogram of the source's turns per session (session counts in bins of whole
 *   turns, edges at k ± 0.5, so a rounded draw lands in the source's bin).
 * - `firstInputTokens`: the first run's input **weighted by the session's turns** (each session's
 *   first input counted once per run). The generator draws first input and turns independently,
 *   while in the sources long sessions start smaller; weighting by runs lets the runs, which is
 *   what the KV cache holds over time, see the source's first inputs. A lognormal from its
 *   p50/p90 where one fits (chat), else a histogram (bimodal: RAG and the agents).
 * - `newInputTokens`: the source's new tokens beyond the history, input[k] − input[k−1] −
 *   output[k−1], as a lognormal from its median and p90 (coding-agent) or with the p90
 *   calibrated by simulation (chat, research-agent; RAG: fixed at the median) — the generator
 *   keeps the whole history, while the sources drop some (compaction, re-retrieved passages).
 * - `compaction` (agents, 1M context): research-agent compacts near the limit (at 0.955, i.e.
 *   the 45K headroom Claude Code keeps on 200K models, down to the source's median compacted
 *   prompt, 31.6K); coding-agent's threshold, 300K tokens, is calibrated by simulation, because its
 *   source mixes 200K-context sessions (compacting at ≈ 151K) with 1M-context ones.
 * - `outputTokens`: a lognormal from the source's per-run p50 and p90.
 * - `modelTimeS` + `thinkTimeS`: their sum is the gap between run starts. Model time is Weka's
 *   api_time_s where recorded, else the output quantiles at an assumed decode speed of
 *   30 tokens/s; think time is then calibrated (a Monte Carlo of the sum) so that the gap's
 *   p50 and p90 are the source's, starting from Weka's think_time_s or from gap − model.
 *
 * Calibration means: simulate 20,000–50,000 sessions with `generateTrial` at `contextTokens`
 * and move one parameter until the per-run input p50/p90 are closest to the source's. The
 * generated p50/p90 of per-run input and output tokens, turns per session and the gap are then
 * within 15 % of the source's; `tests/workload/preset_fidelity_test.ts` checks it on the traces.
 *
 * @example The RAG preset's output median is RAGPulse's, 236 tokens; unknown names are listed.
 * ```ts
 * import { lookupPreset, presetShape } from "./presets.ts";
 * import { compileSessionShape } from "./session_shape.ts";
 * import type { HistogramSpec } from "../random/distributions.ts";
 * import { equal, throws } from "node:assert/strict";
 * const shape = compileSessionShape(presetShape("rag"));
 * equal(Math.round(shape.outputTokens.quantile!(0.5)), 236);
 * // 1,965 + 772 + 305 + … = 3,265 RAGPulse sessions after the 30-minute idle split
 * const turns = lookupPreset("rag").shape.turns as HistogramSpec;
 * equal(turns.counts.reduce((a, b) => a + b), 3265);
 * equal(lookupPreset("chat").source.licence, "Apache-2.0");
 * throws(() => lookupPreset("agent"), /chat, rag, coding-agent, research-agent/);
 * ```
 * @module
 */

import type { DistributionSpec } from "../random/distributions.ts";
import { lookupOrThrow, positiveNumber } from "../validate.ts";
import { type ArrivalSpec, meanArrivalRate } from "./arrivals.ts";
import type { SessionShapeSpec } from "./session_shape.ts";

/** The name of a workload preset. */
export type PresetName = "chat" | "rag" | "coding-agent" | "research-agent";

/** Every preset name, in a stable order. */
export const PRESET_NAMES: readonly PresetName[] = [
  "chat",
  "rag",
  "coding-agent",
  "research-agent",
];

/** A p50/p90 pair of a source statistic. */
export interface Quantiles {
  /** Median (type-7 quantile, as `src/traces` computes it). */
  p50: number;
  /** 90th percentile. */
  p90: number;
}

/** A session shape fitted to a public trace, with its source and the statistics it reproduces. */
export interface WorkloadPreset {
  /** The preset's name. */
  name: PresetName;
  /** Who this workload is, one sentence. */
  description: string;
  /** The fitted distributions. */
  shape: SessionShapeSpec;
  /** A typical arrival process (the source's rate where it has absolute times, else a default). */
  arrivals: ArrivalSpec;
  /** The model context the fit assumed, tokens: pass it as the generator's `maxContext`. */
  contextTokens: number;
  /** Where the parameters come from. */
  source: {
    /** The dataset. */
    dataset: string;
    /** Where it is published. */
    url: string;
    /** Its licence (SPDX id). */
    licence: string;
    /** Which rows the parameters were fitted on. */
    fittedOn: string;
  };
  /** The source's statistics (from its fit rows) that the parameters reproduce; tokens, seconds. */
  fitted: {
    /** Input (prompt) tokens per run. */
    inputTokensPerRun: Quantiles;
    /** Output tokens per run. */
    outputTokensPerRun: Quantiles;
    /** Runs per session. */
    turnsPerSession: Quantiles;
    /** Anything else recorded (gaps, first input, new input, times, arrivals). */
    [extra: string]: unknown;
  };
}

const ln = (median: number, p90: number): DistributionSpec => ({ kind: "lognormal", median, p90 });

/** Assumed decode speed where the source records no model time, tokens per second. */
const DECODE_TOKENS_PER_S = 30;

/** RAGPulse session starts by local hour of day (00:00 first) over its 7 days, fit rows. */
// deno-fmt-ignore
const RAG_SESSIONS_BY_HOUR = [
  113, 46, 26, 11, 10, 7, 23, 47, 104, 150, 202, 200, // 00:00–11:59
  188, 208, 221, 230, 202, 180, 207, 214, 170, 169, 184, 153, // 12:00–23:59
];

/** Weka main-thread first inputs, bin edges (tokens) shared by both agent presets. */
// deno-fmt-ignore
const WEKA_FIRST_INPUT_EDGES = [
  6e3, 10e3, 15e3, 20e3, 25e3, 30e3, 40e3, 60e3, 80e3, 100e3, 130e3, 160e3, 200e3,
];

const WEKA = {
  dataset: "Weka Claude Code traces (kv-cache-tester)",
  url: "https://github.com/callanjfox/kv-cache-tester",
  licence: "Apache-2.0",
};

/**
 * Claude Code compacts its history near the context limit. In the Weka main threads a prompt is
 * compacted (input falls below half the previous one) 160 times, at p50 151,091 / p90 164,944
 * tokens — the 200K-context models' automatic compaction, ≈ 45K short of the limit — down to
 * p50 31,641 tokens. On 1M-context models only 4 sessions compacted (at 290–339K); the others
 * ran on, up to 880,502 tokens. A 1M context with the same 45K headroom compacts at 0.955,
 * down to 31.6K: what one Claude-Code-like agent on a 1M model does (research-agent). On a
 * smaller model the compacted history is at most a quarter of its context.
 */
const COMPACT_NEAR_1M_LIMIT = { atFraction: 0.955, toTokens: 31_600, toFraction: 0.25 };

const presets: Record<PresetName, WorkloadPreset> = {
  chat: {
    name: "chat",
    description: "People chatting with a long-context assistant (Kimi): mostly one or two " +
      "turns, often with a long document or earlier conversation in the first prompt.",
    shape: {
      // Turns 1 / 2 / 7 (p50 / p90 / p99), 6,497 inferred sessions (lower bounds).
      turns: {
        kind: "histogram",
        edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 10.5, 15.5, 25.5],
        counts: [4886, 988, 315, 133, 68, 35, 16, 15, 15, 17, 9],
      },
      // Run-weighted first input p50 6,059 / p90 25,826 (σ = 1.13 also gives the p99: 84K,
      // source 87K); capped at the largest first input, 123,386.
      firstInputTokens: { kind: "truncated", dist: ln(6_059, 25_826), max: 123_386 },
      // New beyond history: source p50 27 / p90 4,190; p90 calibrated to 1,000 (the source's
      // puts the generated input p90 18–28 % high: Mooncake's inferred sessions do not keep
      // their whole history, 10 % of later prompts are shorter than previous prompt + output).
      newInputTokens: ln(27, 1_000),
      // Output p50 353 / p90 599.
      outputTokens: ln(353, 599),
      // 353 / 30 = 11.8 s, 599 / 30 = 20.0 s (assumed decode speed).
      modelTimeS: ln(353 / DECODE_TOKENS_PER_S, 599 / DECODE_TOKENS_PER_S),
      // Gap p50 123 / p90 475.2 s: model + think reproduces both with think 109.9 / 461.9 s
      // (calibrated from gap − model = 111.2 / 455.2 s).
      thinkTimeS: ln(109.9, 461.9),
    },
    // Mooncake conversation session starts: 6,497 over 3,537 s, 1.8366 /s (CV 2.1 on a 3 s grid).
    arrivals: { kind: "poisson", ratePerS: 1.8366 },
    contextTokens: 131_072, // Kimi's 128K window; largest prompt in the source 126,195
    source: {
      dataset: "Mooncake FAST'25 conversation trace (Kimi)",
      url: "https://github.com/kvcache-ai/Mooncake/tree/main/FAST25-release/traces",
      licence: "Apache-2.0",
      fittedOn: "fit rows of canonical/mooncake_conversation.csv; sessions inferred from " +
        "hash_ids prefix chains, so turns are lower bounds",
    },
    fitted: {
      sessions: 6497,
      runs: 9654,
      inputTokensPerRun: { p50: 6954.5, p90: 27488.9 },
      outputTokensPerRun: { p50: 353, p90: 599 },
      turnsPerSession: { p50: 1, p90: 2 },
      firstInputTokensRunWeighted: { p50: 6059, p90: 25826, max: 123386 },
      newInputTokens: { p50: 27, p90: 4189.6 },
      gapS: { p50: 123, p90: 475.2 },
      sessionsPerS: 1.8366,
    },
  },
  rag: {
    name: "rag",
    description: "Students and staff asking a university's policy Q&A service: a retrieval-" +
      "augmented prompt of ≈ 3K tokens, one to three questions per visit, daytime traffic.",
    shape: {
      // Turns 1 / 3 / 8 (p50 / p90 / p99), 3,265 sessions after the 30-minute idle split.
      turns: {
        kind: "histogram",
        edges: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 8.5, 10.5, 14.5, 22.5],
        counts: [1965, 772, 305, 105, 41, 25, 23, 20, 7, 2],
      },
      // Run-weighted first input p50 3,032 / p90 3,444; bimodal (a ≈ 1,055-token prompt in
      // 12 % of sessions, else system prompt + passages ≈ 3K), hence a histogram (run counts).
      firstInputTokens: {
        kind: "histogram",
        edges: [1000, 1100, 2000, 2500, 2750, 3000, 3250, 3500, 4000, 5000, 7800],
        counts: [1146, 198, 58, 224, 992, 1673, 941, 241, 174, 46],
      },
      // New beyond history: the source's median, 17 tokens, fixed. Calibrating a spread drove
      // it to zero (every p90 > 17 moves the generated input p90 further up): RAGPulse prompts
      // do not accumulate (46 % of later runs are shorter than the history, passages being
      // re-retrieved), so history + output growth alone already reaches the source's p90.
      newInputTokens: { kind: "fixed", value: 17 },
      // Output p50 236 / p90 564.
      outputTokens: ln(236, 564),
      // 236 / 30 = 7.9 s, 564 / 30 = 18.8 s (assumed decode speed).
      modelTimeS: ln(236 / DECODE_TOKENS_PER_S, 564 / DECODE_TOKENS_PER_S),
      // Gap p50 39 / p90 182.3 s: model + think reproduces both with think 28.0 / 171.7 s
      // (calibrated from gap − model = 31.1 / 163.5 s).
      thinkTimeS: ln(28.0, 171.7),
    },
    // Diurnal: session starts per local hour of day ÷ (7 days × 3,600 s); mean 19.4 /h.
    arrivals: {
      kind: "piecewise",
      ratesPerS: RAG_SESSIONS_BY_HOUR.map((n) => n / (7 * 3600)),
      segmentS: 3600,
    },
    contextTokens: 32_768, // Qwen2.5-14B-class window (the source's replay model); largest 7,712
    source: {
      dataset: "RAGPulse (university RAG Q&A service, 1 week)",
      url: "https://github.com/flashserve/RAGPulse",
      licence: "MIT",
      fittedOn: "fit rows of canonical/ragpulse.csv; a session_id is split where two runs are " +
        "more than 1,800 s apart (ids are reused across days); t = 0 is 12:00 local time",
    },
    fitted: {
      sessions: 3265,
      runs: 5693,
      inputTokensPerRun: { p50: 3141, p90: 3997.8 },
      outputTokensPerRun: { p50: 236, p90: 564 },
      turnsPerSession: { p50: 1, p90: 3 },
      idleSplitS: 1800,
      firstInputTokensRunWeighted: { p50: 3032, p90: 3443.8 },
      newInputTokens: { p50: 17, p90: 1516.2 },
      gapS: { p50: 39, p90: 182.3 },
      sessionsByHourOfDay: RAG_SESSIONS_BY_HOUR,
    },
  },
  "coding-agent": {
    name: "coding-agent",
    description: "Developers working with an agentic coding assistant (Claude Code): tens to " +
      "hundreds of tool-calling runs per session over a prompt of 20K–250K tokens.",
    shape: {
      // Turns 45 / 152 / 333 (p50 / p90 / p99), 577 main threads.
      // deno-fmt-ignore
      turns: {
        kind: "histogram",
        edges: [
          2.5, 5.5, 10.5, 15.5, 20.5, 30.5, 40.5, 50.5, 60.5, 80.5, 100.5, 125.5, 150.5, 200.5,
          250.5, 300.5, 400.5, 514.5,
        ],
        counts: [49, 41, 37, 35, 62, 49, 34, 36, 60, 42, 41, 32, 19, 24, 7, 7, 2],
      },
      // Run-weighted first input p50 20,725 / p90 104,190 (per session: 24,936 / 259,047):
      // fresh sessions at ≈ 15–25K (system prompt + tools) and resumed ones up to 852K.
      // deno-fmt-ignore
      firstInputTokens: {
        kind: "histogram",
        edges: [...WEKA_FIRST_INPUT_EDGES, 260e3, 350e3, 500e3, 900e3],
        counts: [
          587, 2205, 14104, 8753, 1374, 605, 1486, 2617, 3496, 1184, 419, 269, 699, 795, 687, 163,
        ],
      },
      // New beyond history: source p50 268 / p90 2,764, as measured.
      newInputTokens: ln(268, 2_764),
      // Output p50 215 / p90 905.8; capped at Claude Code's default max output, 32,000.
      outputTokens: { kind: "truncated", dist: ln(215, 905.8), max: 32_000 },
      // api_time_s of the previous run: p50 6.08 / p90 18.39 s (35,391 pairs).
      modelTimeS: ln(6.08, 18.39),
      // think_time_s (tool execution and user) of the same pairs is p50 9 / p90 125 s, but
      // independent draws of the two then give a gap of 19.5 / 135 s; calibrated so that model
      // + think reproduces the gap, p50 18 / p90 130 s.
      thinkTimeS: ln(7.46, 119.8),
      // The one calibrated token parameter. The source mixes 200K-context sessions (60 % of
      // them, compacting at ≈ 151K) with 1M-context ones (mostly never compacting, up to
      // 880K); one shape has one threshold. At 0.955 (COMPACT_NEAR_1M_LIMIT) the generated
      // input p50/p90 miss by −12 % / +10 % at best, whatever the new-input spread; an effective
      // threshold of 300K (0.3 of 1M, calibrated by simulation; the few 1M-context
      // compactions were at 290–339K) reproduces both within 3 % with the source's own new
      // input. Compacted prompt: the source's median after compaction, 31.6K. Both in tokens,
      // so they do not shrink with a smaller model; on a model with a smaller context the
      // agent compacts at 90 % of it, to at most a quarter of it (for a 200K model the source's
      // own behaviour is 151K → 31.6K).
      compaction: { atTokens: 300_000, atFraction: 0.9, toTokens: 31_600, toFraction: 0.25 },
    },
    // Weka anonymised session starts: a default that keeps ≈ 100 sessions live (Little's law,
    // λ = 100 ÷ the source's mean session duration 10,412 s = 0.0096 /s, 35 /h).
    arrivals: { kind: "poisson", ratePerS: 0.0096 },
    contextTokens: 1_000_000, // 1M-context Claude models: 13 % of the source's runs exceed 200K
    source: {
      ...WEKA,
      fittedOn: "fit rows of canonical/weka_claude_code.csv, main threads (577 sessions; " +
        "sub-agent threads left out), and requests.csv for api_time_s / think_time_s",
    },
    fitted: {
      sessions: 577,
      runs: 39443,
      inputTokensPerRun: { p50: 105371, p90: 236323 },
      outputTokensPerRun: { p50: 215, p90: 905.8 },
      turnsPerSession: { p50: 45, p90: 152 },
      firstInputTokensPerSession: { p50: 24936, p90: 259047 },
      firstInputTokensRunWeighted: { p50: 20725, p90: 104190 },
      newInputTokens: { p50: 268, p90: 2764 },
      gapS: { p50: 18, p90: 130 },
      modelTimeS: { p50: 6.08, p90: 18.39 },
      thinkTimeS: { p50: 9, p90: 125 },
      compaction: { events: 160, inputBeforeP50: 151090.5, inputAfterP50: 31640.5 },
      sessionDurationMeanS: 10412.4,
    },
  },
  "research-agent": {
    name: "research-agent",
    description: "Long, tool-heavy agent sessions (the longest quarter of Claude Code " +
      "sessions): 100 to 500 runs of reading, searching and editing, hours long.",
    shape: {
      // Turns 144 / 266.8 / 424 (p50 / p90 / p99), 135 main threads with ≥ 100 turns.
      turns: {
        kind: "histogram",
        edges: [99.5, 110.5, 120.5, 130.5, 140.5, 150.5, 175.5, 200.5, 250.5, 300.5, 400.5, 514.5],
        counts: [19, 12, 18, 10, 17, 11, 8, 24, 7, 7, 2],
      },
      // Run-weighted first input p50 20,615 / p90 89,509 (per session: 20,439 / 89,509).
      firstInputTokens: {
        kind: "histogram",
        edges: [...WEKA_FIRST_INPUT_EDGES, 270e3],
        counts: [514, 768, 9190, 6535, 1133, 146, 674, 1201, 2588, 140, 152, 0, 324],
      },
      // New beyond history: source p50 232; p90 calibrated by simulation to 1,050 (the
      // source's 2,168 puts the generated input p50/p90 +42 % / +62 % high: the source's
      // 200K-context sessions compact at ≈ 151K, which this 1M-context shape does not).
      newInputTokens: ln(232, 1_050),
      // Output p50 207 / p90 821; capped at Claude Code's default max output, 32,000.
      outputTokens: { kind: "truncated", dist: ln(207, 821), max: 32_000 },
      // api_time_s p50 5.89 / p90 17.0 s (22,007 pairs); think_time_s 9 / 125 s calibrated,
      // as for coding-agent, to 6.99 / 121.7 s so that the gap is the source's, 17 / 131 s.
      modelTimeS: ln(5.89, 17.0),
      thinkTimeS: ln(6.99, 121.7),
      compaction: COMPACT_NEAR_1M_LIMIT,
    },
    // As coding-agent: ≈ 100 live sessions, λ = 100 ÷ 28,699 s = 0.00348 /s (12.5 /h).
    arrivals: { kind: "poisson", ratePerS: 0.00348 },
    contextTokens: 1_000_000,
    source: {
      ...WEKA,
      fittedOn: "fit rows of canonical/weka_claude_code.csv, main threads with ≥ 100 turns " +
        "(135 of 577 sessions, 59 % of the runs), and requests.csv for the times",
    },
    fitted: {
      sessions: 135,
      runs: 23365,
      inputTokensPerRun: { p50: 107200, p90: 216050 },
      outputTokensPerRun: { p50: 207, p90: 821 },
      turnsPerSession: { p50: 144, p90: 266.8 },
      firstInputTokensPerSession: { p50: 20439, p90: 89509 },
      firstInputTokensRunWeighted: { p50: 20615, p90: 89509 },
      newInputTokens: { p50: 232, p90: 2168.1 },
      gapS: { p50: 17, p90: 131 },
      modelTimeS: { p50: 5.89, p90: 17.0 },
      thinkTimeS: { p50: 9, p90: 125 },
      compaction: { events: 130, inputBeforeP50: 150535, inputAfterP50: 32079 },
      sessionDurationMeanS: 28699,
    },
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Every preset by name (deeply frozen: copy a shape with `presetShape` to change it). */
export const WORKLOAD_PRESETS: Readonly<Record<PresetName, WorkloadPreset>> = deepFreeze(presets);

/**
 * Looks a preset up by name.
 * @param name a preset name (`"chat"`, `"rag"`, `"coding-agent"`, `"research-agent"`)
 * @returns the preset (frozen)
 * @throws {TypeError} name not a non-empty string; {RangeError} an unknown name, with the
 *   message listing the preset names
 * @example
 * ```ts
 * import { lookupPreset } from "./presets.ts";
 * import { equal, throws } from "node:assert/strict";
 * equal(lookupPreset("coding-agent").contextTokens, 1_000_000);
 * throws(() => lookupPreset("coding"), RangeError);
 * ```
 */
export function lookupPreset(name: string): WorkloadPreset {
  return lookupOrThrow("preset", name, WORKLOAD_PRESETS);
}

/**
 * A preset's session shape, as a fresh copy that the caller may change.
 * @param name a preset name
 * @returns the shape spec (for `compileSessionShape`)
 * @throws {TypeError|RangeError} as {@linkcode lookupPreset}
 * @example Claude Code sessions: 45 turns at the median (the histogram bin 40.5–50.5 holds it).
 * ```ts
 * import { presetShape } from "./presets.ts";
 * import { compileSessionShape } from "./session_shape.ts";
 * import { ok } from "node:assert/strict";
 * const turns = compileSessionShape(presetShape("coding-agent")).turns;
 * const median = turns.quantile!(0.5);
 * ok(median > 40.5 && median < 50.5);
 * ```
 */
export function presetShape(name: string): SessionShapeSpec {
  return structuredClone(lookupPreset(name).shape);
}

/** One preset of a mix, with its weight. */
export interface PresetMixEntry {
  /** Preset name. */
  preset: string;
  /** Relative weight (> 0). */
  weight: number;
}

/** A workload built from presets: the shapes and weights, and the arrival process. */
export interface PresetWorkload {
  /** One component per preset. */
  mix: { name: string; weight: number; shape: SessionShapeSpec }[];
  /** The arrivals. */
  arrivals: ArrivalSpec;
}

/**
 * A workload from one preset or a weighted mix of presets. Without `arrivals`, one preset keeps
 * its own arrival process (e.g. RAG's hourly profile); a mix arrives as a Poisson stream at the
 * presets' default rates, each weighted by its share.
 * @param presets a preset name, or `{ preset, weight }` entries
 * @param arrivals the arrival process (default: see above)
 * @returns a workload for `runMonteCarlo`
 * @throws {TypeError|RangeError} an unknown preset (the message lists the names) or a bad weight
 * @example Half chat, half RAG sessions.
 * ```ts
 * import { presetWorkload } from "./presets.ts";
 * import { equal } from "node:assert/strict";
 * const w = presetWorkload([{ preset: "chat", weight: 1 }, { preset: "rag", weight: 1 }],
 *   { kind: "poisson", ratePerS: 2 });
 * equal(w.mix.map((c) => c.name).join(), "chat,rag");
 * ```
 */
export function presetWorkload(
  presets: string | readonly PresetMixEntry[],
  arrivals?: ArrivalSpec,
): PresetWorkload {
  const entries = typeof presets === "string" ? [{ preset: presets, weight: 1 }] : presets;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new TypeError(
      "presets: expected a preset name or a non-empty array of { preset, weight }; received none",
    );
  }
  const total = entries.reduce(
    (a, e, i) => a + positiveNumber(`presets[${i}].weight`, e.weight),
    0,
  );
  const mix = entries.map((e) => ({
    name: e.preset,
    weight: e.weight,
    shape: presetShape(e.preset),
  }));
  if (arrivals !== undefined) return { mix, arrivals };
  // One preset keeps its own process (RAG's daily profile); a mix gets the weighted mean rate.
  if (entries.length === 1) {
    return { mix, arrivals: structuredClone(lookupPreset(entries[0].preset).arrivals) };
  }
  const rate = entries.reduce(
    (a, e) => a + (e.weight / total) * meanArrivalRate(lookupPreset(e.preset).arrivals),
    0,
  );
  return { mix, arrivals: { kind: "poisson", ratePerS: rate } };
}
