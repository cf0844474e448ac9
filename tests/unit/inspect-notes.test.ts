/**
 * The inner-state view's "what to look at" texts (src/i18n/en-inspect.ts, ko.ts) make claims
 * about what each rule's marks do; these tests run the rules on the ravine (its start, the
 * default race's learning rates) and check every claim, as the surfaces' stories are checked.
 */
import { describe, expect, it } from 'vitest';
import { surfaces, trajectory } from '../../src/core/index';
import { symbolRows } from '../../src/render/inspect';
import type { PresetId } from '../../src/core/index';
import { inspectVectors, type RecordedTrajectory } from '../../src/render/inspect';

const { start } = surfaces.ravine;
const run = (optimizer: PresetId, lr: number, steps = 200, hyper: Record<string, number> = {}): RecordedTrajectory =>
  trajectory({ surface: 'ravine', optimizer, hyper: { lr, ...hyper }, start, steps, record: 'state' });
/** Angle of a vector from the valley's axis (x), in degrees, 0 to 90. */
const fromValley = (x: number, y: number) => (Math.atan2(Math.abs(y), Math.abs(x)) * 180) / Math.PI;
const pair = (a: Float64Array, i: number) => [a[2 * i], a[2 * i + 1]] as const;

describe('what the inner-state view says to look at, checked on the ravine', () => {
  it('SGD: the step taken is the gradient arrow, and it points across the valley more than along it', () => {
    const t = run('sgd', 0.19);
    for (let k = 0; k < 30; k++) {
      const v = inspectVectors(t, k)!;
      // (θₖ₊₁ − θₖ, as the path has it, rounds differently from −γg in the last bits of θ.)
      for (const i of [0, 1]) expect(Math.abs(v.step![i] - v.grad![i])).toBeLessThan(1e-13 * (1 + Math.abs(v.at[i])));
    }
    expect(fromValley(...pair(t.grad, 0))).toBeGreaterThan(80);
  });

  it('Momentum: after a few steps the velocity points along the valley while the gradient points across it', () => {
    const t = run('momentum', 0.01);
    for (const k of [10, 20, 40]) {
      expect(fromValley(...pair(t.state.momentumBuffer, k)), `b at ${k}`).toBeLessThan(25);
      expect(fromValley(...pair(t.grad, k)), `g at ${k}`).toBeGreaterThan(65);
    }
  });

  it('Nesterov: θ is behind the head, on the side the run came from', () => {
    const t = run('nesterov', 0.01);
    for (const k of [5, 20, 60]) {
      const v = inspectVectors(t, k)!;
      // The run moves towards +x (the minimum at the origin); θ lies at smaller x.
      expect(v.theta![0], `at ${k}`).toBeLessThan(v.at[0]);
    }
  });

  it("Adagrad: the flat coordinate's step size is the larger (the ellipse stretches along it), and both only shrink", () => {
    const t = run('adagrad', 1);
    let last = [Infinity, Infinity];
    for (let k = 1; k <= 200; k++) {
      const [ex, ey] = pair(t.effectiveLr, k);
      expect(ex).toBeGreaterThan(5 * ey);
      expect(ex).toBeLessThanOrEqual(last[0]);
      expect(ey).toBeLessThanOrEqual(last[1]);
      last = [ex, ey];
    }
  });

  it('Adadelta: ε sets the first steps (about 0.003), and the step sizes grow as u does', () => {
    const t = run('adadelta', 1);
    const first = Math.hypot(t.x[1] - t.x[0], t.y[1] - t.y[0]);
    expect(first).toBeGreaterThan(0.002);
    expect(first).toBeLessThan(0.005);
    expect(t.effectiveLr[2 * 200]).toBeGreaterThan(t.effectiveLr[2]);
  });

  it("RMSprop: the flat coordinate's step size is the larger, and it grows again (a leaky average, not Adagrad's sum)", () => {
    const t = run('rmsprop', 0.1);
    const ex = (k: number) => t.effectiveLr[2 * k];
    for (let k = 1; k <= 200; k++) expect(ex(k)).toBeGreaterThan(t.effectiveLr[2 * k + 1]);
    expect(ex(200)).toBeGreaterThan(Math.min(...Array.from({ length: 200 }, (_, i) => ex(i + 1))) * 1.1);
  });

  it('Adam: early on each coordinate steps about γ, though the gradients differ more than tenfold', () => {
    const t = run('adam', 0.1);
    for (let k = 0; k < 5; k++) {
      const [gx, gy] = pair(t.grad, k);
      expect(Math.abs(gy / gx)).toBeGreaterThan(10);
      for (const d of [t.x[k + 1] - t.x[k], t.y[k + 1] - t.y[k]]) {
        expect(Math.abs(d)).toBeGreaterThan(0.09);
        expect(Math.abs(d)).toBeLessThan(0.11);
      }
    }
  });

  it('RAdam: a circle for the first five steps (the same step size in x and y, γ), then scaled per coordinate', () => {
    const t = run('radam', 0.1);
    for (let k = 1; k <= 5; k++) expect(pair(t.effectiveLr, k)).toEqual([0.1, 0.1]);
    const [ex, ey] = pair(t.effectiveLr, 6);
    expect(ex).not.toBe(ey);
    expect(ex).toBeLessThan(0.1);
  });

  it("Rprop: each coordinate moves by its step size Δ (the glyph's half-axes), Δ grows while the sign holds and shrinks on a flip, after which that coordinate stands still", () => {
    const t = run('rprop', 0.05);
    let flips = 0;
    for (let k = 1; k < 199; k++) {
      const v = inspectVectors(t, k)!;
      const [dx, dy] = pair(t.effectiveLr, k + 1);
      expect(v.glyph).toEqual([dx, dy]);
      for (const i of [0, 1] as const) {
        // Step k + 1 takes the gradient at θₖ and compares it with gₜ₋₁ as step k left it.
        const g1 = t.grad[2 * k + i];
        const prev = t.state.prev[2 * k + i];
        const before = t.effectiveLr[2 * k + i];
        const after = t.effectiveLr[2 * k + 2 + i];
        const moved = Math.abs(v.step![i]);
        if (g1 * prev < 0) {
          // A flip: Δ shrinks by η₋, and the coordinate does not move this step.
          flips++;
          expect(after).toBeCloseTo(Math.max(before * 0.5, 1e-6), 15);
          expect(moved).toBe(0);
        } else if (g1 * prev > 0) {
          expect(after).toBeCloseTo(Math.min(before * 1.2, 50), 12);
          expect(moved).toBeCloseTo(after, 12);
        }
      }
    }
    expect(flips).toBeGreaterThan(5);
  });

  it('ASGD: the ring ā is the iterate itself before t₀, and the average of the iterates after it', () => {
    const t = run('asgd', 0.05, 100, { t0: 20 });
    // μₜ = 1 / max(1, t − 1 − t₀): ā is the iterate up to step t₀ + 2, then their running mean.
    for (const k of [5, 20, 22]) expect(inspectVectors(t, k)!.average).toEqual([t.x[k], t.y[k]]);
    const k = 60;
    let mx = 0;
    let my = 0;
    for (let i = 22; i <= k; i++) [mx, my] = [mx + t.x[i], my + t.y[i]];
    const avg = inspectVectors(t, k)!.average!;
    expect(avg[0]).toBeCloseTo(mx / (k - 21), 12);
    expect(avg[1]).toBeCloseTo(my / (k - 21), 12);
    expect(Math.hypot(avg[0] - t.x[k], avg[1] - t.y[k])).toBeGreaterThan(0.1);
    expect(symbolRows(t, k).find((r) => r.symbol === 'ā')?.mark).toBe('average');
  });

  it('Lion: every coordinate moves by exactly γ (the glyph\'s half-axes), as far along the flat floor as down the steep wall', () => {
    const t = run('lion', 0.05);
    for (let k = 0; k < 200; k++) {
      const v = inspectVectors(t, k)!;
      for (const i of [0, 1] as const) {
        const moved = Math.abs(v.step![i]);
        // 0 only where the sign's argument is exactly 0 (never here).
        expect(moved, `step ${k}, coordinate ${i}`).toBeCloseTo(0.05, 12);
      }
      if (k >= 1) expect(v.glyph).toEqual([0.05, 0.05]);
    }
  });

  it('AdaBelief: a circle for its first five steps (rectified as RAdam), then the steady coordinate steps out', () => {
    const t = run('adabelief', 0.1);
    for (let k = 1; k <= 5; k++) expect(pair(t.effectiveLr, k)).toEqual([0.1, 0.1]);
    const [ex, ey] = pair(t.effectiveLr, 6);
    expect(ex).not.toBe(ey);
  });

  it('Yogi: v moves towards g² by (1 − β₂)g² a step, whatever the gap; v starts at 1e-6', () => {
    const t = run('yogi', 0.1);
    let v = 1e-6;
    for (let k = 1; k <= 200; k++) {
      const g = t.grad[2 * (k - 1)];
      const next = t.state.expAvgSq[2 * k];
      expect(Math.abs(next - v)).toBeCloseTo(0.001 * g * g, 15);
      expect(Math.sign(next - v)).toBe(Math.sign(g * g - v) || Math.sign(next - v));
      v = next;
    }
  });

  it("Adan: the step is γ/(√n̂ + ε) times m̂ plus β₂ times d's own bias-corrected average", () => {
    const t = run('adan', 0.1);
    for (const k of [1, 2, 10, 50]) {
      const i = 0;
      const m = t.state.expAvg[2 * k + i] / (1 - 0.98 ** k);
      const d = t.state.expAvgDiff[2 * k + i] / (1 - 0.92 ** k);
      const eta = t.effectiveLr[2 * k + i];
      expect(t.x[k] - t.x[k - 1]).toBeCloseTo(-eta * (m + 0.92 * d), 12);
    }
    // At step 1 the gradient has not changed yet: d is 0.
    expect(pair(t.state.expAvgDiff, 1)).toEqual([0, 0]);
  });

  it('schedule-free AdamW: the path is y = β₁x + (1 − β₁)z, the ring is x', () => {
    const t = run('schedule-free-adamw', 0.1);
    for (const k of [1, 10, 100]) {
      const x = pair(t.state.x, k);
      const z = pair(t.state.z, k);
      expect(t.x[k]).toBeCloseTo(0.9 * x[0] + 0.1 * z[0], 12);
      expect(t.y[k]).toBeCloseTo(0.9 * x[1] + 0.1 * z[1], 12);
      expect(inspectVectors(t, k)!.average).toEqual(x);
    }
  });
});
