/**
 * Semantic checks of the workload: preset names (with close matches), every distribution of an
 * explicit shape or of a preset's replaced fields (through `distributionFromSpec`, so a bad
 * parameter deep in a mixture is reported at its path), compaction (`compileSessionShape`),
 * arrivals (`checkArrivals`), and a static population that is not empty.
 *
 * @module
 */

import { mixTotal } from "../capacity/workload.ts";
import { distributionFromSpec, type DistributionSpec } from "../random/distributions.ts";
import { type ArrivalSpec, checkArrivals } from "../workload/arrivals.ts";
import { PRESET_NAMES, presetShape } from "../workload/presets.ts";
import { compileSessionShape, type SessionShapeSpec } from "../workload/session_shape.ts";
import { describe } from "../validate.ts";
import type { IssueList } from "./semantic.ts";
import type { ParsedScenario } from "./schema.ts";
import { arrivals, compaction, distribution } from "./schema_parts.ts";
import { isStaticWorkload, type ScenarioMixEntry, type ScenarioShape } from "./types.ts";

/** The six distributions of a session shape. */
export const SHAPE_FIELDS = [
  "turns",
  "firstInputTokens",
  "newInputTokens",
  "outputTokens",
  "thinkTimeS",
  "modelTimeS",
] as const;

/**
 * A mix entry's full session shape: the preset's, with the entry's fields replacing its own.
 * @param entry a checked mix entry
 * @returns the shape spec
 */
export function entryShape(entry: ScenarioMixEntry): SessionShapeSpec {
  const base: ScenarioShape = entry.preset === undefined ? {} : presetShape(entry.preset);
  return { ...base, ...entry.shape } as SessionShapeSpec;
}

const FIXED = { kind: "fixed", value: 1 } as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks one mix entry as written, field by field (fields zod rejected are skipped). */
function checkEntry(entry: unknown, at: string, list: IssueList): void {
  if (!isObject(entry)) return;
  const { preset } = entry;
  const shape = isObject(entry.shape) ? entry.shape : undefined;
  if (preset === undefined && entry.shape === undefined) {
    list.add(at, "a preset, or a shape with all six distributions", "neither");
  }
  if (typeof preset === "string" && !(PRESET_NAMES as readonly string[]).includes(preset)) {
    list.unknownId(`${at}.preset`, "preset", preset, PRESET_NAMES);
  }
  if (shape === undefined) return;
  for (const field of SHAPE_FIELDS) {
    const path = `${at}.shape.${field}`;
    const value = shape[field];
    if (value === undefined) {
      if (preset === undefined) {
        list.add(path, "a distribution (a shape without a preset needs all six)", "nothing");
      }
    } else if (distribution.safeParse(value).success) {
      const dist = list.attempt(path, () => distributionFromSpec(value as DistributionSpec, path));
      if (dist && dist.support.min < 0) {
        list.add(
          path,
          "a distribution of values ≥ 0 (truncate it with min: 0)",
          `one that can draw ${dist.support.min}`,
        );
      }
    }
  }
  if (shape.compaction !== undefined && compaction.safeParse(shape.compaction).success) {
    const probe = Object.fromEntries(SHAPE_FIELDS.map((f) => [f, FIXED]));
    list.attempt(
      `${at}.shape.compaction`,
      () =>
        compileSessionShape(
          { ...probe, compaction: shape.compaction } as unknown as SessionShapeSpec,
          `${at}.shape`,
        ),
    );
  }
}

/**
 * Checks the workload section: the static population if it parsed, else each mix entry as
 * written (so a wrong type in one entry does not hide an unknown preset in another).
 * @param workload the parsed section, if it parsed
 * @param raw the section as written
 * @param list where issues go
 */
export function checkWorkload(
  workload: ParsedScenario["workload"] | undefined,
  raw: unknown,
  list: IssueList,
): void {
  if (workload !== undefined && isStaticWorkload(workload)) {
    if (mixTotal(workload.static) === 0) {
      list.add("workload.static", "at least one session", describe(workload.static));
    }
    return;
  }
  if (!isObject(raw) || !Array.isArray(raw.mix)) return;
  raw.mix.forEach((entry, i) => checkEntry(entry, `workload.mix[${i}]`, list));
  if (raw.arrivals !== undefined) {
    if (arrivals.safeParse(raw.arrivals).success) {
      list.attempt(
        "workload.arrivals",
        () => checkArrivals(raw.arrivals as ArrivalSpec, "workload.arrivals"),
      );
    }
  } else if (raw.mix.some((e) => isObject(e) && e.preset === undefined)) {
    list.add(
      "workload.arrivals",
      "an arrival process (the default rate comes from presets, and this mix has explicit shapes)",
      "nothing",
    );
  }
}
