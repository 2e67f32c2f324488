/**
 * The reference system's documentation page (../shared/seed/session-profiler.md) as tests: each
 * snippet runs as printed there, with only the import line changed, against a fake RadarOS
 * `Agent` that emits `run.complete` the way RadarOS's Agent did:
 * `{ runId, output: { sessionId, usage: { promptTokens, completionTokens, totalTokens } } }`.
 * The values the page prints are captured from `console.log` and checked.
 */

import { deepEqual, equal, match, ok } from "node:assert/strict";
// The changed import line (the page: `import { ... } from "@radaros/core";`):
import {
  DEFAULT_ARCHITECTURES,
  DEFAULT_GPU_SPECS,
  EventBus,
  planCapacity,
  SessionProfiler,
} from "../../mod.ts";

// ---- a fake RadarOS Agent -------------------------------------------------------------------

interface FakeModel {
  provider: string;
  modelId: string;
}

/** Stands in for RadarOS's `openai("gpt-4o")`. */
function openai(modelId: string): FakeModel {
  return { provider: "openai", modelId };
}

/** Token counts the fake model "spends" per prompt text, in call order per session. */
let script: Record<string, { promptTokens: number; completionTokens: number }> = {};

/** Stands in for RadarOS's Agent: a run emits `run.complete` with the reference's nesting. */
class Agent {
  #eventBus: EventBus;
  #runs = 0;
  constructor(options: { name: string; model: FakeModel; eventBus: EventBus }) {
    this.#eventBus = options.eventBus;
  }
  run(input: string, options: { sessionId: string }): Promise<{ text: string }> {
    const { promptTokens, completionTokens } = script[input];
    const runId = `run-${++this.#runs}`;
    this.#eventBus.emit("run.complete", {
      runId,
      output: {
        sessionId: options.sessionId,
        text: `reply to ${input}`,
        usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
      },
    });
    return Promise.resolve({ text: `reply to ${input}` });
  }
}

async function printed(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map((a) => typeof a === "string" ? a : Deno.inspect(a)).join(" "));
  };
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return lines;
}

const QUICK_START_SCRIPT = {
  "Hello!": { promptTokens: 1_200, completionTokens: 300 },
  "Tell me more": { promptTokens: 1_800, completionTokens: 400 }, // history re-sent
  "Quick question": { promptTokens: 900, completionTokens: 100 },
};
const QUICK_START_TOKENS = 1_500 + 2_200 + 1_000;

Deno.test("seed page, Quick Start: prints byCategory, totalTokens and estimatedKvGb", async () => {
  script = QUICK_START_SCRIPT;
  let profilerRef: SessionProfiler | undefined;
  const lines = await printed(async () => {
    // ---- snippet (Quick Start), as on the page ----
    const eventBus = new EventBus();
    const profiler = new SessionProfiler({
      modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"],
      kvWarningThresholdGb: 100,
    });
    profiler.attach(eventBus);
    const agent = new Agent({
      name: "assistant",
      model: openai("gpt-4o"),
      eventBus,
    });
    // Run some sessions
    await agent.run("Hello!", { sessionId: "s1" });
    await agent.run("Tell me more", { sessionId: "s1" });
    await agent.run("Quick question", { sessionId: "s2" });
    // Get live stats
    const stats = profiler.getSessionStats();
    console.log(stats.byCategory); // { light: 2, medium: 0, heavy: 0, extreme: 0 }
    console.log(stats.totalTokens); // actual token count from API
    console.log(stats.estimatedKvGb); // tokens × kvBytesPerToken
    // ---- end of snippet ----
    profilerRef = profiler;
  });
  // Llama-3.1-70B at bf16: 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 bytes per token.
  const estimatedKvGb = (QUICK_START_TOKENS * 327_680) / 2 ** 30;
  deepEqual(lines, [
    "{ light: 2, medium: 0, heavy: 0, extreme: 0 }",
    String(QUICK_START_TOKENS),
    String(estimatedKvGb),
  ]);
  equal(estimatedKvGb, 1.434326171875);
  deepEqual(profilerRef!.getWorkloadMix(), { extreme: 0, heavy: 0, medium: 0, light: 2 });
});

Deno.test("seed page, Events: the classified and warning listeners print what the page says", async () => {
  script = QUICK_START_SCRIPT;
  const lines = await printed(async () => {
    const eventBus = new EventBus();
    const profiler = new SessionProfiler({
      modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"],
      kvWarningThresholdGb: 100,
    });
    profiler.attach(eventBus);
    // ---- snippets (Events), as on the page ----
    eventBus.on("capacity.session.classified", (data) => {
      console.log(`Session ${data.sessionId} → ${data.category}`);
      console.log(`Total tokens: ${data.totalTokens}`);
      console.log(`Previous: ${data.previousCategory}`);
    });
    eventBus.on("capacity.warning", (data) => {
      console.log(data.message);
      console.log(`KV: ${data.estimatedKvGb} GB`);
      console.log(`Sessions: ${data.sessionCount}`);
    });
    // ---- end of snippets ----
    const agent = new Agent({ name: "assistant", model: openai("gpt-4o"), eventBus });
    await agent.run("Hello!", { sessionId: "s1" });
    await agent.run("Tell me more", { sessionId: "s1" });
    await agent.run("Quick question", { sessionId: "s2" });
  });
  // First-sighting rule: each session's first run fires `classified` (previous undefined); s1's
  // second run stays light, so it fires nothing. 100 GiB of live KV is never reached.
  deepEqual(lines, [
    "Session s1 → light",
    "Total tokens: 1500",
    "Previous: undefined",
    "Session s2 → light",
    "Total tokens: 1000",
    "Previous: undefined",
  ]);
});

Deno.test("seed page, Events: capacity.warning fires once live KV crosses kvWarningThresholdGb", async () => {
  // Three sessions with 120,000-token contexts: 120,000 × 327,680 B = 36.62 GiB each; the third
  // takes live KV to 109.86 GiB > 100 GiB.
  script = { "Summarise this repository": { promptTokens: 118_000, completionTokens: 2_000 } };
  const lines = await printed(async () => {
    const eventBus = new EventBus();
    const profiler = new SessionProfiler({
      modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"],
      kvWarningThresholdGb: 100,
    });
    profiler.attach(eventBus);
    eventBus.on("capacity.session.classified", (data) => {
      console.log(`Session ${data.sessionId} → ${data.category}`);
    });
    eventBus.on("capacity.warning", (data) => {
      console.log(data.message);
      console.log(`KV: ${data.estimatedKvGb} GB`);
      console.log(`Sessions: ${data.sessionCount}`);
    });
    const agent = new Agent({ name: "assistant", model: openai("gpt-4o"), eventBus });
    for (const sessionId of ["a", "b", "c", "d"]) {
      await agent.run("Summarise this repository", { sessionId });
    }
  });
  deepEqual(lines, [
    "Session a → medium",
    "Session b → medium",
    "Session c → medium",
    "Live KV cache 109.86 GiB exceeds the 100 GiB warning threshold " +
    "(3 live sessions, llama-3.1-70b at bf16)",
    "KV: 109.86328125 GB", // 360,000 tokens × 327,680 B / 2^30 (GiB, named GB by the reference)
    "Sessions: 3",
    "Session d → medium", // still above: no second warning
  ]);
});

Deno.test("seed page, Feeding into Capacity Planning: planCapacity takes the observed mix", async () => {
  script = QUICK_START_SCRIPT;
  const eventBus = new EventBus();
  const profiler = new SessionProfiler({
    modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"],
    kvWarningThresholdGb: 100,
  });
  profiler.attach(eventBus);
  const agent = new Agent({ name: "assistant", model: openai("gpt-4o"), eventBus });
  await agent.run("Hello!", { sessionId: "s1" });
  await agent.run("Tell me more", { sessionId: "s1" });
  await agent.run("Quick question", { sessionId: "s2" });
  let planRef: { hbmSlots: number } | undefined;
  const lines = await printed(() => {
    // ---- snippet (Feeding into Capacity Planning), as on the page ----
    const mix = profiler.getWorkloadMix();
    // → { extreme: 0, heavy: 1, medium: 2, light: 5 }
    const plan = planCapacity(
      DEFAULT_ARCHITECTURES["llama-3.1-70b"],
      { gpu: DEFAULT_GPU_SPECS["h100-sxm"], gpuCount: 4, nandPerGpuGb: 0, nandBandwidthGBs: 7 },
      mix, // real observed workload
      "fp8",
      "bf16",
    );
    console.log(`Need ${plan.hbmSlots} HBM slots for observed workload`);
    // ---- end of snippet ----
    planRef = plan;
    return Promise.resolve();
  });
  equal(lines.length, 1);
  match(lines[0], /^Need \d+ HBM slots for observed workload$/);
  ok(Number.isInteger(planRef!.hbmSlots) && planRef!.hbmSlots > 0);
});

Deno.test("seed page: a workload of 5 light, 2 medium and 1 heavy sessions gives the page's mix", async () => {
  script = {
    small: { promptTokens: 20_000, completionTokens: 1_000 },
    medium: { promptTokens: 120_000, completionTokens: 5_000 },
    heavy: { promptTokens: 125_000, completionTokens: 5_000 },
  };
  const eventBus = new EventBus();
  const profiler = new SessionProfiler({ modelArch: DEFAULT_ARCHITECTURES["llama-3.1-70b"] });
  profiler.attach(eventBus);
  const agent = new Agent({ name: "assistant", model: openai("gpt-4o"), eventBus });
  for (let k = 0; k < 5; k++) await agent.run("small", { sessionId: `light-${k}` });
  for (let k = 0; k < 2; k++) await agent.run("medium", { sessionId: `medium-${k}` });
  for (let k = 0; k < 2; k++) await agent.run("heavy", { sessionId: "heavy" }); // 260,000 tokens
  deepEqual(profiler.getWorkloadMix(), { extreme: 0, heavy: 1, medium: 2, light: 5 });
});
