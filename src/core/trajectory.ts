import { isSurfaceId, surfaceIds } from '../../surfaces/ids';
import { OptionError } from './errors';
import { evalAllowed, evalRefused, setEvalAllowed } from './eval-policy';
import type { portableLoop as PortableLoop } from '../generated/portable-loop';
import { ruleSources } from '../generated/rule-source';
import type { BatchOptions, batchRun as BatchRun } from './batch';
import { compiledLoopSource } from './loop';
import { getPreset, loadOptimizers, resolveHyper } from './optimizers/index';
import { nextState, uniform } from './random';
import { views } from './views';
import { findSurface } from './registry';
import type { Hyper, OptimizerPreset, PresetId, RuleSource, UpdateRule } from './optimizers/index';
import type { ScheduledRun, ScheduleOptions, Schedules } from './schedules';
import type { Point, Surface, Trajectory, TrajectoryRecord } from './types';

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
  /**
   * Mini-batches, on a data surface (`surface.data`): each step's gradient is the mean over the
   * next batch of a shuffled epoch, as PyTorch's DataLoader draws them (see core/batch.ts); the
   * result adds `samples` and `batchLoss`. On a surface without data, an OptionError.
   */
  readonly batch?: BatchOptions;
  /**
   * A learning-rate schedule, one of torch.optim.lr_scheduler's: `{ kind: 'StepLR', stepSize: 30 }`,
   * `{ kind: 'OneCycleLR', maxLr: 0.1 }`, `{ kind: 'SequentialLR', schedulers: [...], milestones:
   * [...] }`, ... (see core/schedules.ts), stepped after every step as in a per-iteration training
   * loop; ReduceLROnPlateau is given the loss computed before the step (the mini-batch loss with
   * `batch`). The result adds `lr`, and `cycledMomentum` where OneCycleLR cycles the momentum.
   * Or its one-line text (see parseSchedule in core/schedules.ts): `'StepLR:stepSize=30'`,
   * `'OneCycleLR:maxLr=0.1:annealStrategy=linear'`, `'MultiStepLR:milestones=100+200'`,
   * `'LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR'` (SequentialLR, parts joined
   * by `@N:`), or the object's JSON.
   */
  readonly schedule?: ScheduleOptions | string;
  /**
   * `'state'` records what the optimizer computed at each step besides the iterate: its state
   * tensors, the gradients and the effective step sizes (see `TrajectoryRecord`). Without it
   * nothing is recorded, and the run costs what it did.
   */
  readonly record?: 'state';
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
const TRAJECTORY_OPTIONS: readonly string[] = ['surface', 'optimizer', 'hyper', 'start', 'steps', 'noise', 'batch', 'schedule', 'record'];
const NOISE_OPTIONS: readonly string[] = ['sd', 'seed'];

/** Throws an OptionError naming the first own key of `object` that is not in `known`. */
export function refuseUnknown(object: object, known: readonly string[], what: string, prefix: string): void {
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
export function trajectory(options: TrajectoryOptions & { readonly record: 'state' }): Trajectory & TrajectoryRecord;
export function trajectory(options: TrajectoryOptions): Trajectory;
export function trajectory(options: TrajectoryOptions): Trajectory | (Trajectory & TrajectoryRecord) {
  // (Taken first, so no call but the one it was lent to uses it, even one that throws.)
  const buffers = lent ?? views;
  lent = undefined;
  if (!options || typeof options !== 'object') throw new OptionError('options', options, 'must be an object');
  refuseUnknown(options, TRAJECTORY_OPTIONS, 'trajectory()', '');
  const { optimizer, hyper, steps, noise, record } = options;
  if (record !== undefined && record !== 'state') throw new OptionError('record', record, "must be 'state' (or left out)");
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
  const batched = options.batch === undefined ? undefined : batchRun(options.batch, surface, steps);
  const { f, domain } = surface;
  const [xMin, xMax] = domain.x;
  const [yMin, yMax] = domain.y;
  const xLo = xMin - DIVERGENCE_SPANS * (xMax - xMin);
  const xHi = xMax + DIVERGENCE_SPANS * (xMax - xMin);
  const yLo = yMin - DIVERGENCE_SPANS * (yMax - yMin);
  const yHi = yMax + DIVERGENCE_SPANS * (yMax - yMin);

  // One allocation for the three (and one for what recording adds, below; see views()).
  const [xs, ys, loss] = buffers(3, steps + 1);
  // (A catalog preset's rule in the one-file bundle before its chunk: getPreset said so above.)
  const { kernel } = preset;
  let scheduled: ScheduledRun | undefined;
  if (options.schedule !== undefined) {
    if (!schedules) {
      void loadSchedules();
      throw new OptionError('schedule', options.schedule, 'is loading: await loadSchedules() first');
    }
    scheduled = schedules.run(options.schedule, preset, h, steps, batched?.batchLoss ?? loss);
  }
  // A schedule sets the options of each step (the compiled loop's locals, or this copy).
  const hRun = scheduled?.h ?? h;
  const state = new Float64Array(kernel.stateSize(2, hRun));
  kernel.init(state, 2, hRun);
  const tensors = kernel.tensors(hRun);
  // The state tensors, then the gradient and the step size.
  const recViews = record ? buffers(tensors.length + 2, 2 * (steps + 1)) : null;
  const recState = recViews?.slice(0, -2) ?? null;
  const recGrad = recViews?.at(-2) ?? null;
  const recLr = recViews?.at(-1) ?? null;
  xs[0] = x0;
  ys[0] = y0;
  loss[0] = f(x0, y0);
  let divergedAt = -1;
  let convergedAt = -1;
  const compiled = compiledLoopFor(preset, kernel, hRun, record === 'state', scheduled);
  // The portable loop (for a page whose Content Security Policy forbids compiling, and a rule
  // whose source is loading) comes with the rarer rules' chunk in the one-file bundle.
  const loop = compiled?.loop ?? portable;
  if (!loop) {
    void loadOptimizers();
    throw new OptionError('optimizer', optimizer, 'is loading: await loadOptimizers() first');
  }
  const end = loop(
    batched?.view ?? surface, compiled ? optionValues(compiled.options, hRun) : EMPTY, state, xs, ys, loss, steps, xLo, xHi, yLo, yHi, sd, rng,
    nextState, uniform, recState, recGrad, recLr, kernel.step, hRun, scheduled?.loop ?? null,
  );
  if (end >= 0) divergedAt = end;
  else if (end < -1) convergedAt = -end - 2;
  if (divergedAt >= 0) {
    xs.fill(NaN, divergedAt + 1);
    ys.fill(NaN, divergedAt + 1);
    loss.fill(NaN, divergedAt + 1);
    for (const r of [...(recState ?? []), recGrad, recLr]) r?.fill(NaN, 2 * divergedAt + 2);
  }
  const recorded: TrajectoryRecord | undefined =
    recState && recGrad && recLr
      ? { state: Object.fromEntries(tensors.map((name, j) => [name, recState[j]])), grad: recGrad, effectiveLr: recLr, ...(recState as Recorded).more }
      : undefined;
  return {
    x: xs,
    y: ys,
    loss,
    status: divergedAt >= 0 ? 'diverged' : 'ok',
    ...(divergedAt >= 0 ? { divergedAt } : {}),
    ...(convergedAt >= 0 ? { convergedAt } : {}),
    optimizer: preset.id as PresetId,
    hyper: h,
    ...batched?.record(),
    ...scheduled?.result(divergedAt),
    ...recorded,
  };
}

/**
 * core/schedules.ts, once it is here: the library's entries import it; the one-file bundle loads
 * it the first time a run has a schedule.
 */
let schedules: Schedules | undefined;

/** Called by core/schedules.ts as it loads. */
export function provideScheduler(them: Schedules): void {
  schedules = them;
}

/** Loads the schedules (at once where they are here already, as in the library's entries). */
export function loadSchedules(): Promise<unknown> {
  return schedules ? Promise.resolve() : import('./schedules');
}

/**
 * core/batch.ts's mini-batches, once that module is here: every data surface brings it (their
 * shared module imports it), so it costs a page nothing until one is shown.
 */
let batcher: typeof BatchRun | undefined;

/** Called by core/batch.ts as it loads. */
export function provideBatches(run: typeof BatchRun): void {
  batcher = run;
}

function batchRun(batch: unknown, surface: Surface, steps: number) {
  // (Every data surface brings the batches: without them, this is no data surface.)
  if (!batcher) throw new OptionError('batch', batch, `needs a data surface; ${surface.id} has no samples`);
  return batcher(batch, surface, steps);
}

const EMPTY = new Float64Array(0);

/** The state arrays of a recording run, and what a whole-vector rule's loop records besides them. */
export type Recorded = Float64Array[] & { more?: Pick<TrajectoryRecord, 'evaluations'> };


/** Where the next trajectory() call takes its arrays from: trajectoryIn()'s, once, else new ones. */
let lent: typeof views | undefined;

/**
 * trajectory(), with its arrays (zeroed) from `take` instead of new ones: a drag re-runs every run
 * on every move, and in a browser fresh memory costs more than the run (see DragBuffers).
 */
export function trajectoryIn(take: typeof views, options: TrajectoryOptions): Trajectory {
  lent = take;
  return trajectory(options);
}

/**
 * Every rule's source for the compiled loops: those the default races run come with this module;
 * the others with src/generated/rule-source-more.ts, which comes with their definitions
 * (core/optimizers/more.ts: the library's entries import it, the one-file bundle loads it the
 * first time one of them is wanted).
 */
const sources: Record<string, RuleSource> = { ...ruleSources };

/**
 * The step loop that calls each rule's `step` (src/generated/portable-loop.ts): the library's
 * entries have it from the start (core/optimizers/more.ts); the one-file bundle loads it with the
 * rarer rules, the first time it is wanted. It also runs the whole-vector rules (L-BFGS, Newton,
 * ...), which have no compiled loop: given one, it hands the run to core/whole-loop.ts, which
 * puts what it records besides the state arrays (`evaluations`) on the array of them, as `more`.
 */
let portable: typeof PortableLoop | undefined;

/** Called by core/optimizers/more.ts as it loads. */
export function providePortableLoop(loop: typeof PortableLoop): void {
  portable = loop;
}

/** A rule's source for the compiled loops, if it is here (core/convergence-map.ts compiles its own). */
export function ruleSourceOf(ruleId: string): RuleSource | undefined {
  return sources[ruleId];
}

/** Called by src/generated/rule-source-more.ts as it loads. */
export function provideRuleSources(more: { readonly [id: string]: RuleSource }): void {
  Object.assign(sources, more);
}

/** A compiled loop (see core/loop.ts) and the numeric options it reads, in the order it reads them. */
interface Compiled {
  readonly loop: typeof PortableLoop;
  readonly options: readonly string[];
}

/**
 * Compiled loops by preset id, recording or not, then by the shape of `h` (null: compiling is
 * refused here).
 */
const compiledLoops = new Map<string, Map<number, Compiled | null>>();

/**
 * The numeric options as a Float64Array, so that the compiled loop reads plain doubles whatever
 * the hidden class of `h` (which changes as its fields first hold doubles; code that had
 * checked one class would be thrown away when a run brings the next).
 */
export function optionValues(names: readonly string[], h: Hyper): Float64Array {
  const values = new Float64Array(names.length);
  for (let k = 0; k < names.length; k++) values[k] = h[names[k]] as number;
  return values;
}

/**
 * The preset's step loop with its rule's statements written in (core/loop.ts), compiled once
 * per preset, recording or not, and shape of `h` (its booleans, and which of its numbers are 0);
 * undefined where a Content Security Policy forbids compiling (the portable loop runs instead).
 * Each preset gets loops of its own, so the JIT's feedback in one is never another's.
 */
function compiledLoopFor(
  preset: OptimizerPreset,
  kernel: UpdateRule,
  h: Hyper,
  record: boolean,
  schedule?: ScheduledRun,
): Compiled | undefined {
  // (A whole-vector rule has no compiled loop: the portable loop's place runs it.)
  if (!evalAllowed() || kernel.whole) return undefined;
  // Then whether scheduled (cycling the momentum or not), then one bit per option, set for true
  // and for numbers other than 0.
  let shape = (record ? 1 : 0) + (schedule ? (schedule.cycled ? 4 : 2) : 0);
  let bit = 8;
  for (const name in h) {
    const value = h[name];
    if (value === true || (typeof value === 'number' && value !== 0)) shape += bit;
    bit *= 2;
  }
  let byShape = compiledLoops.get(preset.id);
  if (!byShape) compiledLoops.set(preset.id, (byShape = new Map()));
  let compiled = byShape.get(shape);
  if (compiled === undefined) {
    const options = Object.keys(h).filter((name) => typeof h[name] === 'number');
    const source = sources[preset.ruleId];
    if (!source) {
      // AdamW's comes with the rarer rules' chunk (and the portable loop with it): load it.
      void loadOptimizers();
      return undefined;
    }
    try {
      const text = compiledLoopSource(preset.id, kernel.definition, source, h, options, record, schedule?.code(kernel.definition, source));
      compiled = { loop: new Function(text)() as typeof PortableLoop, options };
    } catch (error) {
      if (!(error instanceof EvalError)) throw error; // a SyntaxError is a broken rule source
      evalRefused();
      compiled = null;
    }
    byShape.set(shape, compiled);
  }
  return compiled ?? undefined;
}

/** For tests: run every rule through the shared loop, as under a strict CSP. */
export function useSharedLoop(shared: boolean): void {
  setEvalAllowed(!shared);
  compiledLoops.clear();
}
