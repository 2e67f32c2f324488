/**
 * Prints capsim's accuracy tables (formulas vs published engine measurements) as Markdown, or
 * with `--readme` rewrites the README's accuracy section between its markers.
 *
 * Usage: `deno task accuracy [--readme]`
 *
 * @module
 */

import { accuracyMarkdown } from "../capacity/accuracy.ts";

/** Markers around the generated section in README.md. */
export const ACCURACY_MARKERS = ["<!-- accuracy:start -->", "<!-- accuracy:end -->"] as const;

/**
 * Replaces the text between the accuracy markers.
 * @param readme the README text
 * @param table the new section
 * @returns the updated README
 * @throws {Error} the markers are missing
 */
export function replaceAccuracySection(readme: string, table: string): string {
  const [start, end] = ACCURACY_MARKERS;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md: expected the markers ${start} … ${end}`);
  return `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`;
}

if (import.meta.main) {
  const table = accuracyMarkdown();
  if (Deno.args.includes("--readme")) {
    const path = new URL("../../README.md", import.meta.url);
    await Deno.writeTextFile(path, replaceAccuracySection(await Deno.readTextFile(path), table));
    console.error("README.md: accuracy section updated");
  } else {
    console.log(table);
  }
}
