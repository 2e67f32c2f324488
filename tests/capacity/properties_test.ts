import { ok } from "node:assert/strict";
import fc from "fast-check";
import { DEFAULT_ARCHITECTURES } from "../../src/catalog/models.ts";
import { DEFAULT_GPU_SPECS } from "../../src/catalog/gpus.ts";
import { planCapacity } from "../../src/capacity/plan.ts";
import { estimateLatency } from "../../src/capacity/latency.ts";
import { KV_PRECISIONS, WEIGHT_PRECISIONS } from "../../src/capacity/precision.ts";

const models = Object.keys(DEFAULT_ARCHITECTURES);
const gpus = Object.keys(DEFAULT_GPU_SPECS);
const mixArb = fc.record({
  extreme: fc.integer({ min: 0, max: 20 }),
  heavy: fc.integer({ min: 0, max: 20 }),
  medium: fc.integer({ min: 0, max: 50 }),
  light: fc.integer({ min: 0, max: 200 }),
});
const caseArb = fc.record({
  model: fc.constantFrom(...models),
  gpu: fc.constantFrom(...gpus),
  gpuCount: fc.integer({ min: 1, max: 16 }),
  kv: fc.constantFrom(...KV_PRECISIONS),
  weights: fc.constantFrom(...WEIGHT_PRECISIONS),
  mix: mixArb,
  nand: fc.constantFrom(0, 1000, 7680),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function plan(c: Case, gpuCount = c.gpuCount, kv = c.kv) {
  return planCapacity(
    DEFAULT_ARCHITECTURES[c.model],
    { gpu: DEFAULT_GPU_SPECS[c.gpu], gpuCount, nandPerGpuGb: c.nand, nandBandwidthGBs: 7 },
    c.mix,
    kv,
    c.weights,
  );
}

/** Every number anywhere in the value, with its path. */
function numbers(value: unknown, path = "plan"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (value === null || typeof value !== "object") return [];
  if (path.endsWith(".model") || path.endsWith(".hardware")) return [];
  return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
}

Deno.test("no plan field is ever NaN or Infinity, and slots are never negative", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const p = plan(c);
      for (const [path, v] of numbers(p)) ok(Number.isFinite(v), `${path} = ${v}`);
      ok(p.hbmSlots >= 0 && p.nandSlots >= 0 && p.totalSessions >= 0);
      ok(Number.isInteger(p.hbmSlots) && Number.isInteger(p.nandSlots));
    }),
    { numRuns: 300 },
  );
});

Deno.test("more GPUs never hold fewer sessions", () => {
  fc.assert(
    fc.property(caseArb, fc.integer({ min: 1, max: 8 }), (c, extra) => {
      const fewer = plan(c).hbmSlots;
      const more = plan(c, c.gpuCount + extra).hbmSlots;
      ok(
        more >= fewer,
        `${c.model} on ${c.gpu}: ${c.gpuCount} GPUs → ${fewer}, ${c.gpuCount + extra} → ${more}`,
      );
    }),
    { numRuns: 300 },
  );
});

Deno.test("a lower KV precision never holds fewer sessions", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const slots = KV_PRECISIONS.map((kv) => plan(c, c.gpuCount, kv).hbmSlots);
      for (let i = 1; i < slots.length; i++) {
        ok(slots[i] >= slots[i - 1], `${c.model}: ${slots.join(" ")}`);
      }
    }),
    { numRuns: 200 },
  );
});

Deno.test("a longer context is never faster", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...models),
      fc.constantFrom(...gpus),
      fc.integer({ min: 1, max: 200_000 }),
      fc.integer({ min: 1, max: 200_000 }),
      fc.integer({ min: 1, max: 64 }),
      (model, gpu, a, b, concurrency) => {
        const [short, long] = a < b ? [a, b] : [b, a];
        const opts = {
          model,
          gpu,
          outputTokens: 16,
          concurrency,
          weightPrecision: "int4" as const,
        };
        const s = estimateLatency({ ...opts, promptTokens: short });
        const l = estimateLatency({ ...opts, promptTokens: long });
        ok(l.ttftMs >= s.ttftMs && l.tpotMs >= s.tpotMs, `${model} ${gpu} ${short} vs ${long}`);
      },
    ),
    { numRuns: 300 },
  );
});
