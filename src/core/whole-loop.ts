/**
 * The step loop of the whole-vector rules (core/optimizers/whole.ts): L-BFGS, Adafactor, Newton,
 * saddle-free Newton, SAM. It does what core/loop.ts's loop does, in the same order and with the
 * same arithmetic (the iterates, their loss and gradient, the divergence and convergence tests,
 * the noise stream, a schedule's lr and momentum, recording), and gives the rule the surface:
 *
 * - `evaluate(x, y)`: f and ∇f elsewhere, as torch's closure would compute them in the same
 *   `step()` call: on the step's mini-batch (not the next one), and with the step's noise. The
 *   noise ξ drawn for a step (Box–Muller, as the step loop draws it) is a random linear term of
 *   that step's loss, f(θ) + ξ·(θ − θₖ): every gradient the step takes carries +ξ, and every loss
 *   it compares is consistent with them (L-BFGS's line search compares losses).
 * - `hessian(x, y)`: the surface's exact Hessian, its own or compiled from its expression (the
 *   expression compiler loads on first use; until then the run is refused as loading).
 *
 * Each evaluation's point and loss are recorded with `record: 'state'` (`evaluations`).
 */
import { OptionError } from './errors';
import type { LoopSchedule } from './loop';
import type { Hyper, UpdateRule } from './optimizers/rule';
import type { WholeRule, WholeStep } from './optimizers/whole';
import { evalAllowed, evalRefused } from './eval-policy';
import { resolveSurface, type Recorded } from './trajectory';
import type { Surface } from './types';

/** Hessians compiled from catalog surfaces' expressions, by expression and domain. */
const hessians = new Map<string, (x: number, y: number, out: Float64Array) => void>();

/** The expression compiler while it loads (see `pendingLoad`). */
let loading: Promise<unknown> | undefined;

/** What `loadOptimizers()` waits for besides the catalog: the expression compiler a Hessian asked for. */
export const pendingLoad = (): Promise<unknown> | undefined => loading;

function hessianOf(surface: Surface, rule: string): (x: number, y: number, out: Float64Array) => void {
  const own = (surface as { hessian?: (x: number, y: number, out: Float64Array) => void }).hessian;
  if (own) return own;
  if (!surface.expr) {
    throw new OptionError('optimizer', rule, `needs the Hessian of f; ${surface.id} is a data surface whose loss has no expression to take it from`);
  }
  const key = `${surface.expr}|${surface.domain.x}|${surface.domain.y}`;
  let hessian = hessians.get(key);
  if (!hessian) {
    let compiled: Surface;
    try {
      compiled = resolveSurface({ expr: surface.expr, domain: surface.domain });
    } catch (error) {
      if (!(error instanceof OptionError && /loadExpressions/.test(error.message))) throw error;
      loading ??= import('./expression/index').finally(() => (loading = undefined));
      throw new OptionError('optimizer', rule, `is loading the Hessian of ${surface.id} (from its expression, by the expression compiler): await loadOptimizers() first`);
    }
    hessian = (compiled as { hessian?: (x: number, y: number, out: Float64Array) => void }).hessian!;
    hessians.set(key, hessian);
  }
  return hessian;
}

/**
 * A batched run's view of its data surface (core/batch.ts): f and ∇f on the batch last drawn, and
 * each batch's loss at the iterate it was drawn at.
 */
interface BatchedView extends Surface {
  sameBatch?(x: number, y: number, out: Float64Array): number;
  batchLoss?: Float64Array;
}

/** What runs a rule's steps: `wholeLoop`, or a copy of it compiled for that rule (see `loopFor`). */
type Loop = typeof wholeLoop;

/** Each rule's copy of the loop, or the shared one where a Content Security Policy forbids compiling. */
const loops = new Map<WholeRule, Loop>();

/**
 * `wholeLoop` compiled anew for each rule (from its own source text: it uses nothing but its
 * arguments and the language's globals), so that the JIT's feedback at its call sites (the rule's
 * step, the surface's f and ∇f) is that rule's alone, as each preset's compiled step loop has its
 * own: shared by five rules, those sites turn megamorphic. The shared function where compiling
 * is refused.
 */
function loopFor(rule: WholeRule): Loop {
  let loop = loops.get(rule);
  if (!loop) {
    loop = wholeLoop;
    if (evalAllowed()) {
      try {
        // (`__name`: what a transpiler that keeps function names wraps them in, as tsx does.)
        loop = new Function('__name', `return ${wholeLoop.toString()}`)((fn: unknown) => fn) as Loop;
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
        evalRefused();
      }
    }
    loops.set(rule, loop);
  }
  return loop;
}

/** For tests: forget the rules' copies (the next run of each compiles one, or not, anew). */
export function forgetWholeLoops(): void {
  loops.clear();
}

/**
 * Runs a whole-vector rule where trajectory() would run the portable loop, with its arguments (see
 * core/loop.ts's LOOP_PARAMS): `step` is the rule's stand-in, which carries the rule; `options`
 * and `s` are not used. Returns what the step loop returns (divergedAt, or −(convergedAt + 2), or
 * −1); when recording, the evaluations go on `recState`.
 */
export function runWhole(
  surface: BatchedView,
  _options: Float64Array,
  _s: Float64Array,
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
  nextState: (state: number) => number,
  uniform: (state: number) => number,
  recState: Recorded | null,
  recGrad: Float64Array | null,
  recLr: Float64Array | null,
  step: UpdateRule['step'],
  hRun: Hyper,
  sched: LoopSchedule | null,
): number {
  const rule = (step as { whole?: WholeRule }).whole!;
  const hessian = rule.hessian ? hessianOf(surface, rule.name) : noHessian;
  const loop = loopFor(rule);
  const run = (f: Loop) => f(rule, surface, hessian, xs, ys, loss, steps, xLo, xHi, yLo, yHi, sd, seed, nextState, uniform, recState, recGrad, recLr, hRun, sched);
  try {
    return run(loop);
  } catch (error) {
    // A copy whose source text a build tool made depend on a helper of its own: that fails at its
    // first closure, before the run has done anything; the shared loop runs it instead.
    if (!(error instanceof ReferenceError) || loop === wholeLoop) throw error;
    loops.set(rule, wholeLoop);
    return run(wholeLoop);
  }
}

const noHessian = () => undefined;

/** The loop itself: it must use nothing but its arguments and the language's globals (see `loopFor`). */
function wholeLoop(
  rule: WholeRule,
  surface: BatchedView,
  hessian: WholeStep['hessian'],
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
  nextState: (state: number) => number,
  uniform: (state: number) => number,
  recState: Recorded | null,
  recGrad: Float64Array | null,
  recLr: Float64Array | null,
  hRun: Hyper,
  sched: LoopSchedule | null,
): number {
  const batchLoss = surface.batchLoss;
  // The options each step reads: a schedule writes its lr (and momentum) here.
  const h: Record<string, number | boolean> = { ...hRun };
  const s = rule.init(h);
  const tensors = rule.present?.(h) ?? rule.tensors;
  const recording = recGrad !== null;
  const record = (at: number) => {
    if (recState) tensors.forEach((name, j) => rule.read(s, name, recState[j], 2 * at));
  };
  const p = new Float64Array(2);
  const g = new Float64Array(2);
  const eff = new Float64Array(2);
  const out = new Float64Array(2);
  const evalX: number[] = [];
  const evalY: number[] = [];
  const evalLoss: number[] = [];
  const evalStart = recording ? new Int32Array(steps + 1) : null;
  let xi0 = 0;
  let xi1 = 0;
  let p0 = xs[0];
  let p1 = ys[0];
  const same = surface.sameBatch;
  const fused = surface.valueAndGrad !== undefined;
  const evaluate = (x: number, y: number, o: Float64Array): number => {
    let l: number;
    if (same) l = same.call(surface, x, y, o);
    else if (fused) l = surface.valueAndGrad!(x, y, o);
    else {
      l = surface.f(x, y);
      surface.grad(x, y, o);
    }
    o[0] += xi0;
    o[1] += xi1;
    l += xi0 * (x - p0) + xi1 * (y - p1);
    if (recording) {
      evalX.push(x);
      evalY.push(y);
      evalLoss.push(l);
    }
    return l;
  };
  // ∇f alone where nothing reads f (no recording, no mini-batch, whose view gives both at once).
  const gradient = (x: number, y: number, o: Float64Array): void => {
    if (recording || same) evaluate(x, y, o);
    else {
      surface.grad(x, y, o);
      o[0] += xi0;
      o[1] += xi1;
    }
  };
  const c: WholeStep & { loss: number } = { p, g, loss: NaN, evaluate, gradient, hessian, eff };
  surface.grad(p0, p1, g);
  let convergedAt = -1;
  let end = -1;
  record(0);
  if (recLr) recLr[0] = recLr[1] = NaN;
  // The steps taken: step t's evaluations are entries start[t − 1] up to start[t].
  let taken = 0;
  const finish = () => {
    if (evalStart && recState) {
      evalStart.fill(evalX.length, taken);
      recState.more = { evaluations: { start: evalStart, x: Float64Array.from(evalX), y: Float64Array.from(evalY), loss: Float64Array.from(evalLoss) } };
    }
    return end;
  };
  if (!(loss[0] - loss[0] === 0)) {
    if (recGrad) [recGrad[0], recGrad[1]] = g;
    end = 0;
    return finish();
  }
  for (let t = 1; t <= steps; t++) {
    if (sched) {
      if (sched.next !== null && t > 1) sched.next(t - 1);
      h.lr = sched.lr[t - 1];
      if (sched.momentum) h[sched.option] = sched.momentum[t - 1];
    }
    if (convergedAt < 0 && g[0] * g[0] + g[1] * g[1] < 1e-16) convergedAt = t - 1;
    xi0 = xi1 = 0;
    if (sd > 0) {
      seed = nextState(seed);
      const u1 = 1 - uniform(seed);
      seed = nextState(seed);
      const u2 = uniform(seed);
      const r = sd * Math.sqrt(-2 * Math.log(u1));
      xi0 = r * Math.cos(2 * Math.PI * u2);
      xi1 = r * Math.sin(2 * Math.PI * u2);
      g[0] += xi0;
      g[1] += xi1;
    }
    if (recGrad) [recGrad[2 * t - 2], recGrad[2 * t - 1]] = g;
    if (evalStart) evalStart[t - 1] = evalX.length;
    p[0] = p0;
    p[1] = p1;
    eff[0] = eff[1] = NaN;
    c.loss = batchLoss ? batchLoss[t - 1] : loss[t - 1];
    rule.step(c, s, t, h);
    taken = t;
    p0 = p[0];
    p1 = p[1];
    record(t);
    if (recLr) [recLr[2 * t], recLr[2 * t + 1]] = eff;
    // (f and ∇f in one call where the surface has it: the same numbers, as in the step loop.)
    const l = fused ? surface.valueAndGrad!(p0, p1, out) : surface.f(p0, p1);
    if (!fused) surface.grad(p0, p1, out);
    g[0] = out[0];
    g[1] = out[1];
    xs[t] = p0;
    ys[t] = p1;
    loss[t] = l;
    if (!(p0 >= xLo && p0 <= xHi && p1 >= yLo && p1 <= yHi && l - l === 0)) {
      if (recGrad) [recGrad[2 * t], recGrad[2 * t + 1]] = g;
      end = t;
      return finish();
    }
  }
  if (recGrad) [recGrad[2 * steps], recGrad[2 * steps + 1]] = g;
  if (convergedAt < 0 && g[0] * g[0] + g[1] * g[1] < 1e-16) convergedAt = steps;
  end = convergedAt >= 0 ? -convergedAt - 2 : -1;
  return finish();
}
