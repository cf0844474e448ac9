import { describe, expect, it } from 'vitest';
import {
  CRITICAL_TOLERANCE,
  classify,
  classifyBySampling,
  eigenvalues2,
  findCriticalPoints,
  hessianAt,
  type CriticalSurface,
} from '../../src/core/critical-points';
import type { CriticalPoint, Domain } from '../../src/core/types';

const square = (r: number): Domain => ({ x: [-r, r], y: [-r, r] });

function surface(
  f: (x: number, y: number) => number,
  grad: (x: number, y: number) => [number, number],
  domain: Domain,
): CriticalSurface {
  return {
    f,
    grad(x, y, out) {
      const [gx, gy] = grad(x, y);
      out[0] = gx;
      out[1] = gy;
    },
    domain,
  };
}

const bowl = surface(
  (x, y) => (x - 1) ** 2 + 2 * (y + 0.5) ** 2,
  (x, y) => [2 * (x - 1), 4 * (y + 0.5)],
  square(3),
);
const saddle = surface(
  (x, y) => x * x - y * y,
  (x, y) => [2 * x, -2 * y],
  square(2),
);
const doubleWell = surface(
  (x, y) => (x * x - 1) ** 2 + y * y,
  (x, y) => [4 * x * (x * x - 1), 2 * y],
  square(2),
);
// x^4 - 2x^2 + 0.5x + y^2: critical x solve x^3 - x + 1/8 = 0.
const tiltedWell = surface(
  (x, y) => x ** 4 - 2 * x * x + 0.5 * x + y * y,
  (x, y) => [4 * x ** 3 - 4 * x + 0.5, 2 * y],
  square(2),
);
// sin x sin y on [-2, 2]^2: maxima at ±(π/2, π/2), minima at ±(π/2, −π/2), saddle at 0.
const eggCrate = surface(
  (x, y) => Math.sin(x) * Math.sin(y),
  (x, y) => [Math.cos(x) * Math.sin(y), Math.sin(x) * Math.cos(y)],
  square(2),
);

/** Real roots of t^3 + p t + q = 0 when there are three (trigonometric form), ascending. */
function cubicRoots(p: number, q: number): number[] {
  const m = 2 * Math.sqrt(-p / 3);
  const theta = Math.acos(((3 * q) / (p * m)) * 1) / 3;
  return [0, 1, 2].map((k) => m * Math.cos(theta - (2 * Math.PI * k) / 3)).sort((a, b) => a - b);
}

function expectPoint(p: CriticalPoint | undefined, kind: CriticalPoint['kind'], x: number, y: number, digits = 9) {
  expect(p).toBeDefined();
  expect(p!.kind).toBe(kind);
  expect(p!.x).toBeCloseTo(x, digits);
  expect(p!.y).toBeCloseTo(y, digits);
}

describe('CRITICAL_TOLERANCE', () => {
  it('is 1e-8', () => {
    expect(CRITICAL_TOLERANCE).toBe(1e-8);
  });
});

describe('findCriticalPoints', () => {
  it('finds the one minimum of a quadratic bowl, merging every seed that converges to it', () => {
    const points = findCriticalPoints(bowl);
    expect(points).toHaveLength(1);
    expectPoint(points[0], 'global-min', 1, -0.5, 12);
    expect(points[0].f).toBeCloseTo(0, 20);
    expect(points[0].degenerate).toBeUndefined();
  });

  it('finds the saddle of x^2 - y^2', () => {
    const points = findCriticalPoints(saddle);
    expect(points).toEqual([{ kind: 'saddle', x: 0, y: 0, f: 0 }]);
  });

  it('marks both minima of a symmetric double well global, with the saddle between', () => {
    const points = findCriticalPoints(doubleWell);
    expect(points.map((p) => p.kind)).toEqual(['global-min', 'global-min', 'saddle']);
    expectPoint(points[0], 'global-min', -1, 0);
    expectPoint(points[1], 'global-min', 1, 0);
    expectPoint(points[2], 'saddle', 0, 0);
  });

  it('finds the roots of a tilted double well and tells the deep minimum from the shallow one', () => {
    const [left, middle, right] = cubicRoots(-1, 0.125);
    const points = findCriticalPoints(tiltedWell);
    expect(points).toHaveLength(3);
    expectPoint(points[0], 'global-min', left, 0, 12);
    expectPoint(points[1], 'local-min', right, 0, 12);
    expectPoint(points[2], 'saddle', middle, 0, 12);
    expect(points[0].f).toBeLessThan(points[1].f);
  });

  it('finds maxima, minima and a saddle of sin x sin y, sorted by kind then f', () => {
    const h = Math.PI / 2;
    const points = findCriticalPoints(eggCrate);
    expect(points.map((p) => p.kind)).toEqual(['global-min', 'global-min', 'saddle', 'local-max', 'local-max']);
    expectPoint(points[0], 'global-min', -h, h);
    expectPoint(points[1], 'global-min', h, -h);
    expectPoint(points[2], 'saddle', 0, 0);
    expectPoint(points[3], 'local-max', -h, -h);
    expectPoint(points[4], 'local-max', h, h);
    for (const p of points) expect(Math.abs(p.f)).toBeCloseTo(p.kind === 'saddle' ? 0 : 1, 12);
  });

  it('keeps only points inside the domain, edges included', () => {
    const right = { ...doubleWell, domain: { x: [0.5, 2], y: [-2, 2] } as Domain };
    expect(findCriticalPoints(right).map((p) => [p.kind, p.x, p.y])).toEqual([['global-min', 1, 0]]);
    const edge = { ...doubleWell, domain: { x: [0, 2], y: [-1, 1] } as Domain };
    expect(findCriticalPoints(edge).map((p) => p.kind)).toEqual(['global-min', 'saddle']);
    const away = { ...bowl, domain: { x: [2, 4], y: [-1, 1] } as Domain };
    expect(findCriticalPoints(away)).toEqual([]);
  });

  it('marks a singular Hessian degenerate and classifies by the values of f around the point', () => {
    const quartic = surface(
      (x, y) => x ** 4 + y ** 4,
      (x, y) => [4 * x ** 3, 4 * y ** 3],
      square(1),
    );
    expect(findCriticalPoints(quartic)).toEqual([{ kind: 'global-min', x: 0, y: 0, f: 0, degenerate: true }]);
    const cap = surface(
      (x, y) => -(x ** 4) - y ** 4,
      (x, y) => [-4 * x ** 3, -4 * y ** 3],
      square(1),
    );
    expect(findCriticalPoints(cap)).toEqual([{ kind: 'local-max', x: 0, y: 0, f: -0, degenerate: true }]);
    const monkey = surface(
      (x, y) => x ** 3 - 3 * x * y * y,
      (x, y) => [3 * (x * x - y * y), -6 * x * y],
      square(2),
    );
    expect(findCriticalPoints(monkey)).toEqual([{ kind: 'saddle', x: 0, y: 0, f: 0, degenerate: true }]);
  });

  it('finds a minimum at a kink, where grad is defined as 0 but is not continuous', () => {
    const cone = surface(
      (x, y) => Math.hypot(x, y) + 0.1 * x * x,
      (x, y) => {
        const r = Math.hypot(x, y);
        return r === 0 ? [0, 0] : [x / r + 0.2 * x, y / r];
      },
      { x: [-1.3, 1.7], y: [-1.1, 0.9] }, // the kink is not on the seed grid
    );
    for (const seeds of [41, 40, 17]) {
      expect(findCriticalPoints(cone, { seeds })).toEqual([{ kind: 'global-min', x: 0, y: 0, f: 0, degenerate: true }]);
    }
  });

  it('is deterministic', () => {
    expect(findCriticalPoints(eggCrate, { seeds: 23 })).toEqual(findCriticalPoints(eggCrate, { seeds: 23 }));
  });

  it('lists only points with |grad| below the tolerance', () => {
    const g = new Float64Array(2);
    for (const s of [bowl, saddle, doubleWell, tiltedWell, eggCrate]) {
      for (const p of findCriticalPoints(s)) {
        s.grad(p.x, p.y, g);
        expect(Math.hypot(g[0], g[1])).toBeLessThan(CRITICAL_TOLERANCE);
      }
    }
  });

  it('throws on bad options, naming them', () => {
    expect(() => findCriticalPoints(bowl, { seeds: 1 })).toThrow(/"seeds".*1/);
    expect(() => findCriticalPoints(bowl, { seeds: 2.5 })).toThrow(/"seeds"/);
    expect(() => findCriticalPoints(bowl, { tolerance: 0 })).toThrow(/"tolerance"/);
  });
});

describe('hessianAt', () => {
  it('matches the analytic Hessian of a cubic', () => {
    // f = x^3 y + 2 x y^2 - y^3: fxx = 6xy, fxy = 3x^2 + 4y, fyy = 4x - 6y
    const cubic = surface(
      (x, y) => x ** 3 * y + 2 * x * y * y - y ** 3,
      (x, y) => [3 * x * x * y + 2 * y * y, x ** 3 + 4 * x * y - 3 * y * y],
      square(2),
    );
    const out = new Float64Array(3);
    for (const [x, y] of [
      [0.3, -0.7],
      [1.5, 1.1],
      [-1.9, 0.2],
    ]) {
      hessianAt(cubic, x, y, out);
      expect(out[0]).toBeCloseTo(6 * x * y, 8);
      expect(out[1]).toBeCloseTo(3 * x * x + 4 * y, 8);
      expect(out[2]).toBeCloseTo(4 * x - 6 * y, 8);
    }
  });

  it('uses the surface’s own hessian when it has one', () => {
    const out = new Float64Array(3);
    hessianAt({ ...bowl, hessian: (_x, _y, h) => h.set([7, 8, 9]) }, 0, 0, out);
    expect([...out]).toEqual([7, 8, 9]);
  });
});

describe('eigenvalues2', () => {
  it('returns the eigenvalues of a symmetric 2x2 in ascending order', () => {
    expect(eigenvalues2(2, 0, -3)).toEqual([-3, 2]);
    const [a, b] = eigenvalues2(2, 1, 2);
    expect(a).toBeCloseTo(1, 15);
    expect(b).toBeCloseTo(3, 15);
  });
});

describe('classify', () => {
  it('reads the kind from the signs of the Hessian eigenvalues', () => {
    expect(classify(bowl, 1, -0.5)).toMatchObject({ kind: 'min', degenerate: false });
    expect(classify(saddle, 0, 0)).toMatchObject({ kind: 'saddle', degenerate: false });
    expect(classify(eggCrate, Math.PI / 2, Math.PI / 2)).toMatchObject({ kind: 'max', degenerate: false });
    const { eigenvalues } = classify(bowl, 1, -0.5);
    expect(eigenvalues[0]).toBeCloseTo(2, 6);
    expect(eigenvalues[1]).toBeCloseTo(4, 6);
  });

  it('treats eigenvalues far below the curvature scale as zero', () => {
    const flat = surface(
      (x, y) => 1e-9 * x * x + y * y,
      (x, y) => [2e-9 * x, 2 * y],
      square(1),
    );
    expect(classify(flat, 0, 0)).toMatchObject({ kind: 'min', degenerate: true });
  });
});

describe('classifyBySampling', () => {
  it('compares f on a small circle with f at the point', () => {
    expect(classifyBySampling(bowl, 1, -0.5)).toBe('min');
    expect(classifyBySampling(saddle, 0, 0)).toBe('saddle');
    expect(classifyBySampling(eggCrate, -Math.PI / 2, -Math.PI / 2)).toBe('max');
  });
});
