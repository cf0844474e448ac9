/**
 * The inner-state view's marks (src/render/inspect.ts), checked against what each rule's update
 * says they must add up to, at every step of real runs: plain SGD steps exactly along −γ∇f;
 * Momentum's step is μ times the velocity arrow plus the gradient arrow; Nesterov's θ sits μ
 * velocity arrows behind the head; Adagrad's and Adam's steps are their step sizes times g or m̂;
 * the glyph's half-axes are the step sizes times |∇f|.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trajectory, type PresetId } from '../../src/core/index';
import { loadExpressions } from '../../src/core/expression/load';
import { arrowScale, hasGlyph, inspectVectors, marksOf, probeRange, symbolRows, type RecordedTrajectory } from '../../src/render/inspect';

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

describe('the whole-vector rules (L-BFGS, Adafactor, Newton, saddle-free Newton, SAM)', () => {
  beforeAll(async () => {
    await loadExpressions();
  });
  const whole = (optimizer: PresetId, hyper: Record<string, number | boolean> = {}, steps = 30): RecordedTrajectory =>
    trajectory({ surface: 'rosenbrock', optimizer, hyper, start: [-1.2, 1], steps, record: 'state' });

  it("no glyph where the step size is one number for both coordinates (L-BFGS's t, γ); Adafactor's is per coordinate", () => {
    for (const id of ['lbfgs', 'newton', 'saddle-free-newton', 'sam'] as const) {
      const t = whole(id, id === 'sam' ? { lr: 0.002 } : {});
      for (let k = 0; k < 10; k++) expect(inspectVectors(t, k)!.glyph, `${id} at ${k}`).toBeUndefined();
      expect(marksOf([t]).has('glyph'), id).toBe(false);
    }
    const t = whole('adafactor', { lr: 0.1 });
    const g = Math.hypot(t.grad[20], t.grad[21]);
    expect(inspectVectors(t, 10)!.glyph).toEqual([t.effectiveLr[22] * g, t.effectiveLr[23] * g]);
    expect(marksOf([t]).has('glyph')).toBe(true);
    // (So the step sizes' chart lists Adafactor alone of the five.)
    expect(['lbfgs', 'adafactor', 'newton', 'saddle-free-newton', 'sam'].map((id) => hasGlyph(whole(id as PresetId, {}, 2)))).toEqual([false, true, false, false, false]);
  });

  it('probes: the points step k → k + 1 evaluated, in order, from evaluations.start[k] to start[k + 1]; a mark of the runs that record any', () => {
    const t = whole('lbfgs', { maxIter: 1, strongWolfe: true }, 100);
    const e = t.evaluations!;
    for (let k = 0; k < 100; k++) {
      const [from, to] = probeRange(t, k)!;
      expect([from, to]).toEqual([e.start[k], e.start[k + 1]]);
      const probes = inspectVectors(t, k)!.probes;
      if (from === to) expect(probes).toBeUndefined();
      else expect(probes).toEqual(Array.from({ length: to - from }, (_, i) => [e.x[from + i], e.y[from + i]]));
    }
    // At the last iterate no next step: no probes.
    expect(probeRange(t, 100)).toBeUndefined();
    expect(inspectVectors(t, 100)!.probes).toBeUndefined();
    expect(marksOf([t]).has('probes')).toBe(true);
    expect(marksOf([whole('sam', { lr: 0.002 })]).has('probes')).toBe(true);
    // Newton and Adafactor evaluate nothing besides their iterates; L-BFGS with one inner iteration and no line search neither.
    for (const t of [whole('newton'), whole('adafactor'), whole('lbfgs', { maxIter: 1 })]) {
      expect(t.evaluations!.x).toHaveLength(0);
      expect(marksOf([t]).has('probes')).toBe(false);
    }
  });

  it("symbolRows: d and the step size of the next step (L-BFGS's t, Newton's γ), Adafactor's v and αû/g, SAM's θ + ε linked to the probes", () => {
    const symbols = (t: RecordedTrajectory, k: number) => symbolRows(t, k).map((r) => [r.symbol, r.mark]);
    const lbfgs = whole('lbfgs', { maxIter: 1, strongWolfe: true });
    expect(symbols(lbfgs, 5)).toEqual([['g', 'grad'], ['d', 'step'], ['t', undefined], ['Δθ', 'step']]);
    // One inner iteration: Δθ = t d, d and t those of the next step (recorded after it).
    const rows = symbolRows(lbfgs, 5);
    expect(rows[1].value).toEqual([lbfgs.state.d[12], lbfgs.state.d[13]]);
    expect(rows[2].value).toEqual([lbfgs.effectiveLr[12], lbfgs.effectiveLr[13]]);
    for (const i of [0, 1]) close(rows[3].value[i], rows[2].value[i] * rows[1].value[i], `Δθ = t d (${i})`);
    // More inner iterations: d is the last one's, not the step's direction.
    expect(symbols(whole('lbfgs'), 0)[1]).toEqual(['d', undefined]);
    // The last iterate: no next step, no d.
    expect(symbols(lbfgs, 30)).toEqual([['g', 'grad']]);

    expect(symbols(whole('adafactor', { lr: 0.1 }), 5)).toEqual([['g', 'grad'], ['v', 'glyph'], ['αû/g', 'glyph'], ['Δθ', 'step']]);

    for (const id of ['newton', 'saddle-free-newton'] as const) {
      const t = whole(id, { damping: 1 });
      expect(symbols(t, 3)).toEqual([['g', 'grad'], ['d', 'step'], ['γ', undefined], ['Δθ', 'step']]);
      const [, d, , step] = symbolRows(t, 3);
      for (const i of [0, 1]) close(step.value[i], -d.value[i], `${id}: Δθ = −γd (${i})`);
    }

    const sam = whole('sam', { lr: 0.002 });
    expect(symbols(sam, 5)).toEqual([['g', 'grad'], ['θ + ε', 'probes'], ['γ', undefined], ['Δθ', 'step']]);
    expect(symbolRows(sam, 5)[1].value).toEqual([sam.evaluations!.x[5], sam.evaluations!.y[5]]);
    expect(symbols(whole('sam', { lr: 0.002, momentum: 0.9, nesterov: true }), 5)).toEqual([
      ['g', 'grad'], ['b', 'moment'], ['θ', 'theta'], ['θ + ε', 'probes'], ['γ', undefined], ['Δθ', 'step'],
    ]);
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
