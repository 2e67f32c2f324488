/**
 * SVG → PNG with resvg (a Rust renderer shipped as a native npm addon: no browser, no system
 * libraries). Text is set in DejaVu Sans from the system fonts (`fonts-dejavu-core`), so a
 * chart's PNG matches its SVG in a browser.
 *
 * @example A 720 × 400 SVG at the default 2× zoom is a 1440 × 800 PNG.
 * ```ts
 * import { pngSize, svgToPng } from "./png.ts";
 * import { deepEqual } from "node:assert/strict";
 * const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="400">' +
 *   '<text x="10" y="20">hello</text></svg>';
 * deepEqual(pngSize(svgToPng(svg)), { width: 1440, height: 800 });
 * deepEqual(pngSize(svgToPng(svg, { width: 360 })), { width: 360, height: 200 });
 * ```
 * @module
 */

import { Resvg } from "@resvg/resvg-js";
import { CHART_FONT_FAMILY } from "./theme.ts";

/** Options of `svgToPng`. */
export interface PngOptions {
  /** Output width, px; the height keeps the aspect ratio. Overrides `zoom`. */
  width?: number;
  /** Scale factor (default 2: crisp on high-density screens and in READMEs). */
  zoom?: number;
  /** Background colour (default white; `"transparent"` for none). */
  background?: string;
}

/** Width and height of a PNG, px. */
export interface PngSize {
  /** Width, px. */
  width: number;
  /** Height, px. */
  height: number;
}

/** The 8-byte signature every PNG starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Renders an SVG document to PNG.
 * @param svg a standalone SVG (with `xmlns`, as `renderSvg` returns)
 * @param options output width or zoom, background
 * @returns the PNG bytes
 * @throws {RangeError} a width or zoom that is not a positive finite number
 * @throws {Error} SVG that resvg cannot parse (the message is resvg's)
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  if (typeof svg !== "string") {
    throw new TypeError(`svg: expected an SVG string; received ${typeof svg}`);
  }
  for (const field of ["width", "zoom"] as const) {
    const v = options[field];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      throw new RangeError(`options.${field}: expected a positive number; received ${v}`);
    }
  }
  const fitTo = options.width !== undefined
    ? { mode: "width" as const, value: Math.round(options.width) }
    : { mode: "zoom" as const, value: options.zoom ?? 2 };
  const background = options.background ?? "white";
  const resvg = new Resvg(svg, {
    background: background === "transparent" ? undefined : background,
    fitTo,
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * Reads a PNG's size from its IHDR chunk, checking the signature first.
 * @param png PNG bytes
 * @returns width and height, px
 * @throws {TypeError} bytes that are not a PNG (bad signature or no IHDR first)
 */
export function pngSize(png: Uint8Array): PngSize {
  const ok = png instanceof Uint8Array && png.length >= 24 &&
    PNG_SIGNATURE.every((b, i) => png[i] === b) &&
    String.fromCharCode(png[12], png[13], png[14], png[15]) === "IHDR";
  if (!ok) throw new TypeError("png: expected PNG bytes (signature then an IHDR chunk)");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
