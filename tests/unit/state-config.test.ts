import { describe, expect, it } from 'vitest';
import { resolveHyper } from '../../src/core/optimizers/index';
import { trajectory } from '../../src/core/trajectory';
import { DEFAULT_DOMAIN } from '../../src/core/expression/index';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  defaultConfig,
  fallbackRace,
  newEntry,
  notesPresets,
  raceEntries,
  raceOf,
  sameEntries,
  runLabels,
  surfaceIds,
  type OptimizerEntry,
} from '../../src/state/config';
import { normalizeConfig } from '../../src/state/normalize';
import { surfaces } from '../../surfaces/index';

describe('defaultConfig', () => {
  // The data surfaces race batch sizes and schedules instead (tests/unit/data-races.test.ts).
  it.each(surfaceIds.filter((id) => !surfaces[id].data))('opens %s with a race of the notes\u2019 seven optimizers from its start', (id) => {
    const c = defaultConfig(id);
    const surface = surfaces[id];
    expect(c.surface).toBe(id);
    expect(c.start).toEqual([...surface.start]);
    for (const kind of notesPresets) expect(c.optimizers.map((e) => e.kind)).toContain(kind);
    for (const e of c.optimizers) expect(() => resolveHyper(e.kind, e.hyper)).not.toThrow();
    expect(c.steps).toBeGreaterThan(0);
    expect(c.step).toBe(0);
  });

  it('falls back to the default surface for an unknown id', () => {
    expect(defaultConfig('nope').surface).toBe(defaultConfig().surface);
  });
});

describe('races', () => {
  it.each(surfaceIds)("%s's race names only valid presets and options", (id) => {
    const race = raceOf(surfaces[id]);
    expect(raceEntries(race)).toHaveLength(race.optimizers.length);
  });

  it.each(surfaceIds)('on %s at least one racer moves visibly from the start', (id) => {
    const surface = surfaces[id];
    const race = raceOf(surface);
    const span = surface.domain.x[1] - surface.domain.x[0];
    const moved = raceEntries(race).map((e) => {
      const run = trajectory({ surface, optimizer: e.kind, hyper: e.hyper, start: surface.start, steps: race.steps });
      const last = run.status === 'ok' ? race.steps : (run.divergedAt as number);
      return Math.hypot(run.x[last] - surface.start[0], run.y[last] - surface.start[1]) / span;
    });
    expect(Math.max(...moved)).toBeGreaterThan(0.05);
  });
});

describe('newEntry', () => {
  it("starts a preset at the race's learning rate for it, or the fallback's", () => {
    const race = raceOf(surfaces.rosenbrock);
    const adam = race.optimizers.find((r) => r.optimizer === 'adam');
    expect(newEntry('adam', 'rosenbrock').hyper).toEqual(adam?.hyper ?? fallbackRace.optimizers[6].hyper);
    expect(newEntry('radam', 'rosenbrock').enabled).toBe(true);
  });

  it("starts a catalog preset the race does not run at its kin's lr: SGD's for ASGD and SAM, Adam's for the others, the second-order rules at their own", async () => {
    await import('../../src/core/optimizers/more');
    const { loadExpressions } = await import('../../src/core/expression/load');
    await loadExpressions();
    for (const id of ['rosenbrock', 'saddle', 'himmelblau', 'ravine', 'two-wells'] as const) {
      const race = raceOf(surfaces[id]);
      const lr = (kind: string) => race.optimizers.find((r) => r.optimizer === kind)?.hyper?.lr;
      expect(newEntry('asgd', id).hyper, id).toEqual({ lr: lr('sgd') });
      expect(newEntry('sam', id).hyper, id).toEqual({ lr: lr('sgd') });
      for (const kind of ['lion', 'rprop', 'adabelief', 'adafactor'] as const) expect(newEntry(kind, id).hyper, `${kind} on ${id}`).toEqual({ lr: lr('adam') });
      for (const kind of ['lbfgs', 'newton', 'saddle-free-newton'] as const) expect(newEntry(kind, id).hyper, `${kind} on ${id}`).toEqual({});
      // ASGD at torch's lr 0.01 left Rosenbrock at step 4; at SGD's race lr it runs the race. (On
      // the saddle f falls without bound: leaving the map is escaping it.)
      if (id === 'saddle') continue;
      const { start, steps } = { start: surfaces[id].start, steps: race.steps };
      for (const kind of ['asgd', 'sam', 'rprop', 'lion'] as const) {
        const run = trajectory({ surface: id, optimizer: kind, hyper: newEntry(kind, id).hyper, start, steps });
        expect(run.status, `${kind} on ${id}`).toBe('ok');
      }
    }
  });
});

describe('sameEntries', () => {
  it('compares kind, hyperparameters, label and enabled', () => {
    const a = [{ kind: 'sgd' as const, hyper: { lr: 0.1 }, enabled: true }];
    expect(sameEntries(a, [{ kind: 'sgd', hyper: { lr: 0.1 }, enabled: true }])).toBe(true);
    expect(sameEntries(a, [{ kind: 'sgd', hyper: { lr: 0.2 }, enabled: true }])).toBe(false);
    expect(sameEntries(a, [{ kind: 'sgd', hyper: { lr: 0.1 }, enabled: false }])).toBe(false);
  });
});

describe('normalizeConfig with a typed-in surface', () => {
  it('keeps expr and fills in the default domain; reports a blank expr, a bad domain, a domain alone', () => {
    const base = defaultConfig();
    const errors: string[] = [];
    const { surface: _s, ...noSurface } = base;
    const c = normalizeConfig({ ...noSurface, expr: 'x*y' } as never, errors);
    expect(errors).toEqual([]);
    expect(c.expr).toBe('x*y');
    expect(c.domain).toEqual(DEFAULT_EXPRESSION_DOMAIN);
    expect(c.surface).toBe('rosenbrock');
    normalizeConfig({ ...base, expr: ' ' }, errors);
    normalizeConfig({ ...base, expr: 'x', domain: { x: [1, 0], y: [0, 1] } }, errors);
    normalizeConfig({ ...base, domain: { x: [0, 1], y: [0, 1] } }, errors);
    expect(errors).toEqual([
      'config.expr must be a non-empty expression in x and y, got " ".',
      'config.domain must be { x: [min, max], y: [min, max] } with finite min < max, got {"x":[1,0],"y":[0,1]}.',
      'config.domain is the window of a typed-in surface and needs config.expr; ignored.',
    ]);
  });

  it('keeps the typed-in surface\'s default domain equal to compileSurface\'s', () => {
    expect(DEFAULT_EXPRESSION_DOMAIN).toEqual(DEFAULT_DOMAIN);
  });
});

describe('runLabels', () => {
  const entry = (kind: OptimizerEntry['kind'], hyper: OptimizerEntry['hyper'] = {}, extra: Partial<OptimizerEntry> = {}): OptimizerEntry => ({
    kind,
    hyper,
    enabled: true,
    ...extra,
  });

  it("uses the preset's name for a preset listed once", () => {
    expect(runLabels([entry('sgd', { lr: 0.1 }), entry('adam', { lr: 0.01 })])).toEqual(['SGD', 'Adam']);
  });

  it('says what differs between two copies of a preset', () => {
    expect(runLabels([entry('adam', { lr: 0.1 }), entry('adam', { lr: 0.1, beta1: 0.5 })])).toEqual(['Adam, β₁ 0.9', 'Adam, β₁ 0.5']);
    expect(runLabels([entry('adam', { lr: 0.1 }), entry('adam', { lr: 0.01 })])).toEqual(['Adam, lr 0.1', 'Adam, lr 0.01']);
    expect(
      runLabels([entry('adam', { lr: 0.1 }), entry('adam', { lr: 0.01, beta1: 0.5 }), entry('sgd', { lr: 0.1 })]),
    ).toEqual(['Adam, lr 0.1, β₁ 0.9', 'Adam, lr 0.01, β₁ 0.5', 'SGD']);
  });

  it('names a boolean that is on, and noise', () => {
    expect(runLabels([entry('sgd', { momentum: 0.9 }), entry('sgd', { momentum: 0.9, nesterov: true })])).toEqual([
      'SGD',
      'SGD, nesterov',
    ]);
    expect(runLabels([entry('sgd'), entry('sgd', {}, { noise: 0.5 })])).toEqual(['SGD', 'SGD, noise σ 0.5']);
  });

  it('numbers copies that do not differ, and keeps an entry’s own label', () => {
    expect(runLabels([entry('adam'), entry('adam'), entry('adam', {}, { label: 'mine' })])).toEqual(['Adam', 'Adam #2', 'mine']);
  });

  it('takes the words of the UI language, and keeps symbols as they are', () => {
    const ko = { lr: '학습률', noise: '노이즈 σ', batch: '배치', fullBatch: '전체 배치' };
    expect(runLabels([entry('adam', { lr: 0.1 }), entry('adam', { lr: 0.01, beta2: 0.99 })], ko)).toEqual([
      'Adam, 학습률 0.1, β₂ 0.999',
      'Adam, 학습률 0.01, β₂ 0.99',
    ]);
  });

  it('gives every run a different label', () => {
    const entries = [0.1, 0.1, 0.2, 0.1].map((lr, i) => entry('sgd', { lr, momentum: i === 3 ? 0.5 : 0 }));
    const labels = runLabels(entries);
    expect(new Set(labels).size).toBe(4);
  });
});
