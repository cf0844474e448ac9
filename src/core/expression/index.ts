/**
 * Type your own surface: `compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)')` is a Surface with
 * exact gradients (symbolic differentiation), compiled to plain JavaScript, with its minima,
 * saddles and maxima found numerically.
 *
 * Importing this module registers it with `trajectory()`, so `{ expr, domain }` surfaces work
 * wherever it has been loaded. It imports mathjs (for parsing only); pages that should not
 * download mathjs until needed reach it through `loadExpressions()` (./load.ts).
 */
import { criticalPointSearch } from '../critical-points';
import { inShortTasks, runToEnd } from '../pause';
import { OptionError } from '../errors';
import { setExpressionCompiler } from '../trajectory';
import type { CriticalPoint, Domain, Point, Surface } from '../types';
import { compileGraph } from './compile';
import type { Backend, CompiledFunctions } from './compile';
import { SurfaceError } from './errors';
import { Graph } from './graph';
import { checkExpression } from './parse-check';

export { SurfaceError } from './errors';
export type { SurfaceErrorCode } from './errors';
export { MAX_EXPRESSION_LENGTH, MAX_NESTING } from './parse-check';

/**
 * Most operations f, its gradient and its Hessian may take together (their graph's nodes). Past
 * a few thousand an evaluation costs tens of microseconds (hypot of 300 x's: 6,000 nodes, 40
 * µs for f), and the map's 40,000 samples and its race's steps would take seconds; every catalog
 * formula takes at most 130, a 1,000-character sum of terms a few hundred.
 */
export const MAX_GRAPH_NODES = 2000;
export { FUNCTION_NAMES } from './functions';
export type { Backend } from './compile';

export interface CompileExpressionOptions {
  /**
   * 'auto' (default): generated code, or the interpreter where the page's Content Security
   * Policy forbids generated code. 'function' / 'interpreter' force one (tests, benchmarks).
   */
  readonly backend?: Backend;
}

export interface CompileSurfaceOptions extends CompileExpressionOptions {
  /** Plotting window; default x, y ∈ [-5, 5]. */
  readonly domain?: Domain;
}

/** A compiled expression: f, its gradient and its Hessian, before any domain is chosen. */
export interface CompiledExpression extends CompiledFunctions {
  /** mathjs's normalised text of the expression (implicit multiplication shown). */
  readonly expr: string;
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

/** A Surface compiled from an expression; it also carries the exact Hessian. */
export interface CompiledSurface extends Surface {
  valueAndGrad(x: number, y: number, out: Float64Array | number[]): number;
  /** Writes [fxx, fxy, fyy] to out[0..2]; allocates nothing. */
  hessian(x: number, y: number, out: Float64Array): void;
}

export const DEFAULT_DOMAIN: Domain = Object.freeze({
  x: Object.freeze([-5, 5]) as readonly [number, number],
  y: Object.freeze([-5, 5]) as readonly [number, number],
});

/** Samples per axis of the finiteness check. */
const FINITE_SAMPLES = 41;

/**
 * Checks, differentiates and compiles `expr` (mathjs syntax in x and y). Throws a SurfaceError
 * that says what is wrong and where, and nothing else for any string.
 */
export function compileExpression(expr: string, options: CompileExpressionOptions = {}): CompiledExpression {
  return runToEnd(compileExpressionSteps(expr, readBackend(options)));
}

/**
 * compileExpression as a computation that pauses (yields) between its phases (parse, gradient,
 * Hessian, code), each a few milliseconds for the longest expressions accepted.
 */
function* compileExpressionSteps(expr: string, backend: Backend): Generator<void, CompiledExpression, undefined> {
  const { ast, normalized } = checkExpression(expr);
  yield;
  const graph = new Graph();
  const f = graph.fromAst(ast);
  const fx = graph.derivative(f, 'x');
  const fy = graph.derivative(f, 'y');
  yield;
  const fxx = graph.derivative(fx, 'x');
  const fxy = graph.derivative(fx, 'y');
  const fyy = graph.derivative(fy, 'y');
  if (graph.nodes.length > MAX_GRAPH_NODES) {
    throw new SurfaceError(
      'too-complex',
      `the expression is too complex: f, its gradient and its Hessian take ${graph.nodes.length} operations; at most ${MAX_GRAPH_NODES} are allowed`,
      0,
      expr.length,
    );
  }
  yield;
  const compiled = compileGraph(graph, { f, grad: [fx, fy], hessian: [fxx, fxy, fyy] }, backend);
  const cx = graph.constant(fx);
  const cy = graph.constant(fy);
  const flat = cx === 0 && cy === 0;
  const affine = cx !== undefined && cy !== undefined;
  const noCriticalPoints = (cx !== undefined && cx !== 0) || (cy !== undefined && cy !== 0);
  const linearPieces = [fxx, fxy, fyy].every((id) => graph.constant(id) === 0);
  return { ...compiled, expr: normalized, flat, affine, linearPieces, noCriticalPoints, size: graph.nodes.length };
}

function readBackend(options: CompileExpressionOptions): Backend {
  if (!options || typeof options !== 'object') throw new OptionError('options', options, 'must be an object');
  const { backend = 'auto' } = options;
  if (backend !== 'auto' && backend !== 'function' && backend !== 'interpreter') {
    throw new OptionError('backend', backend, 'must be "auto", "function" or "interpreter"');
  }
  return backend;
}

function readDomain(domain: unknown): Domain {
  if (domain === undefined) return DEFAULT_DOMAIN;
  const ok = (r: unknown): r is readonly [number, number] =>
    Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1];
  const d = domain as Partial<Domain> | null;
  if (!d || typeof d !== 'object' || !ok(d.x) || !ok(d.y)) {
    throw new OptionError('domain', domain, 'must be { x: [min, max], y: [min, max] } with finite min < max');
  }
  return Object.freeze({
    x: Object.freeze([d.x[0], d.x[1]]) as readonly [number, number],
    y: Object.freeze([d.y[0], d.y[1]]) as readonly [number, number],
  });
}

/**
 * Fraction of a FINITE_SAMPLES^2 grid over the domain (edges included) where f is finite.
 * Pauses after each column.
 */
function* finiteFraction(f: (x: number, y: number) => number, domain: Domain): Generator<void, number, undefined> {
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const n = FINITE_SAMPLES;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / (n - 1);
    for (let j = 0; j < n; j++) {
      const v = f(x, y0 + ((y1 - y0) * j) / (n - 1));
      if (v - v === 0) finite++;
    }
    yield;
  }
  return finite / (n * n);
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
function* criticalAndStart(
  compiled: CompiledExpression,
  domain: Domain,
): Generator<void, { critical: readonly CriticalPoint[]; start: Point; criticalNote?: string; stopped?: true }, undefined> {
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

/** FNV-1a, 32 bits, as 8 hex digits: a short stable id for an expression and domain. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

// Surfaces are immutable, and trajectory({ surface: { expr } }) compiles on every call (once per
// optimizer in a race), so recent ones are kept. Insertion order of a Map makes it an LRU.
const CACHE_SIZE = 32;
const cache = new Map<string, CompiledSurface | SurfaceError>();

/**
 * Compiles a mathjs expression in x and y to a Surface: exact gradient, compiled f and grad,
 * critical points found numerically (Newton on the gradient, with the exact Hessian), a start
 * point chosen for a good race. Throws a SurfaceError (what and where) for a bad expression or
 * one that is not finite over most of the domain, an OptionError for bad options.
 *
 * @example
 * const s = compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)');
 * s.critical.filter((c) => c.kind === 'global-min');
 */
export function compileSurface(expr: string, options: CompileSurfaceOptions = {}): CompiledSurface {
  const backend = readBackend(options);
  const domain = readDomain(options.domain);
  return cached(expr, backend, domain) ?? runToEnd(surfaceSteps(expr, backend, domain));
}

export interface CompileSurfaceAsyncOptions extends CompileSurfaceOptions {
  /** Stops the work at its next pause; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * compileSurface in short tasks (a few milliseconds each, yielding to the page between them), so
 * typing an expression never blocks a frame; the same result, from the same cache. Rejects
 * with the SurfaceError or OptionError compileSurface would throw, or with `signal`'s reason
 * once it is aborted.
 *
 * @example
 * const s = await compileSurfaceAsync('sin(5*x)*sin(5*y)', { signal: controller.signal });
 */
export async function compileSurfaceAsync(expr: string, options: CompileSurfaceAsyncOptions = {}): Promise<CompiledSurface> {
  const backend = readBackend(options);
  const domain = readDomain(options.domain);
  const { signal } = options;
  signal?.throwIfAborted();
  return cached(expr, backend, domain) ?? (await inShortTasks(surfaceSteps(expr, backend, domain), signal));
}

/**
 * compileSurface as a pausing computation, for callers with a scheduler of their own (idle
 * callbacks, a Worker's message loop): a generator that yields every few milliseconds at most
 * and returns the surface (or throws compileSurface's error). compileSurfaceAsync runs it in
 * short tasks.
 */
export function compileSurfaceSteps(expr: string, options: CompileSurfaceOptions = {}): Generator<void, CompiledSurface, undefined> {
  const backend = readBackend(options);
  const domain = readDomain(options.domain);
  return (function* () {
    return cached(expr, backend, domain) ?? (yield* surfaceSteps(expr, backend, domain));
  })();
}

function cacheKey(expr: string, backend: Backend, domain: Domain): string {
  return `${backend}\u0000${domain.x.join()}\u0000${domain.y.join()}\u0000${String(expr)}`;
}

/** The cached surface, or a throw of the cached error; undefined if neither is cached. */
function cached(expr: string, backend: Backend, domain: Domain): CompiledSurface | undefined {
  const key = cacheKey(expr, backend, domain);
  const entry = cache.get(key);
  if (!entry) return undefined;
  cache.delete(key);
  cache.set(key, entry);
  if (entry instanceof SurfaceError) throw entry;
  return entry;
}

function remember(key: string, entry: CompiledSurface | SurfaceError): void {
  cache.set(key, entry);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * Whether compileSurface(expr, options) would answer at once, from its cache of recent
 * surfaces and errors (for instance after compileSurfaceAsync of the same).
 */
export function isCompiled(expr: string, options: CompileSurfaceOptions = {}): boolean {
  return cache.has(cacheKey(expr, readBackend(options), readDomain(options.domain)));
}

/** compileSurface's work, pausing (yielding) every few milliseconds at most; cached, errors too. */
function* surfaceSteps(expr: string, backend: Backend, domain: Domain): Generator<void, CompiledSurface, undefined> {
  const key = cacheKey(expr, backend, domain);
  try {
    const surface = yield* uncachedSurfaceSteps(expr, backend, domain);
    remember(key, surface);
    return surface;
  } catch (error) {
    if (error instanceof SurfaceError) remember(key, error);
    throw error;
  }
}

function* uncachedSurfaceSteps(expr: string, backend: Backend, domain: Domain): Generator<void, CompiledSurface, undefined> {
  const compiled = yield* compileExpressionSteps(expr, backend);
  yield;
  const fraction = yield* finiteFraction(compiled.f, domain);
  if (fraction < 0.5) {
    const shown = fraction > 0 && fraction < 0.01 ? '<1' : String(Math.round(fraction * 100));
    throw new SurfaceError(
      'not-finite',
      `the surface is not finite over most of its domain: only ${shown}% of ${FINITE_SAMPLES * FINITE_SAMPLES} sample points ` +
        `in x ∈ [${domain.x.join(', ')}], y ∈ [${domain.y.join(', ')}] give a finite value`,
      0,
      expr.length,
    );
  }
  const { critical, start, criticalNote, stopped } = yield* criticalAndStart(compiled, domain);
  const { f, grad, valueAndGrad, hessian } = compiled;
  const surface: CompiledSurface = Object.freeze({
    id: `expr:${hash(`${compiled.expr}|${domain.x.join()}|${domain.y.join()}`)}`,
    label: expr.trim(),
    expr: compiled.expr,
    f,
    grad,
    valueAndGrad,
    hessian,
    domain,
    critical: Object.freeze(critical.map((c) => Object.freeze({ ...c }))),
    ...(criticalNote ? { criticalNote } : {}),
    ...(stopped ? { criticalSearchStopped: true } : {}),
    start: Object.freeze([start[0], start[1]]) as Point,
    note: 'typed in',
  });
  return surface;
}

setExpressionCompiler(compileSurface);
