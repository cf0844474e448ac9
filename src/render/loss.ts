/**
 * Loss-chart geometry. Losses are shown as the gap above the surface's global minimum on a log
 * scale when that makes sense (every run stays above it and the gaps span orders of magnitude),
 * otherwise as f itself on a linear scale.
 */
import { affine, polylinePath, type Axis } from './paths';
import { niceLinear, niceLog, scaleLinear, scaleLog, type LinearScale, type LogScale } from './scales';

interface LossScaleOf<K extends 'log' | 'linear', S> {
  readonly kind: K;
  /** Subtracted from every loss before scaling (f* on a log scale, 0 otherwise). */
  readonly offset: number;
  readonly scale: S;
  /** What the y axis shows, for its label. */
  readonly label: string;
}

export type LossScale = LossScaleOf<'log', LogScale> | LossScaleOf<'linear', LinearScale>;

/** The smallest gap shown on a log scale; runs that reach the minimum sit on the floor. */
export const LOG_FLOOR = 1e-12;

/**
 * Chooses the y scale for `runs` (loss arrays) onto [height, 0]. `fStar` is the global minimum
 * when the surface has one. Values far above the starting losses (a run on its way to diverging)
 * are clipped so that they do not flatten everything else.
 */
export function lossScale(runs: readonly ArrayLike<number>[], height: number, fStar?: number): LossScale {
  let lo = Infinity;
  let hi = -Infinity;
  let startHi = -Infinity;
  for (const loss of runs) {
    if (loss.length && Number.isFinite(loss[0])) startHi = Math.max(startHi, loss[0]);
    for (let k = 0; k < loss.length; k++) {
      const v = loss[k];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) {
    return { kind: 'linear', offset: 0, scale: scaleLinear([0, 1], [height, 0]), label: 'f(x, y)' };
  }
  // Clip runaways: nothing above a few times the spread of the starting losses.
  if (Number.isFinite(startHi)) hi = Math.min(hi, startHi + 2 * Math.max(Math.abs(startHi - lo), 1e-9));
  if (fStar !== undefined && Number.isFinite(fStar) && lo >= fStar - 1e-9 * Math.max(1, Math.abs(fStar))) {
    const top = Math.max(hi - fStar, LOG_FLOOR * 10);
    const bottom = Math.max(lo - fStar, LOG_FLOOR);
    if (top / bottom > 10) {
      const scale = scaleLog(niceLog([Math.max(bottom, top * 1e-12), top]), [height, 0]);
      return { kind: 'log', offset: fStar, scale, label: fStar === 0 ? 'f(x, y)' : 'f(x, y) − f*' };
    }
  }
  return { kind: 'linear', offset: 0, scale: scaleLinear(linearDomain(lo, hi), [height, 0]), label: 'f(x, y)' };
}

/** Scratch buffers for lossPath's points (grown as needed: it runs for every run on each redraw). */
let bufX = new Float64Array(0);
let bufY = new Float64Array(0);

/** Beyond this a span (hi − lo) could overflow to Infinity. */
const HUGE = 4e307;

/**
 * A finite, increasing domain for losses from `lo` to `hi` (finite): nice when it can be, padded
 * when the losses (nearly) coincide, where `lo + 1` is `lo` itself beyond 2⁵³ and `hi − lo`
 * could be below what a tick can say, and clamped where the span would overflow.
 */
function linearDomain(lo: number, hi: number): [number, number] {
  lo = Math.max(-HUGE, Math.min(HUGE, lo));
  hi = Math.max(-HUGE, Math.min(HUGE, hi));
  const size = Math.max(Math.abs(lo), Math.abs(hi));
  // Less apart than a millionth of their size (or both ~0): a flat line, drawn mid-height on an
  // axis ±10% around it (short tick labels: 0.9, 1, 1.1 rather than 0.999999, 1.000001).
  if (!(hi - lo > (size > 1e-300 ? size * 1e-6 : 1e-300))) {
    const mid = lo / 2 + hi / 2;
    const pad = size > 1e-300 ? size * 0.1 : 1;
    lo = mid - pad;
    hi = mid + pad;
  }
  const nice = niceLinear([lo, hi]);
  return nice[0] < nice[1] && Number.isFinite(nice[0]) && Number.isFinite(nice[1]) ? nice : [lo, hi];
}

/**
 * A loss curve: step k at sx(k), loss through `y` (a LossScale). Where several steps share a pixel
 * column only their first, lowest, highest and last losses are kept, so 10 000 steps cost no
 * more than the chart's width; then, as for trajectories (polylinePath), points within 0.4 px of
 * the drawn polyline are left out, and every loss lies within half a pixel of the curve.
 */
export function lossPath(loss: ArrayLike<number>, sx: Axis, y: LossScale): string {
  const ax = affine(sx);
  const { scale, offset, kind } = y;
  const [r0, r1] = scale.range();
  const bottom = Math.max(r0, r1);
  const top = Math.min(r0, r1);
  // The scale's own arithmetic, inlined: this runs for every step of every run on each redraw.
  const [d0, d1] = scale.domain();
  const log = kind === 'log';
  const t0 = log ? Math.log(d0) : d0;
  const t1 = log ? Math.log(d1) : d1;
  const k = (r1 - r0) / (t1 - t0);
  const yOf = (v: number) => {
    const g = v - offset;
    let p: number;
    if (log) p = g <= LOG_FLOOR ? bottom : r0 + k * (Math.log(g) - t0);
    else p = r0 + k * (g - t0);
    if (log && p > bottom) p = bottom; // the log scale clamps
    return p < top - 20 ? top - 20 : p > bottom + 20 ? bottom + 20 : p;
  };
  const most = 4 * loss.length;
  if (bufX.length < most) {
    bufX = new Float64Array(Math.max(most, 2 * bufX.length));
    bufY = new Float64Array(bufX.length);
  }
  const px = bufX;
  const py = bufY;
  let n = 0;
  // y is monotone in the loss, so a column's lowest and highest points are those of its
  // smallest and largest losses: only four losses per column go through the scale (and its
  // logarithm), not every step's.
  let column = NaN;
  let firstV = 0;
  let minV = 0;
  let maxV = 0;
  let lastV = 0;
  const push = (yy: number) => {
    if (n > 0 && px[n - 1] === column && py[n - 1] === yy) return;
    px[n] = column;
    py[n] = yy;
    n++;
  };
  let count = 0;
  const flush = () => {
    if (Number.isNaN(column)) return;
    if (count === 1) {
      // (most columns hold one step when the chart is wider than the run is long)
      push(yOf(firstV));
      return;
    }
    const first = yOf(firstV);
    const a = yOf(minV);
    const b = yOf(maxV);
    push(first);
    push(a < b ? a : b);
    push(a < b ? b : a);
    push(yOf(lastV));
  };
  for (let s = 0; s < loss.length; s++) {
    const v = loss[s];
    if (!(v - v === 0)) break; // NaN or infinite: the run has stopped
    const x = Math.round(ax ? ax.k * s + ax.b : sx(s));
    if (x !== column) {
      flush();
      column = x;
      firstV = minV = maxV = lastV = v;
      count = 1;
    } else {
      count++;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
      lastV = v;
    }
  }
  flush();
  return polylinePath(px, py, n - 1);
}

/**
 * Where loss `v` sits on the chart (y pixels), as lossPath draws it: the log scale's floor for
 * gaps at or below LOG_FLOOR, and no further than 20 px past the plot. NaN for a non-finite loss.
 */
export function lossY(v: number, y: LossScale): number {
  if (!Number.isFinite(v)) return NaN;
  const [r0, r1] = y.scale.range();
  const bottom = Math.max(r0, r1);
  const top = Math.min(r0, r1);
  const g = v - y.offset;
  const [d0, d1] = y.scale.domain();
  let p: number;
  if (y.kind === 'log') {
    // The same arithmetic as lossPath (unclamped above the top, clamped at the floor).
    p = g <= LOG_FLOOR ? bottom : r0 + ((r1 - r0) / (Math.log(d1) - Math.log(d0))) * (Math.log(g) - Math.log(d0));
    if (p > bottom) p = bottom;
  } else p = y.scale(g);
  return p < top - 20 ? top - 20 : p > bottom + 20 ? bottom + 20 : p;
}
