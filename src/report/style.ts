/**
 * The report's inline stylesheet: one readable column, system fonts only (nothing is fetched),
 * compact numeric tables, print-friendly.
 *
 * @example
 * ```ts
 * import { REPORT_CSS } from "./style.ts";
 * import { ok } from "node:assert/strict";
 * ok(!REPORT_CSS.includes("@import") && !REPORT_CSS.includes("url("));
 * ```
 * @module
 */

/** CSS of the sizing report (no `@import`, no `url()`). */
export const REPORT_CSS: string = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #ddd; --accent: #1f4e79;
  --pass: #1e7b34; --fail: #b3261e; --best: #eef5fb; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 15px/1.5 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header .meta { color: var(--muted); font-size: 13px; margin: 0 0 12px; }
nav { font-size: 13px; margin: 8px 0 24px; }
nav a { margin-right: 12px; }
a { color: var(--accent); }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 6px; }
p { margin: 6px 0 10px; }
code, pre { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: #f6f8fa; border: 1px solid var(--rule); padding: 12px; overflow: auto; max-height: 480px; }
.headline { background: var(--best); border-left: 4px solid var(--accent); padding: 10px 14px; margin: 8px 0 14px; }
.table-wrap { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; font-size: 13px; min-width: 50%; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.best td { background: var(--best); font-weight: 600; }
tr.none td { color: var(--muted); }
tr.nofit td { color: var(--muted); }
tr.pass td:last-child, strong.pass { color: var(--pass); font-weight: 600; }
tr.fail td:last-child, strong.fail { color: var(--fail); font-weight: 600; }
table.plans { font-size: 12px; }
table.plans td:nth-child(3), table.recommendations td:nth-child(5) { white-space: nowrap; }
figure.capsim-chart { margin: 14px 0 18px; max-width: 720px; }
figure.capsim-chart svg { display: block; width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
details summary { cursor: pointer; color: var(--accent); }
.note { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print { nav { display: none; } h2 { break-after: avoid; } figure { break-inside: avoid; } }
`;
