import { equal, throws } from "node:assert/strict";
import { restoreLatency } from "../../src/capacity/nand.ts";

Deno.test("restore time is GiB × 2^30 ÷ (GB/s × 10^9 ÷ parallel restores) + device latency", () => {
  // 7 GiB at 14 GB/s: 7 × 2^30 ÷ 14e9 s = 536.87 ms, + 0.1 ms.
  equal(restoreLatency(7, 14), (7 * 2 ** 30) / 14e9 * 1000 + 0.1);
  equal(restoreLatency(7, 14, 2), (7 * 2 ** 30) / 7e9 * 1000 + 0.1);
  equal(restoreLatency(7, 14, 1, { deviceLatencyMs: 0 }), (7 * 2 ** 30) / 14e9 * 1000);
});

Deno.test("bad restore arguments throw errors that name the field", () => {
  throws(() => restoreLatency(1, 0), {
    name: "RangeError",
    message: /^nandBandwidthGBs: expected a positive number; received 0$/,
  });
  throws(() => restoreLatency(-1, 7), {
    name: "RangeError",
    message: /^kvSizeGb: expected a number ≥ 0; received -1$/,
  });
  throws(() => restoreLatency(1, 7, 0), {
    name: "RangeError",
    message: /^parallelism: expected a positive integer; received 0$/,
  });
});
