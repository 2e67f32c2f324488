/**
 * Charts of a capacity study, drawn with Observable Plot into a linkedom DOM (no browser):
 * pure builders that turn a Monte Carlo summary or a sweep of plans into Plot options
 * (`categoryChart`, `liveKvBandsChart`, `peakKvChart`, `overflowChart`, `planChart`), `renderSvg`
 * for a standalone SVG with its title and legend inside, `renderFigureHtml` for inline HTML, and
 * `svgToPng` (resvg) for images.
 *
 * @example Bars of a category mix, as SVG and as a 2× PNG.
 * ```ts
 * import { categoryChart, pngSize, renderSvg, svgToPng } from "./mod.ts";
 * import { ok } from "node:assert/strict";
 * const i = (p50: number) => ({ mean: p50, p5: p50, p50, p95: p50 });
 * const svg = renderSvg(categoryChart({
 *   trials: 1,
 *   categoryShares: { light: i(0.7), medium: i(0.2), heavy: i(0.08), extreme: i(0.02) },
 * }));
 * ok(svg.startsWith('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"'));
 * ok(pngSize(svgToPng(svg)).width === 1440);
 * ```
 * @module
 */

export * from "./theme.ts";
export * from "./render.ts";
export * from "./png.ts";
export * from "./category_chart.ts";
export * from "./live_kv_chart.ts";
export * from "./peak_kv_chart.ts";
export * from "./overflow_chart.ts";
export * from "./plan_chart.ts";

export * from "./inputs.ts";

// Types the chart inputs use, re-exported so this module documents on its own.
export type { KvPrecision } from "../capacity/precision.ts";
export type { SessionCategory } from "../capacity/workload.ts";
