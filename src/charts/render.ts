/**
 * Renders chart specs to standalone SVG without a browser: Observable Plot draws into a
 * linkedom document, then the title, subtitle, legend and caption are added to the SVG itself
 * (Plot puts them in HTML around the plot, which an `.svg` file or a PNG would lose). The result
 * has `xmlns`, a white background, DejaVu Sans, a `<title>` and `role="img"`, and renders the same
 * in browsers, resvg and rsvg-convert.
 *
 * Colour legends are drawn here as SVG: swatches for ordinal scales, a gradient for continuous
 * ones (sampled from the scale), so Plot's canvas-drawn ramp legend, which no server-side DOM
 * supports, is never needed.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderSvg } from "./render.ts";
 * import { ok } from "node:assert/strict";
 * const svg = renderSvg({
 *   title: "Two bars",
 *   x: { label: "Category" },
 *   y: { label: "Count (sessions)" },
 *   marks: [Plot.barY([{ c: "a", n: 1 }, { c: "b", n: 2 }], { x: "c", y: "n" })],
 * });
 * ok(svg.startsWith("<svg"));
 * ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'));
 * ok(svg.includes("Two bars"));
 * ```
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { CHART_FONT_STACK, CHART_WIDTH } from "./theme.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * A chart: its texts plus Observable Plot options (`marks`, scales, `width`, `height`, margins,
 * facets: everything `Plot.plot` takes, as Plot's `PlotOptions` documents them). A colour scale
 * with `legend: true` gets its legend drawn inside the SVG.
 */
export interface ChartSpec {
  /** The chart's title (drawn in the SVG, 16 px bold). */
  title: string;
  /** One or two sentences under the title: what is plotted and how to read it. */
  subtitle?: string;
  /** A note under the plot (sources, definitions). */
  caption?: string;
  /** Any other Plot option. */
  [plotOption: string]: unknown;
}

/** Options of `renderFigureHtml`. */
export interface FigureHtmlOptions {
  /** `id` of the `<figure>` (letters, digits, `-` and `_`). */
  id?: string;
  /** Text of a `<figcaption>` (escaped). */
  caption?: string;
}

let sharedDocument: Document | undefined;

/**
 * The linkedom document charts are drawn in (one per process; charts are never attached to it).
 * @returns a DOM `Document`
 */
export function chartDocument(): Document {
  if (!sharedDocument) {
    const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
    sharedDocument = document as unknown as Document;
  }
  return sharedDocument;
}

/** A scale as `plot.scale("color")` describes it. */
type ScaleDescriptor = Plot.ScaleOptions & { type?: string; domain?: unknown[]; range?: unknown[] };

const ORDINAL_TYPES = new Set(["ordinal", "categorical", "point", "band", "threshold", "quantile"]);

/**
 * Draws a spec with Plot and returns the finished chart as an SVG element (title, subtitle,
 * legend and caption inside it).
 * @param spec Plot options with `title` (and optionally `subtitle`, `caption`)
 * @returns the chart's root `<svg>` element, detached
 * @throws {TypeError} a spec without a title
 */
export function plotChart(spec: ChartSpec): SVGSVGElement {
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`spec: expected Plot options with a title; received ${spec}`);
  }
  if (typeof spec.title !== "string" || spec.title.trim() === "") {
    throw new TypeError(`spec.title: expected a non-empty string; received ${spec.title}`);
  }
  const { title, subtitle, caption, ...rest } = spec;
  const options = rest as Plot.PlotOptions;
  const color = options.color as (Plot.ScaleOptions & { legend?: unknown }) | undefined;
  const legend = Boolean(color?.legend);
  const document = chartDocument();
  const plot = Plot.plot({
    ...options,
    color: color ? { ...color, legend: false } : color,
    width: options.width ?? CHART_WIDTH,
    document,
    style: { fontFamily: CHART_FONT_STACK, fontSize: "11px", ...styleObject(options.style) },
  }) as unknown as SVGSVGElement & Plot.Plot;
  const descriptor = legend ? (plot.scale("color") as ScaleDescriptor | undefined) : undefined;
  // Legends of other scales (symbol, opacity) make Plot return a <figure>: keep its plot.
  const svg = plot.tagName.toLowerCase() === "svg" ? plot : plotSvgOf(plot);
  if (!svg) throw new TypeError("spec: Plot drew no <svg> for these options");
  return compose(document, svg, { title, subtitle, caption, legend: descriptor });
}

/** The plot's own `<svg>` inside a Plot figure (not a legend swatch's). */
function plotSvgOf(figure: Element): SVGSVGElement | undefined {
  const svgs = [...figure.querySelectorAll("svg")].filter((s) =>
    !s.closest("[class*='-swatch'], [class*='-ramp']")
  );
  return svgs[svgs.length - 1] as SVGSVGElement | undefined;
}

function styleObject(style: Plot.PlotOptions["style"]): Record<string, string> {
  return style && typeof style === "object" ? { ...(style as Record<string, string>) } : {};
}

/**
 * Serialises a chart as a standalone SVG document (`<svg xmlns=...>`, no XML declaration).
 * @param input a chart spec, a chart element from `plotChart`, or a figure/SVG made by `Plot.plot`
 * @returns the SVG markup
 * @throws {TypeError} neither a spec nor an element containing an `<svg>`
 */
export function renderSvg(input: ChartSpec | Element): string {
  const svg = toSvgElement(input);
  svg.setAttribute("xmlns", SVG_NS);
  return serialize(svg);
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
};

/**
 * Markup of a node as XML that is also valid inline HTML. linkedom escapes neither `&` nor `<`
 * in attribute values, so it is not used for this.
 */
function serialize(node: Node): string {
  if (node.nodeType === 3) return (node.textContent ?? "").replace(/[&<>]/g, (c) => escapes[c]);
  if (node.nodeType !== 1) return "";
  const element = node as Element;
  const name = element.localName;
  const attrs = [...element.attributes]
    .map((a) => ` ${a.name}="${a.value.replace(/[&<>"]/g, (c) => escapes[c])}"`)
    .join("");
  const children = [...element.childNodes].map(serialize).join("");
  return children === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${children}</${name}>`;
}

/**
 * A chart as an HTML `<figure>` for inline embedding (the SVG inline, so the page needs nothing
 * else to show it).
 * @param input as for `renderSvg`, or SVG markup `renderSvg` already returned (used as is)
 * @param options the figure's id and an optional caption
 * @returns the `<figure>` markup
 * @throws {TypeError} as `renderSvg`; a string that is not SVG markup; an id with other
 *   characters than letters, digits, `-`, `_`
 */
export function renderFigureHtml(
  input: ChartSpec | Element | string,
  options: FigureHtmlOptions = {},
): string {
  if (typeof input === "string" && !input.startsWith("<svg")) {
    throw new TypeError("input: expected SVG markup starting with <svg");
  }
  if (options.id !== undefined && !/^[A-Za-z][\w-]*$/.test(options.id)) {
    throw new TypeError(
      `options.id: expected letters, digits, "-" or "_" starting with a letter; received ${
        JSON.stringify(options.id)
      }`,
    );
  }
  const id = options.id === undefined ? "" : ` id="${options.id}"`;
  const caption = options.caption === undefined
    ? ""
    : `<figcaption>${escapeText(options.caption)}</figcaption>`;
  const svg = typeof input === "string" ? input : renderSvg(input);
  return `<figure class="capsim-chart"${id}>${svg}${caption}</figure>`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function isElement(value: unknown): value is Element {
  return typeof value === "object" && value !== null && "outerHTML" in value &&
    "tagName" in value;
}

function toSvgElement(input: ChartSpec | Element): SVGSVGElement {
  if (!isElement(input)) {
    if (input !== null && typeof input === "object") return plotChart(input);
    throw new TypeError(`input: expected a chart spec or an element; received ${input}`);
  }
  const tag = input.tagName.toLowerCase();
  if (tag === "svg") {
    return input.hasAttribute("data-capsim-chart")
      ? input as SVGSVGElement
      : fromPlotFigure(input, input);
  }
  const svg = plotSvgOf(input);
  if (!svg) throw new TypeError(`input: expected an element containing an <svg>; found none`);
  return fromPlotFigure(input, svg);
}

/** A Plot figure (title and legend in HTML) rebuilt as one self-contained SVG. */
function fromPlotFigure(figure: Element, svg: Element): SVGSVGElement {
  const document = chartDocument();
  const text = (selector: string) => figure.querySelector(selector)?.textContent ?? undefined;
  const scale = (figure as unknown as Partial<Plot.Plot>).scale;
  const hasLegend = figure.querySelector("[class*='-swatches'], [class*='-ramp']") !== null;
  const legend = hasLegend && typeof scale === "function"
    ? scale.call(figure, "color") as ScaleDescriptor | undefined
    : undefined;
  return compose(document, svg.cloneNode(true) as SVGSVGElement, {
    title: text("h2") ?? "",
    subtitle: text("h3"),
    caption: text("figcaption"),
    legend,
  });
}

interface Header {
  title: string;
  subtitle?: string;
  caption?: string;
  legend?: ScaleDescriptor;
}

const PAD = 12;
const TITLE_PX = 16;
const SUBTITLE_PX = 12.5;
const LEGEND_PX = 12;
const CAPTION_PX = 11;

/** Rough advance width of DejaVu Sans text (its mean glyph is ≈ 0.6 em). */
function textWidth(text: string, px: number): number {
  return text.length * px * 0.6;
}

function wrap(text: string, widthPx: number, px: number): string[] {
  const max = Math.max(10, Math.floor(widthPx / (px * 0.6)));
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > max) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines;
}

function el(document: Document, tag: string, attrs: Record<string, string | number>): Element {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function textEl(
  document: Document,
  content: string,
  attrs: Record<string, string | number>,
): Element {
  const node = el(document, "text", { "text-anchor": "start", ...attrs });
  node.textContent = content;
  return node;
}

let gradientCounter = 0;

/** Draws the legend at (PAD, y); returns the height used. */
function drawLegend(
  document: Document,
  parent: Element,
  legend: ScaleDescriptor,
  y: number,
  width: number,
): number {
  const group = el(document, "g", { transform: `translate(${PAD},${y})`, "aria-label": "legend" });
  parent.appendChild(group);
  const label = typeof legend.label === "string" ? legend.label : undefined;
  if (legend.type && !ORDINAL_TYPES.has(legend.type)) {
    return drawRamp(document, group, legend, label);
  }
  const domain = (legend.domain ?? []).map(String);
  const range = (legend.range ?? []).map(String);
  let x = 0;
  let row = 0;
  if (label) {
    group.appendChild(textEl(document, label, { x: 0, y: 10, "font-weight": "bold" }));
    x = textWidth(label, LEGEND_PX) + 12;
  }
  domain.forEach((name, i) => {
    const itemWidth = 18 + textWidth(name, LEGEND_PX) + 14;
    if (x > 0 && x + itemWidth > width - 2 * PAD) {
      row++;
      x = 0;
    }
    const item = el(document, "g", { transform: `translate(${x},${row * 18})` });
    item.appendChild(el(document, "rect", {
      width: 12,
      height: 12,
      y: 0,
      rx: 2,
      fill: range[i % Math.max(1, range.length)] ?? "currentColor",
    }));
    item.appendChild(textEl(document, name, { x: 17, y: 10.5 }));
    group.appendChild(item);
    x += itemWidth;
  });
  return (row + 1) * 18;
}

function drawRamp(
  document: Document,
  group: Element,
  legend: ScaleDescriptor,
  label: string | undefined,
): number {
  const scale = Plot.scale({ color: legend });
  const domain = (legend.domain ?? [0, 1]) as number[];
  const lo = Number(domain[0]);
  const hi = Number(domain[domain.length - 1]);
  const id = `capsim-ramp-${++gradientCounter}`;
  const gradient = el(document, "linearGradient", { id, x1: 0, x2: 1, y1: 0, y2: 0 });
  for (let i = 0; i <= 16; i++) {
    const value = lo + ((hi - lo) * i) / 16;
    gradient.appendChild(el(document, "stop", {
      offset: `${(i / 16) * 100}%`,
      "stop-color": String(scale.apply(value)),
    }));
  }
  const defs = el(document, "defs", {});
  defs.appendChild(gradient);
  group.appendChild(defs);
  let x = 0;
  if (label) {
    group.appendChild(textEl(document, label, { x: 0, y: 10, "font-weight": "bold" }));
    x = textWidth(label, LEGEND_PX) + 12;
  }
  group.appendChild(el(document, "rect", { x, y: 1, width: 240, height: 10, fill: `url(#${id})` }));
  const fmt = (v: number) => `${Number(v.toPrecision(3))}`;
  group.appendChild(textEl(document, fmt(lo), { x, y: 24 }));
  group.appendChild(textEl(document, fmt(hi), { x: x + 240, y: 24, "text-anchor": "end" }));
  return 28;
}

/** Moves the plot down under a drawn header and adds the caption under it. */
function compose(
  document: Document,
  plot: SVGSVGElement,
  header: Header,
): SVGSVGElement {
  const width = Number(plot.getAttribute("width")) || CHART_WIDTH;
  const plotHeight = Number(plot.getAttribute("height")) || 400;
  const body = el(document, "g", { transform: "translate(0,0)", "aria-label": "plot" });
  for (const child of [...plot.childNodes]) {
    if ((child as Element).tagName?.toLowerCase() !== "style") body.appendChild(child);
  }
  const head = el(document, "g", { "aria-label": "header", fill: "#1a1a1a" });
  let y = PAD;
  if (header.title) {
    y += TITLE_PX;
    head.appendChild(textEl(document, header.title, {
      x: PAD,
      y,
      "font-size": TITLE_PX,
      "font-weight": "bold",
    }));
  }
  for (const line of wrap(header.subtitle ?? "", width - 2 * PAD, SUBTITLE_PX)) {
    y += SUBTITLE_PX + 5;
    head.appendChild(
      textEl(document, line, { x: PAD, y, "font-size": SUBTITLE_PX, fill: "#444" }),
    );
  }
  if (header.legend) {
    y += 10;
    const legendGroup = el(document, "g", { "font-size": LEGEND_PX });
    head.appendChild(legendGroup);
    y += drawLegend(document, legendGroup, header.legend, y, width);
  }
  y += 6;
  body.setAttribute("transform", `translate(0,${y})`);
  let bottom = y + plotHeight;
  const foot = el(document, "g", { "aria-label": "caption", fill: "#555" });
  for (const line of wrap(header.caption ?? "", width - 2 * PAD, CAPTION_PX)) {
    bottom += CAPTION_PX + 4;
    foot.appendChild(textEl(document, line, { x: PAD, y: bottom, "font-size": CAPTION_PX }));
  }
  if (header.caption) bottom += 6;
  const height = Math.ceil(bottom);
  const titleEl = el(document, "title", {});
  titleEl.textContent = header.title;
  plot.insertBefore(titleEl, plot.firstChild);
  const background = el(document, "rect", { width, height, fill: "white" });
  for (const node of [background, head, body, foot]) plot.appendChild(node);
  plot.setAttribute("width", String(width));
  plot.setAttribute("height", String(height));
  plot.setAttribute("viewBox", `0 0 ${width} ${height}`);
  plot.setAttribute("font-family", CHART_FONT_STACK);
  plot.setAttribute("font-size", "11");
  plot.setAttribute("role", "img");
  plot.setAttribute("aria-label", header.title);
  plot.setAttribute("data-capsim-chart", "");
  return plot;
}
