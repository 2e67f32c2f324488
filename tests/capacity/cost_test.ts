import { equal, throws } from "node:assert/strict";
import {
  costPerMillionTokens,
  costPerSession,
  hourlyRate,
  lookupPricing,
  monthlyCostByTier,
  monthlyGpuCost,
} from "../../src/capacity/cost.ts";

const price = {
  id: "x",
  name: "example",
  perHourOnDemand: 2,
  perHourReserved: 1.25,
  perHourSpot: 0.8,
};

Deno.test("monthly cost is GPUs × hourly rate × 730 hours", () => {
  equal(monthlyGpuCost(8, price), 8 * 2 * 730);
  equal(monthlyGpuCost(8, price, "reserved"), 8 * 1.25 * 730);
  equal(monthlyGpuCost(8, price, "spot"), 8 * 0.8 * 730);
  equal(monthlyCostByTier(2, price).spot, 2 * 0.8 * 730);
});

Deno.test("a missing tier is an error naming the field, never a silent on-demand price", () => {
  const onDemandOnly = { id: "y", name: "y", perHourOnDemand: 3 };
  throws(() => hourlyRate(onDemandOnly, "spot"), {
    name: "RangeError",
    message:
      /^pricing\.perHourSpot: expected a USD price per GPU-hour for tier "spot"; received undefined$/,
  });
  equal(monthlyCostByTier(1, onDemandOnly).reserved, null);
});

Deno.test("cost per session divides the monthly cost by the sessions held, and is null when none fit", () => {
  const plan = { hardware: { gpu: { id: "h100-sxm" }, gpuCount: 4 }, totalSessions: 20 };
  equal(costPerSession(plan, price), (4 * 2 * 730) / 20);
  equal(costPerSession({ ...plan, totalSessions: 0 }, price), null);
});

Deno.test("cost per million tokens: $1,460 a month at 1,000 tokens/s is $0.5556 per million", () => {
  // 1,000 tokens/s × 3,600 s × 730 h = 2.628e9 tokens a month.
  const v = costPerMillionTokens(1460, 1000)!;
  equal(Math.round(v * 1e6) / 1e6, Math.round((1460 / 2.628e9) * 1e6 * 1e6) / 1e6);
  equal(costPerMillionTokens(1460, 0), null);
});

Deno.test("an unknown GPU has no price: the error lists close matches and says how to give one", () => {
  throws(() => lookupPricing("h100-sx"), {
    name: "RangeError",
    message:
      /^pricing: expected a known id \(did you mean "h100-sxm".*pass one as options\.pricing/,
  });
});

Deno.test("bad cost arguments throw errors that name the field", () => {
  throws(() => monthlyGpuCost(0, price), {
    name: "RangeError",
    message: /^gpuCount: expected a positive integer; received 0$/,
  });
  throws(() => monthlyGpuCost(1, { ...price, perHourOnDemand: -1 }), {
    name: "RangeError",
    message: /^pricing\.perHourOnDemand: expected a number ≥ 0; received -1$/,
  });
  throws(() => monthlyGpuCost(1, price, "weekly" as "spot"), {
    name: "TypeError",
    message: /^tier: expected one of/,
  });
  throws(() => costPerMillionTokens(-1, 5), { name: "RangeError", message: /^monthlyCostUsd: / });
});
