/**
 * The race a typed-in surface opens with. Catalog surfaces carry a race tuned by hand
 * (scripts/race-tuning.ts); a surface typed into the playground has none, and torch's defaults
 * barely move on most surfaces, so learning rates are picked from two scales of the surface:
 *
 * - L, the domain's smaller span (how far there is to go);
 * - G, the median gradient norm over a 15 × 15 grid inside the domain (how steep it typically is);
 * - H, the 90th percentile of the Hessian's spectral radius over the same grid (how sharply it
 *   bends: plain gradient steps are stable only below 2 / H).
 *
 * The gradient-scaled rules (SGD, Momentum, Nesterov) take lr = min(L / (100 G), 1 / H): a
 * typical first step covers 1% of the span, and never so much that a step on the surface's
 * steeper parts overshoots (1 / H is half the stability limit; Momentum and Nesterov, whose
 * steps grow up to tenfold, get a third of SGD's). The rules that normalise the gradient
 * (Adagrad, RMSprop, Adam, Adadelta) move about lr per step whatever G is, so their lr is a
 * fraction of L: Adam L / 100, RMSprop L / 300 (its first steps are ~10 lr), Adagrad L / 30 (its
 * steps shrink like 1 / √t), Adadelta L / 3 (its steps start near lr · 1e-3 and grow). Each is
 * rounded down to 1, 2 or 5 × 10^k and kept on the playground's lr slider.
 *
 * Grid statistics rather than the gradient at the start: a start near a critical point has a
 * tiny gradient and would give huge rates; the median and percentile are also the same wherever
 * the start is dragged, so the race is a property of the surface alone.
 */
import type { PresetId } from '../core/optimizers/index';
import type { Domain, Race, Surface } from '../core/types';
import { DEFAULT_SPEED, DEFAULT_SURFACE, notesPresets, raceEntries, type Config } from './config';

/** What compiles a typed-in surface: `compileSurface` of the expression module, once loaded. */
export type SurfaceCompiler = (expr: string, options: { domain?: Domain }) => Surface;

/** Samples per axis of the scale estimates. */
const SAMPLES = 15;
/** Steps of a typed-in surface's race. */
export const CUSTOM_STEPS = 300;
/** The lr slider's range in the playground. */
const LR_MIN = 1e-5;
const LR_MAX = 10;

export interface SurfaceScales {
  /** The domain's smaller span. */
  readonly span: number;
  /** Median gradient norm over the grid (1 where the gradient is 0 everywhere). */
  readonly gradient: number;
  /** 90th percentile of the Hessian's spectral radius over the grid (0 if f is affine). */
  readonly curvature: number;
}

type NotesPreset = 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'adadelta' | 'rmsprop' | 'adam';

type HessianFn = (x: number, y: number, out: Float64Array) => void;

/** Spectral radius of a symmetric 2 × 2 matrix [[a, b], [b, c]]. */
function spectralRadius(a: number, b: number, c: number): number {
  return Math.abs((a + c) / 2) + Math.hypot((a - c) / 2, b);
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** The scales the learning rates are picked from; see the module comment. */
export function surfaceScales(surface: Surface): SurfaceScales {
  const [x0, x1] = surface.domain.x;
  const [y0, y1] = surface.domain.y;
  const span = Math.min(x1 - x0, y1 - y0);
  // Compiled surfaces carry their exact Hessian; for others, central differences of the gradient.
  const exact = (surface as Surface & { hessian?: HessianFn }).hessian;
  const h = 1e-5 * span;
  const g = new Float64Array(2);
  const gp = new Float64Array(2);
  const gm = new Float64Array(2);
  const hess = new Float64Array(3);
  const norms: number[] = [];
  const radii: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const x = x0 + ((x1 - x0) * (i + 0.5)) / SAMPLES;
    for (let j = 0; j < SAMPLES; j++) {
      const y = y0 + ((y1 - y0) * (j + 0.5)) / SAMPLES;
      surface.grad(x, y, g);
      const norm = Math.hypot(g[0], g[1]);
      if (Number.isFinite(norm)) norms.push(norm);
      if (exact) {
        exact(x, y, hess);
      } else {
        surface.grad(x + h, y, gp);
        surface.grad(x - h, y, gm);
        hess[0] = (gp[0] - gm[0]) / (2 * h);
        const yx = (gp[1] - gm[1]) / (2 * h);
        surface.grad(x, y + h, gp);
        surface.grad(x, y - h, gm);
        hess[1] = ((gp[0] - gm[0]) / (2 * h) + yx) / 2;
        hess[2] = (gp[1] - gm[1]) / (2 * h);
      }
      const r = spectralRadius(hess[0], hess[1], hess[2]);
      if (Number.isFinite(r)) radii.push(r);
    }
  }
  norms.sort((a, b) => a - b);
  radii.sort((a, b) => a - b);
  const gradient = quantile(norms, 0.5);
  const curvature = quantile(radii, 0.9);
  return {
    span,
    gradient: gradient > 0 ? gradient : 1,
    curvature: curvature > 0 ? curvature : 0,
  };
}

/** The largest of 1, 2, 5 × 10^k not above v, within the slider's range. */
export function niceLr(v: number): number {
  if (!(v > LR_MIN)) return LR_MIN;
  if (v >= LR_MAX) return LR_MAX;
  const k = Math.floor(Math.log10(v));
  const unit = 10 ** k;
  const m = v / unit;
  const mantissa = m >= 5 ? 5 : m >= 2 ? 2 : 1;
  return Number((mantissa * unit).toPrecision(1));
}

/** A learning rate per notes preset for `surface`; see the module comment. */
export function customLearningRates(surface: Surface): Readonly<Record<NotesPreset, number>> {
  const { span, gradient, curvature } = surfaceScales(surface);
  const sgd = Math.min(span / (100 * gradient), curvature > 0 ? 1 / curvature : Infinity);
  return {
    sgd: niceLr(sgd),
    momentum: niceLr(sgd / 3),
    nesterov: niceLr(sgd / 3),
    adagrad: niceLr(span / 30),
    adadelta: niceLr(span / 3),
    rmsprop: niceLr(span / 300),
    adam: niceLr(span / 100),
  };
}

/** The race for a typed-in surface: the notes' seven, learning rates from customLearningRates. */
export function customRace(surface: Surface): Race {
  const lrs = customLearningRates(surface);
  return {
    steps: CUSTOM_STEPS,
    story:
      'Your own surface. Learning rates are picked from its typical gradient, its curvature and the size of its domain, not tuned: drag the start, tune them, and watch.',
    optimizers: notesPresets.map((optimizer: PresetId) => ({ optimizer, hyper: { lr: lrs[optimizer as NotesPreset] } })),
  };
}

const withRace = new WeakMap<Surface, Surface>();

/**
 * The surface with its custom race attached (the same object for the same surface, so caches
 * keyed by surface keep working). Surfaces that have a race are returned as they are.
 */
export function withCustomRace(surface: Surface): Surface {
  if (surface.race) return surface;
  let out = withRace.get(surface);
  if (!out) {
    out = Object.freeze({ ...surface, race: customRace(surface), note: 'Your own surface, typed in.' });
    withRace.set(surface, out);
  }
  return out;
}

/**
 * The configuration a typed-in surface opens with: its race (see customRace) from its own start.
 * `surface` is the catalog surface to fall back on.
 */
export function customConfig(compiled: Surface, expr: string, domain: Domain, surface: string = DEFAULT_SURFACE): Config {
  const s = withCustomRace(compiled);
  const race = s.race as Race;
  return {
    surface,
    expr,
    domain: { x: [domain.x[0], domain.x[1]], y: [domain.y[0], domain.y[1]] },
    optimizers: raceEntries(race),
    start: [s.start[0], s.start[1]],
    steps: race.steps,
    speed: race.speed ?? DEFAULT_SPEED,
    layout: 'overlay',
    step: 0,
  };
}
