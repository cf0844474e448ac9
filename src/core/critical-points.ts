/**
 * Critical points of a 2D surface: Newton's method on the gradient, started from a grid of
 * seeds, then classified by the Hessian's eigenvalues (or, where the Hessian is singular or f has
 * a kink, by how f behaves on a small circle around the point).
 *
 * Used offline by scripts/critical-points.ts to generate each catalog surface's `critical` list,
 * and by tests to check that those lists are computed rather than copied. Pure TypeScript.
 */
import type { CriticalKind, CriticalPoint, Surface } from './types';
import { runToEnd } from './pause';

/** A listed critical point has |grad f| below this. */
export const CRITICAL_TOLERANCE = 1e-8;

/** What the finder needs of a surface; an analytic `hessian` is used when given. */
export type CriticalSurface = Pick<Surface, 'f' | 'grad' | 'domain'> & {
  /** Writes [fxx, fxy, fyy] to out[0..2]; allocates nothing. */
  hessian?(x: number, y: number, out: Float64Array): void;
};

export interface FindCriticalPointsOptions {
  /** Seeds per axis; the seed grid includes the domain's edges. Default 41. */
  seeds?: number;
  /** Largest |grad f| accepted at a critical point. Default CRITICAL_TOLERANCE. */
  tolerance?: number;
  /**
   * Most evaluations the search may spend (one call of f, of the gradient or of an analytic
   * Hessian counts 1; a finite-difference Hessian 4). Past it the search stops where it is,
   * classifies what it found, and says `complete: false`. Default Infinity.
   */
  budget?: number;
  /**
   * Most milliseconds the search may compute, counted between its pauses (time spent paused is
   * not counted). Past it the search stops as at its budget. Default Infinity. The one limit
   * that depends on the machine: leave it out for results that do not.
   */
  stopAfterMs?: number;
}

/** What criticalPointSearch found, and whether it searched from every seed. */
export interface CriticalSearchResult {
  readonly points: CriticalPoint[];
  /** False when the budget ran out first: points may be missing (never wrong). */
  readonly complete: boolean;
  /** Evaluations spent (see FindCriticalPointsOptions.budget). */
  readonly evaluations: number;
}

/**
 * The search pauses (yields) at least this often, in evaluations, so a caller can spread it
 * over idle time or stop it; between two pauses it runs a few hundred microseconds at most for
 * the expressions the compiler accepts.
 */
const PAUSE_EVERY = 32;

/** Finite-difference step relative to the domain's span: near eps^(1/3) ≈ 6e-6, where the central
 * difference's truncation (h^2) and rounding (eps / h) errors balance. */
const HESSIAN_RELATIVE_STEP = 1e-5;
/** Inner stopping rule: Newton has reached rounding level. */
const INNER_GRAD_TOL = 1e-10;
const INNER_STEP_TOL = 1e-12;
/** Acceptance: the Newton step left at the point is below this (absolute, like the domains). */
export const NEWTON_STEP_TOLERANCE = 1e-10;
const MAX_ITERATIONS = 100;
/** Points closer than this fraction of the span are the same point. */
const MERGE_RELATIVE_DISTANCE = 1e-6;
/** Minima whose f is within this (relative/absolute) of the best one are all global. */
const GLOBAL_RELATIVE_GAP = 1e-9;
/** An eigenvalue below this fraction of the curvature scale counts as zero. */
const SINGULAR_RELATIVE = 1e-6;
/** Hessians at step h and 4h that differ by more than this (relative) mean f is not smooth. */
const KINK_RELATIVE = 1e-3;

/**
 * The Hessian [fxx, fxy, fyy] at (x, y): the surface's own `hessian` if it has one, else central
 * differences of its analytic gradient with a step ~1e-5 of the domain's span per axis, times
 * `stepScale`. The mixed term is averaged over both orders so the result is symmetric.
 */
export function hessianAt(
  surface: CriticalSurface,
  x: number,
  y: number,
  out: Float64Array,
  stepScale = 1,
): Float64Array {
  if (surface.hessian && stepScale === 1) {
    surface.hessian(x, y, out);
    return out;
  }
  const { domain } = surface;
  const hx = HESSIAN_RELATIVE_STEP * stepScale * (domain.x[1] - domain.x[0]);
  const hy = HESSIAN_RELATIVE_STEP * stepScale * (domain.y[1] - domain.y[0]);
  const g = scratchGrad;
  surface.grad(x + hx, y, g);
  const gxXp = g[0];
  const gyXp = g[1];
  surface.grad(x - hx, y, g);
  const gxXm = g[0];
  const gyXm = g[1];
  surface.grad(x, y + hy, g);
  const gxYp = g[0];
  const gyYp = g[1];
  surface.grad(x, y - hy, g);
  const gxYm = g[0];
  const gyYm = g[1];
  out[0] = (gxXp - gxXm) / (2 * hx);
  out[1] = 0.5 * ((gyXp - gyXm) / (2 * hx) + (gxYp - gxYm) / (2 * hy));
  out[2] = (gyYp - gyYm) / (2 * hy);
  return out;
}

// One scratch vector is safe: everything here is synchronous and never re-entered.
const scratchGrad = new Float64Array(2);

/** Eigenvalues (ascending) of the symmetric 2x2 [[a, b], [b, c]]. */
export function eigenvalues2(a: number, b: number, c: number): [number, number] {
  const mean = 0.5 * (a + c);
  const radius = Math.hypot(0.5 * (a - c), b);
  return [mean - radius, mean + radius];
}

export interface Classification {
  /** 'min' is split into global/local only once all points are known. */
  readonly kind: 'min' | 'saddle' | 'max';
  readonly degenerate: boolean;
  /** Eigenvalues of the (finite-difference) Hessian, ascending. */
  readonly eigenvalues: readonly [number, number];
}

export interface ClassifyOptions {
  /**
   * A typical curvature of the surface (range of f over the domain / span^2); eigenvalues
   * smaller than 1e-6 of max(this, the larger eigenvalue) count as zero. Default 0.
   */
  curvatureScale?: number;
}

/**
 * Classifies the critical point (x, y). Both Hessian eigenvalues positive: min; both negative:
 * max; opposite signs: saddle. If the Hessian is (near-)singular, or f has a kink there (the
 * finite-difference Hessian then grows as the step shrinks), the point is degenerate and the
 * kind comes from sampling f on a small circle: all higher, min; all lower, max; mixed, saddle.
 */
export function classify(
  surface: CriticalSurface,
  x: number,
  y: number,
  options: ClassifyOptions = {},
): Classification {
  const { curvatureScale = 0 } = options;
  const h1 = hessianAt(surface, x, y, new Float64Array(3));
  const h4 = hessianAt(surface, x, y, new Float64Array(3), 4);
  const eig = eigenvalues2(h1[0], h1[1], h1[2]);
  const size = Math.max(Math.abs(eig[0]), Math.abs(eig[1]));
  const smallest = Math.min(Math.abs(eig[0]), Math.abs(eig[1]));
  const kink =
    Math.max(Math.abs(h1[0] - h4[0]), Math.abs(h1[1] - h4[1]), Math.abs(h1[2] - h4[2])) >
    KINK_RELATIVE * Math.max(size, curvatureScale);
  const singular = smallest <= SINGULAR_RELATIVE * Math.max(size, curvatureScale);
  const finite = Number.isFinite(eig[0]) && Number.isFinite(eig[1]);
  if (finite && !kink && !singular) {
    const kind = eig[0] > 0 ? 'min' : eig[1] < 0 ? 'max' : 'saddle';
    return { kind, degenerate: false, eigenvalues: eig };
  }
  return { kind: classifyBySampling(surface, x, y), degenerate: true, eigenvalues: eig };
}

/** Compares f on a circle of radius 1e-3 of the smaller span with f at the centre. */
export function classifyBySampling(surface: CriticalSurface, x: number, y: number): Classification['kind'] {
  const { domain } = surface;
  const radius = 1e-3 * Math.min(domain.x[1] - domain.x[0], domain.y[1] - domain.y[0]);
  const f0 = surface.f(x, y);
  const samples = 36;
  let higher = 0;
  let lower = 0;
  for (let k = 0; k < samples; k++) {
    // Half-step offset keeps samples off the axes, where symmetric saddles (x^3 - 3xy^2) vanish.
    const t = (2 * Math.PI * (k + 0.5)) / samples;
    const d = surface.f(x + radius * Math.cos(t), y + radius * Math.sin(t)) - f0;
    if (d > 0) higher++;
    else if (d < 0) lower++;
  }
  if (lower === 0 && higher > 0) return 'min';
  if (higher === 0 && lower > 0) return 'max';
  return 'saddle';
}

interface Candidate {
  x: number;
  y: number;
  gradNorm: number;
}

/**
 * All critical points inside the surface's domain that Newton's method reaches from a
 * `seeds` x `seeds` grid, merged, classified and sorted (global minima, local minima, saddles,
 * maxima; then by f, x, y). Deterministic.
 *
 * The iteration is Newton on grad f = 0 with Levenberg–Marquardt damping (steps must reduce
 * |grad f|), so it converges to minima, saddles and maxima alike. Seeds from which it fails get a
 * second chance: a compass search on f, so that a minimum at a kink (Ackley's, where grad f is
 * defined as 0 but is not continuous) is still found; so do the grid's own discrete minima and
 * maxima.
 */
export function findCriticalPoints(
  surface: CriticalSurface,
  options: FindCriticalPointsOptions = {},
): CriticalPoint[] {
  return runToEnd(criticalPointSearch(surface, options)).points;
}

/**
 * findCriticalPoints as a computation that pauses (yields) every few dozen evaluations, so it
 * can run in idle-time slices and be dropped when no longer wanted, and that stops at
 * `options.budget` evaluations, classifying what it found by then (`complete: false`).
 */
export function* criticalPointSearch(
  surface: CriticalSurface,
  options: FindCriticalPointsOptions = {},
): Generator<void, CriticalSearchResult, undefined> {
  const { seeds = 41, tolerance = CRITICAL_TOLERANCE, budget = Infinity, stopAfterMs = Infinity } = options;
  if (!Number.isInteger(seeds) || seeds < 2) {
    throw new RangeError(`option "seeds" must be an integer >= 2, got ${seeds}`);
  }
  if (!(tolerance > 0)) throw new RangeError(`option "tolerance" must be > 0, got ${tolerance}`);
  if (!(budget > 0)) throw new RangeError(`option "budget" must be > 0, got ${budget}`);
  if (!(stopAfterMs > 0)) throw new RangeError(`option "stopAfterMs" must be > 0, got ${stopAfterMs}`);
  const { domain } = surface;
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const span = Math.max(x1 - x0, y1 - y0);
  const work = new Workspace(surface, span, budget, stopAfterMs);

  // The seed grid's values first (the compass searches and the curvature scale need all of
  // them), then Newton from each seed while the budget lasts.
  const fGrid = new Float64Array(seeds * seeds);
  for (let i = 0; i < seeds; i++) {
    const sx = x0 + (i * (x1 - x0)) / (seeds - 1);
    for (let j = 0; j < seeds; j++) fGrid[i * seeds + j] = work.f(sx, y0 + (j * (y1 - y0)) / (seeds - 1));
    yield* work.pause();
  }
  const found: Candidate[] = [];
  const compassStarts: number[] = [];
  for (let i = 0; i < seeds && !work.exhausted; i++) {
    const sx = x0 + (i * (x1 - x0)) / (seeds - 1);
    for (let j = 0; j < seeds && !work.exhausted; j++) {
      const sy = y0 + (j * (y1 - y0)) / (seeds - 1);
      if ((yield* work.newton(sx, sy)) && work.accept(tolerance)) {
        found.push({ x: work.x, y: work.y, gradNorm: work.gradNorm });
      } else if (!work.exhausted && inside(domain, work.x, work.y)) {
        compassStarts.push(work.x, work.y, 1);
      }
    }
  }
  // Newton cannot land on a kink (grad f jumps there, so |grad f| never gets small nearby), and
  // from seeds near one it is thrown to other critical points rather than failing. So every
  // basin the grid sees (a seed no higher, or no lower, than its neighbours) also gets a compass
  // search on f itself.
  for (let i = 0; i < seeds; i++) {
    for (let j = 0; j < seeds; j++) {
      const sign = gridExtremum(fGrid, seeds, i, j);
      if (sign !== 0) {
        compassStarts.push(x0 + (i * (x1 - x0)) / (seeds - 1), y0 + (j * (y1 - y0)) / (seeds - 1), sign);
      }
    }
  }
  for (let k = 0; k < compassStarts.length && !work.exhausted; k += 3) {
    yield* work.compassSearch(compassStarts[k], compassStarts[k + 1], compassStarts[k + 2]);
    if (work.exhausted) break;
    const cx = work.x;
    const cy = work.y;
    if (work.snap(cx, cy) && work.accept(tolerance)) {
      found.push({ x: work.x, y: work.y, gradNorm: work.gradNorm });
    } else if ((yield* work.newton(cx, cy)) && work.accept(tolerance)) {
      found.push({ x: work.x, y: work.y, gradNorm: work.gradNorm });
    }
  }
  const complete = !work.exhausted;
  let fLow = Infinity;
  let fHigh = -Infinity;
  for (const v of fGrid) {
    if (v < fLow) fLow = v;
    if (v > fHigh) fHigh = v;
  }

  const merged = yield* mergeCandidates(
    found.filter((c) => inside(domain, c.x, c.y)),
    MERGE_RELATIVE_DISTANCE * span,
  );
  const spanX = x1 - x0;
  const spanY = y1 - y0;
  const curvatureScale = Number.isFinite(fHigh - fLow) ? (fHigh - fLow) / (spanX * spanY) : 0;
  // Classifying is bounded by the points found (about 45 evaluations each), so it is not
  // budgeted, only paused.
  const classified: { x: number; y: number; f: number; kind: Classification['kind']; degenerate: boolean }[] = [];
  for (const c of merged) {
    const { kind, degenerate } = classify(surface, c.x, c.y, { curvatureScale });
    classified.push({ x: c.x, y: c.y, f: surface.f(c.x, c.y), kind, degenerate });
    work.evaluations += 45;
    yield* work.pause();
  }
  let best = Infinity;
  for (const c of classified) if (c.kind === 'min' && c.f < best) best = c.f;
  const gap = GLOBAL_RELATIVE_GAP * Math.max(1, Math.abs(best));
  const points: CriticalPoint[] = classified.map((c) => {
    const kind: CriticalKind =
      c.kind === 'min' ? (c.f - best <= gap ? 'global-min' : 'local-min') : c.kind === 'max' ? 'local-max' : 'saddle';
    return c.degenerate ? { kind, x: c.x, y: c.y, f: c.f, degenerate: true } : { kind, x: c.x, y: c.y, f: c.f };
  });
  return { points: points.sort(compareCriticalPoints), complete, evaluations: work.evaluations };
}

const KIND_ORDER: Record<CriticalKind, number> = { 'global-min': 0, 'local-min': 1, saddle: 2, 'local-max': 3 };

/** Global minima, local minima, saddles, maxima; within a kind by f, then x, then y. */
export function compareCriticalPoints(a: CriticalPoint, b: CriticalPoint): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.f - b.f || a.x - b.x || a.y - b.y;
}

/** 1 if grid value (i, j) is no higher than its neighbours, -1 if no lower, else 0. */
function gridExtremum(values: Float64Array, n: number, i: number, j: number): number {
  const v = values[i * n + j];
  let low = true;
  let high = true;
  for (let di = -1; di <= 1; di++) {
    for (let dj = -1; dj <= 1; dj++) {
      const a = i + di;
      const b = j + dj;
      if ((di === 0 && dj === 0) || a < 0 || b < 0 || a >= n || b >= n) continue;
      const w = values[a * n + b];
      if (w < v) low = false;
      if (w > v) high = false;
    }
  }
  return low && !high ? 1 : high && !low ? -1 : 0;
}

function inside(domain: CriticalSurface['domain'], x: number, y: number): boolean {
  return x >= domain.x[0] && x <= domain.x[1] && y >= domain.y[0] && y <= domain.y[1];
}

/** Greedy merge in seed order; of a cluster, the member with the smallest |grad f| stays. */
function* mergeCandidates(candidates: Candidate[], distance: number): Generator<void, Candidate[], undefined> {
  const kept: Candidate[] = [];
  for (const [n, c] of candidates.entries()) {
    // Quadratic: thousands of candidates on a corrugated surface (sin(50x)·sin(50y)) take 80 ms.
    if (n % 64 === 63) yield;
    const twin = kept.findIndex((k) => Math.hypot(k.x - c.x, k.y - c.y) < distance);
    if (twin < 0) kept.push({ ...c });
    else if (c.gradNorm < kept[twin].gradNorm) kept[twin] = { ...c };
  }
  return kept;
}

/** Newton iteration state; reused across seeds so the search allocates per point found only. */
class Workspace {
  x = 0;
  y = 0;
  gradNorm = Infinity;
  private readonly g = new Float64Array(2);
  private readonly h = new Float64Array(3);
  private readonly snapDistance: number;
  private readonly escapeDistance: number;
  /** Evaluations spent so far (FindCriticalPointsOptions.budget's units). */
  evaluations = 0;
  private pauseAt = PAUSE_EVERY;
  private readonly hessianCost: number;
  /** Milliseconds computed so far, and when the current stretch of computing began. */
  private busyMs = 0;
  private resumedAt: number;

  constructor(
    private readonly surface: CriticalSurface,
    private readonly span: number,
    private budget: number,
    private readonly stopAfterMs: number,
  ) {
    this.resumedAt = stopAfterMs < Infinity ? performance.now() : 0;
    this.hessianCost = surface.hessian ? 1 : 4;
    // Exact zeros are common in test functions (symmetric minima, the monkey saddle, Ackley's
    // kink, where only the exact point has grad 0); iterates approach them to ~1e-12.
    this.snapDistance = 1e-9 * span;
    this.escapeDistance = span;
  }

  /** True once the budget is spent: the searches stop where they are. */
  get exhausted(): boolean {
    return this.evaluations >= this.budget;
  }

  /** Yields once PAUSE_EVERY evaluations have passed since the last pause. */
  *pause(): Generator<void, void, undefined> {
    if (this.evaluations >= this.pauseAt) {
      this.pauseAt = this.evaluations + PAUSE_EVERY;
      if (this.stopAfterMs < Infinity) {
        this.busyMs += performance.now() - this.resumedAt;
        // Out of time: the budget ends here, as if it had been spent.
        if (this.busyMs > this.stopAfterMs) this.budget = Math.min(this.budget, this.evaluations);
      }
      yield;
      if (this.stopAfterMs < Infinity) this.resumedAt = performance.now();
    }
  }

  f(x: number, y: number): number {
    this.evaluations++;
    return this.surface.f(x, y);
  }

  private gradNormAt(x: number, y: number): number {
    this.evaluations++;
    this.surface.grad(x, y, this.g);
    return Math.hypot(this.g[0], this.g[1]);
  }

  private hessian(x: number, y: number): void {
    this.evaluations += this.hessianCost;
    hessianAt(this.surface, x, y, this.h);
  }

  /**
   * Damped Newton from (sx, sy). Returns true when it stopped at rounding level or could not
   * reduce |grad f| any further; `accept` then decides whether the point is critical.
   */
  *newton(sx: number, sy: number): Generator<void, boolean, undefined> {
    const { surface, g, h } = this;
    const { domain } = surface;
    let x = sx;
    let y = sy;
    let gn = this.gradNormAt(x, y);
    let lambda = 0;
    let ok = false;
    for (let it = 0; it < MAX_ITERATIONS && Number.isFinite(gn); it++) {
      yield* this.pause();
      if (this.exhausted) break;
      const gx = g[0];
      const gy = g[1];
      this.hessian(x, y);
      const a = h[0];
      const b = h[1];
      const c = h[2];
      if (gn <= INNER_GRAD_TOL) {
        const det = a * c - b * b;
        const step = gn === 0 ? 0 : Math.hypot(c * gx - b * gy, a * gy - b * gx) / Math.abs(det);
        if (step <= INNER_STEP_TOL) {
          ok = true;
          break;
        }
      }
      // Levenberg–Marquardt on the residual grad f, whose Jacobian is the symmetric Hessian:
      // (H^2 + mu I) d = -H g, which is Newton's step when mu = 0.
      const a2 = a * a + b * b;
      const b2 = b * (a + c);
      const c2 = b * b + c * c;
      const rx = -(a * gx + b * gy);
      const ry = -(b * gx + c * gy);
      const scale = 0.5 * (a2 + c2) || 1;
      let accepted = false;
      let dx = 0;
      let dy = 0;
      for (let attempt = 0; attempt < 40; attempt++) {
        if (lambda === 0) {
          const det = a * c - b * b;
          dx = -(c * gx - b * gy) / det;
          dy = -(a * gy - b * gx) / det;
        } else {
          const m0 = a2 + lambda * scale;
          const m2 = c2 + lambda * scale;
          const det = m0 * m2 - b2 * b2;
          dx = (m2 * rx - b2 * ry) / det;
          dy = (m0 * ry - b2 * rx) / det;
        }
        if (Number.isFinite(dx) && Number.isFinite(dy)) {
          const gnNext = this.gradNormAt(x + dx, y + dy);
          if (gnNext < gn) {
            x += dx;
            y += dy;
            gn = gnNext;
            accepted = true;
            break;
          }
        }
        lambda = lambda === 0 ? 1e-8 : lambda * 10;
        if (lambda > 1e12) break;
      }
      if (!accepted) {
        // No step reduces |grad f|: rounding level, or a kink; `accept` tells which.
        this.gradNormAt(x, y);
        ok = true;
        break;
      }
      lambda = lambda < 1e-12 ? 0 : lambda * 0.1;
      if (
        x < domain.x[0] - this.escapeDistance ||
        x > domain.x[1] + this.escapeDistance ||
        y < domain.y[0] - this.escapeDistance ||
        y > domain.y[1] + this.escapeDistance
      ) {
        break;
      }
      if (gn <= INNER_GRAD_TOL && Math.hypot(dx, dy) <= INNER_STEP_TOL) {
        ok = true;
        break;
      }
    }
    this.x = x;
    this.y = y;
    this.gradNorm = gn;
    if (ok) this.snap(x, y);
    return ok;
  }

  /**
   * Moves a coordinate within 1e-9 of the span of zero to exactly zero when |grad f| does not
   * grow by it. Leaves the result in x, y, gradNorm; returns true if |grad f| is finite.
   */
  snap(x: number, y: number): boolean {
    let best = this.gradNormAt(x, y);
    let bx = x;
    let by = y;
    const options: [number, number][] = [];
    const sx = Math.abs(x) < this.snapDistance && x !== 0;
    const sy = Math.abs(y) < this.snapDistance && y !== 0;
    if (sx && sy) options.push([0, 0]);
    if (sx) options.push([0, y]);
    if (sy) options.push([x, 0]);
    for (const [px, py] of options) {
      const gn = this.gradNormAt(px, py);
      if (gn <= best) {
        best = gn;
        bx = px;
        by = py;
      }
    }
    this.x = bx;
    this.y = by;
    this.gradNorm = best;
    return Number.isFinite(best);
  }

  /** Whether the current point is critical: small |grad f| and a negligible Newton step. */
  accept(tolerance: number): boolean {
    if (!(this.gradNorm < tolerance)) return false;
    if (this.gradNorm === 0) return true;
    const { h } = this;
    this.hessian(this.x, this.y);
    this.gradNormAt(this.x, this.y);
    const det = h[0] * h[2] - h[1] * h[1];
    const step = Math.hypot(h[2] * this.g[0] - h[1] * this.g[1], h[0] * this.g[1] - h[1] * this.g[0]) / Math.abs(det);
    return step < NEWTON_STEP_TOLERANCE;
  }

  /**
   * Compass search for a minimum (sign 1) or maximum (sign -1) of f from (sx, sy): no gradient
   * needed, so it walks into kinks where Newton oscillates. Stops when the step falls below
   * 1e-15 of the span.
   */
  *compassSearch(sx: number, sy: number, sign: number): Generator<void, void, undefined> {
    let x = sx;
    let y = sy;
    let fx = sign * this.f(x, y);
    let step = 1e-2 * this.span;
    const minStep = 1e-15 * this.span;
    for (let it = 0; it < 1000 && step > minStep && !this.exhausted; it++) {
      yield* this.pause();
      let moved = false;
      for (let k = 0; k < 4; k++) {
        const px = k === 0 ? x + step : k === 1 ? x - step : x;
        const py = k === 2 ? y + step : k === 3 ? y - step : y;
        const fp = sign * this.f(px, py);
        if (fp < fx) {
          x = px;
          y = py;
          fx = fp;
          moved = true;
          break;
        }
      }
      if (!moved) step *= 0.5;
    }
    this.x = x;
    this.y = y;
  }
}
