/**
 * Contour levels: evenly spaced where the surface's values sit in one range, log-spaced above the
 * minimum where they span orders of magnitude (Rosenbrock, Beale, Goldstein–Price), so the
 * valleys where the paths run get as many lines as the walls.
 */
import { ticks } from 'd3-array';

export interface ContourLevels {
  /** Ascending thresholds for d3-contour. */
  readonly thresholds: number[];
  /** True when the thresholds are log-spaced above `base`. */
  readonly log: boolean;
  /** The value the log spacing is measured from (the smallest sample). */
  readonly base: number;
}

export interface ContourLevelOptions {
  /** About how many levels. Default 18. */
  readonly count?: number;
  /**
   * Force a spacing; by default log is chosen when the lower quartile of (f − min) is below
   * `logRatio` times its 99th percentile: most of the window then sits in the lowest few linear
   * bands (Rosenbrock 0.02, Beale 3e-4, Goldstein–Price 1e-3; a quadratic bowl 0.04 to 0.4).
   */
  readonly log?: boolean;
  /** Default 0.03. */
  readonly logRatio?: number;
}

/** Sorted finite values of `values` minus their minimum. */
function sortedAboveMin(values: ArrayLike<number>): { above: Float64Array; min: number } {
  let min = Infinity;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      n++;
      if (v < min) min = v;
    }
  }
  const above = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) above[k++] = v - min;
  }
  above.sort();
  return { above, min };
}

/** The p-quantile of an ascending array, interpolated (d3-array's rule, for typed arrays). */
function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const i = (n - 1) * p;
  const i0 = Math.floor(i);
  const v0 = sorted[i0];
  return i0 + 1 < n ? v0 + (sorted[i0 + 1] - v0) * (i - i0) : v0;
}

/** Chooses thresholds for the sampled values (a SurfaceGrid's `values`). */
export function contourLevels(values: ArrayLike<number>, options: ContourLevelOptions = {}): ContourLevels {
  const { count = 18, logRatio = 0.03 } = options;
  const { above, min } = sortedAboveMin(values);
  if (above.length === 0) return { thresholds: [], log: false, base: 0 };
  const top = quantileSorted(above, 0.99);
  const quartile = quantileSorted(above, 0.25);
  // Flat: no spread, or one too small for doubles to space levels in (5e-324·x, 1e17 + tiny
  // wiggles): one band, no lines (d3's ticks would ask for an array of ~10³²⁴ entries).
  if (!(top > 0) || !(top > Math.abs(min) * 1e-12) || top < 1e-290) return { thresholds: [min], log: false, base: min };
  const log = options.log ?? quartile < logRatio * top;
  if (!log) {
    // Nice round thresholds over the bulk of the values; the top 1% share the last band.
    const t = ticks(min, min + top, count).filter((v) => v > min);
    if (t.length <= 4 * count && t.every(Number.isFinite)) return { thresholds: t, log: false, base: min };
    const even: number[] = [];
    for (let k = 1; k < count; k++) even.push(min + (top * k) / count);
    return { thresholds: even, log: false, base: min };
  }
  // Geometric spacing of f − min from a low quantile up to the 99th percentile.
  const low = Math.max(quantileSorted(above, 0.005), top * 1e-6, Number.MIN_VALUE);
  const n = Math.max(2, count);
  const ratio = Math.pow(top / low, 1 / (n - 1));
  const thresholds: number[] = [];
  for (let k = 0; k < n; k++) thresholds.push(min + low * Math.pow(ratio, k));
  return { thresholds, log: true, base: min };
}
