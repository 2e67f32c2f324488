/**
 * What GPUs cost: GPU-hours × a dated, sourced price, at 730 hours a month, per session and per
 * million tokens. An unknown GPU is an error unless the caller gives a price: never silently an
 * H100's price or $0.
 *
 * @example 4 × H100 at $2.00/h on demand = 4 × 2.00 × 730 = $5,840 a month.
 * ```ts
 * import { monthlyGpuCost } from "./cost.ts";
 * import { equal } from "node:assert/strict";
 * equal(monthlyGpuCost(4, { id: "h100-sxm", name: "example", perHourOnDemand: 2 }), 5840);
 * ```
 * @module
 */

import { DEFAULT_GPU_PRICING } from "../catalog/pricing.ts";
import type { GpuPricing, PricingTier } from "../catalog/types.ts";
import { HOURS_PER_MONTH } from "../units.ts";
import {
  lookupOrThrow,
  nonNegativeNumber,
  oneOf,
  plainObject,
  positiveInteger,
} from "../validate.ts";

/** Every pricing tier. */
export const PRICING_TIERS: readonly PricingTier[] = ["onDemand", "reserved", "spot"];

const TIER_FIELD: Record<PricingTier, "perHourOnDemand" | "perHourReserved" | "perHourSpot"> = {
  onDemand: "perHourOnDemand",
  reserved: "perHourReserved",
  spot: "perHourSpot",
};

/** Monthly cost of a deployment in each pricing tier, USD (`null` where the price has no such tier). */
export interface MonthlyCost {
  /** On-demand. */
  onDemand: number;
  /** Reserved / committed use. */
  reserved: number | null;
  /** Spot / preemptible. */
  spot: number | null;
}

/**
 * The price of a GPU from the catalog, or an error listing close matches.
 * @param gpuId a GPU catalog id
 * @returns its pricing entry
 * @throws {RangeError} no price known for that id
 */
export function lookupPricing(gpuId: string): GpuPricing {
  try {
    return lookupOrThrow("pricing", gpuId, DEFAULT_GPU_PRICING);
  } catch (error) {
    if (error instanceof RangeError) {
      error.message =
        `${error.message}. No price is known for this GPU: pass one as options.pricing ` +
        `({ id, name, perHourOnDemand, perHourReserved?, perHourSpot? }); capsim never guesses a price`;
    }
    throw error;
  }
}

/**
 * USD per GPU-hour in a tier.
 * @param pricing the price entry
 * @param tier pricing tier (default on demand)
 * @returns USD per GPU-hour
 * @throws {RangeError} the entry has no price for that tier (named), or a negative price
 */
export function hourlyRate(pricing: GpuPricing, tier: PricingTier = "onDemand"): number {
  const p = plainObject("pricing", pricing);
  const field = TIER_FIELD[oneOf("tier", tier, PRICING_TIERS)];
  if (p[field] === undefined) {
    throw new RangeError(
      `pricing.${field}: expected a USD price per GPU-hour for tier "${tier}"; received undefined`,
    );
  }
  return nonNegativeNumber(`pricing.${field}`, p[field]);
}

/**
 * Monthly GPU cost: gpuCount × hourly rate × 730 h.
 * @param gpuCount GPUs (integer ≥ 1)
 * @param pricing the price entry
 * @param tier pricing tier (default on demand)
 * @returns USD per month
 * @throws {RangeError|TypeError} a bad count, or a tier the entry lacks
 */
export function monthlyGpuCost(
  gpuCount: number,
  pricing: GpuPricing,
  tier: PricingTier = "onDemand",
): number {
  return positiveInteger("gpuCount", gpuCount) * hourlyRate(pricing, tier) * HOURS_PER_MONTH;
}

/**
 * Monthly cost in all three tiers.
 * @param gpuCount GPUs (integer ≥ 1)
 * @param pricing the price entry
 * @returns USD per month per tier; `null` for tiers the entry lacks
 * @throws {RangeError|TypeError} a bad count or price
 */
export function monthlyCostByTier(gpuCount: number, pricing: GpuPricing): MonthlyCost {
  const tier = (t: PricingTier) =>
    pricing[TIER_FIELD[t]] === undefined ? null : monthlyGpuCost(gpuCount, pricing, t);
  return {
    onDemand: monthlyGpuCost(gpuCount, pricing),
    reserved: tier("reserved"),
    spot: tier("spot"),
  };
}

/** The parts of a capacity plan that `costPerSession` reads. */
export interface CostedPlan {
  /** The deployment. */
  hardware: { gpu: { id: string }; gpuCount: number };
  /** Sessions the deployment holds (HBM + NAND). */
  totalSessions: number;
}

/**
 * Monthly cost per session slot: monthly GPU cost ÷ total sessions.
 * @param plan a capacity plan (from `planCapacity`)
 * @param pricing price entry (default: the catalog's price for the plan's GPU)
 * @param tier pricing tier (default on demand)
 * @returns USD per session per month, or `null` when no session fits
 * @throws {RangeError} no price known for the plan's GPU and none given
 */
export function costPerSession(
  plan: CostedPlan,
  pricing?: GpuPricing,
  tier: PricingTier = "onDemand",
): number | null {
  const p = pricing ?? lookupPricing(plan.hardware.gpu.id);
  if (plan.totalSessions <= 0) return null;
  return monthlyGpuCost(plan.hardware.gpuCount, p, tier) / plan.totalSessions;
}

/**
 * USD per million generated tokens when a deployment sustains `tokensPerS` tokens per second all
 * month: monthly cost ÷ (tokens/s × 3,600 × 730) × 10^6.
 * @param monthlyCostUsd USD per month
 * @param tokensPerS sustained tokens per second
 * @returns USD per million tokens, or `null` when the throughput is 0
 * @throws {RangeError|TypeError} negative or non-finite inputs
 */
export function costPerMillionTokens(monthlyCostUsd: number, tokensPerS: number): number | null {
  nonNegativeNumber("monthlyCostUsd", monthlyCostUsd);
  if (nonNegativeNumber("tokensPerS", tokensPerS) === 0) return null;
  return (monthlyCostUsd / (tokensPerS * 3600 * HOURS_PER_MONTH)) * 1e6;
}
