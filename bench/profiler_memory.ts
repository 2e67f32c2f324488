/**
 * Memory per tracked session of the `SessionProfiler`: feeds N sessions (one run each) and prints
 * the growth of the V8 heap (the id → slot `Map`, the slot → id array, the id strings themselves)
 * and of external memory (the typed-array session records), divided by N.
 *
 *     deno run -A --v8-flags=--expose-gc bench/profiler_memory.ts [sessions=1000000]
 *
 * @module
 */

import { EventBus } from "../src/events/mod.ts";
import { SessionProfiler } from "../src/profiler/mod.ts";

const gc = (globalThis as { gc?: () => void }).gc;

function settle(): Deno.MemoryUsage {
  for (let i = 0; i < 3; i++) gc?.();
  return Deno.memoryUsage();
}

if (import.meta.main) {
  const sessions = Number(Deno.args[0] ?? 1_000_000);
  if (gc === undefined) console.error("run with --v8-flags=--expose-gc for stable figures");
  const bus = new EventBus();
  const profiler = new SessionProfiler({
    modelArch: "llama-3.1-70b",
    maxTrackedSessions: sessions,
  });
  profiler.attach(bus);
  const usage = { promptTokens: 1_000, completionTokens: 100 };
  const before = settle();
  for (let i = 0; i < sessions; i++) {
    const id = `session-${i}`;
    bus.emit("run.complete", { runId: id, sessionId: id, at: i, usage });
  }
  const after = settle();
  const tracked = profiler.getSessionStats().trackedSessions;
  const per = (a: number, b: number) => ((b - a) / tracked).toFixed(1);
  const idBytes = 16 + Math.ceil(`session-${sessions - 1}`.length / 8) * 8;
  console.log(`tracked sessions:      ${tracked}`);
  console.log(
    `V8 heap per session:   ${per(before.heapUsed, after.heapUsed)} B ` +
      `(of which the id string itself ≈ ${idBytes} B)`,
  );
  console.log(`external per session:  ${per(before.external, after.external)} B (records)`);
  console.log(
    `total per session:     ${
      per(before.heapUsed + before.external, after.heapUsed + after.external)
    } B`,
  );
  console.log(`RSS growth per session: ${per(before.rss, after.rss)} B`);
}
