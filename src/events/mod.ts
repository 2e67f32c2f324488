/**
 * Events: the typed `EventBus` and the event map (`CapsimEvents`) that agent runtimes, the
 * simulator and trace replays emit and the `SessionProfiler` consumes and emits.
 *
 * @example
 * ```ts
 * import { EventBus } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * const bus = new EventBus();
 * let tokens = 0;
 * bus.on("run.complete", (e) => { tokens += e.usage && "promptTokens" in e.usage ? e.usage.promptTokens : 0; });
 * bus.emit("run.complete", { runId: "r1", usage: { promptTokens: 120, completionTokens: 30 } });
 * equal(tokens, 120);
 * ```
 * @module
 */

export * from "./event_types.ts";
export * from "./event_bus.ts";
