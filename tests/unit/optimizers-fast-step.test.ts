import { afterEach, describe, expect, it } from 'vitest';
import { optimizers, presetIds, resolveHyper, rules } from '../../src/core/optimizers/index';
import type { Hyper, UpdateRule } from '../../src/core/optimizers/index';
import { mulberry32 } from '../../src/core/random';
import { trajectory } from '../../src/core/index';
import { useSharedLoop } from '../../src/core/trajectory';

/** Runs `steps` updates with `step` on a stream of seeded pseudo-gradients; returns p and state. */
function runKernel(kernel: UpdateRule, step: UpdateRule['step'], h: Hyper, seed: number, steps = 60) {
  const rand = mulberry32(seed);
  const p = [rand() * 4 - 2, rand() * 4 - 2];
  const s = new Float64Array(kernel.stateSize(2, h));
  kernel.init?.(s, 2, h);
  const g = [0, 0];
  for (let t = 1; t <= steps; t++) {
    // Gradients of a quadratic plus noise, so moments grow and shrink.
    g[0] = 2 * p[0] + (rand() - 0.5);
    g[1] = 20 * p[1] + (rand() - 0.5) * 3;
    step(p, g, s, t, h);
  }
  return { p, s: Array.from(s) };
}

describe('UpdateRule.fastStep', () => {
  const withFast = Object.entries(rules).filter(([, rule]) => 'fastStep' in rule) as [string, UpdateRule][];

  it('is offered by the rules whose common case it speeds up', () => {
    expect(withFast.map(([id]) => id).sort()).toEqual(['adam', 'adamax', 'adamw', 'radam', 'sgd']);
  });

  for (const [id, kernel] of withFast) {
    it(`${id}: gives bit-identical parameters and state to step wherever it applies`, () => {
      const rand = mulberry32(7);
      let applied = 0;
      for (let trial = 0; trial < 40; trial++) {
        // Random hyperparameters in range, then the common-case flags the fast path needs.
        const h: Record<string, number | boolean> = { ...kernel.defaults };
        if ('lr' in h) h.lr = 10 ** (-3 + 2.5 * rand());
        if ('momentum' in h) h.momentum = trial % 3 === 0 ? 0 : 0.5 + 0.49 * rand();
        if ('nesterov' in h) h.nesterov = trial % 2 === 0 && h.momentum !== 0;
        if ('beta1' in h) h.beta1 = 0.5 + 0.49 * rand();
        if ('beta2' in h) h.beta2 = 0.9 + 0.0999 * rand();
        if ('amsgrad' in h) h.amsgrad = trial % 2 === 1;
        if ('weightDecay' in h) h.weightDecay = 0;
        const fast = kernel.fastStep!(h);
        if (!fast) continue;
        applied++;
        expect(runKernel(kernel, fast, h, trial)).toEqual(runKernel(kernel, kernel.step, h, trial));
      }
      expect(applied).toBeGreaterThan(20);
    });

    it(`${id}: declines when weight decay or maximize is set`, () => {
      expect(kernel.fastStep!({ ...kernel.defaults, weightDecay: 0.1 })).toBeUndefined();
      expect(kernel.fastStep!({ ...kernel.defaults, weightDecay: 0, maximize: true })).toBeUndefined();
    });
  }
});

describe('trajectory (shared loop, as under a strict Content Security Policy)', () => {
  afterEach(() => useSharedLoop(false));

  it('gives the same numbers as the per-preset compiled loops for every preset', () => {
    const runAll = () =>
      presetIds.map((id) =>
        trajectory({
          surface: 'rosenbrock',
          optimizer: id,
          hyper: { lr: optimizers[id].ruleId === 'adadelta' ? 1 : 1e-3, ...(id === 'sgd' ? { weightDecay: 0.01 } : {}) },
          start: [-1.5, 2],
          steps: 300,
          noise: id === 'momentum' ? { sd: 0.5, seed: 3 } : undefined,
        }),
      );
    const compiled = runAll();
    useSharedLoop(true);
    const shared = runAll();
    for (let i = 0; i < compiled.length; i++) {
      expect(Array.from(shared[i].x)).toEqual(Array.from(compiled[i].x));
      expect(Array.from(shared[i].loss)).toEqual(Array.from(compiled[i].loss));
    }
  });

  it('matches a plain loop over the rule\'s own step', () => {
    for (const id of presetIds) {
      const h = resolveHyper(id, { lr: 1e-3 });
      const run = trajectory({ surface: 'rosenbrock', optimizer: id, hyper: { lr: 1e-3 }, start: [-1.5, 2], steps: 50 });
      const { kernel } = optimizers[id];
      const s = new Float64Array(kernel.stateSize(2, h));
      kernel.init?.(s, 2, h);
      const p = [-1.5, 2];
      const grad = [0, 0];
      for (let t = 1; t <= 50; t++) {
        // The catalog's Rosenbrock gradient, written out here.
        grad[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] * p[0]);
        grad[1] = 200 * (p[1] - p[0] * p[0]);
        kernel.step(p, grad, s, t, h);
      }
      expect([run.x[50], run.y[50]]).toEqual(p);
    }
  });
});
