/**
 * The inner-state view's marks (src/render/inspect.ts), checked against what each rule's update
 * says they must add up to, at every step of real runs: plain SGD steps exactly along −γ∇f;
 * Momentum's step is μ times the velocity arrow plus the gradient arrow; Nesterov's θ sits μ
 * velocity arrows behind the head; Adagrad's and Adam's steps are their step sizes times g or m̂;
 * the glyph's half-axes are the step sizes times |∇f|.
 */
import { describe, expect, it } from 'vitest';
import { trajectory } from '../../src/core/index';
import { arrowScale, inspectVectors, symbolRows, type RecordedTrajectory } from '../../src/render/inspect';

const close = (a: number, b: number, what: string) =>
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));

function run(optimizer: 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'adam' | 'rmsprop' | 'nadam', hyper: Record<string, number | boolean> = {}): RecordedTrajectory {
  return trajectory({ surface: 'ravine', optimizer, hyper: { lr: 0.02, ...hyper }, start: [-4, 1.5], steps: 60, record: 'state' });
}

describe('inspectVectors', () => {
  it('plain SGD: the step taken is the gradient arrow, at every step; no velocity, no glyph', () => {
    const t = run('sgd');
    for (let k = 0; k < 60; k++) {
      const v = inspectVectors(t, k)!;
      expect(v.at).toEqual([t.x[k], t.y[k]]);
      close(v.step![0], v.grad![0], `x at ${k}`);
      close(v.step![1], v.grad![1], `y at ${k}`);
      expect(v.moment).toBeUndefined();
      expect(v.glyph).toBeUndefined();
    }
    // At the last iterate there is no next step.
    expect(inspectVectors(t, 60)!.step).toBeUndefined();
    expect(inspectVectors(t, 61)).toBeUndefined();
  });

  it('Momentum: step = μ · velocity arrow + gradient arrow (b_{k+1} = μ b_k + g_k)', () => {
    const t = run('momentum');
    for (let k = 1; k < 60; k++) {
      const v = inspectVectors(t, k)!;
      for (const i of [0, 1]) close(v.step![i], 0.9 * v.moment![i] + v.grad![i], `${i} at ${k}`);
      expect(v.theta).toBeUndefined();
    }
    expect(inspectVectors(t, 0)!.moment).toBeUndefined(); // no buffer before the first step
  });

  it('Nesterov: θ lies μ velocity arrows behind the head; step = gradient arrow + μ (μ velocity + gradient)', () => {
    const t = run('nesterov');
    for (let k = 1; k < 60; k++) {
      const v = inspectVectors(t, k)!;
      for (const i of [0, 1]) {
        close(v.theta![i], v.at[i] - 0.9 * v.moment![i], `θ ${i} at ${k}`);
        close(v.step![i], v.grad![i] + 0.9 * (0.9 * v.moment![i] + v.grad![i]), `step ${i} at ${k}`);
      }
    }
  });

  it('Adagrad: each coordinate steps its step size times g; the glyph is the step sizes times |∇f|', () => {
    const t = run('adagrad', { lr: 0.5 });
    for (let k = 0; k < 60; k++) {
      const v = inspectVectors(t, k)!;
      const g = [t.grad[2 * k], t.grad[2 * k + 1]];
      const norm = Math.hypot(g[0], g[1]);
      for (const i of [0, 1]) {
        close(v.step![i], -t.effectiveLr[2 * k + 2 + i] * g[i], `step ${i} at ${k}`);
        close(v.glyph![i], t.effectiveLr[2 * k + 2 + i] * norm, `glyph ${i} at ${k}`);
      }
    }
    // Adagrad's step sizes only shrink.
    const first = inspectVectors(t, 0)!.glyph!;
    const later = inspectVectors(t, 50)!.glyph!;
    const g0 = Math.hypot(t.grad[0], t.grad[1]);
    const g50 = Math.hypot(t.grad[100], t.grad[101]);
    expect(later[0] / g50).toBeLessThan(first[0] / g0);
  });

  it('Adam: each coordinate steps its step size times the next m̂; the velocity arrow is −γ m̂', () => {
    const t = run('adam', { lr: 0.1 });
    for (let k = 1; k < 59; k++) {
      const now = inspectVectors(t, k)!;
      const next = inspectVectors(t, k + 1)!;
      for (const i of [0, 1]) {
        // next.moment = −γ m̂_{k+1}; the step from k is −(γ/(√v̂+ε)) m̂_{k+1}
        close(now.step![i], (t.effectiveLr[2 * k + 2 + i] / 0.1) * next.moment![i], `${i} at ${k}`);
      }
    }
  });
});

describe('symbolRows', () => {
  it("lists the gradient, torch's state tensors, m̂, the step size and the step, each linked to its mark", () => {
    const t = run('adam', { lr: 0.1, amsgrad: true });
    const rows = symbolRows(t, 10);
    expect(rows.map((r) => r.symbol)).toEqual(['g', 'm', 'v', 'max v', 'm̂', 'γ/(√v̂ + ε)', 'Δθ']);
    expect(rows.map((r) => r.mark)).toEqual(['grad', 'moment', 'glyph', 'glyph', 'moment', 'glyph', 'step']);
    expect(rows[1].value).toEqual([t.state.expAvg[20], t.state.expAvg[21]]);
    expect(rows[5].value).toEqual([t.effectiveLr[22], t.effectiveLr[23]]);
    expect(rows[6].value).toEqual([t.x[11] - t.x[10], t.y[11] - t.y[10]]);
  });

  it('SGD with Nesterov lists b and θ; plain SGD only g, γ and Δθ; at the last step no step rows', () => {
    expect(symbolRows(run('nesterov'), 5).map((r) => r.symbol)).toEqual(['g', 'b', 'θ', 'γ', 'Δθ']);
    expect(symbolRows(run('sgd'), 5).map((r) => r.symbol)).toEqual(['g', 'γ', 'Δθ']);
    expect(symbolRows(run('sgd'), 60).map((r) => r.symbol)).toEqual(['g']);
    expect(symbolRows(run('rmsprop', { momentum: 0.5, centered: true }), 5).map((r) => r.symbol)).toEqual(['g', 'v', 'b', 'ḡ', 'γ/d', 'Δθ']);
    expect(symbolRows(run('nadam'), 5).map((r) => r.symbol)).toEqual(['g', 'm', 'v', 'γ/d', 'Δθ']);
  });
});

describe('arrowScale', () => {
  it('leaves readable arrows alone and brings tiny or huge ones back by 1, 2 or 5 times a power of ten', () => {
    expect(arrowScale([20, 30, 40], 400)).toBe(1);
    expect(arrowScale([0.5, 0.8, 1], 400)).toBe(50);
    expect(arrowScale([5, 6, 7], 400)).toBe(5);
    expect(arrowScale([10, 12, 13], 400)).toBe(2);
    expect(arrowScale([0.002, 0.003], 400)).toBe(10000);
    expect(arrowScale([500, 900, 2000], 400)).toBe(0.1);
    expect(arrowScale([300, 300], 400)).toBe(0.2);
    // The median lands within the readable band.
    for (const m of [0.0007, 0.013, 3, 9.9, 150, 7000]) {
      const f = arrowScale([m], 600);
      expect(m * f).toBeGreaterThanOrEqual(24 - 1e-9);
      if (f !== 1) expect(m * f).toBeLessThanOrEqual(600 / 3 * 2.5);
    }
    expect(arrowScale([], 400)).toBe(1);
    expect(arrowScale([0, NaN], 400)).toBe(1);
  });
});
