/**
 * The compiled-loop source of rules no default race runs comes in its own module
 * (src/generated/rule-source-more.ts), which the one-file bundle loads the first time such a rule
 * runs. This file imports trajectory() alone, as the bundle does (not the library's entries, which
 * load that module up front): the first run takes the portable loop and starts the load; once the
 * module is here, the same run is compiled; both give the same numbers, bit for bit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { optimizers } from '../../src/core/optimizers/index';
import type { UpdateRule } from '../../src/core/optimizers/index';
import { trajectory } from '../../src/core/trajectory';
import { ruleSources } from '../../src/generated/rule-source';
import { surfaces } from '../../surfaces/index';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('rules beyond the default races: their compiled source on first use', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the default races\' rules are in the eager module, the rarer ones are not', () => {
    expect(Object.keys(ruleSources).sort()).toEqual(['adadelta', 'adagrad', 'adam', 'rmsprop', 'sgd']);
  });

  it('runs the portable loop until the source is here, then the compiled one, with the same numbers', async () => {
    const kernel = optimizers.nadam.kernel as UpdateRule;
    const step = vi.spyOn(kernel, 'step');
    const run = { surface: surfaces.rosenbrock, optimizer: 'nadam' as const, hyper: { lr: 0.01 }, start: [-1.5, 2] as [number, number], steps: 200, record: 'state' as const };
    const first = trajectory(run);
    expect(step).toHaveBeenCalledTimes(200); // portable: the rule's step, once a step
    step.mockClear();
    // The load started with that run; a run once it has arrived is compiled.
    await vi.waitFor(
      () => {
        step.mockClear();
        trajectory({ ...run, steps: 1 });
        expect(step).not.toHaveBeenCalled();
      },
      { timeout: 5000, interval: 20 },
    );
    const second = trajectory(run);
    expect(step).not.toHaveBeenCalled();
    for (const key of ['x', 'y', 'loss', 'grad', 'effectiveLr'] as const) expect(same(second[key], first[key]), key).toBe(true);
    for (const name of ['expAvg', 'expAvgSq']) expect(same(second.state[name], first.state[name]), name).toBe(true);
  });
});
