/**
 * The presets no default race runs (the catalog: Adamax, NAdam, RAdam, Rprop, ASGD, Lion, ...) come
 * in a chunk of their own in the one-file bundle: core/optimizers/more.ts, their presets, rules,
 * compiled-loop source, colours and the pickers' groups, with the portable loop a page whose
 * Content Security Policy forbids compiling runs. This file imports the registry and trajectory()
 * alone, as the bundle does (not the library's entries, which import that module up front): until
 * it is here, only the catalog's ids are (so elements know to wait), and getPreset() and
 * trajectory() refuse them with an OptionError that says what to await; once it is here, they are
 * presets and runs are compiled and equal the portable loop's bit for bit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors';
import { getPreset, isPresetId, loadOptimizers, optimizers, pickerGroups, presetIds, presetsReady, ruleReady } from '../../src/core/optimizers/index';
import { CATALOG_IDS, CATALOG_NAMED } from '../../src/core/optimizers/lazy';
import type { PresetId } from '../../src/core/optimizers/index';
import { presetColors } from '../../src/render/colors';
import { trajectory, useSharedLoop } from '../../src/core/trajectory';
import { ruleSources } from '../../src/generated/rule-source';
import { surfaces } from '../../surfaces/index';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

afterEach(() => useSharedLoop(false));

describe('rules beyond the default races: their definitions and source on first use', () => {
  it("the default races' rules are in the eager modules, the rarer ones are not", () => {
    expect(Object.keys(ruleSources).sort()).toEqual(['adadelta', 'adagrad', 'adam', 'rmsprop', 'sgd']);
    for (const id of ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam'] as const) {
      expect(ruleReady(optimizers[id].kernel), id).toBe(true);
    }
  });

  it('until the catalog is here: its ids are known, nothing else; trajectory() and getPreset() say what to await', async () => {
    expect(isPresetId('nadam')).toBe(false);
    // What names a catalog preset (an element then waits for the catalog: presetsReady).
    const names = (text: string) => CATALOG_NAMED.test(text);
    expect(names('nadam')).toBe(true);
    expect(['adam sgd', 'lion-x', 'xlion', 'adamw2'].some(names)).toBe(false);
    expect(names('sgd lion')).toBe(true);
    expect(names('{"kind":"schedule-free-adamw"}')).toBe(true);
    expect(names('<descent-optimizer kind="yogi">')).toBe(true);
    expect(pickerGroups()).toBeUndefined();
    expect(() => getPreset('nadam')).toThrow(/"optimizer".*is loading: await loadOptimizers\(\) first/);
    expect(() => getPreset('nadma')).toThrow(/"optimizer".*must be one of sgd, momentum.*, adam, amsgrad, adamw, .*, schedule-free-adamw,/);
    // Every id is listed from the start (messages name them all); the catalog's are presets once here.
    expect(presetIds).toContain('lion');
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
    expect(presetsReady('nadam')).toBe(false);
    // Every catalog id (the bundle's list) is now a preset, after the default races' ones.
    const catalog = /\((amsgrad[^)]*)\)/.exec(CATALOG_NAMED.source)?.[1].split('|') as PresetId[];
    expect(catalog.length).toBeGreaterThan(10);
    expect(CATALOG_IDS).toEqual(catalog);
    expect(presetIds.slice(-catalog.length)).toEqual(catalog);
    for (const id of catalog) {
      const { kernel: rule } = optimizers[id];
      expect(ruleReady(rule), id).toBe(true);
      expect(rule.definition.coordinate).toBeTypeOf('function');
      // (SAM without momentum keeps nothing: its one state vector is SGD's momentum buffer.)
      if (id !== 'sam') expect(rule.tensors(rule.defaults).length, id).toBeGreaterThan(0);
      expect(presetColors[id], id).toMatch(/^#[0-9a-f]{6}$/);
    }
    // The picker's groups list every preset once, the notes' seven first.
    const groups = pickerGroups() ?? [];
    expect(groups.flatMap((g) => g.ids).sort()).toEqual([...presetIds].sort());
    expect(groups[0].ids).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam']);
    for (const g of groups) expect(g.en && g.ko).toBeTruthy();
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

  it("Newton's rules on a catalog surface: 'is loading' until the expression compiler (its Hessian) is here, which loadOptimizers() then waits for", async () => {
    await loadOptimizers();
    // (This file has not loaded the expression compiler, as a page that shows catalog surfaces only.)
    let error: unknown;
    try {
      trajectory({ surface: surfaces.saddle, optimizer: 'newton', start: [1.8, 0.05], steps: 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).message).toMatch(/"optimizer".*is loading the Hessian of saddle.*await loadOptimizers\(\) first/);
    await loadOptimizers();
    const run = trajectory({ surface: surfaces.saddle, optimizer: 'newton', start: [1.8, 0.05], steps: 3 });
    // On x² − y², Newton's first step lands on the saddle, where the gradient vanishes.
    expect([run.x[1], run.y[1]]).toEqual([0, 0]);
    expect(run.convergedAt).toBe(1);
    // A data surface has no expression to take a Hessian from: a refusal that says so.
    expect(() => trajectory({ surface: { ...surfaces.saddle, id: 'data-like', expr: '' }, optimizer: 'saddle-free-newton', start: [1, 1], steps: 2 })).toThrow(
      /"optimizer".*needs the Hessian of f; data-like is a data surface/,
    );
  });
});
