/**
 * Synthetic workloads: session shapes, arrival processes and the generator that emits agent
 * and chat sessions onto an `EventBus`.
 *
 * @example
 * ```ts
 * import { meanArrivalRate } from "./mod.ts";
 * import { equal } from "node:assert/strict";
 * equal(meanArrivalRate({ kind: "piecewise", ratesPerS: [1, 3], segmentS: 3600 }), 2);
 * ```
 * @module
 */

export * from "./session_shape.ts";
export * from "./arrivals.ts";
export * from "./session_generator.ts";
export * from "./presets.ts";
