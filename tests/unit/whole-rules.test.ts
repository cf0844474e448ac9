/**
 * The whole-vector rules' loop (core/whole-loop.ts) against what each feature of a run means,
 * computed here independently: the noise as a per-step linear term of the loss (every gradient
 * of a step carries the same ξ, and the step loop's stream), the evaluations of a step on its own
 * mini-batch, a schedule's lr, the recorded evaluations, divergence. The rules' numbers themselves
 * are checked against the Decimal oracle in second-order.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import '../../src/core/index';
import { loadExpressions } from '../../src/core/expression/load';
import { trajectory, useSharedLoop } from '../../src/core/trajectory';
import { forgetWholeLoops } from '../../src/core/whole-loop';
import { surfaces } from '../../surfaces/index';

beforeAll(() => loadExpressions());

const { rosenbrock, saddle, himmelblau } = surfaces;
const logistic = surfaces['logistic-regression'];
const monkey = surfaces['monkey-saddle'];

/** Rosenbrock's gradient and Hessian, written out here. */
const rosenGrad = (x: number, y: number): [number, number] => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)];
const rosenHess = (x: number, y: number): [number, number, number] => [2 - 400 * (y - x * x) + 800 * x * x, -400 * x, 200];

describe('whole-vector rules: the loop', () => {
  it("Newton with noise: each step solves with ∇f + ξ, the same ξ the step loop's stream draws", () => {
    const noise = { sd: 0.3, seed: 7 };
    const run = trajectory({ surface: rosenbrock, optimizer: 'newton', hyper: { lr: 0.5 }, start: [-1.2, 1], steps: 30, noise, record: 'state' });
    const sgd = trajectory({ surface: rosenbrock, optimizer: 'sgd', hyper: { lr: 1e-4 }, start: [-1.2, 1], steps: 30, noise, record: 'state' });
    for (let t = 0; t < 30; t++) {
      const [x, y] = [run.x[t], run.y[t]];
      const g = rosenGrad(x, y);
      const xi = [run.grad[2 * t] - g[0], run.grad[2 * t + 1] - g[1]];
      // The same stream as SGD's (noise is the run's, not the rule's).
      const gs = rosenGrad(sgd.x[t], sgd.y[t]);
      expect(xi[0]).toBeCloseTo(sgd.grad[2 * t] - gs[0], 9);
      expect(xi[1]).toBeCloseTo(sgd.grad[2 * t + 1] - gs[1], 9);
      const [a, b, d] = rosenHess(x, y);
      const det = a * d - b * b;
      const gn = [run.grad[2 * t], run.grad[2 * t + 1]];
      const step = [(d * gn[0] - b * gn[1]) / det, (a * gn[1] - b * gn[0]) / det];
      expect(run.x[t + 1]).toBeCloseTo(x - 0.5 * step[0], 9);
      expect(run.y[t + 1]).toBeCloseTo(y - 0.5 * step[1], 9);
      expect(run.state.direction[2 * t + 2]).toBeCloseTo(step[0], 9);
    }
  });

  it("SAM with noise: the ascent point's gradient carries the step's ξ, and its loss the term ξ·(θ − θₖ)", () => {
    const run = trajectory({ surface: rosenbrock, optimizer: 'sam', hyper: { lr: 5e-4, rho: 0.1 }, start: [-1.2, 1], steps: 20, noise: { sd: 0.5, seed: 3 }, record: 'state' });
    const ev = run.evaluations!;
    expect(Array.from(ev.start)).toEqual(Array.from({ length: 21 }, (_, t) => t));
    for (let t = 0; t < 20; t++) {
      const [x, y] = [run.x[t], run.y[t]];
      const g = rosenGrad(x, y);
      const gn = [run.grad[2 * t], run.grad[2 * t + 1]];
      const xi = [gn[0] - g[0], gn[1] - g[1]];
      const norm = Math.hypot(gn[0], gn[1]);
      const e = [(0.1 * gn[0]) / (norm + 1e-12), (0.1 * gn[1]) / (norm + 1e-12)];
      expect(ev.x[t]).toBeCloseTo(x + e[0], 12);
      expect(ev.y[t]).toBeCloseTo(y + e[1], 12);
      expect(ev.loss[t]).toBeCloseTo(rosenbrock.f(ev.x[t], ev.y[t]) + xi[0] * e[0] + xi[1] * e[1], 9);
      const ga = rosenGrad(ev.x[t], ev.y[t]);
      expect(run.x[t + 1]).toBeCloseTo(x - 5e-4 * (ga[0] + xi[0]), 9);
      expect(run.y[t + 1]).toBeCloseTo(y - 5e-4 * (ga[1] + xi[1]), 9);
    }
  });

  it("L-BFGS on mini-batches: every evaluation of a step is on that step's batch (torch's closure), the next step on the next", () => {
    const data = logistic.data!;
    const size = 7;
    const run = trajectory({ surface: logistic, optimizer: 'lbfgs', hyper: { maxIter: 3, strongWolfe: true }, start: [0.5, -0.5], steps: 12, batch: { size }, record: 'state' });
    const samples = run.samples!;
    const perEpoch = Math.ceil(data.n / size);
    const batch = (k: number) => {
      const e = Math.floor(k / perEpoch);
      const from = e * data.n + (k % perEpoch) * size;
      return Array.from(samples.slice(from, Math.min(from + size, (e + 1) * data.n)));
    };
    const out = [0, 0];
    const meanLoss = (k: number, x: number, y: number) => batch(k).reduce((sum, i) => sum + data.sample(i, x, y, out), 0) / batch(k).length;
    const ev = run.evaluations!;
    let checked = 0;
    for (let t = 1; t <= 12; t++) {
      // Step t uses batch t − 1 (drawn at iterate t − 1), for all its evaluations.
      expect(run.batchLoss![t - 1]).toBeCloseTo(meanLoss(t - 1, run.x[t - 1], run.y[t - 1]), 12);
      for (let j = ev.start[t - 1]; j < ev.start[t]; j++) {
        expect(ev.loss[j]).toBeCloseTo(meanLoss(t - 1, ev.x[j], ev.y[j]), 12);
        checked++;
      }
      // At most maxEval (⌊5·3/4⌋ = 3) evaluations a step, the first (at the iterate) included; the
      // line search may run past it within an iteration, as torch's does (it checks after each).
      expect(ev.start[t] - ev.start[t - 1]).toBeLessThanOrEqual(3 * 25);
    }
    expect(checked).toBeGreaterThan(12);
    // (The next batch gives another loss there: the check above can tell them apart.)
    expect(meanLoss(2, ev.x[ev.start[1]], ev.y[ev.start[1]])).not.toBeCloseTo(ev.loss[ev.start[1]], 6);
  });

  it("a schedule sets each step's lr (Newton's halving under StepLR lands where (1 − γₜ) says on the saddle)", () => {
    const run = trajectory({ surface: saddle, optimizer: 'newton', start: [1.8, 0.05], steps: 6, schedule: 'StepLR:stepSize=1:gamma=0.5' });
    let x = 1.8;
    let y = 0.05;
    for (let t = 1; t <= 6; t++) {
      const lr = 0.5 ** (t - 1);
      expect(run.lr![t - 1]).toBe(lr);
      // H = diag(2, −2), ∇f = (2x, −2y): the Newton step is (x, y) itself.
      x -= lr * x;
      y -= lr * y;
      expect(run.x[t]).toBeCloseTo(x, 14);
      expect(run.y[t]).toBeCloseTo(y, 14);
    }
  });

  it("Newton walks into the saddle and halves the distance to the monkey saddle's centre; saddle-free Newton leaves both", () => {
    const into = trajectory({ surface: saddle, optimizer: 'newton', start: [1.8, 0.05], steps: 5 });
    expect([into.x[1], into.y[1]]).toEqual([0, 0]);
    expect(into.convergedAt).toBe(1);
    const monkeyRun = trajectory({ surface: monkey, optimizer: 'newton', start: [1.6, 0.05], steps: 20 });
    for (let t = 1; t <= 20; t++) expect(Math.hypot(monkeyRun.x[t], monkeyRun.y[t])).toBeCloseTo(Math.hypot(1.6, 0.05) / 2 ** t, 12);
    const away = trajectory({ surface: saddle, optimizer: 'saddle-free-newton', hyper: { lr: 0.5 }, start: [1.8, 0.05], steps: 60 });
    // x halves, y grows by 3/2 a step (|H| = 2I): it leaves the map and is marked diverged.
    expect(away.y[4]).toBeCloseTo(0.05 * 1.5 ** 4, 14);
    expect(away.status).toBe('diverged');
    const monkeyAway = trajectory({ surface: monkey, optimizer: 'saddle-free-newton', hyper: { lr: 0.5 }, start: [1.6, 0.05], steps: 15 });
    expect(monkey.f(monkeyAway.x[15], monkeyAway.y[15])).toBeLessThan(monkey.f(1.6, 0.05) - 5);
  });

  it('a singular Hessian ends only that run, as diverged, and says where', () => {
    // The monkey saddle's Hessian is 0 at its centre: plain Newton's step there is 0/0.
    const run = trajectory({ surface: monkey, optimizer: 'newton', start: [0, 0], steps: 10 });
    expect(run.status).toBe('diverged');
    expect(run.divergedAt).toBe(1);
    expect(Number.isNaN(run.x[1])).toBe(true);
    // With damping the same start is fine (the gradient is 0: no move).
    const damped = trajectory({ surface: monkey, optimizer: 'newton', hyper: { damping: 0.1 }, start: [0, 0], steps: 10 });
    expect(damped.status).toBe('ok');
  });

  it("records L-BFGS's evaluations: strong Wolfe line-search points lie on the step's line, and torch's counts hold", () => {
    const run = trajectory({ surface: rosenbrock, optimizer: 'lbfgs', hyper: { strongWolfe: true, maxIter: 1 }, start: [-1.2, 1], steps: 25, record: 'state' });
    const ev = run.evaluations!;
    for (let t = 1; t <= 25; t++) {
      const [x0, y0, x1, y1] = [run.x[t - 1], run.y[t - 1], run.x[t], run.y[t]];
      const n = ev.start[t] - ev.start[t - 1];
      // One inner iteration: its line search evaluates at least once and ends at one of its points.
      if (x1 === x0 && y1 === y0) continue;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(25);
      let hit = false;
      for (let j = ev.start[t - 1]; j < ev.start[t]; j++) {
        // On the line from θₜ₋₁ through θₜ (cross product 0).
        const cross = (ev.x[j] - x0) * (y1 - y0) - (ev.y[j] - y0) * (x1 - x0);
        expect(Math.abs(cross)).toBeLessThan(1e-9 * (1 + Math.hypot(x1 - x0, y1 - y0) ** 2 * 100));
        expect(ev.loss[j]).toBeCloseTo(rosenbrock.f(ev.x[j], ev.y[j]), 9);
        if (ev.x[j] === x1 && ev.y[j] === y1) hit = true;
      }
      expect(hit, `step ${t}`).toBe(true);
    }
    // Every step satisfies the Armijo condition: the loss never rises.
    for (let t = 1; t <= 25; t++) expect(run.loss[t]).toBeLessThanOrEqual(run.loss[t - 1]);
    expect(run.loss[25]).toBeLessThan(0.05 * run.loss[0]);
  });

  it('keeps every other run going when one diverges', () => {
    const runs = (['newton', 'lbfgs', 'adafactor', 'saddle-free-newton', 'sam'] as const).map((optimizer) =>
      trajectory({ surface: himmelblau, optimizer, hyper: optimizer === 'newton' ? { lr: 1 } : {}, start: [-0.27, -0.92], steps: 40 }),
    );
    // Newton on Himmelblau from next to its local maximum (−0.27, −0.92) goes to the maximum; the others descend.
    expect(runs.every((r) => r.x.length === 41)).toBe(true);
    for (const r of runs.slice(1)) expect(r.status).toBe('ok');
    expect(himmelblau.f(runs[1].x[40], runs[1].y[40])).toBeLessThan(1e-6);
    expect(himmelblau.f(runs[0].x[40], runs[0].y[40])).toBeGreaterThan(180);
  });

  it("runs each rule in a copy of the loop compiled for it, and where a CSP forbids compiling in the shared one, bit for bit alike", () => {
    const runs = [
      { surface: rosenbrock, optimizer: 'lbfgs', hyper: { strongWolfe: true, maxIter: 3 }, start: [-1.2, 1], steps: 30, noise: { sd: 0.2, seed: 4 } },
      { surface: rosenbrock, optimizer: 'adafactor', hyper: { lr: 0.05, weightDecay: 0.1 }, start: [-1.2, 1], steps: 200 },
      { surface: himmelblau, optimizer: 'newton', hyper: { lr: 0.3, damping: 0.5 }, start: [1, 1], steps: 50, schedule: 'StepLR:stepSize=10:gamma=0.5' },
      { surface: himmelblau, optimizer: 'saddle-free-newton', hyper: { lr: 0.3 }, start: [-0.2, -0.9], steps: 50 },
      { surface: logistic, optimizer: 'sam', hyper: { lr: 0.5, rho: 0.1, momentum: 0.9, adaptive: true }, start: [0.5, -0.5], steps: 80, batch: { size: 9 } },
    ] as const;
    const calls: unknown[] = [];
    const Real = Function;
    vi.stubGlobal('Function', function Function(...args: string[]) {
      calls.push(args.at(-1));
      return Real(...args);
    });
    forgetWholeLoops();
    const compiled = runs.map((run) => trajectory({ ...run, record: 'state' } as never));
    vi.unstubAllGlobals();
    // One compiled copy per rule (Newton's two are two rules).
    expect(calls.filter((c) => typeof c === 'string' && c.includes('sameBatch')).length).toBe(5);
    useSharedLoop(true);
    forgetWholeLoops();
    try {
      const shared = runs.map((run) => trajectory({ ...run, record: 'state' } as never));
      for (let i = 0; i < runs.length; i++) {
        const [a, b] = [compiled[i], shared[i]];
        expect(Array.from(b.x), runs[i].optimizer).toEqual(Array.from(a.x));
        expect(Array.from(b.loss), runs[i].optimizer).toEqual(Array.from(a.loss));
        expect(Array.from(b.effectiveLr), runs[i].optimizer).toEqual(Array.from(a.effectiveLr));
        expect(a.status, runs[i].optimizer).toBe('ok');
      }
    } finally {
      useSharedLoop(false);
      forgetWholeLoops();
    }
  });
});
