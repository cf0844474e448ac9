/**
 * Filled contour bands and level lines painted pixel by pixel, for surfaces that corrugate faster
 * than the contour grid can follow (Lévi N.13 has 60 ripples across its window: the 200-sample
 * grid gives each only three samples, and marching squares draws them as a sawtooth). f is
 * sampled every `step` device pixels and interpolated bilinearly in between; each pixel takes its
 * band's colour (as the filled polygons of contours.ts would give it), and the level lines are
 * anti-aliased by their distance in pixels, |f − level| / |∇f|.
 */
import type { Domain } from '../core/types';

export interface RasterBandsOptions {
  readonly f: (x: number, y: number) => number;
  readonly domain: Domain;
  /** Size of the image in device pixels; the domain fills it, y upwards. */
  readonly width: number;
  readonly height: number;
  /** Device pixels between samples of f (1: every pixel; the CSS pixel size is enough). */
  readonly step: number;
  /** Ascending contour levels. */
  readonly thresholds: readonly number[];
  /**
   * RGBA of each band, 4 bytes each: band k holds the values with exactly k thresholds at or
   * below them (band 0 lies below the first level), thresholds.length + 1 bands.
   */
  readonly bands: ArrayLike<number>;
  /** RGBA of the level lines; its alpha (0 to 255) is the lines' opacity. */
  readonly line: ArrayLike<number>;
  /** Width of the level lines in device pixels. */
  readonly lineWidth: number;
}

/** The image, RGBA row by row from the top (ImageData's layout). */
export function rasterBands(options: RasterBandsOptions): Uint8ClampedArray {
  const { f, domain, width, height, thresholds: t, bands, line, lineWidth } = options;
  const step = Math.max(1, Math.floor(options.step));
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  // Lattice node (a, b) sits at the centre of pixel (a·step, b·step); one more node past the last.
  const gw = Math.floor((width - 1) / step) + 2;
  const gh = Math.floor((height - 1) / step) + 2;
  const grid = new Float64Array(gw * gh);
  for (let b = 0, k = 0; b < gh; b++) {
    const y = y1 - ((b * step + 0.5) / height) * (y1 - y0);
    for (let a = 0; a < gw; a++, k++) grid[k] = f(x0 + ((a * step + 0.5) / width) * (x1 - x0), y);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  const n = t.length;
  const lineAlpha = line[3] / 255;
  const reach = lineWidth / 2 + 0.5;
  const reach2 = reach * reach;
  // Per column: its lattice cell and the fraction across it.
  const cell = new Int32Array(width);
  const across = new Float64Array(width);
  for (let i = 0; i < width; i++) {
    cell[i] = Math.floor(i / step);
    across[i] = (i - cell[i] * step) / step;
  }
  let k = 0;
  for (let j = 0, o = 0; j < height; j++) {
    const b = Math.floor(j / step);
    const w = (j - b * step) / step;
    const row = b * gw;
    for (let i = 0; i < width; i++, o += 4) {
      const a = row + cell[i];
      const u = across[i];
      const v00 = grid[a];
      const v10 = grid[a + 1];
      const v01 = grid[a + gw];
      const v11 = grid[a + gw + 1];
      const v = (v00 * (1 - u) + v10 * u) * (1 - w) + (v01 * (1 - u) + v11 * u) * w;
      if (!(v - v === 0)) {
        // Not finite: the base colour, no line.
        out[o] = bands[0];
        out[o + 1] = bands[1];
        out[o + 2] = bands[2];
        out[o + 3] = bands[3];
        continue;
      }
      // Neighbouring pixels mostly share a band: walk from the last one.
      while (k < n && t[k] <= v) k++;
      while (k > 0 && t[k - 1] > v) k--;
      // Distance in pixels to the nearest level, |f − level| / |∇f|; most pixels are far from one.
      const gx = ((v10 - v00) * (1 - w) + (v11 - v01) * w) / step;
      const gy = ((v01 - v00) * (1 - u) + (v11 - v10) * u) / step;
      const slope2 = gx * gx + gy * gy;
      const gap = Math.min(k > 0 ? v - t[k - 1] : Infinity, k < n ? t[k] - v : Infinity);
      const cover = gap * gap < reach2 * slope2 ? Math.min(1, reach - gap / Math.sqrt(slope2)) * lineAlpha : 0;
      const c = 4 * k;
      out[o] = bands[c] + (line[0] - bands[c]) * cover;
      out[o + 1] = bands[c + 1] + (line[1] - bands[c + 1]) * cover;
      out[o + 2] = bands[c + 2] + (line[2] - bands[c + 2]) * cover;
      out[o + 3] = bands[c + 3];
    }
  }
  return out;
}
