import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import { optimizers, presetIds, resolveHyper, rules } from '../../src/core/optimizers/index';
import type { PresetId, UpdateRule } from '../../src/core/optimizers/index';
import { mulberry32 } from '../../src/core/random';
import { trajectory } from '../../src/core/index';
import { ruleSources } from '../../src/generated/rule-source';
import { useSharedLoop } from '../../src/core/trajectory';
import type { TrajectoryOptions } from '../../src/core/trajectory';

/** Bit for bit, NaN and the sign of zero included. */
function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** Random options for a preset: every boolean either way, numbers 0 or not (the loop's shapes). */
function randomRun(id: PresetId, rand: () => number, trial: number): TrajectoryOptions | undefined {
  const { kernel } = optimizers[id as keyof typeof optimizers];
  const hyper: Record<string, number | boolean> = {};
  for (const [name, spec] of Object.entries(kernel.spec)) {
    if (spec.kind === 'boolean') hyper[name] = rand() < 0.5;
    else if (name === 'lr') hyper[name] = 10 ** (-4 + 2 * rand());
    else if (['weightDecay', 'lrDecay', 'momentum', 'dampening', 'initialAccumulatorValue'].includes(name)) {
      hyper[name] = rand() < 0.4 ? 0 : 0.5 * rand();
    } else if (name === 'beta1' || name === 'beta2' || name === 'rho' || name === 'alpha') {
      hyper[name] = 0.5 + 0.499 * rand();
    }
  }
  if (hyper.nesterov && !(Number(hyper.momentum) > 0 && hyper.dampening === 0)) hyper.nesterov = false;
  try {
    resolveHyper(id, hyper);
  } catch {
    return undefined;
  }
  return {
    surface: ['rosenbrock', 'himmelblau', 'beale', 'saddle'][trial % 4],
    optimizer: id,
    hyper,
    start: [-1.5 + 2 * rand(), -1 + 2 * rand()],
    steps: 200,
    noise: trial % 3 === 0 ? { sd: 0.5, seed: trial } : undefined,
  };
}

/** The presets whose rules are per coordinate, with compiled loops (not L-BFGS, Newton, ...). */
const coordinateIds = presetIds.filter((id) => !optimizers[id].kernel.whole);

describe('trajectory() with the rule inlined into its compiled loop', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    useSharedLoop(false);
  });

  it('every rule has its source generated from its definition, the rarer ones in a module of their own', async () => {
    const more: string[] = [];
    vi.resetModules();
    vi.doMock('../../src/core/trajectory', () => ({ provideRuleSources: (s: object) => more.push(...Object.keys(s)) }));
    await import('../../src/generated/rule-source-more');
    vi.doUnmock('../../src/core/trajectory');
    // (The whole-vector rules have none: core/whole-loop.ts runs them as written.)
    expect([...Object.keys(ruleSources), ...more].sort()).toEqual(Object.keys(rules).filter((id) => !rules[id].whole).sort());
  });

  it('trajectory() runs the compiled loop, not calling the rule\'s portable step', () => {
    for (const id of coordinateIds) {
      const kernel = optimizers[id].kernel as UpdateRule;
      const step = vi.spyOn(kernel, 'step');
      const run = trajectory({ surface: 'rosenbrock', optimizer: id, hyper: { lr: 1e-3 }, start: [-1.5, 2], steps: 20 });
      expect(run.status).toBe('ok');
      expect(step).not.toHaveBeenCalled();
    }
  });

  it('gives bit-identical paths, losses and statuses to the rule\'s step in the shared loop, over random options', () => {
    const rand = mulberry32(2024);
    let compared = 0;
    for (let trial = 0; trial < 360; trial++) {
      const run = randomRun(coordinateIds[trial % coordinateIds.length], rand, trial);
      if (!run) continue;
      useSharedLoop(false);
      const inlined = trajectory(run);
      useSharedLoop(true);
      const shared = trajectory(run);
      const what = `${run.optimizer} ${JSON.stringify(inlined.hyper)} on ${String(run.surface)}`;
      expect(sameNumbers(inlined.x, shared.x), what).toBe(true);
      expect(sameNumbers(inlined.y, shared.y), what).toBe(true);
      expect(sameNumbers(inlined.loss, shared.loss), what).toBe(true);
      expect([inlined.status, inlined.divergedAt, inlined.convergedAt], what).toEqual([
        shared.status,
        shared.divergedAt,
        shared.convergedAt,
      ]);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('gives the same numbers as the shared loop on a typed-in surface (one valueAndGrad call per step)', () => {
    const surface = compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)', { domain: { x: [-4, 4], y: [-4, 4] } });
    expect(surface.valueAndGrad).toBeDefined();
    for (const id of coordinateIds) {
      const run = { surface, optimizer: id, hyper: { lr: 0.05 }, start: [2.5, -1.5] as [number, number], steps: 150, noise: { sd: 0.1 } };
      useSharedLoop(false);
      const inlined = trajectory(run);
      useSharedLoop(true);
      const shared = trajectory(run);
      expect(sameNumbers(inlined.x, shared.x), id).toBe(true);
      expect(sameNumbers(inlined.loss, shared.loss), id).toBe(true);
    }
  });

  it('matches the rule\'s own step on a plain loop, for every preset', () => {
    for (const id of coordinateIds) {
      const h = resolveHyper(id, { lr: 1e-3 });
      const run = trajectory({ surface: 'himmelblau', optimizer: id, hyper: { lr: 1e-3 }, start: [0.5, -2], steps: 80 });
      const { kernel } = optimizers[id as keyof typeof optimizers];
      const s = new Float64Array(kernel.stateSize(2, h));
      kernel.init?.(s, 2, h);
      const p = [0.5, -2];
      const g = [0, 0];
      for (let t = 1; t <= 80; t++) {
        // Himmelblau's gradient, written out here.
        const a = p[0] * p[0] + p[1] - 11;
        const b = p[0] + p[1] * p[1] - 7;
        g[0] = 4 * p[0] * a + 2 * b;
        g[1] = 2 * a + 4 * p[1] * b;
        kernel.step(p, g, s, t, h);
      }
      expect([run.x[80], run.y[80]], id).toEqual(p);
    }
  });

  it('records without changing a bit of the path, and records the same numbers in the compiled and the portable loop', () => {
    const rand = mulberry32(77);
    let compared = 0;
    for (let trial = 0; trial < 240; trial++) {
      const run = randomRun(coordinateIds[trial % coordinateIds.length], rand, trial);
      if (!run) continue;
      useSharedLoop(false);
      const plain = trajectory(run);
      const recorded = trajectory({ ...run, record: 'state' });
      useSharedLoop(true);
      const portable = trajectory({ ...run, record: 'state' });
      const what = `${run.optimizer} ${JSON.stringify(plain.hyper)} on ${String(run.surface)}`;
      for (const key of ['x', 'y', 'loss'] as const) expect(sameNumbers(recorded[key], plain[key]), what).toBe(true);
      expect(recorded.divergedAt, what).toBe(plain.divergedAt);
      expect(Object.keys(portable.state), what).toEqual(Object.keys(recorded.state));
      for (const name of Object.keys(recorded.state)) expect(sameNumbers(portable.state[name], recorded.state[name]), `${what} ${name}`).toBe(true);
      expect(sameNumbers(portable.grad, recorded.grad), what).toBe(true);
      expect(sameNumbers(portable.effectiveLr, recorded.effectiveLr), what).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('where a Content Security Policy forbids new Function, falls back to the shared loop with the same numbers', () => {
    const runs = coordinateIds.map((id, i) => ({
      surface: 'rosenbrock',
      optimizer: id,
      hyper: { lr: optimizers[id].ruleId === 'adadelta' ? 1 : 1e-3 },
      start: [-1.5, 2] as [number, number],
      steps: 150,
      noise: i % 2 ? { sd: 0.2, seed: i } : undefined,
    }));
    const compiled = runs.map((run) => trajectory(run));
    useSharedLoop(false); // forget the compiled loops
    const refused = vi.fn(function Function() {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    });
    vi.stubGlobal('Function', refused);
    const underCsp = runs.map((run) => trajectory(run));
    vi.unstubAllGlobals();
    expect(refused).toHaveBeenCalledTimes(1); // tried once, then never again
    for (let i = 0; i < runs.length; i++) {
      expect(sameNumbers(underCsp[i].x, compiled[i].x), runs[i].optimizer).toBe(true);
      expect(sameNumbers(underCsp[i].loss, compiled[i].loss), runs[i].optimizer).toBe(true);
    }
  });
});
