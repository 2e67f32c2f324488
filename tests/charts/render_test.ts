import { deepEqual, equal, ok, throws } from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import {
  chartDocument,
  pngSize,
  renderFigureHtml,
  renderSvg,
  svgToPng,
} from "../../src/charts/mod.ts";
import { decodePng, inkFraction } from "./png_decode.ts";
import { parseSvg } from "./svg_query.ts";

const bars = [{ c: "a", n: 1 }, { c: "b", n: 3 }];

Deno.test("renderSvg() returns a standalone SVG with xmlns, a title and the legend inside", () => {
  const svg = renderSvg({
    title: 'Bars <&> "quoted"',
    subtitle: "What is plotted.",
    caption: "Source: a test.",
    color: { legend: true, domain: ["a", "b"], range: ["#4e79a7", "#e15759"] },
    x: { label: "Category" },
    y: { label: "Count (sessions)" },
    marks: [Plot.barY(bars, { x: "c", y: "n", fill: "c" })],
  });
  ok(svg.startsWith("<svg"));
  ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'));
  const doc = parseSvg(svg); // parses as XML: escaping is right
  equal(doc.texts("title")[0], 'Bars <&> "quoted"');
  ok(doc.texts('g[aria-label="header"] text').includes("What is plotted."));
  ok(doc.texts('g[aria-label="caption"] text').includes("Source: a test."));
  // Legend swatches drawn in SVG, not as Plot's HTML swatches.
  equal(doc.all('g[aria-label="legend"] rect').length, 2);
  ok(!svg.includes("<div"));
  ok(svg.includes("DejaVu Sans"));
  // The header pushes the plot down; the viewBox grows to hold it.
  const height = Number(doc.root.getAttribute("height"));
  ok(height > 400, `height ${height}`);
  equal(doc.root.getAttribute("viewBox"), `0 0 720 ${height}`);
});

Deno.test("renderSvg() takes a Plot figure made elsewhere and keeps its title and legend", () => {
  const figure = Plot.plot({
    document: chartDocument(),
    title: "From Plot",
    color: { legend: true },
    marks: [Plot.barY(bars, { x: "c", y: "n", fill: "c" })],
  });
  equal((figure as unknown as Element).tagName.toLowerCase(), "figure");
  const svg = renderSvg(figure as unknown as Element);
  const doc = parseSvg(svg);
  equal(doc.texts("title")[0], "From Plot");
  equal(doc.all('g[aria-label="legend"] rect').length, 2);
  ok(doc.all('g[aria-label="bar"] rect').length === 2);
});

Deno.test("renderSvg() draws a continuous colour legend as an SVG gradient (no canvas)", () => {
  const svg = renderSvg({
    title: "Ramp",
    color: { type: "linear", legend: true },
    marks: [Plot.dot([{ x: 1, v: 0 }, { x: 2, v: 10 }], { x: "x", fill: "v" })],
  });
  const doc = parseSvg(svg);
  equal(doc.all("linearGradient stop").length, 17);
  deepEqual(doc.texts('g[aria-label="legend"] text'), ["0", "10"]);
});

Deno.test("renderSvg() and renderFigureHtml() reject bad input, naming it", () => {
  throws(
    () => renderSvg({ title: "", marks: [] }),
    (e: Error) => e instanceof TypeError && e.message.includes("spec.title"),
  );
  throws(
    () => renderFigureHtml({ title: "x", marks: [] }, { id: "bad id" }),
    (e: Error) => e instanceof TypeError && e.message.includes("options.id"),
  );
  throws(
    () => renderFigureHtml("<div></div>"),
    (e: Error) => e instanceof TypeError && e.message.includes("<svg"),
  );
  const html = renderFigureHtml({ title: "T", marks: [] }, { id: "chart-t", caption: "a < b" });
  ok(html.startsWith('<figure class="capsim-chart" id="chart-t"><svg'));
  ok(html.endsWith("<figcaption>a &lt; b</figcaption></figure>"));
});

Deno.test("svgToPng() writes a PNG whose IHDR size is the SVG size × zoom, with ink in it", async () => {
  const svg = renderSvg({
    title: "PNG check",
    width: 720,
    height: 300,
    marks: [Plot.barY(bars, { x: "c", y: "n" })],
  });
  const doc = parseSvg(svg);
  const width = Number(doc.root.getAttribute("width"));
  const height = Number(doc.root.getAttribute("height"));
  const png = svgToPng(svg);
  deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  equal(String.fromCharCode(...png.subarray(12, 16)), "IHDR");
  deepEqual(pngSize(png), { width: width * 2, height: height * 2 });
  deepEqual(pngSize(svgToPng(svg, { zoom: 1 })), { width, height });
  deepEqual(pngSize(svgToPng(svg, { width: 360 })), { width: 360, height: Math.round(height / 2) });
  const image = await decodePng(png);
  equal(image.width, width * 2);
  // The title row (top 40 px at 1×) holds dark text; the bars fill part of the plot.
  ok(inkFraction(image, { x: 0, y: 0, width: 400, height: 80 }) > 0.02);
  ok(inkFraction(image, { x: 0, y: 0, width: image.width, height: image.height }) > 0.05);
});

Deno.test("svgToPng() and pngSize() reject bad input", () => {
  throws(
    () => svgToPng("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", { zoom: 0 }),
    (e: Error) => e instanceof RangeError && e.message.includes("options.zoom"),
  );
  throws(() => svgToPng("<svg"), Error);
  throws(
    () => pngSize(new Uint8Array([1, 2, 3])),
    (e: Error) => e instanceof TypeError && e.message.includes("png"),
  );
});

Deno.test("renderSvg() keeps the plot when another scale's legend makes Plot return a figure", () => {
  const svg = renderSvg({
    title: "Symbols",
    symbol: { legend: true },
    marks: [Plot.dot([{ x: 1, s: "a" }, { x: 2, s: "b" }], { x: "x", symbol: "s" })],
  });
  const doc = parseSvg(svg);
  equal(doc.root.localName, "svg");
  equal(doc.all('g[aria-label="dot"] path').length, 2);
});
