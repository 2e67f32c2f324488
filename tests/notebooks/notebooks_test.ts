/**
 * Executes every notebook in `notebooks/` the way `deno task notebooks` does (Jupyter's
 * `nbconvert` with the project's Deno kernelspec) and checks:
 *
 * 1. every code cell ran and none failed;
 * 2. each notebook displayed its expected number of charts, and each is a real drawing (an SVG
 *    with axis tick labels and data marks with geometry) — in the executed notebook and in the
 *    HTML export;
 * 3. the numbers it prints on its `RESULT {...}` line match the library's own results for the
 *    same inputs (see `notebook_results.ts`);
 * 4. the HTML export of 03 renders in headless Chromium: the DOM holds its four charts with tick
 *    labels, laid out at full size, and a screenshot shows ink and coloured data marks in each.
 *
 * Needs Debian's Jupyter packages (`jupyter-nbconvert python3-nbclient python3-jupyter-client`)
 * and `chromium`; without them the tests fail saying what to install.
 *
 * @module
 */

import { deepEqual, equal, ok } from "node:assert/strict";
import { DOMParser } from "linkedom";
import {
  findOnPath,
  jupyterEnv,
  listNotebooks,
  MISSING_JUPYTER_MESSAGE,
  nbconvert,
} from "../../src/cli/notebooks.ts";
import { colorFraction, decodePng, inkFraction } from "../charts/png_decode.ts";
import { chartsOf, type ExecutedNotebook, resultOf, runProblems } from "./notebook_outputs.ts";
import {
  verifyCategories,
  verifyKvPressure,
  verifyQuickstart,
  verifySweep,
  verifyWhatIf,
} from "./notebook_results.ts";
import { CHART_PROBE, CHROMIUM_MISSING, findChromium, runChromium } from "../support/chromium.ts";

// deno-lint-ignore no-explicit-any
type Verifier = (result: any) => void | Promise<void>;

/** Every notebook: how many charts it displays, and how its RESULT line is checked. */
const EXPECTED: Record<string, { charts: number; verify: Verifier }> = {
  "01_quickstart": { charts: 1, verify: verifyQuickstart },
  "02_category_distributions": { charts: 5, verify: verifyCategories },
  "03_kv_pressure": { charts: 4, verify: verifyKvPressure },
  "04_capacity_sweep": { charts: 4, verify: verifySweep },
  "05_what_if": { charts: 4, verify: verifyWhatIf },
};

/** The notebook whose HTML export is opened in Chromium. */
const BROWSER_NOTEBOOK = "03_kv_pressure";

const WORK_DIR = Deno.makeTempDirSync({ prefix: "capsim-notebooks-" });
globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(WORK_DIR, { recursive: true });
  } catch { /* already gone */ }
});

/** Executed HTML exports by notebook name, for the browser test. */
const htmlExports = new Map<string, string>();

const nameOf = (path: string) => path.replace(/^.*\//, "").replace(/\.ipynb$/, "");

function requireJupyter(): void {
  ok(findOnPath("jupyter", jupyterEnv().PATH), MISSING_JUPYTER_MESSAGE);
}

/** Executes a notebook to .ipynb, then exports that (without re-running it) to HTML. */
async function execute(path: string): Promise<{ notebook: ExecutedNotebook; html: string }> {
  const run = await nbconvert(path, { to: "notebook", outputDir: WORK_DIR, cellTimeoutS: 120 });
  ok(run.ok, `${nameOf(path)} failed (exit ${run.code}):\n${run.log.slice(-3000)}`);
  const page = await nbconvert(run.outputPath, {
    to: "html",
    outputDir: WORK_DIR,
    execute: false,
  });
  ok(page.ok, `${nameOf(path)}: HTML export failed:\n${page.log.slice(-2000)}`);
  htmlExports.set(nameOf(path), page.outputPath);
  return {
    notebook: JSON.parse(await Deno.readTextFile(run.outputPath)),
    html: await Deno.readTextFile(page.outputPath),
  };
}

Deno.test("every notebook in notebooks/ has an entry in this test", () => {
  deepEqual(listNotebooks().map(nameOf), Object.keys(EXPECTED).sort());
});

Deno.test("every notebook runs top to bottom, shows its charts and prints the library's numbers", async (t) => {
  requireJupyter();
  for (const path of listNotebooks()) {
    const name = nameOf(path);
    const expected = EXPECTED[name];
    if (!expected) continue; // reported by the test above
    await t.step(
      `${name}.ipynb runs, shows ${expected.charts} chart(s), prints the library's numbers`,
      async () => {
        const { notebook, html } = await execute(path);
        deepEqual(runProblems(notebook), [], "every code cell ran without an error");
        const charts = chartsOf(notebook);
        deepEqual(
          charts.filter((c) => c.problems.length > 0),
          [],
          "every chart has tick labels and drawn data marks",
        );
        equal(charts.length, expected.charts, `charts: ${charts.map((c) => c.title).join(" | ")}`);
        const figures = html.match(/<figure class="capsim-chart"/g) ?? [];
        equal(figures.length, expected.charts, "the HTML export holds every chart");
        await expected.verify(resultOf(notebook));
      },
    );
  }
});

Deno.test(`the HTML export of ${BROWSER_NOTEBOOK} renders its charts in headless Chromium`, async () => {
  const bin = findChromium();
  ok(bin, CHROMIUM_MISSING);
  let html = htmlExports.get(BROWSER_NOTEBOOK);
  if (!html) {
    requireJupyter();
    const path = listNotebooks().find((p) => nameOf(p) === BROWSER_NOTEBOOK)!;
    await execute(path);
    html = htmlExports.get(BROWSER_NOTEBOOK)!;
  }
  const width = 1200;
  const charts = EXPECTED[BROWSER_NOTEBOOK].charts;

  // 1. The DOM Chromium built: each chart an SVG with tick labels, laid out at full size.
  const probe = html.replace(/\.html$/, ".probe.html");
  const page = await Deno.readTextFile(html);
  ok(page.includes("</body>"), "the export has a </body>");
  await Deno.writeTextFile(probe, page.replace("</body>", `${CHART_PROBE}</body>`));
  const dom = await runChromium(
    bin,
    await Deno.makeTempDir({ dir: WORK_DIR, prefix: "chromium-" }),
    [`--window-size=${width},3000`, "--dump-dom", `file://${probe}`],
  );
  const doc = new DOMParser().parseFromString(dom, "text/html") as unknown as Document;
  const svgs = [...doc.querySelectorAll("figure.capsim-chart svg")];
  equal(svgs.length, charts, "charts in the page");
  const boxes = svgs.map((svg) => {
    const title = svg.getAttribute("aria-label") ?? "?";
    const ticks = svg.querySelectorAll('g[aria-label$="-axis tick label"] text');
    ok(ticks.length >= 4, `${title}: ${ticks.length} axis tick labels`);
    const [x, y, w, h] = (svg.getAttribute("data-rect") ?? "").split(",").map(Number);
    ok(w >= 600 && h >= 250, `${title}: laid out at ${w}×${h}`);
    return { title, x, y, width: w, height: h };
  });
  const pageHeight = Number(doc.body.getAttribute("data-height"));
  ok(pageHeight > boxes.at(-1)!.y, `page height ${pageHeight}`);

  // 2. A screenshot of the whole page: each chart's box has ink, and coloured data marks in many
  // distinct saturated colours (series, bands, antialiased edges); a blank or axes-only frame is
  // white and grey.
  const shot = `${WORK_DIR}/${BROWSER_NOTEBOOK}.png`;
  await runChromium(bin, await Deno.makeTempDir({ dir: WORK_DIR, prefix: "chromium-" }), [
    `--window-size=${width},${pageHeight}`,
    `--screenshot=${shot}`,
    `file://${html}`,
  ]);
  const image = await decodePng(await Deno.readFile(shot));
  deepEqual([image.width, image.height], [width, pageHeight]);
  for (const box of boxes) {
    const ink = inkFraction(image, box);
    const color = colorFraction(image, box);
    ok(ink > 0.02, `${box.title}: ${(ink * 100).toFixed(1)} % of its box is drawn`);
    ok(color > 0.005, `${box.title}: ${(color * 100).toFixed(2)} % of its box is coloured marks`);
    const colours = new Set<number>();
    for (let yy = Math.floor(box.y); yy < Math.min(image.height, box.y + box.height); yy += 2) {
      for (let xx = Math.floor(box.x); xx < Math.min(image.width, box.x + box.width); xx += 2) {
        const i = (yy * image.width + xx) * 4;
        const [r, g, b] = [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) colours.add((r << 16) | (g << 8) | b);
      }
    }
    ok(colours.size >= 8, `${box.title}: ${colours.size} distinct saturated colours`);
  }
});
