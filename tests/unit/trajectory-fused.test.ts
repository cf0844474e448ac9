import { describe, expect, it } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import { trajectory } from '../../src/core/trajectory';
// Every rule, as the library's entries have them.
import '../../src/core/optimizers/more';
import type { Surface } from '../../src/core/types';

describe('trajectory with Surface.valueAndGrad', () => {
  const compiled = compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)', { domain: { x: [-4, 4], y: [-4, 4] } });

  it('uses one fused call per step, and no separate f or grad calls after the start', () => {
    const counts = { f: 0, grad: 0, fused: 0 };
    const counted: Surface = {
      ...compiled,
      f: (x, y) => (counts.f++, compiled.f(x, y)),
      grad: (x, y, out) => (counts.grad++, compiled.grad(x, y, out)),
      valueAndGrad: (x, y, out) => (counts.fused++, compiled.valueAndGrad!(x, y, out)),
    };
    trajectory({ surface: counted, optimizer: 'adam', hyper: { lr: 0.05 }, start: [2, 2], steps: 40 });
    // f once for loss[0], grad once at the start, then one fused call per step.
    expect(counts).toEqual({ f: 1, grad: 1, fused: 40 });
  });

  it('gives bit-identical paths to separate f and grad calls, for every kind of rule', () => {
    const { valueAndGrad: _dropped, ...rest } = compiled;
    const separate: Surface = rest;
    expect(separate.valueAndGrad).toBeUndefined();
    for (const optimizer of ['sgd', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'radam'] as const) {
      const options = { optimizer, hyper: { lr: 0.05 }, start: [2.5, -1.5] as const, steps: 200, noise: { sd: 0.1 } };
      const a = trajectory({ ...options, surface: compiled });
      const b = trajectory({ ...options, surface: separate });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.loss)).toEqual(Array.from(b.loss));
      expect(a.convergedAt).toBe(b.convergedAt);
    }
  });
});
