/**
 * Trajectory geometry in pixels: one path string per run, the pixel position of every step, and
 * the drawn length at every step, so the animation can reveal the path with a dash instead of
 * rebuilding it.
 *
 * The path is cheap to build and to draw, and still true to the iterates:
 *   - vertices are the iterates' own pixel positions rounded to 0.1 px (off by at most 0.071 px),
 *     written by a formatter that turns integers of tenths into text, never a double;
 *   - iterates that lie within `tolerance` (0.4 px) of a straight segment between two kept
 *     iterates are dropped, so every iterate is within 0.5 px of the drawn polyline (0.4 px plus
 *     the rounding), however many steps fall inside a pixel or along a straight stretch;
 *   - NaN (after divergence) is left out.
 */
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
  /**
   * Drop iterates within this distance (pixels) of the straight segment the path draws past
   * them. Default 0.4, which with 0.1 px rounding keeps every iterate within 0.5 px of the path.
   */
  readonly tolerance?: number;
  /** Clamp pixel coordinates to ± this many times the panel span (keeps `d` sane after a blow-up). */
  readonly clampSpans?: number;
  readonly width?: number;
  readonly height?: number;
}

/** Path text for a coordinate in tenths of a pixel (an integer): "12.3", "-0.5", "40". */
export function tenths(v: number): string {
  if (v < 0) return '-' + tenths(-v);
  const whole = (v / 10) | 0;
  const frac = v - whole * 10;
  return frac === 0 ? '' + whole : whole + '.' + frac;
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
  const { tolerance = 0.4, clampSpans = 20, width = 1000, height = 1000 } = options;
  const ax = affine(sx);
  const ay = affine(sy);
  const n = xs.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const lengths = new Float64Array(n);
  // Integer tenths stay well inside 32 bits: at most 20 spans of a few thousand pixels.
  const limX = Math.min(clampSpans * width, 1e8);
  const limY = Math.min(clampSpans * height, 1e8);
  let last = -1;
  const linear = ax !== undefined && ay !== undefined;
  const kx = ax?.k ?? 0;
  const bx = ax?.b ?? 0;
  const ky = ay?.k ?? 0;
  const by = ay?.b ?? 0;
  for (let k = 0; k < n; k++) {
    let x = linear ? kx * xs[k] + bx : sx(xs[k]);
    let y = linear ? ky * ys[k] + by : sy(ys[k]);
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
  if (last < 0) return { d: '', px, py, lengths, last };
  const kept = simplify(px, py, last, tolerance);
  // The path through the kept iterates, rounded to tenths of a pixel; the length drawn at each
  // step is the length up to the step's projection onto the segment drawn past it.
  let x0 = Math.round(px[0] * 10);
  let y0 = Math.round(py[0] * 10);
  let d = 'M' + tenths(x0) + ',' + tenths(y0);
  let drawn = 0;
  let from = 0;
  for (let j = 1; j < kept.length; j++) {
    const to = kept[j];
    const x1 = Math.round(px[to] * 10);
    const y1 = Math.round(py[to] * 10);
    d += 'L' + tenths(x1) + ',' + tenths(y1);
    const ux = (x1 - x0) / 10;
    const uy = (y1 - y0) / 10;
    const len = Math.sqrt(ux * ux + uy * uy);
    const sx0 = x0 / 10;
    const sy0 = y0 / 10;
    for (let k = from + 1; k < to; k++) {
      const along = len > 0 ? ((px[k] - sx0) * ux + (py[k] - sy0) * uy) / len : 0;
      lengths[k] = drawn + (along < 0 ? 0 : along > len ? len : along);
    }
    drawn += len;
    lengths[to] = drawn;
    from = to;
    x0 = x1;
    y0 = y1;
  }
  lengths.fill(drawn, last + 1);
  return { d, px, py, lengths, last };
}

/**
 * Indices of the iterates 0..last to draw, such that every iterate lies within `tolerance` of
 * the polyline through them: a streaming sector ("sleeve") simplification in O(n), no trig.
 *
 * From an anchor A (the last kept iterate), a later iterate P at distance r > tolerance allows
 * the segment's direction to lie within asin(tolerance / r) of A→P; the directions allowed by
 * every iterate since A form an arc [lo, hi]. The next iterate B may end the segment if its
 * direction is in that arc and it is at least as far from A as every iterate before it: then
 * each of those projects onto A→B between A and B, within `tolerance` of it. Iterates within
 * `tolerance` of A before the first candidate constrain nothing. When B may not end the segment, the last one that could
 * is kept and becomes the new anchor.
 */
function simplify(px: Float64Array, py: Float64Array, last: number, tolerance: number): Int32Array {
  const kept = new Int32Array(last + 1);
  let count = 0;
  kept[count++] = 0;
  const tol2 = tolerance * tolerance;
  let ax = px[0];
  let ay = py[0];
  let candidate = -1; // the furthest iterate that may end the current segment
  let maxR2 = 0;
  // The arc of allowed directions, as two edge vectors (counterclockwise from lo to hi).
  let loX = 0;
  let loY = 0;
  let hiX = 0;
  let hiY = 0;
  for (let k = 1; k <= last; k++) {
    let vx = px[k] - ax;
    let vy = py[k] - ay;
    let r2 = vx * vx + vy * vy;
    // Near A and before any candidate: within tolerance of whatever segment leaves A. (After
    // one, such an iterate is nearer than the candidate and fails the test below, so the
    // segment ends: its projection onto the segment, where the dash reveals it, must be near.)
    if (r2 <= tol2 && candidate < 0) continue;
    if (candidate >= 0 && !(r2 >= maxR2 && loX * vy - loY * vx >= 0 && vx * hiY - vy * hiX >= 0)) {
      kept[count++] = candidate;
      ax = px[candidate];
      ay = py[candidate];
      candidate = -1;
      maxR2 = 0;
      vx = px[k] - ax;
      vy = py[k] - ay;
      r2 = vx * vx + vy * vy;
      if (r2 <= tol2) continue;
    }
    // k may end the segment; its own arc narrows the allowed directions.
    const sin = tolerance / Math.sqrt(r2);
    const cos = Math.sqrt(1 - sin * sin);
    const lx = vx * cos + vy * sin; // v turned clockwise by asin(tolerance / r)
    const ly = vy * cos - vx * sin;
    const ux = vx * cos - vy * sin; // and counterclockwise
    const uy = vy * cos + vx * sin;
    if (candidate < 0) {
      loX = lx;
      loY = ly;
      hiX = ux;
      hiY = uy;
    } else {
      if (loX * ly - loY * lx > 0) {
        loX = lx;
        loY = ly;
      }
      if (ux * hiY - uy * hiX > 0) {
        hiX = ux;
        hiY = uy;
      }
    }
    candidate = k;
    maxR2 = r2;
  }
  if (candidate >= 0) kept[count++] = candidate;
  if (kept[count - 1] !== last) kept[count++] = last;
  return kept.subarray(0, count);
}
