/**
 * Test helpers that read a rendered chart SVG back through linkedom: marks by Plot's
 * `aria-label`, texts of an axis, and a check that no path or attribute holds NaN.
 *
 * @module
 */

import { DOMParser } from "linkedom";

/** A parsed chart. */
export interface ParsedSvg {
  /** The root element. */
  root: Element;
  /** Elements matching a selector. */
  all(selector: string): Element[];
  /** Text contents of the elements matching a selector. */
  texts(selector: string): string[];
}

/**
 * Parses SVG markup (as XML: malformed markup throws).
 * @param svg markup
 * @returns query helpers
 */
export function parseSvg(svg: string): ParsedSvg {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml") as unknown as Document;
  const root = doc.documentElement;
  if (!root || root.localName !== "svg") throw new Error("not an <svg> document");
  const all = (selector: string) => [...root.querySelectorAll(selector)];
  return {
    root,
    all,
    texts: (selector: string) => all(selector).map((e) => e.textContent ?? ""),
  };
}

/**
 * Shapes drawn by a Plot mark (`g[aria-label=<mark>]`): its `tag` descendants.
 * @param svg parsed chart
 * @param mark Plot's aria label (`bar`, `line`, `area`, `rule`, `dot`, `text`, `tick`)
 * @param tag element drawn (`rect`, `path`, `line`, `circle`, `text`)
 * @returns the elements
 */
export function markShapes(svg: ParsedSvg, mark: string, tag: string): Element[] {
  return svg.all(`g[aria-label="${mark}"] ${tag}`);
}

/**
 * Every attribute value that contains NaN or Infinity (should be none).
 * @param svg markup
 * @returns the offending attribute snippets
 */
export function badNumbers(svg: string): string[] {
  return [...svg.matchAll(/[\w-]+="[^"]*(?:NaN|Infinity)[^"]*"/g)].map((m) => m[0]);
}
