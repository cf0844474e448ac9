/**
 * Paints a corrugated surface's contours pixel by pixel (render/raster.ts) with a palette's CSS
 * colours, in strips. A lazy chunk: contour-cache.ts loads it for the surfaces that need it
 * (Lévi N.13, and typed-in surfaces found to corrugate).
 */
import type { Domain, Surface } from '../../core/types';
import { sampleGridSteps } from '../../render/grid';
import { rasterBands } from '../../render/raster';
import type { ContourPalette } from './contour-cache';

/** Device-pixel rows painted per step: a few milliseconds of work for a wide map. */
const STRIP_ROWS = 24;

/**
 * Fills `ctx`'s canvas (device pixels, `ratio` per CSS pixel) with the bands and level lines of
 * f, a strip of rows at a time, pausing (yielding) after each: a map of 600 × 400 CSS pixels
 * at ratio 2 is a million pixels, about 0.2 s of work in one piece.
 */
export function* paintRasterSteps(
  ctx: CanvasRenderingContext2D,
  f: (x: number, y: number) => number,
  domain: Domain,
  thresholds: readonly number[],
  ratio: number,
  palette: ContourPalette,
): Generator<void, void, undefined> {
  const { width, height } = ctx.canvas;
  const n = thresholds.length;
  // Band k holds values with k levels at or below them, coloured as the filled polygons would be.
  const colors = rgba([...thresholds.map((_, k) => palette.band(n > 1 ? k / n : 0)), palette.band(1), palette.line]);
  if (!colors) return;
  const [y0, y1] = domain.y;
  // Strips start on multiples of the sampling step, so their lattices line up with one another.
  const step = Math.max(1, Math.floor(ratio));
  const rows = Math.max(step, STRIP_ROWS - (STRIP_ROWS % step));
  for (let r0 = 0; r0 < height; r0 += rows) {
    const r1 = Math.min(height, r0 + rows);
    const image = ctx.createImageData(width, r1 - r0);
    image.data.set(
      rasterBands({
        f,
        // The strip's own window: its pixel centres are the whole image's.
        domain: { x: domain.x, y: [y1 - (r1 / height) * (y1 - y0), y1 - (r0 / height) * (y1 - y0)] },
        width,
        height: r1 - r0,
        // f once per CSS pixel, interpolated across its device pixels.
        step,
        thresholds,
        bands: colors.subarray(0, 4 * (n + 1)),
        line: colors.subarray(4 * (n + 1)),
        lineWidth: 0.6 * ratio,
      }),
    );
    ctx.putImageData(image, 0, r0);
    yield;
  }
}

/** CSS colours as RGBA bytes, 4 per colour: painted on a strip and read back. */
function rgba(colors: readonly string[]): Uint8ClampedArray | undefined {
  const strip = document.createElement('canvas');
  strip.width = colors.length;
  strip.height = 1;
  const ctx = strip.getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  colors.forEach((c, k) => {
    ctx.fillStyle = c;
    ctx.fillRect(k, 0, 1, 1);
  });
  return ctx.getImageData(0, 0, colors.length, 1).data;
}

/** Samples per axis of the lattice a surface found to corrugate is painted from. */
const LATTICE_SIZE = 600;

/** f on a LATTICE_SIZE² lattice over the domain (pausing after each row), as a bilinear interpolant. */
export function* latticeSteps(surface: Surface): Generator<void, (x: number, y: number) => number, undefined> {
  const n = LATTICE_SIZE;
  const lattice = yield* sampleGridSteps(surface, n, n);
  const { values } = lattice;
  const [x0, x1] = surface.domain.x;
  const [y0, y1] = surface.domain.y;
  const sx = (n - 1) / (x1 - x0);
  const sy = (n - 1) / (y1 - y0);
  return (x, y) => {
    const u = Math.min(n - 1, Math.max(0, (x - x0) * sx));
    const v = Math.min(n - 1, Math.max(0, (y - y0) * sy));
    const i = Math.min(n - 2, Math.floor(u));
    const j = Math.min(n - 2, Math.floor(v));
    const a = u - i;
    const b = v - j;
    const k = j * n + i;
    return (values[k] * (1 - a) + values[k + 1] * a) * (1 - b) + (values[k + n] * (1 - a) + values[k + n + 1] * a) * b;
  };
}
