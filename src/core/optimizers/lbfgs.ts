import { OptionError } from '../errors';
import { lrSpec } from './rule';
import type { Hyper } from './rule';
import { defineWholeRule, type WholeStep } from './whole';

export interface LbfgsHyper extends Hyper {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  strongWolfe: boolean;
}

type Vec = [number, number];

/** torch's state for LBFGS (its one parameter group's), camelCased; vectors as pairs. */
interface LbfgsState {
  funcEvals: number;
  nIter: number;
  d: Vec;
  t: number;
  oldDirs: Vec[];
  oldStps: Vec[];
  ro: number[];
  hDiag: number;
  prevFlatGrad: Vec | null;
  prevLoss: number;
  al: number[];
}

const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1];
const absMax = (a: Vec) => Math.max(Math.abs(a[0]), Math.abs(a[1]));

/** The minimizer of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to `bounds` (torch's `_cubic_interpolate`). */
function cubicMin(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: Vec): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 ** 2 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const at = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(at, lo), hi);
  }
  return (lo + hi) / 2;
}

const scratch = new Float64Array(2);

/** f at x + t d (torch's `_directional_evaluate`), its gradient written to g. */
function along(c: WholeStep, x: Vec, t: number, d: Vec, g: Vec): number {
  const loss = c.evaluate(x[0] + t * d[0], x[1] + t * d[1], scratch);
  g[0] = scratch[0];
  g[1] = scratch[1];
  return loss;
}

/**
 * A line search for a step length t along d satisfying the strong Wolfe conditions (torch's
 * `_strong_wolfe`, after minFunc's): bracketing from t, then zooming by cubic interpolation.
 * Returns the loss, gradient and t it ends at, and how many evaluations it made.
 */
function strongWolfe(c: WholeStep, x: Vec, t: number, d: Vec, f: number, g: Vec, gtd: number, toleranceChange: number): [number, Vec, number, number] {
  const c1 = 1e-4;
  const c2 = 0.9;
  const maxLs = 25;
  const dNorm = absMax(d);
  let gNew: Vec = [0, 0];
  let fNew = along(c, x, t, d, gNew);
  let evals = 1;
  let gtdNew = dot(gNew, d);
  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: Vec[] = [];
  let bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const previous = t;
    t = cubicMin(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = previous;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    gNew = [0, 0];
    fNew = along(c, x, t, d, gNew);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs) {
    [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  }
  // Zoom: shrink the bracket until a point satisfies the conditions.
  let insufficientProgress = false;
  let [low, high] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicMin(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const top = Math.max(bracket[0], bracket[1]);
    const bottom = Math.min(bracket[0], bracket[1]);
    const eps = 0.1 * (top - bottom);
    if (Math.min(top - t, t - bottom) < eps) {
      // Too near an end of the bracket: move a tenth of it inside, unless the last try was fine.
      if (insufficientProgress || t >= top || t <= bottom) {
        t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
        insufficientProgress = false;
      } else insufficientProgress = true;
    } else insufficientProgress = false;
    gNew = [0, 0];
    fNew = along(c, x, t, d, gNew);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[low]) {
      // Not lower than the lowest point, or not enough decrease: the new high end.
      bracket[high] = t;
      bracketF[high] = fNew;
      bracketG[high] = gNew;
      bracketGtd[high] = gtdNew;
      [low, high] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
        // The old high end becomes the low one.
        bracket[high] = bracket[low];
        bracketF[high] = bracketF[low];
        bracketG[high] = bracketG[low];
        bracketGtd[high] = bracketGtd[low];
      }
      bracket[low] = t;
      bracketF[low] = fNew;
      bracketG[low] = gNew;
      bracketGtd[low] = gtdNew;
    }
  }
  return [bracketF[low], bracketG[low], bracket[low], evals];
}

const whole = (name: string, value: number) => {
  if (!Number.isInteger(value)) throw new OptionError(name, value, 'must be a whole number');
};

/**
 * L-BFGS, as `torch.optim.LBFGS` (after minFunc): a quasi-Newton method that builds an estimate
 * of the inverse Hessian from the last `historySize` steps and gradient changes, and applies it
 * to the gradient with the two-loop recursion. One trajectory step is one `optimizer.step(closure)`
 * call: up to `maxIter` inner iterations and `maxEval` evaluations of the closure, with torch's
 * early exits, and its state (history, direction, step length) carried to the next call.
 *
 * ```text
 * input: lr γ, maxIter, maxEval (0: torch's None, ⌊5·maxIter/4⌋), toleranceGrad, toleranceChange,
 *        historySize m, strongWolfe
 * one step(closure):
 *   f, g ← closure();  stop if ‖g‖∞ ≤ toleranceGrad
 *   repeat up to maxIter times:
 *     first iteration ever: d ← −g, H₀ ← 1
 *     else: y ← g − g_prev, s ← t d; if yᵀs > 10⁻¹⁰: keep (y, s) (the last m), H₀ ← yᵀs / yᵀy
 *           d ← −H g  (two-loop recursion over the kept pairs, H₀ the initial scale)
 *     t ← γ min(1, 1/‖g‖₁) on the first iteration ever, else γ
 *     stop if gᵀd > −toleranceChange
 *     strongWolfe: t, f, g ← line search along d from t; θ ← θ + t d
 *     else: θ ← θ + t d; f, g ← closure() unless this is the last iteration
 *     stop at maxIter, at maxEval evaluations, if ‖g‖∞ ≤ toleranceGrad,
 *       if ‖t d‖∞ ≤ toleranceChange, or if |f − f_prev| < toleranceChange
 * ```
 *
 * State: `d` (the last direction) is recorded; torch's other state (the history `old_dirs`,
 * `old_stps`, `ro`, `H_diag`, `t`, `prev_flat_grad`, `prev_loss`, `n_iter`, `func_evals`) is
 * carried between steps. The closure's evaluations (the inner iterates, the line search's trial
 * points) are recorded as the step's evaluations. Effective step size: the last t.
 */
export const lbfgs = defineWholeRule<LbfgsHyper, LbfgsState>({
  name: 'LBFGS',
  defaults: { lr: 1, maxIter: 20, maxEval: 0, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, strongWolfe: false },
  spec: {
    lr: lrSpec,
    maxIter: { kind: 'number', min: 1 },
    maxEval: { kind: 'number', min: 0 },
    toleranceGrad: { kind: 'number', min: 0, log: true },
    toleranceChange: { kind: 'number', min: 0, log: true },
    historySize: { kind: 'number', min: 1 },
    strongWolfe: { kind: 'boolean' },
  },
  check(h) {
    whole('maxIter', h.maxIter);
    whole('maxEval', h.maxEval);
    whole('historySize', h.historySize);
  },
  tensors: ['d'],
  init: () => ({ funcEvals: 0, nIter: 0, d: [0, 0], t: 0, oldDirs: [], oldStps: [], ro: [], hDiag: 1, prevFlatGrad: null, prevLoss: NaN, al: [] }),
  step(c, s, _t, h) {
    const { p } = c;
    const maxEval = h.maxEval === 0 ? Math.floor((h.maxIter * 5) / 4) : h.maxEval;
    let loss = c.loss;
    let flatGrad: Vec = [c.g[0], c.g[1]];
    let currentEvals = 1;
    s.funcEvals++;
    c.eff[0] = c.eff[1] = 0;
    let optCond = absMax(flatGrad) <= h.toleranceGrad;
    if (optCond) return;
    let { d, t } = s;
    const out = new Float64Array(2);
    let nIter = 0;
    while (nIter < h.maxIter) {
      nIter++;
      s.nIter++;
      if (s.nIter === 1) {
        d = [-flatGrad[0], -flatGrad[1]];
        s.oldDirs = [];
        s.oldStps = [];
        s.ro = [];
        s.hDiag = 1;
      } else {
        const y: Vec = [flatGrad[0] - s.prevFlatGrad![0], flatGrad[1] - s.prevFlatGrad![1]];
        const step: Vec = [d[0] * t, d[1] * t];
        const ys = dot(y, step);
        if (ys > 1e-10) {
          if (s.oldDirs.length === h.historySize) {
            s.oldDirs.shift();
            s.oldStps.shift();
            s.ro.shift();
          }
          s.oldDirs.push(y);
          s.oldStps.push(step);
          s.ro.push(1 / ys);
          s.hDiag = ys / dot(y, y);
        }
        // The two-loop recursion: d = −H g.
        const kept = s.oldDirs.length;
        const { al } = s;
        const q: Vec = [-flatGrad[0], -flatGrad[1]];
        for (let i = kept - 1; i >= 0; i--) {
          al[i] = dot(s.oldStps[i], q) * s.ro[i];
          q[0] += -al[i] * s.oldDirs[i][0];
          q[1] += -al[i] * s.oldDirs[i][1];
        }
        d = [q[0] * s.hDiag, q[1] * s.hDiag];
        for (let i = 0; i < kept; i++) {
          const be = dot(s.oldDirs[i], d) * s.ro[i];
          d[0] += (al[i] - be) * s.oldStps[i][0];
          d[1] += (al[i] - be) * s.oldStps[i][1];
        }
      }
      s.prevFlatGrad = [flatGrad[0], flatGrad[1]];
      s.prevLoss = loss;
      t = s.nIter === 1 ? Math.min(1, 1 / (Math.abs(flatGrad[0]) + Math.abs(flatGrad[1]))) * h.lr : h.lr;
      const gtd = dot(flatGrad, d);
      if (gtd > -h.toleranceChange) break;
      let lsEvals = 0;
      if (h.strongWolfe) {
        [loss, flatGrad, t, lsEvals] = strongWolfe(c, [p[0], p[1]], t, d, loss, flatGrad, gtd, h.toleranceChange);
        p[0] += t * d[0];
        p[1] += t * d[1];
        optCond = absMax(flatGrad) <= h.toleranceGrad;
      } else {
        p[0] += t * d[0];
        p[1] += t * d[1];
        if (nIter !== h.maxIter) {
          loss = c.evaluate(p[0], p[1], out);
          flatGrad = [out[0], out[1]];
          optCond = absMax(flatGrad) <= h.toleranceGrad;
          lsEvals = 1;
        }
      }
      currentEvals += lsEvals;
      s.funcEvals += lsEvals;
      c.eff[0] = c.eff[1] = t;
      if (nIter === h.maxIter) break;
      if (currentEvals >= maxEval) break;
      if (optCond) break;
      if (Math.abs(d[0] * t) <= h.toleranceChange && Math.abs(d[1] * t) <= h.toleranceChange) break;
      if (Math.abs(loss - s.prevLoss) < h.toleranceChange) break;
    }
    s.d = d;
    s.t = t;
  },
  read: (s, _tensor, out, at) => {
    out[at] = s.d[0];
    out[at + 1] = s.d[1];
  },
});
