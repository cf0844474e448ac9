/**
 * The inner-state view's "what to look at" texts (src/i18n/en-inspect.ts, ko.ts) make claims
 * about what each rule's marks do; these tests run the rules on the ravine (its start, the
 * default race's learning rates) and check every claim, as the surfaces' stories are checked.
 */
import { describe, expect, it } from 'vitest';
import { surfaces, trajectory } from '../../src/core/index';
import type { PresetId } from '../../src/core/index';
import { inspectVectors, type RecordedTrajectory } from '../../src/render/inspect';

const { start } = surfaces.ravine;
const run = (optimizer: PresetId, lr: number, steps = 200): RecordedTrajectory =>
  trajectory({ surface: 'ravine', optimizer, hyper: { lr }, start, steps, record: 'state' });
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
});
