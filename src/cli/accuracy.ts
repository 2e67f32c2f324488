/**
 * Prints capsim's accuracy tables (formulas vs published engine measurements) as Markdown.
 *
 * Usage: `deno task accuracy`
 *
 * @module
 */

import { accuracyMarkdown } from "../capacity/accuracy.ts";

if (import.meta.main) console.log(accuracyMarkdown());
