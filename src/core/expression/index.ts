/**
 * Type your own surface: `compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)')` is a Surface with
 * exact gradients (symbolic differentiation), compiled to plain JavaScript, with its minima,
 * saddles and maxima found numerically.
 *
 * Importing this module registers it with `trajectory()`, so `{ expr, domain }` surfaces work
 * wherever it has been loaded. It imports mathjs (for parsing only); pages that should not
 * download mathjs until needed reach it through `loadExpressions()` (./load.ts).
 */
import { inShortTasks, runToEnd } from '../pause';
import { OptionError } from '../errors';
import { setExpressionCompiler } from '../trajectory';
import type { Domain, Point, Surface } from '../types';
import { compileGraph } from './compile';
import type { Backend, CompiledFunctions, Roots } from './compile';
import { SurfaceError } from './errors';
import { Graph } from './graph';
import type { GraphNode } from './graph';
import { checkExpression } from './parse-check';
import { searchInWorker } from './search-client';
import { searchSurface } from './surface-search';
import type { ExpressionFacts, SurfaceSearchResult } from './surface-search';

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
export { CRITICAL_SEARCH_MS, CRITICAL_SEARCH_WORK, MANY_CRITICAL_POINTS, TIMED_SEARCH_SIZE } from './surface-search';
export type { ExpressionFacts } from './surface-search';

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
export interface CompiledExpression extends CompiledFunctions, ExpressionFacts {
  /** mathjs's normalised text of the expression (implicit multiplication shown). */
  readonly expr: string;
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
  return runToEnd(compileExpressionSteps(expr, readBackend(options))).compiled;
}

/** A compiled expression with the graph it was compiled from (what a Worker is sent). */
interface ExpressionParts {
  readonly compiled: CompiledExpression;
  readonly nodes: readonly GraphNode[];
  readonly roots: Roots;
}

/**
 * compileExpression as a computation that pauses (yields) between its phases (parse, gradient,
 * Hessian, code), each a few milliseconds for the longest expressions accepted.
 */
function* compileExpressionSteps(expr: string, backend: Backend): Generator<void, ExpressionParts, undefined> {
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
  const roots: Roots = { f, grad: [fx, fy], hessian: [fxx, fxy, fyy] };
  const functions = compileGraph(graph, roots, backend);
  const cx = graph.constant(fx);
  const cy = graph.constant(fy);
  const flat = cx === 0 && cy === 0;
  const affine = cx !== undefined && cy !== undefined;
  const noCriticalPoints = (cx !== undefined && cx !== 0) || (cy !== undefined && cy !== 0);
  const linearPieces = [fxx, fxy, fyy].every((id) => graph.constant(id) === 0);
  const compiled = { ...functions, expr: normalized, flat, affine, linearPieces, noCriticalPoints, size: graph.nodes.length };
  return { compiled, nodes: graph.nodes, roots };
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
  const known = cached(expr, backend, domain);
  if (known) return known;
  const key = cacheKey(expr, backend, domain);
  try {
    // The page compiles f and its derivatives (it draws with them) in short tasks; the
    // critical-point search, the long part, runs in a Worker where the page allows one.
    const parts = await inShortTasks(checkedSteps(expr, backend, domain), signal);
    const found =
      (await searchInWorker(parts, domain, backend, signal)) ?? (await inShortTasks(searchSurface(parts.compiled, domain), signal));
    const surface = assemble(expr, parts.compiled, domain, found);
    remember(key, surface);
    return surface;
  } catch (error) {
    if (error instanceof SurfaceError) remember(key, error);
    throw error;
  }
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
  const { compiled } = yield* checkedSteps(expr, backend, domain);
  return assemble(expr, compiled, domain, yield* searchSurface(compiled, domain));
}

/** Compiles expr and checks that f is finite over most of the domain (a SurfaceError if not). */
function* checkedSteps(expr: string, backend: Backend, domain: Domain): Generator<void, ExpressionParts, undefined> {
  const parts = yield* compileExpressionSteps(expr, backend);
  yield;
  const fraction = yield* finiteFraction(parts.compiled.f, domain);
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
  return parts;
}

/** The surface: the compiled functions and what the search found. */
function assemble(expr: string, compiled: CompiledExpression, domain: Domain, found: SurfaceSearchResult): CompiledSurface {
  const { critical, start, criticalNote, stopped } = found;
  const { f, grad, valueAndGrad, hessian } = compiled;
  return Object.freeze({
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
}

setExpressionCompiler(compileSurface);
