/**
 * What the inner-state view draws and lists for one run at the shown step k (its head at iterate
 * k), from the run's record (`trajectory({ ..., record: 'state' })`), in the map's data
 * coordinates. Everything is about the next step, k → k + 1: the gradient taken at the head, the
 * state carried into that step, the step size it applies and the step it takes.
 *
 * - `grad`: −γ∇f(θₖ), γ the run's lr: where plain gradient descent would step from the head.
 * - `step`: θₖ₊₁ − θₖ, the step the optimizer takes.
 * - `moment`: the velocity or first moment scaled to a step, at the gradient's scale (−γ times
 *   it): −γ b (SGD and RMSprop with momentum: torch's momentum buffer after step k), −γ m̂
 *   (Adam, AdamW, Adamax, RAdam: m̂ = m / (1 − β₁ᵏ)), −γ m (NAdam, whose rule corrects m with
 *   its own products instead).
 * - `average`: ASGD's ā and schedule-free AdamW's x, the averaged point each keeps besides the
 *   path (what ASGD returns; where schedule-free is evaluated).
 * - `theta`: Nesterov only. torch's form (and so the path) runs through the look-ahead points,
 *   where each gradient is taken; θ = θₖ + γμbₖ is the point the momentum carried the run from,
 *   the paper's iterate behind the look-ahead.
 * - `glyph`: adaptive rules only. Half-axes of an axis-aligned ellipse: the next step's
 *   per-coordinate step size (`effectiveLr`) times the gradient's length |∇f(θₖ)|. Plain gradient
 *   descent would give a circle of radius γ|∇f| (the gradient arrow's length); the ellipse
 *   stretches along the coordinate the rule gives the larger step size: Adagrad's shrinks as its
 *   sums grow, Adam's evens out coordinates whose gradients differ in size. Not for the rules
 *   whose step size is one number for both coordinates (L-BFGS's t, Newton's, saddle-free
 *   Newton's and SAM's γ): theirs would be a circle, saying nothing the step does not.
 * - `probes`: the points the next step evaluates f and ∇f at besides the head, in order (the
 *   record's `evaluations`): L-BFGS's inner iterates and line-search trial points, SAM's ascent
 *   point θ + ε. Points (not vectors): drawn where they are, not scaled with the arrows.
 */
import type { PresetId } from '../core/optimizers/index';
import { optimizers } from '../core/optimizers/index';
import type { Point, Trajectory, TrajectoryRecord } from '../core/types';

/** What a drawn mark stands for; the rule panel's rows link to marks by it. */
export type InspectMark = 'grad' | 'step' | 'moment' | 'theta' | 'average' | 'probes' | 'glyph';

export interface InspectVectors {
  /** The head, iterate k. */
  readonly at: Point;
  readonly grad?: Point;
  readonly step?: Point;
  readonly moment?: Point;
  /** A point (not a vector): Nesterov's θ behind the look-ahead. */
  readonly theta?: Point;
  /** A point: the averaged iterate a rule keeps besides the path (ASGD's ā, schedule-free's x). */
  readonly average?: Point;
  /** Half-axes (x, y), both >= 0. */
  readonly glyph?: Point;
  /** Points: where the next step evaluated f and ∇f besides the head, in order (the finite ones). */
  readonly probes?: readonly Point[];
}

/** A run's trajectory with its record. */
export type RecordedTrajectory = Trajectory & TrajectoryRecord;

export function isRecorded(t: Trajectory): t is RecordedTrajectory {
  return (t as Partial<TrajectoryRecord>).state !== undefined;
}

const finitePair = (a: number, b: number): Point | undefined =>
  Number.isFinite(a) && Number.isFinite(b) ? [a, b] : undefined;

/** The run's lr, or 1 where a rule has none. */
function lrOf(t: Trajectory): number {
  const lr = t.hyper.lr;
  return typeof lr === 'number' ? lr : 1;
}

/** The rules whose step divides m by 1 − β₁ᵗ (m̂). */
const CORRECTED = new Set(['adam', 'adamw', 'adamax', 'radam', 'adabelief', 'yogi', 'adan']);

/** m̂ₖ = mₖ / (1 − β₁ᵏ) for the rules that correct m so (torch's bias correction), at k >= 1. */
function mHat(t: RecordedTrajectory, k: number): Point | undefined {
  const m = t.state.expAvg;
  if (!m || k < 1 || !CORRECTED.has(optimizers[t.optimizer as PresetId].ruleId)) return undefined;
  const beta1 = Number(t.hyper.beta1);
  const correction = 1 - beta1 ** k;
  return finitePair(m[2 * k] / correction, m[2 * k + 1] / correction);
}

/** The rules that step by the gradient's sign, each coordinate by its step size. */
const SIGN = new Set(['rprop', 'lion']);

/**
 * The rules whose step size is one number for both coordinates: no glyph (it would be a circle),
 * no glyph link for their rows. SGD's is γ; L-BFGS's the last step length t; Newton's, saddle-free
 * Newton's and SAM's γ, applied to d or to the ascent point's gradient.
 */
const ONE_STEP_SIZE = new Set(['sgd', 'lbfgs', 'newton', 'saddlefreenewton', 'sam']);

/**
 * Whether a run's rule has a step size per coordinate: a glyph, and a series in the step sizes'
 * chart (not SGD's, Newton's, saddle-free Newton's or SAM's γ, nor L-BFGS's t, a length along its
 * d rather than a factor of the gradient).
 */
export const hasGlyph = (t: Trajectory): boolean => !ONE_STEP_SIZE.has(optimizers[t.optimizer as PresetId].ruleId);

/**
 * The entries of `t.evaluations` that step k → k + 1 evaluated: [from, to), empty (from = to)
 * where it evaluated nothing besides its iterate, undefined where the run records none or has no
 * step k + 1.
 */
export function probeRange(t: RecordedTrajectory, k: number): [number, number] | undefined {
  const e = t.evaluations;
  const last = t.divergedAt ?? t.x.length - 1;
  if (!e || !(k >= 0 && k < last)) return undefined;
  return [e.start[k], e.start[k + 1]];
}

/** Whether the run records points its steps evaluated besides their iterates (L-BFGS, SAM). */
const hasProbes = (t: RecordedTrajectory): boolean => (t.evaluations?.x.length ?? 0) > 0;

/** The marks for the run at step k, or undefined where the run has no iterate k. */
export function inspectVectors(t: RecordedTrajectory, k: number): InspectVectors | undefined {
  const last = t.divergedAt ?? t.x.length - 1;
  if (!(k >= 0 && k <= last)) return undefined;
  const at = finitePair(t.x[k], t.y[k]);
  if (!at) return undefined;
  const lr = lrOf(t);
  const { ruleId } = optimizers[t.optimizer as PresetId];
  const g = finitePair(t.grad[2 * k], t.grad[2 * k + 1]);
  const out: { -readonly [K in keyof InspectVectors]: InspectVectors[K] } = { at };
  if (g) out.grad = [-lr * g[0], -lr * g[1]];
  if (k < last) out.step = finitePair(t.x[k + 1] - at[0], t.y[k + 1] - at[1]);
  const b = t.state.momentumBuffer;
  if (b && k >= 1) {
    out.moment = finitePair(-lr * b[2 * k], -lr * b[2 * k + 1]);
    if (t.hyper.nesterov === true) {
      const mu = Number(t.hyper.momentum);
      out.theta = finitePair(at[0] + lr * mu * b[2 * k], at[1] + lr * mu * b[2 * k + 1]);
    }
  }
  const m = mHat(t, k) ?? (t.state.expAvg && k >= 1 ? finitePair(t.state.expAvg[2 * k], t.state.expAvg[2 * k + 1]) : undefined);
  if (m) out.moment = [-lr * m[0], -lr * m[1]];
  const average = t.state.ax ?? t.state.x;
  if (average && k >= 1) out.average = finitePair(average[2 * k], average[2 * k + 1]);
  const range = probeRange(t, k);
  if (range && range[1] > range[0]) {
    const e = t.evaluations!;
    const probes: Point[] = [];
    for (let i = range[0]; i < range[1]; i++) {
      const p = finitePair(e.x[i], e.y[i]);
      if (p) probes.push(p);
    }
    out.probes = probes;
  }
  if (!ONE_STEP_SIZE.has(ruleId) && g && k < last) {
    // A sign rule's step size is a length (Rprop's Δ, Lion's γ): the glyph is that, not × |∇f|.
    const norm = SIGN.has(ruleId) ? 1 : Math.hypot(g[0], g[1]);
    const e = finitePair(t.effectiveLr[2 * k + 2], t.effectiveLr[2 * k + 3]);
    if (e) out.glyph = [Math.abs(e[0]) * norm, Math.abs(e[1]) * norm];
  }
  return out;
}

/** One row of the rule panel's values: a symbol of the rule, its x and y, and the mark it is drawn as. */
export interface SymbolRow {
  /** As the rule writes it, in plain text: `g`, `b`, `m̂`, `γ/(√v̂ + ε)`. */
  readonly symbol: string;
  readonly value: Point;
  readonly mark?: InspectMark;
}

/** The plain-text name of each state tensor, as the rules' TeX writes it. */
const tensorSymbol: Readonly<Record<string, string>> = {
  momentumBuffer: 'b',
  sum: 's',
  squareAvg: 'v',
  accDelta: 'u',
  gradAvg: 'ḡ',
  expAvg: 'm',
  expAvgSq: 'v',
  maxExpAvgSq: 'max v',
  expInf: 'u',
  prev: 'gₜ₋₁',
  stepSize: 'Δ',
  ax: 'ā',
  expAvgVar: 's',
  maxExpAvgVar: 'max s',
  expAvgDiff: 'd',
  negPreGrad: '−gₜ₋₁',
  z: 'z',
  x: 'x',
  // L-BFGS's d, Newton's and saddle-free Newton's d; Adafactor's V̂, which the rule's TeX writes v.
  d: 'd',
  direction: 'd',
  variance: 'v',
};

/** The tensors that are points of the map (the average mark), and those no mark draws. */
const POINT_TENSORS = new Set(['ax', 'x']);
const UNDRAWN_TENSORS = new Set(['z', 'prev', 'negPreGrad', 'expAvgDiff']);

/**
 * The directions a step computes afresh rather than carries: L-BFGS's d (its last inner
 * iteration's; torch keeps it only for the next curvature pair) and Newton's. The values show the
 * next step's, at k + 1, beside its step size, so that Δθ = t d (L-BFGS, one inner iteration) and
 * Δθ = −γ d (Newton) read off the rows.
 */
const NEXT_STEP_TENSORS = new Set(['d', 'direction']);

/** The effective step size as each rule writes it. */
const lrSymbol: Readonly<Record<string, string>> = {
  sgd: 'γ',
  adagrad: 'γ̃/(√s + ε)',
  adadelta: 'γ√(u + ε)/√(v + ε)',
  rmsprop: 'γ/d',
  adam: 'γ/(√v̂ + ε)',
  adamw: 'γ/(√v̂ + ε)',
  adamax: 'γ/u',
  nadam: 'γ/d',
  radam: 'γ r ℓ',
  rprop: 'Δ',
  asgd: 'η',
  lion: 'γ',
  adabelief: 'γ/d',
  yogi: 'γ√(1 − β₂ᵗ)/(√v + ε)',
  adan: 'η',
  adamwschedulefree: 'γₜ/(√v̂ + ε)',
  lbfgs: 't',
  // α/(max(1, RMS(u)/d) max(√v, ε₁)), in the TeX's own terms: the step α û over the gradient.
  adafactor: 'αû/g',
  newton: 'γ',
  saddlefreenewton: 'γ',
  sam: 'γ',
};

/**
 * The values the rule panel lists for the run at step k: the gradient at the head, each state
 * tensor after step k (what the next step starts from; L-BFGS's and Newton's d, which the next
 * step computes afresh, as that step computes it), m̂ for the Adam family, SAM's ascent point
 * θ + ε, the next step's step size and the step itself. (L-BFGS's count of evaluations per step
 * is no row: a row is an x and a y; the evaluated points are the probes mark.)
 */
export function symbolRows(t: RecordedTrajectory, k: number): SymbolRow[] {
  const last = t.divergedAt ?? t.x.length - 1;
  if (!(k >= 0 && k <= last)) return [];
  const { ruleId } = optimizers[t.optimizer as PresetId];
  const glyph = hasGlyph(t);
  const pair = (a: ArrayLike<number>, i: number): Point => [a[2 * i], a[2 * i + 1]];
  const rows: SymbolRow[] = [{ symbol: 'g', value: pair(t.grad, k), mark: 'grad' }];
  for (const [name, values] of Object.entries(t.state)) {
    // Adan's second moment is the paper's n.
    const symbol = ruleId === 'adan' && name === 'expAvgSq' ? 'n' : (tensorSymbol[name] ?? name);
    if (NEXT_STEP_TENSORS.has(name)) {
      // Δθ = −γd (Newton), Δθ = td (L-BFGS with one inner iteration a step; with more, d is the last one's).
      const mark = ruleId !== 'lbfgs' || t.hyper.maxIter === 1 ? 'step' : undefined;
      if (k < last) rows.push({ symbol, value: pair(values, k + 1), mark });
      continue;
    }
    const mark: InspectMark | undefined =
      name === 'momentumBuffer' || name === 'expAvg' ? 'moment' : POINT_TENSORS.has(name) ? 'average' : !glyph || UNDRAWN_TENSORS.has(name) ? undefined : 'glyph';
    rows.push({ symbol, value: pair(values, k), mark });
  }
  const m = mHat(t, k);
  if (m) rows.push({ symbol: 'm̂', value: m, mark: 'moment' });
  const v = inspectVectors(t, k);
  if (v?.theta) rows.push({ symbol: 'θ', value: v.theta, mark: 'theta' });
  const range = probeRange(t, k);
  if (ruleId === 'sam' && range && range[1] > range[0]) {
    rows.push({ symbol: 'θ + ε', value: [t.evaluations!.x[range[0]], t.evaluations!.y[range[0]]], mark: 'probes' });
  }
  if (k < last) {
    rows.push({ symbol: lrSymbol[ruleId] ?? 'γ', value: pair(t.effectiveLr, k + 1), mark: glyph ? 'glyph' : undefined });
    rows.push({ symbol: 'Δθ', value: [t.x[k + 1] - t.x[k], t.y[k + 1] - t.y[k]], mark: 'step' });
  }
  return rows;
}

/** The kinds of mark some run of `trajectories` shows (the legend lists these). */
export function marksOf(trajectories: readonly Trajectory[]): Set<InspectMark> {
  const marks = new Set<InspectMark>();
  for (const t of trajectories) {
    if (!isRecorded(t)) continue;
    marks.add('grad').add('step');
    if (t.state.momentumBuffer || t.state.expAvg) marks.add('moment');
    if (t.hyper.nesterov === true) marks.add('theta');
    if (t.state.ax || t.state.x) marks.add('average');
    if (hasProbes(t)) marks.add('probes');
    if (hasGlyph(t)) marks.add('glyph');
  }
  return marks;
}

/** Display factors: 1, 2 and 5 times the powers of ten. */
function niceFactor(exponent: number, up: boolean): number {
  const decade = Math.floor(exponent);
  const steps = [1, 2, 5, 10];
  const within = 10 ** (exponent - decade);
  const step = up ? steps.find((s) => s >= within - 1e-9)! : [...steps].reverse().find((s) => s <= within + 1e-9)!;
  return Number((step * 10 ** decade).toPrecision(1));
}

/**
 * A display factor for arrows whose lengths (in pixels) are `lengths`: 1 while their median is
 * readable (24 px to a third of the plot's smaller side), else the nearest 1, 2 or 5 times a
 * power of ten that brings it back in; the view shows it ("arrows × 20").
 */
export function arrowScale(lengths: readonly number[], plotSize: number): number {
  const shown = lengths.filter((l) => l > 0 && Number.isFinite(l)).sort((a, b) => a - b);
  if (!shown.length) return 1;
  const median = shown[shown.length >> 1];
  const low = 24;
  const high = Math.max(low * 2, plotSize / 3);
  if (median < low) return niceFactor(Math.log10(low / median), true);
  if (median > high) return niceFactor(Math.log10(high / median), false);
  return 1;
}
