/**
 * The rules no default race runs (Adamax, NAdam, RAdam) come in a chunk of their own in the
 * one-file bundle: core/optimizers/more.ts, their definitions and their compiled-loop source, with
 * the portable loop a page whose Content Security Policy forbids compiling runs. This
 * file imports the registry and trajectory() alone, as the bundle does (not the library's entries,
 * which import that module up front): until it is here, such a rule's head (name, defaults,
 * options) is, its definition is not, and trajectory() refuses it with an OptionError that says
 * what to await; once it is here, the stand-in is the rule and runs are compiled and equal the portable loop's bit for bit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors';
import { loadOptimizers, optimizers, ruleReady } from '../../src/core/optimizers/index';
import { trajectory, useSharedLoop } from '../../src/core/trajectory';
import { ruleSources } from '../../src/generated/rule-source';
import { surfaces } from '../../surfaces/index';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

afterEach(() => useSharedLoop(false));

describe('rules beyond the default races: their definitions and source on first use', () => {
  it("the default races' rules are in the eager modules, the rarer ones are not", () => {
    expect(Object.keys(ruleSources).sort()).toEqual(['adadelta', 'adagrad', 'adam', 'rmsprop', 'sgd']);
    for (const id of ['sgd', 'momentum', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'amsgrad', 'adamw'] as const) {
      expect(ruleReady(optimizers[id].kernel), id).toBe(true);
    }
  });

  it('until their chunk is here: the head is, the definition is not, and trajectory() says what to await', async () => {
    const { kernel } = optimizers.nadam;
    expect(kernel.name).toBe('NAdam');
    expect(kernel.defaults.momentumDecay).toBe(4e-3);
    expect(Object.keys(kernel.spec)).toContain('decoupledWeightDecay');
    expect(ruleReady(kernel)).toBe(false);
    expect(kernel.step).toBeUndefined();
    let error: unknown;
    try {
      trajectory({ surface: surfaces.rosenbrock, optimizer: 'nadam', start: [-1.5, 2], steps: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).message).toMatch(/"optimizer".*await loadOptimizers\(\)/);
    // The portable loop (what a page whose CSP forbids compiling runs) comes in the same chunk:
    // there, even a default race's rule waits for it.
    useSharedLoop(true);
    expect(() => trajectory({ surface: surfaces.rosenbrock, optimizer: 'sgd', start: [-1.5, 2], steps: 10 })).toThrow(/"optimizer".*loadOptimizers/);
    useSharedLoop(false);
    expect(trajectory({ surface: surfaces.rosenbrock, optimizer: 'sgd', start: [-1.5, 2], steps: 10 }).status).toBe('ok');

    await loadOptimizers();
    useSharedLoop(true);
    expect(trajectory({ surface: surfaces.rosenbrock, optimizer: 'sgd', start: [-1.5, 2], steps: 10 }).status).toBe('ok');
    useSharedLoop(false);
    // Each stand-in is now its rule: the same object, with its state, step and definition.
    for (const id of ['adamax', 'nadam', 'radam'] as const) {
      const { kernel: rule } = optimizers[id];
      expect(ruleReady(rule), id).toBe(true);
      expect(rule.definition.coordinate).toBeTypeOf('function');
      expect(rule.tensors(rule.defaults).length).toBeGreaterThan(0);
    }
  });

  it('once here, runs are compiled and equal the portable loop bit for bit', async () => {
    await loadOptimizers();
    const run = { surface: surfaces.rosenbrock, optimizer: 'nadam' as const, hyper: { lr: 0.01 }, start: [-1.5, 2] as [number, number], steps: 200, record: 'state' as const };
    const compiled = trajectory(run);
    useSharedLoop(true);
    const portable = trajectory(run);
    for (const key of ['x', 'y', 'loss', 'grad', 'effectiveLr'] as const) expect(same(compiled[key], portable[key]), key).toBe(true);
    for (const name of ['expAvg', 'expAvgSq']) expect(same(compiled.state[name], portable.state[name]), name).toBe(true);
  });
});
