/**
 * Test helpers that read an executed notebook (nbformat 4 JSON, as `jupyter nbconvert --to
 * notebook --execute` writes it): failed cells, text outputs, the `RESULT {...}` line a notebook
 * prints for the tests, and the charts it displayed — each checked to be a real drawing: an
 * `<svg>` with axis tick labels and at least one data mark with geometry.
 *
 * @module
 */

import { DOMParser } from "linkedom";

/** The parts of an executed notebook the tests read. */
export interface ExecutedNotebook {
  /** The cells. */
  cells: {
    cell_type: string;
    id?: string;
    execution_count?: number | null;
    outputs?: NotebookOutput[];
  }[];
}

/** One output of a code cell. */
export interface NotebookOutput {
  /** `stream`, `display_data`, `execute_result` or `error`. */
  output_type: string;
  /** Stream text. */
  text?: string | string[];
  /** Display data by MIME type. */
  data?: Record<string, string | string[]>;
  /** Error name. */
  ename?: string;
  /** Error message. */
  evalue?: string;
}

/** A chart found in a notebook's outputs. */
export interface ChartCheck {
  /** The chart's title (the SVG's `aria-label`). */
  title: string;
  /** What is wrong with it; empty when it is a real drawing. */
  problems: string[];
}

const joined = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join("") : value ?? "";

/**
 * Every output of every code cell, in order.
 * @param notebook the executed notebook
 * @returns the outputs
 */
export function outputsOf(notebook: ExecutedNotebook): NotebookOutput[] {
  return notebook.cells.flatMap((c) => c.cell_type === "code" ? c.outputs ?? [] : []);
}

/**
 * Problems with the run itself: error outputs and code cells that never ran.
 * @param notebook the executed notebook
 * @returns one line per problem
 */
export function runProblems(notebook: ExecutedNotebook): string[] {
  const problems: string[] = [];
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    if (cell.execution_count === null || cell.execution_count === undefined) {
      problems.push(`cells[${i}] (${cell.id}): not executed`);
    }
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error") {
        problems.push(`cells[${i}] (${cell.id}): ${o.ename}: ${o.evalue}`);
      }
    }
  });
  return problems;
}

/**
 * Text the notebook printed: streams and `text/plain` displays, in order.
 * @param notebook the executed notebook
 * @returns the texts
 */
export function textsOf(notebook: ExecutedNotebook): string[] {
  return outputsOf(notebook).flatMap((o) =>
    o.output_type === "stream"
      ? [joined(o.text)]
      : o.data?.["text/plain"] !== undefined
      ? [joined(o.data["text/plain"])]
      : []
  );
}

/**
 * The JSON of the one `RESULT {...}` line a notebook prints.
 * @param notebook the executed notebook
 * @returns the parsed object
 * @throws {Error} no RESULT line, or more than one
 */
export function resultOf(notebook: ExecutedNotebook): Record<string, unknown> {
  const lines = textsOf(notebook).flatMap((t) => t.split("\n")).filter((l) =>
    l.startsWith("RESULT ")
  );
  if (lines.length !== 1) throw new Error(`expected one RESULT line; found ${lines.length}`);
  return JSON.parse(lines[0].slice("RESULT ".length));
}

/** Plot marks that draw data (not axes, grids, rules or labels). */
const DATA_MARKS = ["bar", "rect", "line", "area", "dot"];

function hasGeometry(shape: Element): boolean {
  const num = (name: string) => Number(shape.getAttribute(name));
  switch (shape.localName) {
    case "path":
      // A drawing command after the move (NaN or Infinity would draw nothing).
      return /[LCQAHVZ]/i.test((shape.getAttribute("d") ?? "").replace(/NaN|Infinity/g, ""));
    case "rect":
      return num("width") > 0 && num("height") > 0;
    case "circle":
      return num("r") > 0;
    case "line":
      return num("x1") !== num("x2") || num("y1") !== num("y2");
    default:
      return false;
  }
}

/**
 * Checks one chart's markup: it parses as SVG, has a title, at least two axis tick labels, at
 * least one data mark (bar, rect, line, area or dot) with a drawn shape, and no NaN or Infinity.
 * @param svg the `<svg>…</svg>` markup
 * @returns the chart's title and problems
 */
export function checkChartSvg(svg: string): ChartCheck {
  const problems: string[] = [];
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as Document;
  const root = doc.documentElement;
  if (!root || root.localName !== "svg") return { title: "?", problems: ["not an <svg>"] };
  const title = root.getAttribute("aria-label") ?? "";
  if (title === "") problems.push("no title");
  const ticks = root.querySelectorAll('g[aria-label$="-axis tick label"] text');
  if (ticks.length < 2) problems.push(`${ticks.length} axis tick labels`);
  const marks = DATA_MARKS.flatMap((m) => [...root.querySelectorAll(`g[aria-label="${m}"]`)]);
  const drawn = marks.flatMap((g) => [...g.querySelectorAll("path, rect, circle, line")])
    .filter(hasGeometry);
  if (drawn.length === 0) problems.push("no data mark with a drawn shape");
  const bad = svg.match(/[\w-]+="[^"]*(?:NaN|Infinity)[^"]*"/g);
  if (bad) problems.push(`NaN/Infinity in ${bad.slice(0, 3).join(", ")}`);
  return { title, problems };
}

/**
 * The charts a notebook displayed: every `text/html` output holding an `<svg>`, checked.
 * @param notebook the executed notebook
 * @returns one check per chart, in display order
 */
export function chartsOf(notebook: ExecutedNotebook): ChartCheck[] {
  return outputsOf(notebook).flatMap((o) => {
    const html = joined(o.data?.["text/html"]);
    return [...html.matchAll(/<svg[\s>][\s\S]*?<\/svg>/g)].map((m) => checkChartSvg(m[0]));
  });
}
