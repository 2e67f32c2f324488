/**
 * The Monte Carlo runner: N seeded trials of a workload, each driving its own `EventBus` and
 * `SessionProfiler` with the synthetic generator, spread over Web Workers. A trial's randomness
 * depends only on (seed, trial index), and results are ordered by trial, so the output is
 * identical for any worker count. Memory stays bounded: each trial keeps only its grid samples.
 *
 * @example Two trials inline (workers: 0) and on two workers give the same results.
 * ```ts
 * import { runMonteCarlo } from "./monte_carlo.ts";
 * import { deepEqual } from "node:assert/strict";
 * const fixed = (value: number) => ({ kind: "fixed" as const, value });
 * const options = {
 *   model: "llama-3.1-8b", seed: "doc", horizonS: 300, samples: 5, trials: 2,
 *   workload: { mix: [{ name: "chat", weight: 1, shape: { turns: fixed(3), firstInputTokens: fixed(500),
 *     newInputTokens: fixed(50), outputTokens: fixed(100), thinkTimeS: fixed(5), modelTimeS: fixed(2) } }],
 *     arrivals: { kind: "poisson" as const, ratePerS: 0.5 } },
 * };
 * const inline = await runMonteCarlo({ ...options, workers: 0 });
 * const parallel = await runMonteCarlo({ ...options, workers: 2 });
 * deepEqual(inline.trials, parallel.trials);
 * ```
 * @module
 */

import { nonNegativeInteger, positiveInteger } from "../validate.ts";
import { checkTrialOptions, runTrial, type TrialOptions, type TrialResult } from "./trial.ts";

/** Options of `runMonteCarlo`. */
export interface MonteCarloOptions extends TrialOptions {
  /** Trials to run (integer ≥ 1). */
  trials: number;
  /** Web Workers to use; 0 runs on the calling thread (default: the machine's cores). */
  workers?: number;
  /** Called after each trial completes, with trials done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the run: pending trials are abandoned and the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** The worker module (default `./worker.ts`); tests pass a failing one. */
  workerModule?: URL;
}

/** The trials of a run, in trial order, and how long they took. */
export interface MonteCarloResult {
  /** Every trial's observations, ordered by trial index. */
  trials: TrialResult[];
  /** Workers used (0: inline). */
  workers: number;
  /** Wall-clock time, ms (not part of the deterministic output). */
  elapsedMs: number;
  /** Simulated runs per second of wall time, all workers together. */
  runsPerS: number;
}

function abortError(): DOMException {
  return new DOMException("the Monte Carlo run was aborted", "AbortError");
}

/**
 * Runs every trial and returns their observations in trial order.
 * @param options workload, model, horizon, seed, trials, workers
 * @returns the trials and the run's timing
 * @throws {TypeError|RangeError} invalid options (before any work starts); a worker's error
 *   rejects the whole run with that error's message
 */
export async function runMonteCarlo(options: MonteCarloOptions): Promise<MonteCarloResult> {
  const { trials, onProgress, signal, workers: asked, workerModule, ...trialOptions } = options;
  positiveInteger("trials", trials);
  checkTrialOptions(trialOptions);
  const workers = Math.min(
    trials,
    nonNegativeInteger("workers", asked ?? navigator.hardwareConcurrency ?? 1),
  );
  if (signal?.aborted) throw abortError();
  const started = performance.now();
  const results: TrialResult[] = new Array(trials);
  if (workers === 0) {
    for (let t = 0; t < trials; t++) {
      if (signal?.aborted) throw abortError();
      results[t] = runTrial(trialOptions, t);
      onProgress?.(t + 1, trials);
      // Yield so an abort (Ctrl-C) can land between trials.
      if (signal) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } else {
    const url = workerModule ?? new URL("./worker.ts", import.meta.url);
    await runOnWorkers(url, trialOptions, trials, workers, results, onProgress, signal);
  }
  const elapsedMs = performance.now() - started;
  const runs = results.reduce((sum, r) => sum + r.counts.runs, 0);
  return { trials: results, workers, elapsedMs, runsPerS: (runs / elapsedMs) * 1000 };
}

function runOnWorkers(
  url: URL,
  options: TrialOptions,
  trials: number,
  count: number,
  results: TrialResult[],
  onProgress: ((done: number, total: number) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of pool) w.terminate();
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(abortError());
    signal?.addEventListener("abort", onAbort);
    const feed = (worker: Worker) => {
      if (next < trials) worker.postMessage({ type: "trial", trial: next++ });
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(url, { type: "module" });
      pool.push(worker);
      worker.onmessage = (event: MessageEvent) => {
        const message = event.data;
        if (message.type === "error") {
          const error = new Error(`Monte Carlo worker failed: ${message.message}`);
          error.stack = message.stack;
          return finish(error);
        }
        const result = message.result as TrialResult;
        results[result.trial] = result;
        done++;
        onProgress?.(done, trials);
        if (done === trials) return finish();
        feed(worker);
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        finish(new Error(`Monte Carlo worker crashed: ${event.message}`));
      };
      worker.postMessage({ type: "init", options });
      feed(worker);
    }
  });
}
