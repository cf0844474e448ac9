/**
 * The data surfaces (surfaces/linear-regression.ts, logistic-regression.ts, tiny-net.ts): the
 * full-data loss against a recomputation from the samples written here independently, every
 * gradient against finite differences, the critical points against independent solves (normal
 * equations, Newton with the analytic Hessian, Newton on finite differences), and the mathjs
 * expression against the loss.
 */
import { describe, expect, it } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import type { Surface } from '../../src/core/types';
import { dataSurfaces } from '../../surfaces/index';

const { 'linear-regression': linear, 'logistic-regression': logistic, 'tiny-net': net } = dataSurfaces;

/** The loss of one sample, written from the models' definitions (not the surfaces' code). */
function sampleLoss(s: Surface, i: number, w1: number, w2: number): number {
  const { inputs, targets } = s.data!;
  if (s === linear) return (w1 * inputs[i] + w2 - targets[i]) ** 2;
  if (s === logistic) {
    const z = w1 * inputs[2 * i] + w2 * inputs[2 * i + 1];
    // BCE on σ(z): −t log σ(z) − (1 − t) log(1 − σ(z)) = log(1 + e^z) − t z
    return Math.log1p(Math.exp(z)) - targets[i] * z;
  }
  return (w2 * Math.tanh(w1 * inputs[i]) - targets[i]) ** 2;
}

const meanLoss = (s: Surface, x: number, y: number) => {
  let l = 0;
  for (let i = 0; i < s.data!.n; i++) l += sampleLoss(s, i, x, y);
  return l / s.data!.n;
};

const points = (s: Surface) => {
  const { x, y } = s.domain;
  const out: [number, number][] = [];
  for (const a of [0.1, 0.37, 0.5, 0.81]) for (const b of [0.13, 0.5, 0.92]) out.push([x[0] + a * (x[1] - x[0]), y[0] + b * (y[1] - y[0])]);
  return out;
};

const all = [linear, logistic, net];

describe.each(all.map((s) => [s.id, s] as const))('%s', (_id, s) => {
  it('has its dataset: n samples, d inputs each, sizes as documented', () => {
    const { n, d, inputs, targets } = s.data!;
    expect(n).toBeGreaterThanOrEqual(64);
    expect(n).toBeLessThanOrEqual(256);
    expect(inputs.length).toBe(n * d);
    expect(targets.length).toBe(n);
    expect([...inputs, ...targets].every(Number.isFinite)).toBe(true);
  });

  it('f is the mean of the samples’ losses', () => {
    for (const [x, y] of points(s)) {
      const expected = meanLoss(s, x, y);
      expect(Math.abs(s.f(x, y) - expected) / expected).toBeLessThan(1e-12);
    }
  });

  it('grad, valueAndGrad and every sample’s gradient match central differences', () => {
    const g = [NaN, NaN];
    const out = [NaN, NaN];
    const h = 1e-6;
    for (const [x, y] of points(s)) {
      s.grad(x, y, g);
      const fx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
      const fy = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
      const scale = Math.max(1, Math.hypot(fx, fy));
      expect(Math.abs(g[0] - fx) / scale).toBeLessThan(1e-7);
      expect(Math.abs(g[1] - fy) / scale).toBeLessThan(1e-7);
      expect(s.valueAndGrad!(x, y, out)).toBe(s.f(x, y));
      expect(out).toEqual(g);
      for (const i of [0, 7, s.data!.n - 1]) {
        const l = s.data!.sample(i, x, y, out);
        expect(l).toBeCloseTo(sampleLoss(s, i, x, y), 12);
        const sx = (sampleLoss(s, i, x + h, y) - sampleLoss(s, i, x - h, y)) / (2 * h);
        const sy = (sampleLoss(s, i, x, y + h) - sampleLoss(s, i, x, y - h)) / (2 * h);
        const sc = Math.max(1, Math.hypot(sx, sy));
        expect(Math.abs(out[0] - sx) / sc).toBeLessThan(1e-7);
        expect(Math.abs(out[1] - sy) / sc).toBeLessThan(1e-7);
      }
    }
  });

  it('its mathjs expression is the same loss where the mean has a closed form (linear regression’s quadratic), else empty', () => {
    if (s !== linear) {
      expect(s.expr).toBe('');
      return;
    }
    const compiled = compileSurface(s.expr, { domain: s.domain });
    for (const [x, y] of points(s)) expect(Math.abs(compiled.f(x, y) - s.f(x, y)) / s.f(x, y)).toBeLessThan(1e-12);
  });

  it('the start lies inside the domain', () => {
    expect(s.start[0]).toBeGreaterThan(s.domain.x[0]);
    expect(s.start[0]).toBeLessThan(s.domain.x[1]);
    expect(s.start[1]).toBeGreaterThan(s.domain.y[0]);
    expect(s.start[1]).toBeLessThan(s.domain.y[1]);
  });
});

/** Newton's method on the gradient with a central-difference Hessian of it. */
function newton(s: Surface, x0: number, y0: number): [number, number] {
  let [x, y] = [x0, y0];
  const g = [0, 0];
  const gx = [0, 0];
  const gy = [0, 0];
  for (let it = 0; it < 60; it++) {
    const h = 1e-5;
    s.grad(x, y, g);
    s.grad(x + h, y, gx);
    const a = [...gx];
    s.grad(x - h, y, gx);
    s.grad(x, y + h, gy);
    const b = [...gy];
    s.grad(x, y - h, gy);
    const hxx = (a[0] - gx[0]) / (2 * h);
    const hxy = (a[1] - gx[1]) / (2 * h);
    const hyy = (b[1] - gy[1]) / (2 * h);
    const det = hxx * hyy - hxy * hxy;
    const dx = (hyy * g[0] - hxy * g[1]) / det;
    const dy = (-hxy * g[0] + hxx * g[1]) / det;
    x -= dx;
    y -= dy;
    if (Math.hypot(dx, dy) < 1e-14) break;
  }
  return [x, y];
}

/** The Hessian's eigenvalues at (x, y), by central differences of the gradient. */
function eigen(s: Surface, x: number, y: number): [number, number] {
  const h = 1e-5;
  const a = [0, 0];
  const b = [0, 0];
  const c = [0, 0];
  const d = [0, 0];
  s.grad(x + h, y, a);
  s.grad(x - h, y, b);
  s.grad(x, y + h, c);
  s.grad(x, y - h, d);
  const hxx = (a[0] - b[0]) / (2 * h);
  const hxy = (a[1] - b[1]) / (2 * h);
  const hyy = (c[1] - d[1]) / (2 * h);
  const m = (hxx + hyy) / 2;
  const r = Math.hypot((hxx - hyy) / 2, hxy);
  return [m - r, m + r];
}

describe('critical points, against independent solves', () => {
  it('linear regression: one minimum, the least-squares fit from the normal equations', () => {
    const { inputs: u, targets: t, n } = linear.data!;
    let su = 0;
    let suu = 0;
    let sut = 0;
    let st = 0;
    for (let i = 0; i < n; i++) {
      su += u[i];
      suu += u[i] * u[i];
      sut += u[i] * t[i];
      st += t[i];
    }
    const w = (n * sut - su * st) / (n * suu - su * su);
    const b = (st - w * su) / n;
    expect(linear.critical).toHaveLength(1);
    expect(linear.critical[0].kind).toBe('global-min');
    expect(linear.critical[0].x).toBeCloseTo(w, 9);
    expect(linear.critical[0].y).toBeCloseTo(b, 9);
  });

  it('logistic regression: one minimum, where Newton with the analytic Hessian Σ σ(1 − σ) u uᵀ / n stops', () => {
    const { inputs: u, targets: t, n } = logistic.data!;
    let w = [0, 0];
    for (let it = 0; it < 50; it++) {
      const g = [0, 0];
      const H = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const z = w[0] * u[2 * i] + w[1] * u[2 * i + 1];
        const p = 1 / (1 + Math.exp(-z));
        g[0] += ((p - t[i]) * u[2 * i]) / n;
        g[1] += ((p - t[i]) * u[2 * i + 1]) / n;
        const q = (p * (1 - p)) / n;
        H[0] += q * u[2 * i] * u[2 * i];
        H[1] += q * u[2 * i] * u[2 * i + 1];
        H[2] += q * u[2 * i + 1] * u[2 * i + 1];
      }
      const det = H[0] * H[2] - H[1] * H[1];
      w = [w[0] - (H[2] * g[0] - H[1] * g[1]) / det, w[1] - (-H[1] * g[0] + H[0] * g[1]) / det];
    }
    expect(logistic.critical).toHaveLength(1);
    expect(logistic.critical[0].kind).toBe('global-min');
    expect(logistic.critical[0].x).toBeCloseTo(w[0], 9);
    expect(logistic.critical[0].y).toBeCloseTo(w[1], 9);
    // Nearly but not quite separable: some points are on the wrong side of the best boundary.
    let wrong = 0;
    for (let i = 0; i < n; i++) if ((w[0] * u[2 * i] + w[1] * u[2 * i + 1] > 0 ? 1 : 0) !== t[i]) wrong++;
    expect(wrong).toBeGreaterThan(0);
    expect(wrong).toBeLessThan(n / 5);
  });

  it('tiny net: a saddle at the origin, two mirror-image minima, nothing else in the domain', () => {
    const kinds = net.critical.map((c) => c.kind).sort();
    expect(kinds).toEqual(['global-min', 'global-min', 'saddle']);
    const saddle = net.critical.find((c) => c.kind === 'saddle')!;
    expect(Math.abs(saddle.x)).toBeLessThan(1e-9);
    expect(Math.abs(saddle.y)).toBeLessThan(1e-9);
    const g = [NaN, NaN];
    net.grad(0, 0, g);
    expect(g).toEqual([0, 0]);
    const [lo, hi] = eigen(net, 0, 0);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0);
    const [a, b] = net.critical.filter((c) => c.kind === 'global-min');
    expect(a.x).toBeCloseTo(-b.x, 9);
    expect(a.y).toBeCloseTo(-b.y, 9);
    expect(net.f(a.x, a.y)).toBe(net.f(-a.x, -a.y));
    for (const m of [a, b]) {
      const [x, y] = newton(net, m.x + 0.05, m.y - 0.05);
      expect(x).toBeCloseTo(m.x, 8);
      expect(y).toBeCloseTo(m.y, 8);
      expect(eigen(net, m.x, m.y)[0]).toBeGreaterThan(0);
    }
    // Newton from a grid of starts finds no other critical point inside the domain.
    const found = new Set<string>();
    for (let i = 0; i <= 12; i++) {
      for (let j = 0; j <= 12; j++) {
        const [x, y] = newton(net, -3 + i / 2, -3 + j / 2);
        const gg = [NaN, NaN];
        net.grad(x, y, gg);
        if (!(Math.abs(x) <= 3 && Math.abs(y) <= 3) || !(Math.hypot(gg[0], gg[1]) < 1e-9)) continue;
        found.add(`${x.toFixed(5)},${y.toFixed(5)}`.replace(/-0\.00000/g, '0.00000'));
      }
    }
    expect([...found].sort()).toEqual(net.critical.map((c) => `${c.x.toFixed(5)},${c.y.toFixed(5)}`.replace(/-0\.00000/g, '0.00000')).sort());
  });
});
