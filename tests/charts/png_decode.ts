/**
 * A minimal PNG decoder for tests (8-bit greyscale, RGB or RGBA, non-interlaced: what resvg
 * and Chromium write), so tests can look at pixels without an image library. Inflate is the
 * platform's `DecompressionStream("deflate")` (zlib format, as PNG's IDAT stream is).
 *
 * @module
 */

/** Decoded pixels, always RGBA. */
export interface DecodedPng {
  /** Width, px. */
  width: number;
  /** Height, px. */
  height: number;
  /** RGBA bytes, row by row. */
  rgba: Uint8Array;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(data)]).stream().pipeThrough(
    new DecompressionStream("deflate"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG.
 * @param png the file's bytes
 * @returns width, height and RGBA pixels
 * @throws {Error} an unsupported format
 */
export async function decodePng(png: Uint8Array): Promise<DecodedPng> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
      width = v.getUint32(0);
      height = v.getUint32(4);
      bitDepth = body[8];
      colorType = body[9];
      interlace = body[12];
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(
      `unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`,
    );
  }
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.length, 0));
  idat.reduce((at, c) => (joined.set(c, at), at + c.length), 0);
  const raw = await inflate(joined);
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0;
      const b = up[x];
      const c = x >= channels ? up[x - channels] : 0;
      const predictor = filter === 0
        ? 0
        : filter === 1
        ? a
        : filter === 2
        ? b
        : filter === 3
        ? (a + b) >> 1
        : paeth(a, b, c);
      row[x] = (src[x] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const [r, g, b, a] = channels === 1
      ? [p[0], p[0], p[0], 255]
      : channels === 2
      ? [p[0], p[0], p[0], p[1]]
      : channels === 3
      ? [p[0], p[1], p[2], 255]
      : [p[0], p[1], p[2], p[3]];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, rgba };
}

/**
 * Share of pixels in a rectangle that are not (near) white.
 * @param image decoded pixels
 * @param rect x, y, width, height, px (clipped to the image)
 * @returns a fraction in [0, 1]
 */
export function inkFraction(
  image: DecodedPng,
  rect: { x: number; y: number; width: number; height: number },
): number {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  let ink = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const { rgba } = image;
      const alpha = rgba[i + 3];
      if (alpha > 32 && (rgba[i] < 235 || rgba[i + 1] < 235 || rgba[i + 2] < 235)) ink++;
      total++;
    }
  }
  return total === 0 ? 0 : ink / total;
}

/**
 * Share of pixels in a rectangle that are clearly coloured (max − min channel > 60): data marks
 * in a chart, as opposed to black text, grey axes and white paper.
 * @param image decoded pixels
 * @param rect x, y, width, height, px (clipped to the image)
 * @returns a fraction in [0, 1]
 */
export function colorFraction(
  image: DecodedPng,
  rect: { x: number; y: number; width: number; height: number },
): number {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  let colored = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) colored++;
      total++;
    }
  }
  return total === 0 ? 0 : colored / total;
}
