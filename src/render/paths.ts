/**
 * Trajectory geometry in pixels: one path string per run, the pixel position of every step, and
 * the drawn length at every step, so the animation can reveal the path with a dash instead of
 * rebuilding it.
 *
 * The path is cheap to build and to draw, and still true to the iterates:
 *   - vertices are the iterates' own pixel positions rounded to 0.1 px (off by at most 0.071 px),
 *     written by a formatter that turns integers of tenths into text, never a double;
 *   - once the simplifier has loaded, iterates that lie within `tolerance` (0.4 px) of a straight segment between two kept
 *     iterates are dropped, so every iterate is within 0.5 px of the drawn polyline (0.4 px plus
 *     the rounding), however many steps fall inside a pixel or along a straight stretch;
 *   - NaN (after divergence) is left out.
 */
import { views } from '../core/views';

let simplify: typeof import('./simplify').simplify | undefined;
let nextMove: typeof import('./simplify').nextMove | undefined;

/**
 * Resolves once the path simplifier has loaded (a lazy chunk in the single-file bundle: the
 * first picture does not need it). Until then paths keep every iterate, exactly as true to them.
 */
export const simplifierReady: Promise<void> = import('./simplify').then(
  (m) => {
    simplify = m.simplify;
    nextMove = m.nextMove;
    settled = true;
  },
  () => {
    settled = true; // not loaded (offline?): paths keep every iterate
  },
);

/**
 * While `host` (a map, a playground) follows a dragged start: the arrays of this move's runs and
 * paths, reused from earlier moves (see DragBuffers; they come with the simplifier, which
 * redraws need and the first picture does not: until it is here, new arrays).
 */
export const dragBuffers = (host: object) => nextMove?.(host);
let settled = false;

/**
 * Whether the path simplifier's chunk has loaded (or failed to): paths built before that keep
 * every iterate, and are worth building again once it has.
 */
export function simplifierSettled(): boolean {
  return settled;
}

export interface TrajectoryGeometry {
  /** SVG path `d` through every drawn point, starting with `M` at step 0. */
  readonly d: string;
  /** Pixel position of every step (NaN after divergence). */
  readonly px: Float64Array;
  readonly py: Float64Array;
  /**
   * Length of the drawn path from step 0 to step `k`: up to the point where step k's iterate
   * projects onto the segment drawn past it (the whole length from the last step on).
   */
  lengthAt(k: number): number;
  /** Index of the last step with a finite position. */
  readonly last: number;
}

/** A map v -> k v + b, or a function (d3 scales are both; the affine form is faster in the loop). */
export type Axis = ((v: number) => number) & { domain?: () => number[]; range?: () => number[] };

/** The affine coefficients of a linear d3 scale (or undefined for anything else). */
export function affine(axis: Axis): { k: number; b: number } | undefined {
  const d = axis.domain?.();
  const r = axis.range?.();
  if (!d || !r || d.length !== 2 || r.length !== 2 || d[0] === d[1]) return undefined;
  const k = (r[1] - r[0]) / (d[1] - d[0]);
  // Only trust the coefficients if they reproduce the scale (i.e. it is linear and unclamped).
  const b = r[0] - k * d[0];
  const probe = d[0] + 0.37 * (d[1] - d[0]);
  return Math.abs(axis(probe) - (k * probe + b)) < 1e-9 * (1 + Math.abs(axis(probe))) ? { k, b } : undefined;
}

export interface TrajectoryGeometryOptions {
  /**
   * Drop iterates within this distance (pixels) of the straight segment the path draws past
   * them. Default 0.4, which with 0.1 px rounding keeps every iterate within 0.5 px of the path.
   */
  readonly tolerance?: number;
  /** Clamp pixel coordinates to ± this many times the panel span (keeps `d` sane after a blow-up). */
  readonly clampSpans?: number;
  readonly width?: number;
  readonly height?: number;
  /** Where the pixel arrays come from (`views`, or a drag's reused buffers: see DragBuffers). */
  readonly take?: typeof views;
}

/** Path text for a coordinate in tenths of a pixel (an integer): "12.3", "-0.5", "40". */
export function tenths(v: number): string {
  if (v < 0) return '-' + tenths(-v);
  const whole = (v / 10) | 0;
  const frac = v - whole * 10;
  return frac === 0 ? '' + whole : whole + '.' + frac;
}

/**
 * SVG path text through the points 0..last of `px`, `py` (pixels), rounded to tenths of a pixel;
 * once the simplifier has loaded, points within `tolerance` of the drawn polyline are left out
 * (so, with the rounding, every point lies within tolerance + 0.071 px of the path).
 */
export function polylinePath(px: Float64Array, py: Float64Array, last: number, tolerance = 0.4): string {
  if (last < 0) return '';
  let d = '';
  const emit = (k: number) => {
    d += (d ? 'L' : 'M') + tenths(Math.round(px[k] * 10)) + ',' + tenths(Math.round(py[k] * 10));
  };
  if (simplify) {
    const kept = simplify(px, py, last, tolerance);
    for (let j = 0; j < kept.length; j++) emit(kept[j]);
  } else for (let k = 0; k <= last; k++) emit(k);
  return d;
}

/**
 * Builds the path of a run whose coordinates are `xs`, `ys` (Float64Arrays of equal length,
 * NaN where the run has stopped), mapped through `sx`, `sy`.
 */
export function trajectoryGeometry(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: Axis,
  sy: Axis,
  options: TrajectoryGeometryOptions = {},
): TrajectoryGeometry {
  const { tolerance = 0.4, clampSpans = 20, width = 1000, height = 1000, take = views } = options;
  const ax = affine(sx);
  const ay = affine(sy);
  const n = xs.length;
  const [px, py] = take(2, n);
  // Integer tenths stay well inside 32 bits: at most 20 spans of a few thousand pixels.
  const limX = Math.min(clampSpans * width, 1e8);
  const limY = Math.min(clampSpans * height, 1e8);
  let last = -1;
  for (let k = 0; k < n; k++) {
    let x = ax ? ax.k * xs[k] + ax.b : sx(xs[k]);
    let y = ay ? ay.k * ys[k] + ay.b : sy(ys[k]);
    if (!(x - x === 0 && y - y === 0)) {
      // NaN or infinite: the run has stopped; the rest is NaN too.
      px.fill(NaN, k);
      py.fill(NaN, k);
      break;
    }
    px[k] = x < -limX ? -limX : x > limX ? limX : x;
    py[k] = y < -limY ? -limY : y > limY ? limY : y;
    last = k;
  }
  if (last < 0) return withLengths({ d: '', px, py, last }, new Int32Array(0), new Float64Array(0));
  let kept: Int32Array;
  if (simplify) kept = simplify(px, py, last, tolerance);
  else {
    kept = new Int32Array(last + 1);
    for (let k = 0; k <= last; k++) kept[k] = k;
  }
  // The path through the kept iterates, rounded to tenths of a pixel, and the drawn length at
  // each kept iterate (the lengths at the other steps are worked out when asked for).
  const cumulative = new Float64Array(kept.length);
  let x0 = Math.round(px[0] * 10);
  let y0 = Math.round(py[0] * 10);
  let d = 'M' + tenths(x0) + ',' + tenths(y0);
  let drawn = 0;
  for (let j = 1; j < kept.length; j++) {
    const to = kept[j];
    const x1 = Math.round(px[to] * 10);
    const y1 = Math.round(py[to] * 10);
    d += 'L' + tenths(x1) + ',' + tenths(y1);
    const ux = (x1 - x0) / 10;
    const uy = (y1 - y0) / 10;
    drawn += Math.sqrt(ux * ux + uy * uy);
    cumulative[j] = drawn;
    x0 = x1;
    y0 = y1;
  }
  return withLengths({ d, px, py, last }, kept, cumulative);
}

/** Adds `lengthAt` to a geometry whose path runs through `kept`. */
function withLengths(
  g: Omit<TrajectoryGeometry, 'lengthAt'>,
  kept: Int32Array,
  cumulative: Float64Array,
): TrajectoryGeometry {
  const { px, py, last } = g;
  const total = kept.length ? cumulative[kept.length - 1] : 0;
  const at = (v: number) => Math.round(v * 10) / 10; // a kept vertex as the path draws it
  const lengthAt = (k: number): number => {
    if (!(k > 0) || last < 0) return 0;
    if (k >= last) return total;
    // The segment drawn past step k: kept[j] <= k < kept[j + 1].
    let lo = 0;
    let hi = kept.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (kept[mid] <= k) lo = mid;
      else hi = mid;
    }
    if (kept[lo] === k) return cumulative[lo];
    const a = kept[lo];
    const b = kept[hi];
    const ax = at(px[a]);
    const ay = at(py[a]);
    const ux = at(px[b]) - ax;
    const uy = at(py[b]) - ay;
    const len = cumulative[hi] - cumulative[lo];
    // (0 for a segment of length 0)
    const along = ((px[k] - ax) * ux + (py[k] - ay) * uy) / (len || 1);
    return cumulative[lo] + Math.min(len, Math.max(0, along));
  };
  return { ...g, lengthAt };
}
