/**
 * The Plot-typed view of a chart spec, for the builders' `satisfies` checks. Internal: kept out
 * of `mod.ts` so that the public API does not expose Observable Plot's types.
 *
 * @module
 */

import type * as Plot from "@observablehq/plot";

/** Plot options plus the chart texts, as Plot's own types describe them. */
export type PlotSpec = Plot.PlotOptions & { title: string; subtitle?: string; caption?: string };
