/**
 * The Adam family keeps β^t as running products and flushes them to 0 once 1 − β^t is exactly 1
 * (POWER_FLUSH in adam.ts). These tests run a million steps against reference loops written
 * here that keep the products unflushed (the rules as they were before the flush, statement for
 * statement) and require the same iterates bit for bit, through every variant trajectory() has:
 * the compiled inlined loop, the shared loop used under a strict CSP, and the generic `step`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getPreset, resolveHyper, type PresetId } from '../../src/core/optimizers/index';
import { POWER_FLUSH } from '../../src/core/optimizers/adam';
import { trajectory } from '../../src/core/index';
import { useSharedLoop } from '../../src/core/trajectory';
import { surfaces } from '../../surfaces/index';

const STEPS = 1_000_000;
const START: [number, number] = [-1.5, 2];
const SMALLEST_NORMAL = 2 ** -1022;

type H = Record<string, number | boolean>;
/** One step of the reference rule; `s` holds its state, products unflushed. */
type RefStep = (p: number[], g: number[], s: Float64Array, t: number, h: H) => void;
interface Reference {
  init(s: Float64Array, h: H): void;
  stateSize: number;
  step: RefStep;
  /** State slots holding running products (checked to have gone subnormal or to 0). */
  products: number[];
}

const n = 2;
const num = (h: H, k: string) => h[k] as number;

function adamRef(decoupled: boolean): Reference {
  return {
    stateSize: 3 * n + 2,
    products: [3 * n, 3 * n + 1],
    init(s) {
      s[3 * n] = 1;
      s[3 * n + 1] = 1;
    },
    step(p, g, s, _t, h) {
      const [lr, beta1, beta2, eps, weightDecay] = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'].map((k) => num(h, k));
      const b1t = s[3 * n] * beta1;
      const b2t = s[3 * n + 1] * beta2;
      s[3 * n] = b1t;
      s[3 * n + 1] = b2t;
      const bc1 = 1 - b1t;
      const bc2Sqrt = Math.sqrt(1 - b2t);
      const stepSize = lr / bc1;
      for (let i = 0; i < n; i++) {
        let gi = h.maximize ? -g[i] : g[i];
        if (weightDecay !== 0) {
          if (decoupled) p[i] *= 1 - lr * weightDecay;
          else gi += weightDecay * p[i];
        }
        const m = s[i] + (1 - beta1) * (gi - s[i]);
        const v = beta2 * s[n + i] + (1 - beta2) * gi * gi;
        s[i] = m;
        s[n + i] = v;
        let vHat = v;
        if (h.amsgrad) {
          vHat = Math.max(s[2 * n + i], v);
          s[2 * n + i] = vHat;
        }
        const denom = Math.sqrt(vHat) / bc2Sqrt + eps;
        p[i] -= (stepSize * m) / denom;
      }
    },
  };
}

const adamaxRef: Reference = {
  stateSize: 2 * n + 1,
  products: [2 * n],
  init(s) {
    s[2 * n] = 1;
  },
  step(p, g, s, _t, h) {
    const [lr, beta1, beta2, eps, weightDecay] = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'].map((k) => num(h, k));
    const b1t = s[2 * n] * beta1;
    s[2 * n] = b1t;
    const clr = lr / (1 - b1t);
    for (let i = 0; i < n; i++) {
      let gi = h.maximize ? -g[i] : g[i];
      if (weightDecay !== 0) gi += weightDecay * p[i];
      const m = s[i] + (1 - beta1) * (gi - s[i]);
      s[i] = m;
      const u = Math.max(beta2 * s[n + i], Math.abs(gi) + eps);
      s[n + i] = u;
      p[i] -= (clr * m) / u;
    }
  },
};

const nadamRef: Reference = {
  stateSize: 2 * n + 4,
  products: [2 * n, 2 * n + 1],
  init(s, h) {
    s[2 * n] = 1;
    s[2 * n + 1] = 1;
    s[2 * n + 2] = 1;
    s[2 * n + 3] = 0.96 ** num(h, 'momentumDecay');
  },
  step(p, g, s, _t, h) {
    const [lr, beta1, beta2, eps, weightDecay] = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'].map((k) => num(h, k));
    const beta2t = s[2 * n + 1] * beta2;
    const decay = s[2 * n + 2] * s[2 * n + 3];
    s[2 * n + 1] = beta2t;
    s[2 * n + 2] = decay;
    const bc2 = 1 - beta2t;
    const mu = beta1 * (1 - 0.5 * decay);
    const muNext = beta1 * (1 - 0.5 * decay * s[2 * n + 3]);
    const muProduct = s[2 * n] * mu;
    s[2 * n] = muProduct;
    const gradCoef = (lr * (1 - mu)) / (1 - muProduct);
    const mCoef = (lr * muNext) / (1 - muProduct * muNext);
    for (let i = 0; i < n; i++) {
      let gi = h.maximize ? -g[i] : g[i];
      if (weightDecay !== 0) {
        if (h.decoupledWeightDecay) p[i] *= 1 - lr * weightDecay;
        else gi += weightDecay * p[i];
      }
      const m = s[i] + (1 - beta1) * (gi - s[i]);
      const v = beta2 * s[n + i] + (1 - beta2) * gi * gi;
      s[i] = m;
      s[n + i] = v;
      const d = Math.sqrt(v / bc2) + eps;
      p[i] -= (gradCoef * gi) / d;
      p[i] -= (mCoef * m) / d;
    }
  },
};

const radamRef: Reference = {
  stateSize: 2 * n + 2,
  products: [2 * n, 2 * n + 1],
  init(s) {
    s[2 * n] = 1;
    s[2 * n + 1] = 1;
  },
  step(p, g, s, t, h) {
    const [lr, beta1, beta2, eps, weightDecay] = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay'].map((k) => num(h, k));
    const b1t = s[2 * n] * beta1;
    const beta2t = s[2 * n + 1] * beta2;
    s[2 * n] = b1t;
    s[2 * n + 1] = beta2t;
    const bc1 = 1 - b1t;
    const bc2 = 1 - beta2t;
    const rhoInf = 2 / (1 - beta2) - 1;
    const rhoT = rhoInf - (2 * t * beta2t) / bc2;
    const rect =
      rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
    const bc2Sqrt = Math.sqrt(bc2);
    for (let i = 0; i < n; i++) {
      let gi = h.maximize ? -g[i] : g[i];
      if (weightDecay !== 0) {
        if (h.decoupledWeightDecay) p[i] *= 1 - lr * weightDecay;
        else gi += weightDecay * p[i];
      }
      const m = s[i] + (1 - beta1) * (gi - s[i]);
      const v = beta2 * s[n + i] + (1 - beta2) * gi * gi;
      s[i] = m;
      s[n + i] = v;
      const mHat = m / bc1;
      if (rhoT > 5) p[i] += mHat * lr * (bc2Sqrt / (Math.sqrt(v) + eps)) * rect * -1;
      else p[i] += mHat * lr * -1;
    }
  },
};

const references: Record<string, Reference> = {
  adam: adamRef(false),
  amsgrad: adamRef(false),
  adamw: adamRef(true),
  adamax: adamaxRef,
  nadam: nadamRef,
  radam: radamRef,
};

/** The reference run: trajectory()'s loop (gradient, step, record) without its checks. */
function referenceRun(id: string, h: H, surface = surfaces.rosenbrock) {
  const ref = references[id];
  const s = new Float64Array(ref.stateSize);
  ref.init(s, h);
  const xs = new Float64Array(STEPS + 1);
  const ys = new Float64Array(STEPS + 1);
  const p = [START[0], START[1]];
  const g = [0, 0];
  xs[0] = p[0];
  ys[0] = p[1];
  surface.grad(p[0], p[1], g);
  for (let t = 1; t <= STEPS; t++) {
    ref.step(p, g, s, t, h);
    xs[t] = p[0];
    ys[t] = p[1];
    surface.grad(p[0], p[1], g);
  }
  return { xs, ys, products: ref.products.map((k) => s[k]) };
}

/** Bit for bit, NaN and the sign of zero included; the first differing index, or -1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Hyperparameters for each case: the preset's own (lr raised to move on Rosenbrock), and variants that take other code paths. */
const cases: [PresetId, H][] = [
  ['adam', { lr: 0.01 }],
  ['adam', { lr: 0.01, weightDecay: 1e-3, maximize: false }],
  ['amsgrad', { lr: 0.01 }],
  ['adamw', { lr: 0.01 }],
  ['adamax', { lr: 0.01 }],
  ['adamax', { lr: 0.01, weightDecay: 1e-3 }],
  ['nadam', { lr: 0.01 }],
  ['nadam', { lr: 0.01, momentumDecay: 0.5 }],
  ['radam', { lr: 0.01 }],
  ['radam', { lr: 0.01, weightDecay: 1e-3, decoupledWeightDecay: true }],
];

describe('β^t flushed to 0: a million steps, bit for bit as the unflushed rule', () => {
  afterEach(() => useSharedLoop(false));

  for (const [id, hyper] of cases) {
    it(`${id} ${JSON.stringify(hyper)}: inlined and shared loops match the unflushed reference`, () => {
      const h = resolveHyper(id, hyper) as H;
      const ref = referenceRun(id, h);
      // The reference's products really went below the flush threshold (most into subnormals),
      // so the flushed rule took its other branch: the comparison is not vacuous.
      expect(Math.min(...ref.products)).toBeLessThan(POWER_FLUSH);
      for (const shared of [false, true]) {
        useSharedLoop(shared);
        const run = trajectory({ surface: 'rosenbrock', optimizer: id, hyper, start: START, steps: STEPS });
        expect(run.status).toBe('ok');
        expect(firstDifference(run.x, ref.xs), `x, ${shared ? 'shared' : 'inlined'} loop`).toBe(-1);
        expect(firstDifference(run.y, ref.ys), `y, ${shared ? 'shared' : 'inlined'} loop`).toBe(-1);
      }
    });
  }

  it('the rules store the products as 0 where the unflushed ones are subnormal', () => {
    for (const id of ['adam', 'adamax', 'nadam', 'radam']) {
      const { kernel } = getPreset(id);
      const h = resolveHyper(id, { lr: 0.01 });
      const ref = references[id];
      const s = new Float64Array(kernel.stateSize(n, h));
      const r = new Float64Array(ref.stateSize);
      kernel.init?.(s, n, h);
      ref.init(r, h as H);
      const p = [0.3, -0.2];
      const q = [0.3, -0.2];
      const g = [0, 0];
      const first = ref.products[0];
      // Step until the unflushed β₁ᵗ (Π for NAdam) is subnormal.
      let t = 0;
      while (!(r[first] < SMALLEST_NORMAL) && t < 20_000) {
        t++;
        surfaces.rosenbrock.grad(p[0], p[1], g);
        kernel.step(p, [...g], s, t, h);
        surfaces.rosenbrock.grad(q[0], q[1], g);
        ref.step(q, [...g], r, t, h as H);
      }
      expect(q, id).toEqual(p);
      expect(r[first], id).toBeGreaterThan(0);
      expect(r[first], id).toBeLessThan(SMALLEST_NORMAL);
      // The rule's carried products come after its tensors (β₁ᵗ, or Π for NAdam, first).
      expect(s[kernel.tensors(h).length * n], id).toBe(0);
    }
  });
});
