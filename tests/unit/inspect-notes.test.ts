/**
 * The inner-state view's "what to look at" texts (src/i18n/en-inspect.ts, ko.ts) make claims
 * about what each rule's marks do; these tests run the rules on the ravine (its start, the
 * default race's learning rates) and check every claim, as the surfaces' stories are checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { surfaces, trajectory } from '../../src/core/index';
import { loadExpressions } from '../../src/core/expression/load';
import { symbolRows } from '../../src/render/inspect';
import type { PresetId } from '../../src/core/index';
import { inspectVectors, type RecordedTrajectory } from '../../src/render/inspect';

const { start } = surfaces.ravine;
const run = (optimizer: PresetId, lr: number, steps = 200, hyper: Record<string, number | boolean> = {}): RecordedTrajectory =>
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

  describe('the whole-vector rules', () => {
    // Newton's rules take the Hessian of a catalog surface from the expression compiler.
    beforeAll(async () => {
      await loadExpressions();
    });
    /** The x and y of evaluation i. */
    const evaluated = (t: RecordedTrajectory, i: number) => [t.evaluations!.x[i], t.evaluations!.y[i]] as const;

    it("L-BFGS: the first call takes 10 evaluations, joined as dots from the head, to within 2e-7 of the minimum; the later calls stop at once (gᵀd under toleranceChange): no more dots", () => {
      const t = run('lbfgs', 1);
      const e = t.evaluations!;
      expect(e.start[1] - e.start[0]).toBe(10);
      const probes = inspectVectors(t, 0)!.probes!;
      expect(probes).toHaveLength(10);
      probes.forEach((p, i) => expect(p).toEqual(evaluated(t, i)));
      expect(Math.hypot(t.x[1], t.y[1])).toBeLessThan(2e-7);
      // Not converged by the loop's test (|∇f| < 1e-8): torch's LBFGS stops on gᵀd > −1e-9.
      expect(Math.hypot(...pair(t.grad, 1))).toBeGreaterThan(1e-8);
      const d = pair(t.state.d, 2);
      expect(t.grad[2] * d[0] + t.grad[3] * d[1]).toBeGreaterThan(-1e-9);
      expect(e.start[200]).toBe(10);
      for (const k of [1, 2, 100]) {
        expect(inspectVectors(t, k)!.probes).toBeUndefined();
        expect([t.x[k + 1], t.y[k + 1]]).toEqual([t.x[1], t.y[1]]);
        expect(pair(t.effectiveLr, k + 1)).toEqual([0, 0]);
      }
    });

    it('L-BFGS with strongWolfe: the trial points lie on the line of their direction, and with maxIter 1 the step ends on one of them', () => {
      const check = (t: RecordedTrajectory, steps: number) => {
        let several = 0;
        for (let k = 0; k < steps; k++) {
          const probes = inspectVectors(t, k)!.probes ?? [];
          if (probes.length > 1) several++;
          // One iteration a step: its direction is the d recorded after it.
          const d = pair(t.state.d, k + 1);
          const [x0, y0] = [t.x[k], t.y[k]];
          for (const [px, py] of probes) {
            const cross = (px - x0) * d[1] - (py - y0) * d[0];
            expect(Math.abs(cross), `step ${k}`).toBeLessThanOrEqual(1e-12 * Math.hypot(px - x0, py - y0) * Math.hypot(...d) + 1e-300);
            // Ahead along d, not behind.
            expect((px - x0) * d[0] + (py - y0) * d[1]).toBeGreaterThan(0);
          }
          if (probes.length) expect(probes.some(([px, py]) => px === t.x[k + 1] && py === t.y[k + 1]), `step ${k}`).toBe(true);
        }
        return several;
      };
      expect(check(run('lbfgs', 1, 30, { maxIter: 1, strongWolfe: true }), 30)).toBeGreaterThanOrEqual(1);
      // The story's run (Rosenbrock): more line searches of two and three trials.
      const story = trajectory({ surface: 'rosenbrock', optimizer: 'lbfgs', hyper: { maxIter: 1, strongWolfe: true }, start: [-1.2, 1], steps: 100, record: 'state' });
      expect(check(story, 33)).toBeGreaterThan(5);
      // With more inner iterations a call's dots are a path of iterates and trials, not one line.
      const long = run('lbfgs', 1, 3, { strongWolfe: true });
      const probes = inspectVectors(long, 0)!.probes!;
      const [x0, y0] = [long.x[0], long.y[0]];
      const crosses = probes.map(([px, py]) => Math.abs((px - x0) * (probes[0][1] - y0) - (py - y0) * (probes[0][0] - x0)));
      expect(Math.max(...crosses)).toBeGreaterThan(0.1);
    });

    it('Adafactor: the first step moves each coordinate by exactly α = RMS(θ₀)·γ, the ellipse stretches along the flat coordinate, and the step sizes shrink towards the origin as α = max(ε₂, RMS(θ))·min(γ, 1/√t)', () => {
      const t = run('adafactor', 0.1);
      const rms0 = Math.hypot(...start) / Math.SQRT2;
      expect(rms0 * 0.1).toBeCloseTo(0.645, 3);
      expect(Math.abs(t.x[1] - t.x[0])).toBeCloseTo(rms0 * 0.1, 12);
      expect(Math.abs(t.y[1] - t.y[0])).toBeCloseTo(rms0 * 0.1, 12);
      for (let k = 1; k <= 200; k++) {
        const [ex, ey] = pair(t.effectiveLr, k);
        expect(ex, `step ${k}`).toBeGreaterThan(ey);
        if (k > 1) expect(ex, `step ${k}`).toBeLessThan(t.effectiveLr[2 * k - 2]);
        // α / (max(1, RMS(u)/d) max(√v, ε₁)): u = g / max(√v, ε₁), g the gradient step k took.
        const v = pair(t.state.variance, k);
        const g = pair(t.grad, k - 1);
        const root = v.map((vi) => Math.max(Math.sqrt(vi), 2 ** -52));
        const clip = Math.max(1, Math.hypot(g[0] / root[0], g[1] / root[1]) / Math.SQRT2);
        const alpha = Math.max(1e-3, Math.hypot(t.x[k - 1], t.y[k - 1]) / Math.SQRT2) * Math.min(0.1, 1 / Math.sqrt(k));
        for (const i of [0, 1]) expect(t.effectiveLr[2 * k + i] * clip * root[i] / alpha, `step ${k}`).toBeCloseTo(1, 12);
        if (k < 200) expect(inspectVectors(t, k)!.glyph).toBeDefined();
      }
      expect(t.effectiveLr[400]).toBeLessThan(t.effectiveLr[2] / 5);
    });

    it("Newton: on the ravine the minimum in one step (the step is −γd); on the saddle it lands on the saddle (0, 0) and stays", () => {
      const t = run('newton', 1, 5);
      expect(Math.hypot(t.x[1], t.y[1])).toBeLessThan(1e-12);
      const rows = symbolRows(t, 0);
      const d = rows.find((r) => r.symbol === 'd')!;
      expect(d.mark).toBe('step');
      expect(d.value).toEqual(pair(t.state.direction, 1));
      const v = inspectVectors(t, 0)!;
      for (const i of [0, 1]) expect(v.step![i]).toBeCloseTo(-d.value[i], 12);
      const saddle = trajectory({ surface: 'saddle', optimizer: 'newton', hyper: { lr: 1 }, start: surfaces.saddle.start, steps: 5, record: 'state' });
      for (const k of [1, 2, 5]) expect([saddle.x[k], saddle.y[k]]).toEqual([0, 0]);
      expect(surfaces.saddle.critical.find((c) => c.x === 0 && c.y === 0)?.kind).toBe('saddle');
    });

    it("Saddle-free Newton: Newton's step where f curves up (the ravine); on the saddle x goes to 0 but y doubles, away from the saddle", () => {
      const t = run('saddle-free-newton', 1, 5);
      const newton = run('newton', 1, 5);
      expect(Math.abs(t.x[1] - newton.x[1])).toBeLessThan(1e-12);
      expect(Math.abs(t.y[1] - newton.y[1])).toBeLessThan(1e-12);
      const saddle = trajectory({ surface: 'saddle', optimizer: 'saddle-free-newton', hyper: { lr: 1 }, start: surfaces.saddle.start, steps: 5, record: 'state' });
      expect(Math.abs(saddle.x[1])).toBeLessThan(1e-15);
      for (let k = 1; k <= 5; k++) expect(saddle.y[k]).toBeCloseTo(2 * saddle.y[k - 1], 14);
      // Newton's first step from the same start lands on the saddle instead.
      const into = trajectory({ surface: 'saddle', optimizer: 'newton', hyper: { lr: 1 }, start: surfaces.saddle.start, steps: 1 });
      expect([into.x[1], into.y[1]]).toEqual([0, 0]);
    });

    it("SAM: the dot is θ + ε, ρ from the head up the gradient; the step is −γ∇f there; on the ravine at SGD's lr the zig-zag holds at ±0.95 while SGD's dies out, and along the valley SAM keeps pace with SGD", () => {
      const t = run('sam', 0.19);
      const sgd = run('sgd', 0.19);
      const out = new Float64Array(2);
      for (let k = 0; k < 200; k++) {
        const probes = inspectVectors(t, k)!.probes!;
        expect(probes).toHaveLength(1);
        const [px, py] = probes[0];
        const [gx, gy] = pair(t.grad, k);
        const [ex, ey] = [px - t.x[k], py - t.y[k]];
        expect(Math.hypot(ex, ey), `step ${k}`).toBeCloseTo(0.05, 12);
        expect(Math.abs(ex * gy - ey * gx)).toBeLessThan(1e-12 * Math.hypot(gx, gy));
        expect(ex * gx + ey * gy).toBeGreaterThan(0);
        surfaces.ravine.grad(px, py, out);
        expect(t.x[k + 1] - t.x[k]).toBeCloseTo(-0.19 * out[0], 12);
        expect(t.y[k + 1] - t.y[k]).toBeCloseTo(-0.19 * out[1], 12);
        expect(symbolRows(t, k).find((r) => r.symbol === 'θ + ε')).toEqual({ symbol: 'θ + ε', value: [px, py], mark: 'probes' });
        expect(Math.abs(t.x[k] - sgd.x[k])).toBeLessThan(0.01);
      }
      for (let k = 100; k <= 200; k++) {
        expect(Math.abs(t.y[k])).toBeCloseTo(0.95, 3);
        expect(Math.sign(t.y[k])).toBe(-Math.sign(t.y[k - 1]));
        expect(Math.abs(sgd.y[k])).toBeLessThan(1e-3);
      }
      // The fixed point: |y| = γλρ / (2 − γλ), λ = 10 the ravine's steep curvature.
      expect((0.19 * 10 * 0.05) / (2 - 0.19 * 10)).toBeCloseTo(0.95, 12);
    });
  });
});
