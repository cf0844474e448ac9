/**
 * What compileSurface finds on a compiled expression over its window: its critical points (or
 * why none are marked), and a start for a good race. Pure computation on f, its gradient and its
 * Hessian, pausing every few milliseconds; no mathjs, so that a Worker (search-worker.ts) can
 * run it on a graph sent to it as well as the page can.
 */
import { criticalPointSearch } from '../critical-points';
import type { CriticalPoint, Domain, Point } from '../types';
import type { CompiledFunctions } from './compile';

/** What the symbolic graph tells about f before any search (CompiledExpression has them). */
export interface ExpressionFacts {
  /** True where f does not depend on x or y at all, so every point is critical. */
  readonly flat: boolean;
  /** True where f is affine (constant gradient): no critical points unless it is flat. */
  readonly affine: boolean;
  /** True where the Hessian is 0 wherever it is defined (piecewise linear f: abs, min, max). */
  readonly linearPieces: boolean;
  /**
   * True where a partial derivative is a nonzero constant (241*x + y^2): f has no critical
   * point anywhere, whatever the domain.
   */
  readonly noCriticalPoints: boolean;
  /** Nodes of the graph of f, its gradient and its Hessian: roughly what one evaluation costs. */
  readonly size: number;
}

/** What searchSurface finds; plain data (a Worker sends it back as it is). */
export interface SurfaceSearchResult {
  readonly critical: readonly CriticalPoint[];
  readonly start: Point;
  readonly criticalNote?: string;
  /** The critical-point search stopped at its budget: the list is partial. */
  readonly stopped?: true;
}

/** Rounds away the 0.30000000000000004 of grid arithmetic. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

/**
 * A start that makes a race: on a 7 x 7 grid inside the domain (1/8 to 7/8 of each span), the
 * point whose f is nearest the upper quartile of the grid's values (high on the surface, so there
 * is somewhere to go, but not on its most extreme wall), with a finite gradient, at least a tenth
 * of the smaller span from every critical point (where critical points are denser than that, as
 * far from them as the grid allows). Ties go to the upper left. Deterministic.
 */
function chooseStart(
  compiled: Pick<CompiledFunctions, 'f' | 'grad'>,
  domain: Domain,
  critical: readonly CriticalPoint[],
): Point {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const g = new Float64Array(2);
  const candidates: { x: number; y: number; f: number; clearance: number }[] = [];
  for (let i = 1; i <= 7; i++) {
    for (let j = 7; j >= 1; j--) {
      const x = tidy(x0 + ((x1 - x0) * i) / 8);
      const y = tidy(y0 + ((y1 - y0) * j) / 8);
      const f = compiled.f(x, y);
      compiled.grad(x, y, g);
      if (!Number.isFinite(f) || !Number.isFinite(g[0]) || !Number.isFinite(g[1])) continue;
      let clearance = Infinity;
      for (const c of critical) clearance = Math.min(clearance, Math.hypot(c.x - x, c.y - y));
      candidates.push({ x, y, f, clearance });
    }
  }
  if (candidates.length === 0) return [tidy(x0 + 0.25 * (x1 - x0)), tidy(y1 - 0.25 * (y1 - y0))];
  let widest = 0;
  for (const c of candidates) widest = Math.max(widest, c.clearance);
  const wanted = Math.min(0.1 * Math.min(x1 - x0, y1 - y0), 0.5 * widest);
  const clear = candidates.filter((c) => c.clearance >= wanted);
  const sorted = clear.map((c) => c.f).sort((a, b) => a - b);
  const target = sorted[Math.floor(0.75 * (sorted.length - 1))];
  let best = clear[0];
  // Candidates are in upper-left-first order, so strict < keeps the upper-left one on ties.
  for (const c of clear) if (Math.abs(c.f - target) < Math.abs(best.f - target)) best = c;
  return [best.x, best.y];
}

/** More critical points than this and the list is partial, like the catalog's Rastrigin. */
export const MANY_CRITICAL_POINTS = 50;
const NEAREST_LOCAL_MINIMA = 4;
/** More global minima than this (a periodic surface) and only the nearest NEAREST_LOCAL_MINIMA are listed. */
const MANY_GLOBAL_MINIMA = 12;
/** Seeds per axis for piecewise linear surfaces (the finder's default is 41). */
const PIECEWISE_LINEAR_SEEDS = 21;
/**
 * What the critical-point search may spend, in evaluations times the expression's graph size
 * (what one evaluation costs): every catalog formula typed in needs at most a third of it
 * (Rosenbrock, 1.3e8); a 160-argument max needs more and its list says it is partial.
 */
export const CRITICAL_SEARCH_WORK = 4e8;
/**
 * Graphs of more operations than this get a time limit too, a safety net: past a few hundred,
 * a function may be too large for the JavaScript engine to optimise and cost far more per
 * operation than the work budget assumes. Below it the work budget alone binds, so what is
 * marked does not depend on the machine or its load (every catalog formula has at most 130
 * operations; the costliest, Rosenbrock, searches in about 0.25 s on a desktop core).
 */
export const TIMED_SEARCH_SIZE = 400;
/** The time limit for such graphs: milliseconds of searching, not counting its pauses. */
export const CRITICAL_SEARCH_MS = 1500;
/** The least budget, in evaluations, whatever the expression's cost. */
const MIN_SEARCH_EVALUATIONS = 2000;

/**
 * The critical points to list, the start, and a note if the list is partial: all points when
 * there are at most MANY_CRITICAL_POINTS, else the global minima and the local minima nearest the
 * start (Surface's contract for Rastrigin-like surfaces).
 */
export function* searchSurface(
  compiled: ExpressionFacts & Pick<CompiledFunctions, 'f' | 'grad' | 'hessian'>,
  domain: Domain,
): Generator<void, SurfaceSearchResult, undefined> {
  if (compiled.flat || (yield* numericallyFlat(compiled.f, domain))) {
    return {
      critical: [],
      start: chooseStart(compiled, domain, []),
      criticalNote: 'f is constant: every point is critical, so none is marked.',
    };
  }
  // A plane, or any f with a nonzero constant partial derivative, has no critical point; the
  // finder would spend seconds proving it.
  if (compiled.affine || compiled.noCriticalPoints) return { critical: [], start: chooseStart(compiled, domain, []) };
  const { f, grad, hessian } = compiled;
  // Piecewise linear f (abs, min, max of linear pieces) gives Newton no curvature to work with,
  // so every seed falls back to the finder's slower compass search: use a coarser seed grid.
  const seeds = compiled.linearPieces ? PIECEWISE_LINEAR_SEEDS : undefined;
  const budget = Math.max(MIN_SEARCH_EVALUATIONS, Math.floor(CRITICAL_SEARCH_WORK / compiled.size));
  const search = yield* criticalPointSearch(
    { f, grad, hessian, domain },
    {
      budget,
      ...(seeds ? { seeds } : {}),
      ...(compiled.size > TIMED_SEARCH_SIZE ? { stopAfterMs: CRITICAL_SEARCH_MS } : {}),
    },
  );
  const all = search.points;
  const start = chooseStart(compiled, domain, all);
  if (!search.complete) {
    // Stopped at its budget: what it found is right, but points may be missing.
    const shown = all.filter((c) => !c.degenerate);
    const listed = shown.length <= MANY_CRITICAL_POINTS ? shown : shown.filter((c) => c.kind === 'global-min');
    return {
      critical: listed,
      start,
      stopped: true,
      criticalNote:
        `Partial: the search for critical points stopped at its budget (${search.evaluations} evaluations of an ` +
        `expression of ${compiled.size} operations); ${listed.length} found are marked, others may be missing.`,
    };
  }
  // A line or region of critical points (y², sin(x)² + y² …): Newton lands somewhere on it from
  // every seed, each landing degenerate (a zero curvature along the set). Described, not marked.
  const degenerate = all.filter((c) => c.degenerate);
  if (degenerate.length > DEGENERATE_SET) {
    const isolated = all.filter((c) => !c.degenerate);
    const kinds = [...new Set(degenerate.map((c) => c.kind.replace('global-', '').replace('local-', '')))].join(' and ');
    const shown = isolated.length <= MANY_CRITICAL_POINTS ? isolated : isolated.filter((c) => c.kind === 'global-min');
    return {
      critical: shown,
      start,
      criticalNote:
        `f has lines or regions of critical points (${kinds}, where its curvature is zero along them: ` +
        `${degenerate.length} such points found, e.g. (${short(degenerate[0].x)}, ${short(degenerate[0].y)})); they are not marked` +
        (shown.length < isolated.length ? `, nor ${isolated.length - shown.length} other critical points.` : '.'),
    };
  }
  if (all.length <= MANY_CRITICAL_POINTS) return { critical: all, start };
  const distance = (c: CriticalPoint) => Math.hypot(c.x - start[0], c.y - start[1]);
  const allGlobals = all.filter((c) => c.kind === 'global-min');
  // Hundreds of equal minima (sin(50x)·sin(50y)) would carpet the map: the nearest few stand for them.
  const globals =
    allGlobals.length <= MANY_GLOBAL_MINIMA
      ? allGlobals
      : allGlobals
          .sort((a, b) => distance(a) - distance(b))
          .slice(0, NEAREST_LOCAL_MINIMA)
          .sort((a, b) => a.x - b.x || a.y - b.y);
  const locals = all
    .filter((c) => c.kind === 'local-min')
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, NEAREST_LOCAL_MINIMA)
    .sort((a, b) => a.f - b.f || a.x - b.x || a.y - b.y);
  const listed = [...globals, ...locals];
  return {
    critical: listed,
    start,
    criticalNote:
      (globals.length < allGlobals.length
        ? `Partial: the ${globals.length} of ${allGlobals.length} global minima and the ${locals.length} local minima nearest the start; `
        : `Partial: the global minima and the ${locals.length} local minima nearest the start; `) +
      `${all.length - listed.length} other critical points are not listed.`,
  };
}

/** More degenerate critical points than this are a set (a line, a region), not points. */
const DEGENERATE_SET = 6;

function short(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/**
 * Whether f is constant over the window to within rounding (sin(x)² + cos(x)², which the
 * symbolic check cannot see): every point is then critical, and none is marked.
 */
function* numericallyFlat(f: (x: number, y: number) => number, domain: Domain): Generator<void, boolean, undefined> {
  const n = 25;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (n - 1);
    for (let j = 0; j < n; j++) {
      const v = f(x, domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / (n - 1));
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    yield;
  }
  return lo <= hi && hi - lo <= 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
}

