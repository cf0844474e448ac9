/**
 * Shared types of the headless core. No DOM, no lit: everything here runs in a page, a Worker
 * or Node.
 */
import type { PresetId } from './optimizers/index';

/** A plotting window: `x: [xmin, xmax]`, `y: [ymin, ymax]`. */
export interface Domain {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** A point in the plane, `[x, y]`. */
export type Point = readonly [number, number];

export type CriticalKind = 'global-min' | 'local-min' | 'saddle' | 'local-max';

/** A point where the gradient vanishes, classified by the Hessian's eigenvalues. */
export interface CriticalPoint {
  readonly kind: CriticalKind;
  readonly x: number;
  readonly y: number;
  /** f(x, y) */
  readonly f: number;
  /**
   * True where the Hessian is singular there, so its eigenvalues do not decide the kind and
   * `kind` comes from how f behaves nearby (a monkey saddle, a kink at Ackley's minimum).
   */
  readonly degenerate?: boolean;
}

/**
 * A 2D loss surface. `expr` is the mathjs text of `f`, so every built-in surface can also be
 * typed in; `f` and `grad` are written by hand (or compiled) for speed.
 */
export interface Surface {
  readonly id: string;
  readonly label: string;
  /**
   * mathjs expression of f in x and y. Empty for a data surface whose mean over its samples has
   * no closed form in x and y (`logistic-regression`, `tiny-net`): its f is `data`'s.
   */
  readonly expr: string;
  f(x: number, y: number): number;
  /** Writes df/dx to out[0] and df/dy to out[1]; allocates nothing. */
  grad(x: number, y: number, out: Float64Array | number[]): void;
  /**
   * Optional: f and its gradient in one call. Returns f(x, y) and writes df/dx to out[0] and
   * df/dy to out[1], exactly the numbers `f` and `grad` give; allocates nothing. Cheaper than
   * calling both where they share work (sin, cos, exp of the same argument). Compiled surfaces
   * have it; catalog surfaces may not.
   */
  valueAndGrad?(x: number, y: number, out: Float64Array | number[]): number;
  /** Plotting window; trajectories that leave it by more than 10 spans count as diverged. */
  readonly domain: Domain;
  /**
   * Critical points inside the domain. For surfaces with very many (Rastrigin-like) this lists
   * the global minima (the few nearest `start` where there are dozens, as on sin(50x)·sin(50y))
   * and the local minima nearest `start`, and `criticalNote` says so.
   */
  readonly critical: readonly CriticalPoint[];
  readonly criticalNote?: string;
  /**
   * True when the search for critical points stopped at its budget (a typed-in expression that
   * is long or costly to evaluate): `critical` is right but may miss points, and
   * `criticalNote` says so.
   */
  readonly criticalSearchStopped?: boolean;
  /** A start point that makes a good race. */
  readonly start: Point;
  /**
   * The period of the surface's finest corrugation, where it has one (Lévi N.13: 1/3). Contour
   * maps read it: where their grid would give a ripple fewer than 8 samples, they paint it pixel
   * by pixel rather than draw a sawtooth.
   */
  readonly ripple?: number;
  /** One line on what the surface teaches. */
  readonly note: string;
  /** Where the formula and domain come from. */
  readonly source?: string;
  /** The race the playground opens with on this surface; see `Race`. */
  readonly race?: Race;
  /**
   * A data surface's dataset and model (linear regression, logistic regression, a tiny net): `f`
   * is the mean of the samples' losses and `grad` its gradient, and `trajectory()` can take
   * mini-batches of the samples (`batch`).
   */
  readonly data?: SurfaceData;
}

/**
 * The samples behind a data surface: the map's (x, y) are the model's two weights, and each
 * sample's loss is a function of them.
 */
export interface SurfaceData {
  /** The inputs, n rows of d numbers (row-major). */
  readonly inputs: Float64Array;
  /** One target per sample. */
  readonly targets: Float64Array;
  /** Numbers per input row. */
  readonly d: number;
  /** Number of samples. */
  readonly n: number;
  /** Which model: the data panel draws each its own way. */
  readonly model: 'linear-regression' | 'logistic-regression' | 'tiny-net';
  /**
   * Sample i's loss at weights (x, y), its gradient with respect to them written to out[0] and
   * out[1]; allocates nothing.
   */
  sample(i: number, x: number, y: number, out: Float64Array | number[]): number;
  /** The model's output at weights (x, y) for an input row `u` (length d): the prediction, or the logit. */
  predict(x: number, y: number, u: ArrayLike<number>): number;
}

/** One runner of a default race: a preset, its hyperparameter overrides and an optional label. */
export interface RaceEntry {
  /** A preset id (`sgd`, `momentum`, `adam`, ...). */
  readonly optimizer: PresetId;
  /** Overrides of the preset's defaults, camelCase of torch.optim's names (usually just `lr`). */
  readonly hyper?: Readonly<Record<string, number | boolean>>;
  readonly label?: string;
  /** Gradient noise (standard deviation), as `trajectory()`'s `noise.sd`. */
  readonly noise?: number;
  /** Data surfaces: samples per mini-batch, as `trajectory()`'s `batch.size` (seed 1). */
  readonly batch?: number;
  /** A learning-rate schedule in its text form (core/schedules.ts: `CosineAnnealingLR:tMax=300`). */
  readonly schedule?: string;
}

/**
 * The race a surface opens with in the playground: which optimizers run, with which learning
 * rates, for how many steps. Chosen by running trajectories (scripts/race-tuning.ts) so that the
 * paths tell the surface's story, not from torch's defaults, which barely move on most surfaces.
 */
export interface Race {
  readonly steps: number;
  readonly optimizers: readonly RaceEntry[];
  /** What the reader should see, in a sentence or two. */
  readonly story?: string;
  /** Animation speed in steps per second; the playground's default when absent. */
  readonly speed?: number;
}

/** What `trajectory()` returns: arrays of length `steps + 1`, index 0 is the start. */
export interface Trajectory {
  /** The iterates' x (x, y and loss are views of one buffer: copy one before transferring its buffer). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly loss: Float64Array;
  readonly status: 'ok' | 'diverged';
  /** First step index whose iterate or loss is non-finite or far outside the domain. */
  readonly divergedAt?: number;
  /** First step index at which the gradient norm is below 1e-8 (information only). */
  readonly convergedAt?: number;
  /** The preset id and the hyperparameters actually used (preset defaults merged with overrides). */
  readonly optimizer: PresetId;
  readonly hyper: Readonly<Record<string, number | boolean>>;
  /**
   * Runs with `batch` only: the shuffles drawn, epoch after epoch (batch k of the run is the k-th
   * run of `size` indices within them; see core/batch.ts), so the run can be replayed.
   */
  readonly samples?: Int32Array;
  /**
   * Runs with `batch` only: the mini-batch loss at each iterate, on the batch the next step uses
   * (`loss` stays the full-data loss the contours show). Length steps + 1.
   */
  readonly batchLoss?: Float64Array;
  /** Runs with `schedule` only: the lr each step used (`lr[i]` for step i + 1; NaN past a divergence). */
  readonly lr?: Float64Array;
  /** Runs whose schedule cycles the momentum (OneCycleLR): the momentum, or β₁, each step used. */
  readonly cycledMomentum?: Float64Array;
}

/**
 * What `trajectory({ ..., record: 'state' })` adds. Each array holds two numbers per index, the
 * x and y components: entries 2i and 2i + 1. After a divergence at step d, entries past index d
 * are NaN, as the iterates are.
 */
export interface TrajectoryRecord {
  /**
   * torch.optim's per-parameter state after each step (index 0: before the first), one array per
   * tensor torch creates for these options, named as torch names it in camelCase: `momentumBuffer`
   * (SGD with momentum, RMSprop with momentum), `sum` (Adagrad), `squareAvg` and `accDelta`
   * (Adadelta), `squareAvg`, `gradAvg` (RMSprop), `expAvg`, `expAvgSq`, `maxExpAvgSq` (Adam,
   * AdamW, NAdam, RAdam), `expInf` (Adamax). A tensor torch creates on the first step (SGD's
   * momentum buffer) reads 0 at index 0.
   */
  readonly state: Readonly<Record<string, Float64Array>>;
  /**
   * The gradient step i + 1 used, taken at iterate i (noise included): length 2·(steps + 1), the
   * last pair the gradient at the last iterate, which no step uses (without noise).
   */
  readonly grad: Float64Array;
  /**
   * The per-coordinate step size the rule applied at step i (index 0: NaN, no step): lr for SGD,
   * lr / (√v̂ + ε) for the Adam family, ...; each rule's file says what it is and what it multiplies.
   */
  readonly effectiveLr: Float64Array;
  /**
   * Rules that evaluate f and ∇f besides at the iterates (L-BFGS's line search and inner
   * iterations, SAM's ascent point): every such point, step by step. Step t's are entries
   * `start[t − 1]` up to `start[t]` (exclusive) of `x`, `y` and `loss`; torch's count of
   * function evaluations for that `step()` call is one more (its first, at the iterate).
   */
  readonly evaluations?: TrajectoryEvaluations;
}

/** The points a whole-vector rule evaluated, step by step (see `TrajectoryRecord.evaluations`). */
export interface TrajectoryEvaluations {
  /** Length steps + 1. */
  readonly start: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The loss there, as the rule saw it (the step's mini-batch loss, the step's noise term). */
  readonly loss: Float64Array;
}
