/**
 * Trajectory geometry in pixels: one path string per run, with points closer than a fraction of
 * a pixel to the last drawn one skipped, NaN (after divergence) left out, and the drawn length
 * at every step, so the animation can reveal the path with a dash instead of rebuilding it.
 */
import { round1 } from './contours';

export interface TrajectoryGeometry {
  /** SVG path `d` through every drawn point, starting with `M` at step 0. */
  readonly d: string;
  /** Pixel position of every step (NaN after divergence). */
  readonly px: Float64Array;
  readonly py: Float64Array;
  /** Length of the drawn path from step 0 to each step, in pixels. */
  readonly lengths: Float64Array;
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
  /** Skip points closer than this to the last drawn one (pixels). Default 1. */
  readonly minDistance?: number;
  /** Clamp pixel coordinates to ± this many times the panel span (keeps `d` sane after a blow-up). */
  readonly clampSpans?: number;
  readonly width?: number;
  readonly height?: number;
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
  const { minDistance = 1, clampSpans = 20, width = 1000, height = 1000 } = options;
  const ax = affine(sx);
  const ay = affine(sy);
  const n = xs.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const lengths = new Float64Array(n);
  const limX = clampSpans * width;
  const limY = clampSpans * height;
  const min2 = minDistance * minDistance;
  let d = '';
  let lastX = NaN;
  let lastY = NaN;
  let drawn = 0;
  let last = -1;
  for (let k = 0; k < n; k++) {
    let x = ax ? ax.k * xs[k] + ax.b : sx(xs[k]);
    let y = ay ? ay.k * ys[k] + ay.b : sy(ys[k]);
    if (!(x - x === 0 && y - y === 0)) {
      // NaN or infinite: the run has stopped; the rest is NaN too.
      px.fill(NaN, k);
      py.fill(NaN, k);
      lengths.fill(drawn, k);
      break;
    }
    x = x < -limX ? -limX : x > limX ? limX : x;
    y = y < -limY ? -limY : y > limY ? limY : y;
    px[k] = x;
    py[k] = y;
    last = k;
    const rx = round1(x);
    const ry = round1(y);
    if (k === 0) {
      d = `M${rx},${ry}`;
      lastX = rx;
      lastY = ry;
      continue;
    }
    const ddx = rx - lastX;
    const ddy = ry - lastY;
    const dist2 = ddx * ddx + ddy * ddy;
    if (dist2 >= min2 || k === n - 1) {
      d += 'L' + rx + ',' + ry;
      drawn += Math.sqrt(dist2);
      lastX = rx;
      lastY = ry;
      lengths[k] = drawn;
    } else {
      lengths[k] = drawn + Math.sqrt(dist2);
    }
  }
  return { d, px, py, lengths, last };
}
