import { describe, expect, it } from 'vitest';
import { resolveHyper } from '../../src/core/optimizers/index';
import { trajectory } from '../../src/core/trajectory';
import { DEFAULT_DOMAIN } from '../../src/core/expression/index';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  defaultConfig,
  fallbackRace,
  newEntry,
  normalizeConfig,
  notesPresets,
  raceEntries,
  raceOf,
  sameEntries,
  surfaceIds,
} from '../../src/state/config';
import { surfaces } from '../../surfaces/index';

describe('defaultConfig', () => {
  it.each(surfaceIds)('opens %s with a race of the notes\u2019 seven optimizers from its start', (id) => {
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
