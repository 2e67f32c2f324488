/**
 * Opens a written report in headless Chromium: every chart must render (an SVG with content,
 * axis tick text, a visible box in the laid-out page with ink in the screenshot), and the PNGs
 * `writeReport` wrote must be valid images of the expected size. Needs Debian's `chromium`
 * (`apt-get install -y --no-install-recommends chromium`); without it the test fails saying so.
 *
 * @module
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { DOMParser } from "linkedom";
import { pngSize } from "../../src/charts/mod.ts";
import { writeReport } from "../../src/report/mod.ts";
import { colorFraction, decodePng, inkFraction } from "../charts/png_decode.ts";
import { fixtureResult } from "./fixture.ts";
import { CHART_PROBE, CHROMIUM_MISSING, findChromium, runChromium } from "../support/chromium.ts";

const WIDTH = 1200;

Deno.test("the written report renders every chart in headless Chromium", async () => {
  const bin = findChromium();
  ok(bin, CHROMIUM_MISSING);
  const dir = await Deno.makeTempDir({ prefix: "capsim-browser-" });
  try {
    const result = await fixtureResult();
    const written = await writeReport(result, `${dir}/report`, {
      generatedAt: "2026-11-25T12:00:00Z",
    });
    const html = await Deno.readTextFile(written.html);
    const probe = `${dir}/report/probe.html`;
    await Deno.writeTextFile(probe, html.replace("</body>", `${CHART_PROBE}</body>`));

    // 1. The DOM Chromium built: every chart is a non-empty SVG with axis tick labels.
    const dom = await runChromium(bin, `${dir}/profile-dom`, [
      `--window-size=${WIDTH},3000`,
      "--dump-dom",
      `file://${probe}`,
    ]);
    const doc = new DOMParser().parseFromString(dom, "text/html") as unknown as Document;
    const svgs = [...doc.querySelectorAll("figure.capsim-chart svg")];
    deepEqual(
      [...doc.querySelectorAll("figure.capsim-chart")].map((f) => f.id),
      written.charts.map((c) => `chart-${c.name}`),
    );
    const rects = svgs.map((svg, i) => {
      const name = written.charts[i].name;
      ok(svg.children.length > 2, `${name}: the SVG has content`);
      const ticks = svg.querySelectorAll(
        'g[aria-label="x-axis tick label"] text, g[aria-label="y-axis tick label"] text',
      );
      ok(ticks.length >= 4, `${name}: ${ticks.length} axis tick labels`);
      const [x, y, width, height] = (svg.getAttribute("data-rect") ?? "").split(",").map(Number);
      ok(width >= 600 && height >= 250, `${name}: laid out at ${width}×${height}`);
      return { name, x, y, width, height };
    });
    const pageHeight = Number(doc.body.getAttribute("data-height"));
    ok(pageHeight > 3000, `page height ${pageHeight}`);

    // 2. A screenshot of the whole page: each chart's box has ink (text, axes) and coloured
    // data marks, so no chart is a blank or axes-only frame.
    const shot = `${dir}/shot.png`;
    await runChromium(bin, `${dir}/profile-shot`, [
      `--window-size=${WIDTH},${pageHeight}`,
      `--screenshot=${shot}`,
      `file://${written.html}`,
    ]);
    const image = await decodePng(await Deno.readFile(shot));
    deepEqual([image.width, image.height], [WIDTH, pageHeight]);
    for (const r of rects) {
      const ink = inkFraction(image, r);
      const color = colorFraction(image, r);
      ok(ink > 0.02, `${r.name}: ${(ink * 100).toFixed(1)} % of its box is drawn`);
      ok(color > 0.005, `${r.name}: ${(color * 100).toFixed(2)} % of its box is coloured marks`);
    }

    // 3. The PNGs: valid, 2× the SVG's size.
    for (const [i, { name, path }] of written.charts.entries()) {
      const svg = svgs[i];
      const size = pngSize(await Deno.readFile(path));
      equal(size.width, 2 * Number(svg.getAttribute("width")), `${name}.png width`);
      equal(size.height, 2 * Number(svg.getAttribute("height")), `${name}.png height`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
