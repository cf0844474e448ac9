import { isSurfaceId, surfaceIds } from '../../surfaces/ids';
import { OptionError } from './errors';
import { evalAllowed, evalRefused, setEvalAllowed } from './eval-policy';
import { getPreset, resolveHyper } from './optimizers/index';
import { nextState, uniform } from './random';
import { findSurface } from './registry';
import type { Hyper, InlineStep, OptimizerPreset, PresetId, UpdateRule } from './optimizers/index';
import type { Point, Surface, Trajectory } from './types';

/** A surface to run on: a catalog id, a Surface, or a typed-in expression. */
export type SurfaceInput = string | Surface | { readonly expr: string; readonly domain?: Surface['domain'] };

/** Gaussian noise added to every gradient component, to show SGD's jumpiness. */
export interface NoiseOptions {
  /** Standard deviation of the noise. */
  readonly sd: number;
  /** Seed of the noise stream; the same seed gives the same path. Default 1. */
  readonly seed?: number;
}

export interface TrajectoryOptions {
  readonly surface: SurfaceInput;
  /**
   * A preset id (`sgd`, `momentum`, `nesterov`, `adagrad`, `adadelta`, `rmsprop`, `adam`, ...;
   * `presetIds` lists them). There are no custom rules, so the type is closed: a string from
   * outside (an attribute, a URL) goes through `isPresetId()` first; anything else throws an
   * OptionError at run time too.
   */
  readonly optimizer: PresetId;
  /** Overrides of the preset's hyperparameters, camelCase of torch.optim's names. */
  readonly hyper?: Readonly<Record<string, number | boolean>>;
  readonly start: Point | { readonly x: number; readonly y: number };
  /** Number of update steps; the arrays have `steps + 1` entries. */
  readonly steps: number;
  readonly noise?: NoiseOptions;
}

/** Gradient norm below which an iterate counts as converged. */
export const CONVERGED_GRAD_NORM = 1e-8;
/** An iterate further outside the domain than this many spans counts as diverged. */
export const DIVERGENCE_SPANS = 10;

let expressionCompiler: ((expr: string, options?: { domain?: Surface['domain'] }) => Surface) | undefined;

/** Lets the expression module plug in, so the core stays free of mathjs until it is used. */
export function setExpressionCompiler(compile: typeof expressionCompiler): void {
  expressionCompiler = compile;
}

/** trajectory()'s options, and noise's: any other key is refused (a misspelling would go unnoticed). */
const TRAJECTORY_OPTIONS: readonly string[] = ['surface', 'optimizer', 'hyper', 'start', 'steps', 'noise'];
const NOISE_OPTIONS: readonly string[] = ['sd', 'seed'];

/** Throws an OptionError naming the first own key of `object` that is not in `known`. */
function refuseUnknown(object: object, known: readonly string[], what: string, prefix: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new OptionError(prefix + key, (object as Record<string, unknown>)[key], `is not an option of ${what}; its options are ${known.join(', ')}`);
    }
  }
}

/**
 * The most steps one trajectory() call takes: 10⁶ steps keep three Float64Arrays of 8 MB each
 * (and about 25 ms of work); 5·10⁷ took 1.6 GB, and 2³² could not be allocated at all.
 */
export const MAX_TRAJECTORY_STEPS = 1_000_000;

/** Resolves a SurfaceInput to a Surface, or throws an OptionError that names it. */
export function resolveSurface(input: SurfaceInput): Surface {
  if (typeof input === 'string') {
    const found = findSurface(input);
    if (found) return found;
    if (isSurfaceId(input)) {
      // Only in the single-file bundle, which loads catalog surfaces on demand.
      throw new OptionError('surface', input, 'is not loaded yet: await loadSurface(id) first');
    }
    throw new OptionError('surface', input, `must be one of ${surfaceIds.join(', ')}`);
  }
  if (input && typeof input === 'object') {
    if ('f' in input && typeof input.f === 'function' && typeof input.grad === 'function') {
      const { domain } = input;
      const ok = (r: unknown) =>
        Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1];
      if (!domain || !ok(domain.x) || !ok(domain.y)) {
        throw new OptionError('surface.domain', domain, 'must be { x: [min, max], y: [min, max] } with min < max');
      }
      return input;
    }
    if ('expr' in input && typeof input.expr === 'string') {
      if (!expressionCompiler) {
        throw new OptionError(
          'surface',
          input,
          'is an expression, which needs the expression compiler: await loadExpressions() first (or import "descent-lab/expression")',
        );
      }
      return expressionCompiler(input.expr, input.domain ? { domain: input.domain } : undefined);
    }
  }
  throw new OptionError('surface', input, 'must be a catalog id, a Surface or { expr, domain }');
}

function readStart(start: TrajectoryOptions['start']): [number, number] {
  let x: unknown;
  let y: unknown;
  if (Array.isArray(start)) [x, y] = start;
  else if (start && typeof start === 'object') ({ x, y } = start as { x: unknown; y: unknown });
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new OptionError('start', start, 'must be two finite numbers [x, y]');
  }
  return [x, y];
}

/**
 * Runs one optimizer on one surface from one start for `steps` steps.
 *
 * Always runs every step. An iterate or loss that is not finite, or an iterate more than
 * `DIVERGENCE_SPANS` spans outside the domain, ends the run with `status: 'diverged'` and
 * `divergedAt` = that step; later entries are NaN. Nothing throws for divergence; bad options
 * throw an OptionError naming the option and the value.
 */
export function trajectory(options: TrajectoryOptions): Trajectory {
  if (!options || typeof options !== 'object') throw new OptionError('options', options, 'must be an object');
  refuseUnknown(options, TRAJECTORY_OPTIONS, 'trajectory()', '');
  const { optimizer, hyper, steps, noise } = options;
  const preset = getPreset(optimizer);
  const h = resolveHyper(optimizer, hyper ?? {});
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_TRAJECTORY_STEPS) {
    throw new OptionError('steps', steps, `must be a whole number from 1 to ${MAX_TRAJECTORY_STEPS}`);
  }
  const [x0, y0] = readStart(options.start);
  let sd = 0;
  let rng = 1;
  if (noise !== undefined) {
    if (!noise || typeof noise !== 'object' || typeof noise.sd !== 'number' || !(noise.sd >= 0) || !Number.isFinite(noise.sd)) {
      throw new OptionError('noise', noise, 'must be { sd: a number >= 0, seed?: an integer }');
    }
    refuseUnknown(noise, NOISE_OPTIONS, 'noise', 'noise.');
    if (noise.seed !== undefined && !Number.isInteger(noise.seed)) {
      throw new OptionError('noise.seed', noise.seed, 'must be an integer');
    }
    sd = noise.sd;
    rng = (noise.seed ?? 1) | 0;
  }
  const surface = resolveSurface(options.surface);
  const { f, domain } = surface;
  const [xMin, xMax] = domain.x;
  const [yMin, yMax] = domain.y;
  const xLo = xMin - DIVERGENCE_SPANS * (xMax - xMin);
  const xHi = xMax + DIVERGENCE_SPANS * (xMax - xMin);
  const yLo = yMin - DIVERGENCE_SPANS * (yMax - yMin);
  const yHi = yMax + DIVERGENCE_SPANS * (yMax - yMin);

  const xs = new Float64Array(steps + 1);
  const ys = new Float64Array(steps + 1);
  const loss = new Float64Array(steps + 1);
  const { kernel } = preset;
  const state = new Float64Array(kernel.stateSize(2, h));
  kernel.init?.(state, 2, h);
  xs[0] = x0;
  ys[0] = y0;
  loss[0] = f(x0, y0);
  let divergedAt = -1;
  let convergedAt = -1;
  if (!Number.isFinite(loss[0])) {
    divergedAt = 0;
  } else {
    const inlined = inlinedLoopFor(preset, h);
    const end = inlined
      ? inlined.loop(surface, optionValues(inlined.options, h), state, xs, ys, loss, steps, xLo, xHi, yLo, yHi, sd, rng, nextState, uniform)
      : loopFor(preset.id)(
          surface, kernel.fastStep?.(h) ?? kernel.step, h, state, xs, ys, loss, steps, xLo, xHi, yLo, yHi, sd, rng, nextState, uniform,
        );
    if (end >= 0) divergedAt = end;
    else if (end < -1) convergedAt = -end - 2;
  }
  if (divergedAt >= 0) {
    xs.fill(NaN, divergedAt + 1);
    ys.fill(NaN, divergedAt + 1);
    loss.fill(NaN, divergedAt + 1);
  }
  return {
    x: xs,
    y: ys,
    loss,
    status: divergedAt >= 0 ? 'diverged' : 'ok',
    ...(divergedAt >= 0 ? { divergedAt } : {}),
    ...(convergedAt >= 0 ? { convergedAt } : {}),
    optimizer: preset.id as PresetId,
    hyper: h,
  };
}

type StepLoop = typeof stepLoop;

/**
 * The step loop, calling the rule's `step`. Runs use it where the rule has no `inline` source
 * (see `inlinedLoopSource`, which writes the same loop with the step in it), compiled as a
 * private copy per preset so that the JIT sees one kernel at its `step` call and inlines it;
 * and, shared by every preset, where a Content Security Policy forbids compiling.
 *
 * Returns divergedAt (>= 0), or -(convergedAt + 2) if the gradient norm fell below 1e-8, or -1.
 */
function stepLoop(
  surface: Surface,
  step: UpdateRule['step'],
  h: Hyper,
  state: Float64Array,
  xs: Float64Array,
  ys: Float64Array,
  loss: Float64Array,
  steps: number,
  xLo: number,
  xHi: number,
  yLo: number,
  yHi: number,
  sd: number,
  seed: number,
  nextState: (s: number) => number,
  uniform: (s: number) => number,
): number {
  const f = surface.f;
  // Surfaces that compute f and its gradient in one call (compiled expressions share sin, cos
  // and exp between them) get one call per step instead of two.
  const fused = surface.valueAndGrad !== undefined;
  // Plain arrays, not Float64Arrays: once `step` is inlined, escape analysis keeps them in
  // registers, which typed arrays defeat.
  // NaN makes both literals double arrays from the start, so no store changes their kind.
  const p = [NaN, NaN];
  const g = [NaN, NaN];
  p[0] = xs[0];
  p[1] = ys[0];
  let rng = seed;
  let convergedAt = -1;
  // g always holds the gradient at the current iterate p: at the start, then after each step
  // together with the loss there.
  surface.grad(p[0], p[1], g);
  for (let t = 1; t <= steps; t++) {
    if (convergedAt < 0 && g[0] * g[0] + g[1] * g[1] < 1e-16) convergedAt = t - 1; // |g| < CONVERGED_GRAD_NORM
    if (sd > 0) {
      // Box–Muller: one pair of standard normals per step, one for each coordinate.
      rng = nextState(rng);
      const u1 = 1 - uniform(rng);
      rng = nextState(rng);
      const u2 = uniform(rng);
      const r = sd * Math.sqrt(-2 * Math.log(u1));
      g[0] += r * Math.cos(2 * Math.PI * u2);
      g[1] += r * Math.sin(2 * Math.PI * u2);
    }
    step(p, g, state, t, h);
    const x = p[0];
    const y = p[1];
    let l: number;
    if (fused) {
      l = surface.valueAndGrad!(x, y, g);
    } else {
      l = f(x, y);
      surface.grad(x, y, g);
    }
    xs[t] = x;
    ys[t] = y;
    loss[t] = l;
    // Written so that NaN fails every comparison and counts as diverged.
    if (!(x >= xLo && x <= xHi && y >= yLo && y <= yHi && l - l === 0)) return t;
  }
  if (convergedAt < 0 && g[0] * g[0] + g[1] * g[1] < 1e-16) convergedAt = steps;
  return convergedAt >= 0 ? -convergedAt - 2 : -1;
}

const loops = new Map<string, StepLoop>();

/**
 * A private copy of `stepLoop` for one preset, compiled from its own source text so that it
 * gets its own JIT feedback. Where a Content Security Policy forbids `new Function`, every
 * preset shares `stepLoop` itself: same results, slower.
 */
function loopFor(presetId: string): StepLoop {
  let loop = loops.get(presetId);
  if (!loop) {
    loop = stepLoop;
    if (evalAllowed()) {
      try {
        // V8 caches compiled code by source text: the preset's name makes each copy distinct.
        loop = new Function(`// step loop for ${JSON.stringify(presetId)}\nreturn ${stepLoop.toString()}`)() as StepLoop;
      } catch {
        evalRefused();
      }
    }
    loops.set(presetId, loop);
  }
  return loop;
}

/** `stepLoop` with a rule's step written in (see `inlinedLoopSource`). */
type InlinedLoop = (
  surface: Surface,
  options: Float64Array,
  state: Float64Array,
  xs: Float64Array,
  ys: Float64Array,
  loss: Float64Array,
  steps: number,
  xLo: number,
  xHi: number,
  yLo: number,
  yHi: number,
  sd: number,
  seed: number,
  nextState: (s: number) => number,
  uniform: (s: number) => number,
) => number;

/** A compiled inlined loop and the numeric options it reads, in the order it reads them. */
interface Inlined {
  readonly loop: InlinedLoop;
  readonly options: readonly string[];
}

/** Inlined loops by preset id, then by the shape of `h` (null: the rule's `inline` declined). */
const inlinedLoops = new Map<string, Map<number, Inlined | null>>();

/**
 * The numeric options as a Float64Array, so that the compiled loop reads plain doubles whatever
 * the hidden class of `h` (which changes as its fields first hold doubles; code that had
 * checked one class would be thrown away when a run brings the next).
 */
function optionValues(names: readonly string[], h: Hyper): Float64Array {
  const values = new Float64Array(names.length);
  for (let k = 0; k < names.length; k++) values[k] = h[names[k]] as number;
  return values;
}

/**
 * The preset's step loop with its rule's `inline` source written in for the two coordinates,
 * compiled once per preset and shape of `h` (its booleans, and which of its numbers are 0);
 * undefined where the rule has no such source or a Content Security Policy forbids compiling.
 */
function inlinedLoopFor(preset: OptimizerPreset, h: Hyper): Inlined | undefined {
  if (!evalAllowed() || !preset.kernel.inline) return undefined;
  let shape = 0; // one bit per option, set for true and for numbers other than 0
  let bit = 1;
  for (const name in h) {
    const value = h[name];
    if (value === true || (typeof value === 'number' && value !== 0)) shape |= bit;
    bit *= 2;
  }
  let byShape = inlinedLoops.get(preset.id);
  if (!byShape) inlinedLoops.set(preset.id, (byShape = new Map()));
  let inlined = byShape.get(shape);
  if (inlined === undefined) {
    inlined = null;
    const step = preset.kernel.inline(h, 2);
    if (step) {
      const options = Object.keys(h).filter((name) => typeof h[name] === 'number');
      try {
        inlined = { loop: new Function(inlinedLoopSource(preset.id, options, step))() as InlinedLoop, options };
      } catch (error) {
        if (!(error instanceof EvalError)) throw error; // a SyntaxError is a broken rule source
        evalRefused();
        return undefined;
      }
    }
    byShape.set(shape, inlined);
  }
  return inlined ?? undefined;
}

/** Names the inlined loop declares, which an option of the same name would shadow. */
const loopNames = new Set([
  'surface', 'options', 's', 'xs', 'ys', 'loss', 'steps', 'xLo', 'xHi', 'yLo', 'yHi', 'sd', 'seed', 'nextState',
  'uniform', 'f', 'fused', 'first', 'grad', 'p0', 'p1', 'g0', 'g1', 'rng', 'convergedAt', 't', 'l', 'u1', 'u2', 'r',
]);

/**
 * The source of `stepLoop` with the rule's step written in for two coordinates: the same
 * statements in the same order, except that the iterate and gradient are the locals p0, p1,
 * g0, g1 rather than arrays, and the options are read once per run, by name. The array `grad`
 * is written only by the calls in the loop (the first gradient goes to its own array, since
 * that call, run once, may stay a call): once they are inlined, escape analysis keeps the
 * gradient in registers.
 */
function inlinedLoopSource(presetId: string, options: readonly string[], step: InlineStep): string {
  for (const name of options) {
    if (loopNames.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name)) {
      throw new Error(`option name ${JSON.stringify(name)} cannot be a local of the inlined step loop`);
    }
  }
  return `// step loop for ${JSON.stringify(presetId)}, rule inlined
return function inlinedStepLoop(surface, options, s, xs, ys, loss, steps, xLo, xHi, yLo, yHi, sd, seed, nextState, uniform) {
  ${options.map((name, k) => `const ${name} = options[${k}];`).join('\n  ')}
  ${step.setup ?? ''}
  const f = surface.f;
  const fused = surface.valueAndGrad !== undefined;
  let p0 = xs[0];
  let p1 = ys[0];
  const first = [NaN, NaN];
  surface.grad(p0, p1, first);
  let g0 = first[0];
  let g1 = first[1];
  const grad = [NaN, NaN];
  let rng = seed;
  let convergedAt = -1;
  for (let t = 1; t <= steps; t++) {
    if (convergedAt < 0 && g0 * g0 + g1 * g1 < 1e-16) convergedAt = t - 1;
    if (sd > 0) {
      rng = nextState(rng);
      const u1 = 1 - uniform(rng);
      rng = nextState(rng);
      const u2 = uniform(rng);
      const r = sd * Math.sqrt(-2 * Math.log(u1));
      g0 += r * Math.cos(2 * Math.PI * u2);
      g1 += r * Math.sin(2 * Math.PI * u2);
    }
    {
      ${step.pre ?? ''}
      {
        ${step.coordinate('p0', 'g0', 0)}
      }
      {
        ${step.coordinate('p1', 'g1', 1)}
      }
    }
    let l;
    if (fused) {
      l = surface.valueAndGrad(p0, p1, grad);
    } else {
      l = f(p0, p1);
      surface.grad(p0, p1, grad);
    }
    g0 = grad[0];
    g1 = grad[1];
    xs[t] = p0;
    ys[t] = p1;
    loss[t] = l;
    if (!(p0 >= xLo && p0 <= xHi && p1 >= yLo && p1 <= yHi && l - l === 0)) return t;
  }
  if (convergedAt < 0 && g0 * g0 + g1 * g1 < 1e-16) convergedAt = steps;
  return convergedAt >= 0 ? -convergedAt - 2 : -1;
};`;
}

/** For tests: run every rule through the shared loop, as under a strict CSP. */
export function useSharedLoop(shared: boolean): void {
  setEvalAllowed(!shared);
  loops.clear();
  inlinedLoops.clear();
}
