/**
 * Writes a sizing report to a folder: `report.html` (self-contained), `summary.json` (the whole
 * `ScenarioResult`, pretty-printed) and one PNG per chart (`<chart-name>.png`, 2× zoom, for
 * READMEs and slides). The folder is created when missing.
 *
 * @example
 * ```ts
 * import { writeReport } from "./write.ts";
 * import { sweepPlans } from "../capacity/sweep.ts";
 * import { ok } from "node:assert/strict";
 * const mix = { extreme: 0, heavy: 0, medium: 1, light: 4 };
 * const plans = sweepPlans({ model: "llama-3.1-8b", gpus: ["l4"], gpuCounts: [1],
 *   kvPrecisions: ["fp8"], weightPrecisions: ["fp8"], workload: mix });
 * const dir = await Deno.makeTempDir();
 * const written = await writeReport({ name: "tiny", scenario: { name: "tiny" }, trials: 0,
 *   summary: null, plans, planMix: mix, expectations: [] }, dir);
 * ok(written.html.endsWith("report.html"));
 * ok((await Deno.readTextFile(written.html)).includes("Sizing report: tiny"));
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { svgToPng } from "../charts/png.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { buildReport, type ReportOptions } from "./report.ts";

/** Options of `writeReport`. */
export interface WriteReportOptions extends ReportOptions {
  /** PNG zoom factor (default 2: a 720 px chart becomes 1,440 px wide). */
  pngZoom?: number;
}

/** The files `writeReport` wrote. */
export interface WrittenReport {
  /** Path of `report.html`. */
  html: string;
  /** Path of `summary.json`. */
  summary: string;
  /** One PNG per chart, in report order. */
  charts: { name: string; path: string }[];
}

function join(dir: string, file: string): string {
  return dir.endsWith("/") ? `${dir}${file}` : `${dir}/${file}`;
}

/**
 * Builds the report and writes it, its data and its chart images to `outDir`.
 * @param result what running the scenario produced
 * @param outDir the folder (created with its parents when missing)
 * @param options timestamp and PNG zoom
 * @returns the paths written
 * @throws {TypeError} an invalid result or an empty `outDir`
 * @throws {Error} the folder cannot be created or written; the message names it and says why
 */
export async function writeReport(
  result: ScenarioResult,
  outDir: string,
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  if (typeof outDir !== "string" || outDir === "") {
    throw new TypeError(`outDir: expected a folder path; received ${JSON.stringify(outDir)}`);
  }
  const fail = (error: unknown): never => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`writeReport: cannot write the report to "${outDir}": ${reason}`, {
      cause: error,
    });
  };
  await Deno.mkdir(outDir, { recursive: true }).catch(fail);
  const report = buildReport(result, options);
  const files: { path: string; data: string | Uint8Array }[] = [
    { path: join(outDir, "report.html"), data: report.html },
    { path: join(outDir, "summary.json"), data: `${JSON.stringify(result, null, 2)}\n` },
    ...report.charts.map((c) => ({
      path: join(outDir, `${c.name}.png`),
      data: svgToPng(c.svg, { zoom: options.pngZoom ?? 2 }),
    })),
  ];
  try {
    for (const f of files) {
      if (typeof f.data === "string") await Deno.writeTextFile(f.path, f.data);
      else await Deno.writeFile(f.path, f.data);
    }
  } catch (error) {
    fail(error);
  }
  return {
    html: files[0].path,
    summary: files[1].path,
    charts: report.charts.map((c, i) => ({ name: c.name, path: files[i + 2].path })),
  };
}
