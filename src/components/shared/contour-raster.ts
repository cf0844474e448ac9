/**
 * Paints a corrugated surface's contours pixel by pixel (render/raster.ts) with a palette's CSS
 * colours. A lazy chunk: contour-cache.ts loads it for the surfaces that need it (Lévi N.13).
 */
import type { Domain } from '../../core/types';
import { rasterBands } from '../../render/raster';
import type { ContourPalette } from './contour-cache';

/** Fills `ctx`'s canvas (device pixels, `ratio` per CSS pixel) with the bands and level lines of f. */
export function paintRaster(
  ctx: CanvasRenderingContext2D,
  f: (x: number, y: number) => number,
  domain: Domain,
  thresholds: readonly number[],
  ratio: number,
  palette: ContourPalette,
): void {
  const { width, height } = ctx.canvas;
  const n = thresholds.length;
  // Band k holds values with k levels at or below them, coloured as the filled polygons would be.
  const colors = rgba([...thresholds.map((_, k) => palette.band(n > 1 ? k / n : 0)), palette.band(1), palette.line]);
  if (!colors) return;
  const image = ctx.createImageData(width, height);
  image.data.set(
    rasterBands({
      f,
      domain,
      width,
      height,
      // f once per CSS pixel, interpolated across its device pixels.
      step: ratio,
      thresholds,
      bands: colors.subarray(0, 4 * (n + 1)),
      line: colors.subarray(4 * (n + 1)),
      lineWidth: 0.6 * ratio,
    }),
  );
  ctx.putImageData(image, 0, 0);
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
