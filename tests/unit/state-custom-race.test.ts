/**
 * The race of a typed-in surface: learning rates from the surface's scales (state/custom-race.ts)
 * that move every optimizer and blow none up at once.
 */
import { describe, expect, it } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import { trajectory } from '../../src/core/trajectory';
import type { Surface } from '../../src/core/types';
import { notesPresets } from '../../src/state/config';
import { customConfig, customLearningRates, customRace, niceLr, surfaceScales, withCustomRace } from '../../src/state/custom-race';
import { surfaces } from '../../surfaces/index';

/** Distance from the start to the end of each run of the race, in spans of the domain. */
function raceMoves(surface: Surface, start = surface.start) {
  const span = Math.min(surface.domain.x[1] - surface.domain.x[0], surface.domain.y[1] - surface.domain.y[0]);
  return customRace(surface).optimizers.map((r) => {
    const run = trajectory({ surface, optimizer: r.optimizer, hyper: r.hyper, start, steps: 300 });
    return {
      optimizer: r.optimizer,
      run,
      moved: Math.hypot(run.x[300] - run.x[0], run.y[300] - run.y[0]) / span,
    };
  });
}

describe('niceLr', () => {
  it('rounds down to 1, 2 or 5 × 10^k inside the slider range', () => {
    expect(niceLr(0.0734)).toBe(0.05);
    expect(niceLr(0.3)).toBe(0.2);
    expect(niceLr(1)).toBe(1);
    expect(niceLr(0.000019)).toBe(0.00001);
    expect(niceLr(1e-9)).toBe(1e-5);
    expect(niceLr(250)).toBe(10);
    expect(niceLr(NaN)).toBe(1e-5);
  });
});

describe('surfaceScales', () => {
  it('measures span, median gradient and curvature of a quadratic bowl exactly enough', () => {
    const s = compileSurface('x^2 + 4*y^2', { domain: { x: [-2, 2], y: [-1, 1] } });
    const { span, gradient, curvature } = surfaceScales(s);
    expect(span).toBe(2);
    expect(curvature).toBeCloseTo(8, 10);
    expect(gradient).toBeGreaterThan(0.5);
    expect(gradient).toBeLessThan(8);
  });

  it('uses central differences for surfaces without a Hessian', () => {
    const { hessian: _h, ...plain } = compileSurface('x^2 + 4*y^2', { domain: { x: [-2, 2], y: [-1, 1] } });
    expect(surfaceScales(plain as Surface).curvature).toBeCloseTo(8, 4);
  });
});

describe('customRace', () => {
  it('races the notes\' seven on sin(x)*cos(y) + 0.1*(x^2+y^2): none sits still, none diverges', () => {
    for (const domain of [undefined, { x: [-4, 4], y: [-4, 4] }] as const) {
      const s = compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)', domain ? { domain } : {});
      const moves = raceMoves(s);
      expect(moves.map((m) => m.optimizer)).toEqual([...notesPresets]);
      for (const m of moves) {
        expect(m.run.status, m.optimizer).toBe('ok');
        expect(m.moved, m.optimizer).toBeGreaterThan(0.05);
      }
    }
  });

  it('scales SGD\'s rate with the surface, the adaptive rates with the domain', () => {
    const a = customLearningRates(compileSurface('x^2 + y^2'));
    const b = customLearningRates(compileSurface('1000*(x^2 + y^2)'));
    expect(b.sgd).toBeLessThan(a.sgd / 100);
    expect(b.adam).toBe(a.adam);
    const wide = customLearningRates(compileSurface('x^2 + y^2', { domain: { x: [-50, 50], y: [-50, 50] } }));
    expect(wide.adam).toBeGreaterThan(a.adam * 5);
  });

  it('blows up nothing within 100 steps on any catalog formula typed in', () => {
    for (const catalog of Object.values(surfaces).filter((s) => s.expr)) {
      const s = compileSurface(catalog.expr, { domain: catalog.domain });
      for (const m of raceMoves(s)) {
        const at = m.run.divergedAt ?? Infinity;
        expect(at, `${catalog.id} ${m.optimizer}`).toBeGreaterThan(100);
      }
    }
  });
});

describe('withCustomRace and customConfig', () => {
  it('attaches the race once per surface, and opens on the surface\'s start', () => {
    const s = compileSurface('x^2 + 3*y^2');
    const raced = withCustomRace(s);
    expect(withCustomRace(s)).toBe(raced);
    expect(raced.race?.steps).toBe(300);
    expect(raced.f).toBe(s.f);
    expect(withCustomRace(surfaces.rosenbrock)).toBe(surfaces.rosenbrock);
    const c = customConfig(s, 'x^2 + 3*y^2', s.domain);
    expect(c.expr).toBe('x^2 + 3*y^2');
    expect(c.surface).toBe('rosenbrock');
    expect(c.start).toEqual([...s.start]);
    expect(c.optimizers.map((e) => e.hyper.lr)).toEqual(customRace(s).optimizers.map((r) => r.hyper?.lr));
  });
});
