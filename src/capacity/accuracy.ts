/**
 * How close capsim's formulas come to published engine measurements: `engineKvCapacity` against
 * vLLM's logged KV pools, `estimateLatency` against measured TTFT and TPOT. The README's accuracy
 * table is `accuracyMarkdown()`'s output (`deno task accuracy`).
 *
 * Targets: KV tokens within 10 %, TPOT within 25 %, TTFT within 40 %. A row outside its target
 * must say why (`knownGap`); the tests hold both directions.
 *
 * @example
 * ```ts
 * import { engineKvAccuracy } from "./accuracy.ts";
 * import { ok } from "node:assert/strict";
 * ok(engineKvAccuracy().filter((r) => r.withinTarget).length >= 6);
 * ```
 * @module
 */

import { engineKvCapacity } from "./engine_pool.ts";
import { estimateLatency } from "./latency.ts";
import {
  ENGINE_KV_MEASUREMENTS,
  type EngineKvMeasurement,
  LATENCY_MEASUREMENTS,
  type LatencyMeasurement,
} from "./measurements.ts";

/** Relative error targets. */
export const ACCURACY_TARGETS: Readonly<{ kvTokens: number; tpot: number; ttft: number }> = {
  kvTokens: 0.1,
  tpot: 0.25,
  ttft: 0.4,
};

/** One KV-pool comparison. */
export interface EngineKvAccuracyRow {
  /** The published measurement. */
  measurement: EngineKvMeasurement;
  /** capsim's token count. */
  predictedTokens: number;
  /** Whether capsim says the engine starts (`fits`). */
  predictedStarts: boolean;
  /** (predicted − measured) ÷ measured; null when the engine reported no tokens. */
  error: number | null;
  /** Start/refuse agrees and the error is within target. */
  withinTarget: boolean;
}

/** One latency comparison. */
export interface LatencyAccuracyRow {
  /** The published measurement. */
  measurement: LatencyMeasurement;
  /** capsim's mean TTFT at the row's concurrency, ms. */
  predictedTtftMs: number;
  /** capsim's TPOT, ms. */
  predictedTpotMs: number;
  /** Relative TTFT error; null when not measured. */
  ttftError: number | null;
  /** Relative TPOT error; null when not measured. */
  tpotError: number | null;
  /** Every measured figure within its target. */
  withinTarget: boolean;
}

const relative = (predicted: number, measured: number | null): number | null =>
  measured === null || measured === 0 ? null : (predicted - measured) / measured;

/**
 * Compares `engineKvCapacity` with every row of `ENGINE_KV_MEASUREMENTS`.
 * @returns one row per measurement
 */
export function engineKvAccuracy(): EngineKvAccuracyRow[] {
  return ENGINE_KV_MEASUREMENTS.map((m) => {
    const r = engineKvCapacity({ model: m.model, gpu: m.gpu, ...m.options });
    const error = relative(r.tokens, m.tokens);
    const withinTarget = r.fits === m.started &&
      (error === null || Math.abs(error) <= ACCURACY_TARGETS.kvTokens);
    return {
      measurement: m,
      predictedTokens: r.tokens,
      predictedStarts: r.fits,
      error,
      withinTarget,
    };
  });
}

/**
 * Compares `estimateLatency` with every row of `LATENCY_MEASUREMENTS`.
 * @returns one row per measurement
 */
export function latencyAccuracy(): LatencyAccuracyRow[] {
  return LATENCY_MEASUREMENTS.map((m) => {
    const r = estimateLatency({
      model: m.model,
      gpu: m.gpu,
      tensorParallel: m.tensorParallel,
      weightPrecision: m.weightPrecision,
      kvPrecision: m.kvPrecision,
      promptTokens: m.promptTokens,
      outputTokens: m.outputTokens,
      concurrency: m.concurrency,
    });
    const ttftError = relative(r.ttftMs, m.ttftMs);
    const tpotError = relative(r.tpotMs, m.tpotMs);
    const withinTarget = (ttftError === null || Math.abs(ttftError) <= ACCURACY_TARGETS.ttft) &&
      (tpotError === null || Math.abs(tpotError) <= ACCURACY_TARGETS.tpot);
    return {
      measurement: m,
      predictedTtftMs: r.ttftMs,
      predictedTpotMs: r.tpotMs,
      ttftError,
      tpotError,
      withinTarget,
    };
  });
}

const pct = (
  e: number | null,
) => (e === null ? "–" : `${e >= 0 ? "+" : ""}${(e * 100).toFixed(1)} %`);
const num = (v: number | null, digits = 1) => (v === null ? "–" : v.toFixed(digits));
const host = (url: string) =>
  url.replace(/^https:\/\/(www\.)?/, "").split("/").slice(0, 3).join("/");

/**
 * Both comparisons as Markdown tables with a summary line each, for the README.
 * @returns Markdown
 */
export function accuracyMarkdown(): string {
  const kv = engineKvAccuracy();
  const lat = latencyAccuracy();
  const lines: string[] = [];
  const kvOk = kv.filter((r) => r.withinTarget).length;
  lines.push(
    `**KV pool** (\`engineKvCapacity\` vs vLLM's log): ${kvOk} of ${kv.length} within ±10 % ` +
      `(start/refuse agreeing).`,
    "",
    "| engine | model | GPU × TP | util | measured tokens | capsim | error | source |",
    "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
  );
  for (const r of kv) {
    const m = r.measurement;
    const measured = m.started
      ? m.tokens.toLocaleString("en-US")
      : `refused (${m.tokens.toLocaleString("en-US")})`;
    const predicted = r.predictedStarts
      ? r.predictedTokens.toLocaleString("en-US")
      : `refused (${r.predictedTokens.toLocaleString("en-US")})`;
    const gap = m.knownGap ? ` ¹` : "";
    lines.push(
      `| ${m.engine} | ${m.model} ${m.options.weightPrecision ?? "bf16"} | ${m.gpu} × ${
        m.options.tensorParallel ?? 1
      } | ` +
        `${m.options.gpuMemoryUtilization} | ${measured} | ${predicted} | ${
          pct(r.error)
        }${gap} | [${host(m.source)}](${m.source}) |`,
    );
  }
  for (const r of kv.filter((r) => r.measurement.knownGap)) {
    lines.push("", `¹ ${r.measurement.model}: ${r.measurement.knownGap}.`);
  }
  const tpots = lat.filter((r) => r.tpotError !== null);
  const ttfts = lat.filter((r) => r.ttftError !== null);
  const meanAbs = (xs: number[]) => xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
  lines.push(
    "",
    `**Latency** (\`estimateLatency\` vs published benchmarks): TPOT within ±25 % on ` +
      `${
        tpots.filter((r) => Math.abs(r.tpotError!) <= ACCURACY_TARGETS.tpot).length
      } of ${tpots.length} ` +
      `(mean |error| ${
        (meanAbs(tpots.map((r) => r.tpotError!)) * 100).toFixed(1)
      } %), TTFT within ±40 % on ` +
      `${
        ttfts.filter((r) => Math.abs(r.ttftError!) <= ACCURACY_TARGETS.ttft).length
      } of ${ttfts.length} ` +
      `(mean |error| ${(meanAbs(ttfts.map((r) => r.ttftError!)) * 100).toFixed(1)} %).`,
    "",
    "| engine | model | GPU × TP | prompt | batch | TTFT ms (measured → capsim) | error | TPOT ms (measured → capsim) | error | source |",
    "| --- | --- | --- | ---: | ---: | --- | ---: | --- | ---: | --- |",
  );
  for (const r of lat) {
    const m = r.measurement;
    const gap = m.knownGap ? " ²" : "";
    lines.push(
      `| ${m.engine} | ${m.model} ${m.weightPrecision} | ${m.gpu} × ${m.tensorParallel} | ${m.promptTokens} | ` +
        `${m.concurrency} | ${num(m.ttftMs)} → ${
          m.ttftMs === null ? "–" : num(r.predictedTtftMs)
        } | ${pct(r.ttftError)}${gap} | ` +
        `${num(m.tpotMs, 2)} → ${m.tpotMs === null ? "–" : num(r.predictedTpotMs, 2)} | ${
          pct(r.tpotError)
        }${gap} | ` +
        `[${host(m.source)}](${m.source}) |`,
    );
  }
  for (const r of lat.filter((r) => r.measurement.knownGap)) {
    const m = r.measurement;
    lines.push(
      "",
      `² ${m.model} on ${m.gpu} × ${m.tensorParallel}, ${m.promptTokens} tokens: ${m.knownGap}.`,
    );
  }
  return lines.join("\n");
}
