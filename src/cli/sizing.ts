/**
 * `deno task sizing [scenario.json] [--out dir] [--trials n] [--seed s] [--workers n] [--json]`:
 * the main job. Runs a scenario (the default one without a file) through the Monte Carlo engine,
 * prints a short summary — the recommended configuration per GPU type and precision, its monthly
 * cost and its risk of overflow — and writes `report.html`, `summary.json` and PNG charts to
 * `out/<scenario>/`.
 *
 * With `--json` the result goes to stdout as JSON, byte-identical across runs and worker counts
 * for a fixed seed; progress, timings and messages go to stderr. An unwritable `--out` is an error
 * before any work starts; Ctrl-C stops the run cleanly (exit 130).
 *
 * @module
 */

import { resolve } from "node:path";
import { ScenarioError } from "../scenario/errors.ts";
import { loadScenario } from "../scenario/load.ts";
import { DEFAULT_SCENARIO_PATH } from "../scenario/paths.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { runScenario } from "../scenario/run.ts";
import { writeReport } from "../report/write.ts";
import { parseSizingArgs, SIZING_USAGE } from "./args.ts";
import { stderrProgress } from "./progress.ts";
import { formatTable } from "./table.ts";

/**
 * The short text summary printed after a run: one row per GPU type × KV × weight precision with
 * the smallest qualifying GPU count, its cost and its P(overflow); plan-only for static workloads.
 * @param result a scenario result
 * @returns the summary text
 */
export function sizingSummary(result: ScenarioResult): string {
  const lines = [`capsim sizing — ${result.name}`];
  if (result.summary) {
    const s = result.summary;
    lines.push(
      `${s.trials} trials; peak live KV p99 ${s.peakLiveKvGiB.p99.toFixed(1)} GiB at bf16; ` +
        `peak live sessions p99 ${s.peakLiveSessions.p99.toFixed(0)}; ` +
        `P(overflow) target ${s.targetOverflowProbability}`,
      "",
      formatTable(
        ["GPU", "KV", "weights", "GPUs needed", "$/month", "P(overflow)", "TTFT ms", "TPOT ms"],
        s.recommendations.map((r) => [
          r.gpu,
          r.kvPrecision,
          r.weightPrecision,
          r.gpuCount ?? "none in grid",
          r.config ? Math.round(r.config.monthlyCostUsd) : "–",
          r.config ? Number(r.config.pOverflow.toFixed(3)) : "–",
          r.config?.ttftMs != null ? Math.round(r.config.ttftMs) : "–",
          r.config ? Number(r.config.tpotMs.toFixed(1)) : "–",
        ]),
      ),
    );
  } else {
    lines.push(
      "static workload (plans only)",
      "",
      formatTable(
        ["GPU", "GPUs", "KV", "weights", "HBM slots", "NAND slots", "$/month", "fits"],
        result.plans.map(({ gpu, gpuCount, kvPrecision, weightPrecision, plan }) => [
          gpu,
          gpuCount,
          kvPrecision,
          weightPrecision,
          plan.hbmSlots,
          plan.nandSlots,
          Math.round(plan.monthlyGpuCostUsd),
          plan.fits ? "yes" : "no",
        ]),
      ),
    );
  }
  const failed = result.expectations.filter((e) => !e.passed);
  if (result.expectations.length > 0) {
    lines.push(
      "",
      `expectations: ${
        result.expectations.length - failed.length
      } of ${result.expectations.length} hold`,
    );
    for (const e of failed) {
      lines.push(`  FAILED ${e.path}: ${e.description}; observed ${e.observed}`);
    }
  }
  return lines.join("\n");
}

/** Checks that `dir` can be created and written, before any work starts. */
async function ensureWritable(dir: string): Promise<void> {
  try {
    await Deno.mkdir(dir, { recursive: true });
    const probe = `${dir}/.capsim-write-test`;
    await Deno.writeTextFile(probe, "");
    await Deno.remove(probe);
  } catch (error) {
    throw new Error(
      `--out: cannot write to ${JSON.stringify(dir)}: ${
        error instanceof Error ? error.message : error
      }`,
    );
  }
}

/**
 * Runs the command.
 * @param argv the arguments after the script name
 * @returns the process exit code (0 ok, 1 expectations failed, 2 bad input, 130 interrupted)
 */
export async function main(argv: readonly string[]): Promise<number> {
  const log = (text: string) => console.error(text);
  let args;
  try {
    args = parseSizingArgs(argv);
  } catch (error) {
    log(`error: ${(error as Error).message}\n\n${SIZING_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(SIZING_USAGE);
    return 0;
  }
  const file = args.scenario ?? DEFAULT_SCENARIO_PATH;
  let scenario;
  try {
    scenario = await loadScenario(file);
  } catch (error) {
    log(
      error instanceof ScenarioError || error instanceof Error
        ? `error: ${error.message}`
        : String(error),
    );
    return 2;
  }
  const outDir = resolve(args.out ?? `out/${scenario.name}`);
  try {
    await ensureWritable(outDir);
  } catch (error) {
    log(`error: ${(error as Error).message}`);
    return 2;
  }

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  const progress = stderrProgress("trials");
  const started = performance.now();
  let result: ScenarioResult;
  try {
    result = await runScenario(scenario, {
      trials: args.trials,
      seed: args.seed,
      workers: args.workers,
      onProgress: (done, total) => progress.update(done, total),
      signal: controller.signal,
    });
  } catch (error) {
    progress.finish();
    if (error instanceof DOMException && error.name === "AbortError") {
      log("interrupted: no report written");
      return 130;
    }
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
  progress.finish();
  const simulatedS = (performance.now() - started) / 1000;
  const written = await writeReport(result, outDir);
  if (args.json) console.log(JSON.stringify(result));
  else console.log(sizingSummary(result));
  const work = result.summary ? `${result.trials} trials` : "plans (static workload)";
  log(
    `${work} in ${simulatedS.toFixed(1)} s; report: ${written.html} ` +
      `(+ summary.json and ${written.charts.length} PNG charts)`,
  );
  return result.expectations.every((e) => e.passed) ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
