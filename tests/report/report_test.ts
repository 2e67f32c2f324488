import { deepEqual, equal, ok, rejects, throws } from "node:assert/strict";
import { DOMParser } from "linkedom";
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_GPU_PRICING,
  DEFAULT_GPU_SPECS,
  sweepPlans,
} from "../../mod.ts";
import { buildReport, writeReport } from "../../src/report/mod.ts";
import { parseScenario, runScenario } from "../../src/scenario/mod.ts";
import type { ScenarioResult } from "../../src/scenario/result.ts";
import { pngSize } from "../../src/charts/mod.ts";
import { cheapest } from "../../src/report/recommend.ts";
import { fixtureResult } from "./fixture.ts";

const AT = "2026-11-25T12:00:00Z";

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html") as unknown as Document;
}

Deno.test("buildReport() has every section, in order, with the recommendation first", async () => {
  const { html } = buildReport(await fixtureResult(), { generatedAt: AT });
  const doc = parse(html);
  const ids = [...doc.querySelectorAll("main > section")].map((s) => s.id);
  deepEqual(ids, [
    "recommendation",
    "scenario",
    "workload",
    "live-kv",
    "overflow",
    "plans",
    "expectations",
    "sources",
  ]);
  deepEqual(
    [...doc.querySelectorAll("section > h2")].map((h) => h.textContent),
    [
      "Recommendation",
      "Scenario",
      "Simulated workload",
      "Live KV cache against budgets",
      "Risk of running out of KV cache",
      "Capacity plans across GPU counts and precisions",
      "Expectations",
      "Assumptions and sources",
    ],
  );
  ok(doc.querySelector("title")?.textContent?.includes("chat-8b"));
  ok(html.includes(AT));
});

Deno.test("buildReport() inlines every chart SVG and names the charts for their PNGs", async () => {
  const { html, charts } = buildReport(await fixtureResult(), { generatedAt: AT });
  deepEqual(charts.map((c) => c.name), [
    "category-shares",
    "live-kv",
    "peak-kv",
    "overflow",
    "plan-hbm-slots",
    "plan-cost-per-slot",
  ]);
  for (const chart of charts) {
    ok(chart.svg.startsWith("<svg") && chart.svg.includes('xmlns="http://www.w3.org/2000/svg"'));
    ok(html.includes(chart.svg), `${chart.name} is inlined`);
    ok(!chart.svg.includes("NaN"), `${chart.name} has no NaN`);
  }
  equal(html.match(/<svg/g)?.length, charts.length);
  equal(parse(html).querySelectorAll("figure.capsim-chart").length, charts.length);
});

Deno.test("buildReport() escapes the scenario's text: a <script> description stays text", async () => {
  const result = await fixtureResult();
  const { html } = buildReport(
    { ...result, name: "<img src=x onerror=alert(1)>" },
    { generatedAt: AT },
  );
  ok(!html.includes("<script"));
  ok(!html.includes("<img"));
  ok(html.includes("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; friends"));
  ok(html.includes("Sizing report: &lt;img src=x onerror=alert(1)&gt;"));
  const doc = parse(html);
  equal(
    doc.querySelector(".description")?.textContent,
    'Chat on Llama 3.1 8B <script>alert("pwned")</script> & friends',
  );
});

Deno.test("buildReport() loads nothing: no scripts, stylesheets, images or url() — only <a href> links", async () => {
  const { html } = buildReport(await fixtureResult(), { generatedAt: AT });
  const doc = parse(html);
  equal(doc.querySelectorAll("script, link, img, iframe, object, embed, video, audio").length, 0);
  equal(doc.querySelectorAll("[src], [srcset], [poster], [data]").length, 0);
  const hrefs = [...doc.querySelectorAll("[href], [xlink\\:href]")];
  ok(hrefs.length > 0);
  for (const el of hrefs) {
    equal(el.tagName.toLowerCase(), "a", `only <a> carries href: ${el.outerHTML.slice(0, 80)}`);
  }
  ok(!/url\(\s*['"]?https?:/i.test(html) && !html.includes("@import"));
  // Every http(s) URL is an <a href> target or link text / preformatted JSON, never a resource.
  for (const m of html.matchAll(/(src|href|action|poster)\s*=\s*"(https?:[^"]*)"/gi)) {
    equal(m[1].toLowerCase(), "href", m[0]);
  }
});

Deno.test("buildReport() recommends the summary's cheapest qualifying configuration", async () => {
  const result = await fixtureResult();
  const { html } = buildReport(result, { generatedAt: AT });
  // Cheapest first; ties to fewer GPUs, lower P(overflow), lower TPOT.
  const cheapest = result.summary!.recommendations
    .filter((r) => r.config !== null)
    .sort((a, b) =>
      a.config!.monthlyCostUsd - b.config!.monthlyCostUsd || a.gpuCount! - b.gpuCount! ||
      a.config!.pOverflow - b.config!.pOverflow || a.config!.tpotMs - b.config!.tpotMs
    )[0];
  const doc = parse(html);
  const headline = doc.querySelector("#recommendation .headline")?.textContent ?? "";
  const name = DEFAULT_GPU_SPECS[cheapest.gpu].name;
  ok(headline.includes(`${cheapest.gpuCount} × ${name}`), headline);
  ok(headline.includes(`$${Math.round(cheapest.config!.monthlyCostUsd).toLocaleString("en-US")}`));
  const rows = doc.querySelectorAll("#recommendation tbody tr");
  equal(rows.length, result.summary!.recommendations.length);
  equal(doc.querySelectorAll("#recommendation tr.best").length, 1);
  equal(
    doc.querySelectorAll("#recommendation tr.none").length,
    result.summary!.recommendations.filter((r) => r.gpuCount === null).length,
  );
});

Deno.test("buildReport() tabulates every plan, the expectations and the sources", async () => {
  const result = await fixtureResult();
  const doc = parse(buildReport(result, { generatedAt: AT }).html);
  equal(doc.querySelectorAll("#plans table.plans tbody tr").length, result.plans.length);
  const heads = [...doc.querySelectorAll("#plans table.plans th")].map((t) => t.textContent);
  for (
    const h of ["HBM slots", "NAND slots", "TTFT ms", "TPOT ms", "breach point", "$/month", "fits"]
  ) {
    ok(heads.includes(h), h);
  }
  const expectations = [...doc.querySelectorAll("#expectations tbody tr")];
  deepEqual(
    expectations.map((r) => r.lastElementChild?.textContent),
    result.expectations.map((e) => (e.passed ? "PASS" : "FAIL")),
  );
  const sources = doc.querySelector("#sources")!;
  const links = [...sources.querySelectorAll("a")].map((a) => a.getAttribute("href"));
  ok(links.includes("https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json"));
  ok(links.includes(DEFAULT_GPU_SPECS["h100-sxm"].source));
  ok(links.includes(DEFAULT_GPU_SPECS["l40s"].source));
  ok(links.includes(DEFAULT_GPU_PRICING["h100-sxm"].source!));
  ok(links.includes("https://github.com/kvcache-ai/Mooncake/tree/main/FAST25-release/traces"));
  const text = sources.textContent ?? "";
  ok(text.includes(DEFAULT_GPU_PRICING["h100-sxm"].asOf!));
  ok(text.includes("$6.88")); // p5.48xlarge $55.04 ÷ 8
  ok(text.includes(String(DEFAULT_EFFICIENCY.bandwidth)));
  ok(text.includes("gpu_memory_utilization") && text.includes("Accuracy"));
});

Deno.test("buildReport() echoes the parsed scenario as JSON and as a settings table", async () => {
  const result = await fixtureResult();
  const doc = parse(buildReport(result, { generatedAt: AT }).html);
  deepEqual(JSON.parse(doc.querySelector("#scenario pre")!.textContent!), result.scenario);
  const settings = new Map(
    [...doc.querySelectorAll("#scenario tbody tr")].map((r) => [
      r.children[0].textContent,
      r.children[1].textContent,
    ]),
  );
  equal(settings.get("gpuCounts"), "1, 2, 3, 4");
  equal(settings.get("slas.ttftMs"), "3000");
  equal(settings.get("workload.mix[0].preset"), "chat");
});

Deno.test("buildReport() of a static workload recommends from the plans and draws no simulation", () => {
  const mix = { extreme: 0, heavy: 1, medium: 4, light: 20 };
  const plans = sweepPlans({
    model: "llama-3.1-8b",
    gpus: ["h100-sxm"],
    gpuCounts: [1, 2, 4],
    kvPrecisions: ["fp8"],
    weightPrecisions: ["bf16"],
    workload: mix,
  });
  const result: ScenarioResult = {
    name: "static",
    scenario: { name: "static", workload: { static: mix }, slas: { overflowProbability: 0.01 } },
    trials: 0,
    summary: null,
    plans,
    planMix: mix,
    expectations: [],
  };
  const { html, charts } = buildReport(result, { generatedAt: AT });
  deepEqual(charts.map((c) => c.name), ["plan-hbm-slots", "plan-cost-per-slot"]);
  const doc = parse(html);
  deepEqual(
    [...doc.querySelectorAll("main > section")].map((s) => s.id),
    ["recommendation", "scenario", "workload", "plans", "sources"],
  );
  // 25 sessions must fit in HBM: the smallest count whose plan holds ≥ 25 slots.
  const expected = plans.find((p) => p.plan.fits && p.plan.hbmSlots >= 25)!;
  const cells = [...doc.querySelectorAll("#recommendation tbody tr td")].map((t) => t.textContent);
  equal(cells[3], String(expected.gpuCount));
});

Deno.test("buildReport() rejects a result without plans, naming the field", async () => {
  const result = await fixtureResult();
  throws(
    () => buildReport({ ...result, plans: undefined as unknown as [] }),
    (e: Error) => e instanceof TypeError && e.message.includes("result.plans"),
  );
});

Deno.test("writeReport() writes report.html, summary.json and a PNG per chart", async () => {
  const result = await fixtureResult();
  const dir = await Deno.makeTempDir({ prefix: "capsim-report-" });
  try {
    const written = await writeReport(result, `${dir}/nested/out`, { generatedAt: AT });
    equal(written.html, `${dir}/nested/out/report.html`);
    const html = await Deno.readTextFile(written.html);
    equal(html, buildReport(result, { generatedAt: AT }).html); // deterministic
    deepEqual(
      JSON.parse(await Deno.readTextFile(written.summary)),
      JSON.parse(JSON.stringify(result)),
    );
    equal(written.charts.length, 6);
    for (const { name, path } of written.charts) {
      equal(path, `${dir}/nested/out/${name}.png`);
      const size = pngSize(await Deno.readFile(path));
      ok(size.width === 1440 && size.height > 600, `${name}: ${size.width}×${size.height}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeReport() names the folder it cannot write to", async () => {
  const result = await fixtureResult();
  const dir = await Deno.makeTempDir({ prefix: "capsim-report-" });
  try {
    const file = `${dir}/not-a-folder`;
    await Deno.writeTextFile(file, "x");
    await rejects(
      writeReport(result, `${file}/out`, { generatedAt: AT }),
      (e: Error) => e.message.includes(`"${file}/out"`) && e.message.startsWith("writeReport"),
    );
    await rejects(writeReport(result, ""), TypeError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildReport() renders what runScenario() produces for a parsed scenario file", async () => {
  const scenario = parseScenario(JSON.stringify({
    name: "rag-on-l4",
    description: "RAG sessions on L4s",
    model: "llama-3.1-8b",
    gpus: ["l4", "h100-sxm"],
    gpuCounts: [1, 2, 4],
    kvPrecisions: ["fp8"],
    weightPrecisions: ["fp8"],
    workload: {
      mix: [{ preset: "rag" }],
      arrivals: { kind: "poisson", ratePerS: 0.2 },
      horizonS: 1800,
    },
    monteCarlo: { trials: 4, samples: 12, seed: 3 },
    slas: { overflowProbability: 0.25 },
    expect: [{ metric: "gpusNeeded", where: { gpu: "h100-sxm" }, lessOrEqual: 4 }],
  }));
  const result = await runScenario(scenario, { workers: 0 });
  const { html, charts } = buildReport(result, { generatedAt: AT });
  equal(charts.length, 6);
  const doc = parse(html);
  deepEqual(
    [...doc.querySelectorAll("main > section")].map((s) => s.id),
    [
      "recommendation",
      "scenario",
      "workload",
      "live-kv",
      "overflow",
      "plans",
      "expectations",
      "sources",
    ],
  );
  equal(doc.querySelectorAll("#plans table.plans tbody tr").length, result.plans.length);
  ok(doc.querySelector("#sources")?.textContent?.includes("RAGPulse"));
  equal(
    doc.querySelector("#expectations tbody tr td:last-child")?.textContent,
    result.expectations[0].passed ? "PASS" : "FAIL",
  );
});

Deno.test("cheapest() breaks cost ties by GPUs, then P(overflow), then TPOT", () => {
  const row = (
    name: string,
    cost: number | null,
    gpus: number | null,
    p: number,
    tpot: number,
  ) => ({
    gpu: name,
    kvPrecision: "fp8",
    weightPrecision: "bf16",
    gpuCount: gpus,
    layout: null,
    monthlyCostUsd: cost,
    pOverflow: p,
    budgetGiB: 100,
    ttftMs: 100,
    tpotMs: tpot,
  });
  equal(cheapest([row("a", 100, 2, 0, 20), row("b", 90, 4, 0, 30)])?.gpu, "b");
  equal(cheapest([row("a", 100, 4, 0, 20), row("b", 100, 2, 0.01, 30)])?.gpu, "b");
  equal(cheapest([row("a", 100, 2, 0.01, 20), row("b", 100, 2, 0, 30)])?.gpu, "b");
  equal(cheapest([row("a", 100, 2, 0, 20.9), row("b", 100, 2, 0, 28.4)])?.gpu, "a");
  equal(cheapest([row("a", null, null, 1, 0)]), undefined);
});
