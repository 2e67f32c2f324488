/**
 * Throughput of `run.complete` events through `EventBus` + `SessionProfiler` (DESIGN.md §8:
 * ≥ 3 M events/s on one core, flat from 1 K to 1 M tracked sessions).
 *
 * Setup for every case: Llama-3.1-70B, fp8 KV, idle expiry on, warnings on (the `kv_pressure`
 * threshold sits at the measured steady-state live KV, hysteresis 1 %, so it crosses now and
 * then; `sessionLimit` likewise), a listener on `capacity.warning`, and the profiler already
 * tracking the given number of sessions before timing starts. Events are pre-generated; the timed
 * loop only stamps `at` and emits. Each bench iteration emits 10,000 events, so
 * events/s = 10,000 ÷ time per iteration. Two traffic patterns:
 *
 * - **bursty** (realistic): 200 sessions are active at a time, each with 1–15 runs close
 *   together (≈ 200 events apart), then idle until it expires (5 s at one event per ms) and is
 *   eventually evicted; new sessions keep arriving, so the profiler creates, expires and evicts
 *   sessions as it goes (≈ 800 live at any time).
 * - **uniform** (worst case): every event hits a uniformly random tracked session, so at 100 K
 *   and 1 M sessions nearly every event misses the CPU caches (the id `Map` lookup alone).
 *
 *     deno bench -A bench/profiler_bench.ts           # Deno.bench table
 *     deno run -A bench/profiler_bench.ts --report    # events/s per case, plain text
 *
 * @module
 */

import { EventBus } from "../src/events/mod.ts";
import type { RunCompleteEvent } from "../src/events/mod.ts";
import { SessionProfiler, type SessionProfilerConfig } from "../src/profiler/mod.ts";
import { createPrng } from "../src/random/prng.ts";

const BATCH = 10_000;
const USAGES = 1024;

/** Traffic pattern. */
export type Pattern = "bursty" | "uniform";

/** A seeded uniform source in [0, 1) (the library's Alea streams), so runs are repeatable. */
function seeded(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

/** A prepared bench: a bus with a profiler attached, already tracking `sessions` sessions. */
export interface Workload {
  /** The profiler. */
  profiler: SessionProfiler;
  /** Emits the next `count` events of the ring. */
  emit(count: number): void;
  /** Warnings seen so far. */
  warnings(): number;
}

function usagePool(random: () => number) {
  return Array.from({ length: USAGES }, () => {
    const promptTokens = 500 + Math.floor(random() * 19_500);
    const completionTokens = 50 + Math.floor(random() * 950);
    return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
  });
}

/** Uniform: `max(sessions, 100K)` events, each on a random one of the tracked sessions. */
function uniformRing(
  ids: readonly string[],
  random: () => number,
): RunCompleteEvent[] {
  const usages = usagePool(random);
  const sessions = ids.length;
  return Array.from({ length: Math.max(sessions, 100_000) }, (_, i) => {
    const sessionId = ids[Math.floor(random() * sessions)];
    return { runId: sessionId, sessionId, at: 0, usage: usages[i % USAGES] };
  });
}

/** Bursty: 200 active sessions at a time, 1–15 runs each, 100,000 distinct sessions. */
function burstyRing(random: () => number): RunCompleteEvent[] {
  const usages = usagePool(random);
  const active = 200, pool = 100_000;
  let next = 0;
  const ids = new Array<string>(active), left = new Int32Array(active);
  const start = (k: number) => {
    ids[k] = `burst-${next++}`;
    left[k] = 1 + Math.floor(random() * 15);
  };
  for (let k = 0; k < active; k++) start(k);
  const ring: RunCompleteEvent[] = [];
  while (next < pool) {
    const k = Math.floor(random() * active);
    const sessionId = ids[k];
    ring.push({ runId: sessionId, sessionId, at: 0, usage: usages[ring.length % USAGES] });
    if (--left[k] === 0) start(k);
  }
  return ring;
}

/**
 * Builds the events and a profiler already tracking `sessions` sessions.
 * @param sessions tracked sessions (also `maxTrackedSessions`)
 * @param pattern traffic pattern
 * @returns the prepared workload
 */
export function prepare(sessions: number, pattern: Pattern): Workload {
  const random = seeded(sessions);
  const ids = Array.from(
    { length: sessions },
    (_, i) => pattern === "uniform" ? `session-${i}` : `primed-${i}`,
  );
  const ring = pattern === "uniform" ? uniformRing(ids, random) : burstyRing(random);
  // One event per ms. Uniform: a session's gaps average `sessions` events, ≈ 13 % exceed 2×.
  const idleTimeoutMs = pattern === "uniform" ? 2 * sessions : 5_000;
  const base: SessionProfilerConfig = {
    modelArch: "llama-3.1-70b",
    kvPrecision: "fp8",
    idleTimeoutMs,
    maxTrackedSessions: sessions,
  };
  let t = 0;
  const prime = (bus: EventBus) => {
    const usage = { promptTokens: 1000, completionTokens: 100 };
    for (const id of ids) bus.emit("run.complete", { runId: id, sessionId: id, at: ++t, usage });
  };
  const feed = (bus: EventBus, count: number, offset: { i: number }) => {
    for (let n = 0; n < count; n++) {
      const event = ring[offset.i];
      offset.i = offset.i + 1 === ring.length ? 0 : offset.i + 1;
      event.at = ++t;
      bus.emit("run.complete", event);
    }
  };
  // Measure the steady state without warnings, then put the thresholds there.
  const probeBus = new EventBus();
  const probe = new SessionProfiler(base);
  probe.attach(probeBus);
  prime(probeBus);
  feed(probeBus, ring.length, { i: 0 });
  const steady = probe.getSessionStats();

  t = 0;
  const bus = new EventBus();
  const profiler = new SessionProfiler({
    ...base,
    kvWarningThresholdGb: steady.liveKvGiB,
    sessionLimit: Math.max(1, steady.liveSessions),
    hysteresis: 0.01,
  });
  profiler.attach(bus);
  let warnings = 0;
  bus.on("capacity.warning", () => {
    warnings++;
  });
  prime(bus);
  const offset = { i: 0 };
  feed(bus, Math.min(ring.length, 2_000_000), offset);
  return { profiler, emit: (count) => feed(bus, count, offset), warnings: () => warnings };
}

const CASES: readonly [Pattern, string, number][] = [
  ["bursty", "1K", 1_000],
  ["bursty", "100K", 100_000],
  ["bursty", "1M", 1_000_000],
  ["uniform", "1K", 1_000],
  ["uniform", "100K", 100_000],
  ["uniform", "1M", 1_000_000],
];

if (import.meta.main && Deno.args.includes("--report")) {
  for (const [pattern, label, sessions] of CASES) {
    const w = prepare(sessions, pattern);
    const rounds = 300;
    w.emit(BATCH * 30); // warm-up
    const start = performance.now();
    for (let r = 0; r < rounds; r++) w.emit(BATCH);
    const ms = performance.now() - start;
    const s = w.profiler.getSessionStats();
    console.log(
      `${pattern.padEnd(7)} ${label.padStart(4)} tracked: ` +
        `${((rounds * BATCH) / ms / 1000).toFixed(2)} M events/s ` +
        `(tracked ${s.trackedSessions}, live ${s.liveSessions}, warnings ${w.warnings()}, ` +
        `evicted ${s.evictedSessions})`,
    );
  }
} else {
  for (const [pattern, label, sessions] of CASES) {
    let w: Workload | undefined;
    Deno.bench({
      name: `${pattern}: ${BATCH} run.complete through bus + profiler, ${label} tracked sessions`,
      group: pattern,
      baseline: sessions === 1_000,
      fn(b) {
        w ??= prepare(sessions, pattern);
        b.start();
        w.emit(BATCH);
        b.end();
      },
    });
  }
}
