import { beforeAll, describe, expect, it } from 'vitest';
import { LOG_FLOOR, lossPath, lossScale, lossY } from '../../src/render/loss';
import { simplifierReady } from '../../src/render/paths';

beforeAll(() => simplifierReady);

/** The vertices of a path `d` (M/L commands only). */
const vertices = (d: string) => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

/** Distance from (x, y) to the polyline through `points`. */
function distanceToPolyline(points: number[][], x: number, y: number): number {
  let best = Infinity;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[Math.min(i + 1, points.length - 1)];
    const ux = bx - ax;
    const uy = by - ay;
    const len2 = ux * ux + uy * uy;
    const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * ux + (y - ay) * uy) / len2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * ux - x, ay + t * uy - y));
  }
  return best;
}

const decay = Float64Array.from({ length: 101 }, (_, k) => 1 + 100 * 0.9 ** k);

describe('lossScale', () => {
  it('plots the gap above a known global minimum on a log scale when it spans decades', () => {
    const y = lossScale([decay], 100, 1);
    expect(y.kind).toBe('log');
    expect(y.offset).toBe(1);
    expect(y.label).toBe('f(x, y) − f*');
  });

  it('falls back to linear without a minimum, or when some loss is below it', () => {
    expect(lossScale([decay], 100).kind).toBe('linear');
    expect(lossScale([Float64Array.of(3, -5)], 100, 0).kind).toBe('linear');
  });

  it('clips a run that blows up so the others stay readable', () => {
    const y = lossScale([Float64Array.of(10, 5, 1), Float64Array.of(10, 1e6, NaN)], 100);
    expect(y.scale.domain()[1]).toBeLessThan(100);
  });
});

describe('lossPath', () => {
  it('draws at most four points per pixel column and stops at NaN', () => {
    const loss = Float64Array.from({ length: 1001 }, (_, k) => (k < 900 ? 1 / (k + 1) : NaN));
    const y = lossScale([loss], 100, 0);
    const d = lossPath(loss, (k) => k / 10, y);
    const points = d.split(/[ML]/).filter(Boolean);
    expect(points.length).toBeLessThanOrEqual(4 * 91);
    expect(d.startsWith('M0,')).toBe(true);
    const lastX = Number(points[points.length - 1].split(',')[0]);
    expect(lastX).toBe(90);
  });

  it('puts a loss at the minimum on the floor of a log scale', () => {
    const loss = Float64Array.of(1, 0.1, 0);
    const y = lossScale([loss], 100, 0);
    const d = lossPath(loss, (k) => k * 10, y);
    expect(d.endsWith(`L20,100`)).toBe(true);
    expect(LOG_FLOOR).toBeGreaterThan(0);
  });
});

describe('lossPath and its scale', () => {
  it('passes within half a pixel of where the d3 scale puts each loss', () => {
    const loss = Float64Array.of(100, 10, 1, 0.1, 0.5);
    const y = lossScale([loss], 200, 0);
    const points = vertices(lossPath(loss, (k) => k * 50, y));
    loss.forEach((v, k) => expect(distanceToPolyline(points, k * 50, y.scale(v) as number), `step ${k}`).toBeLessThanOrEqual(0.5));
    // (the check can fail: a point off the curve by a pixel is caught)
    expect(distanceToPolyline(points, 100, (y.scale(1) as number) + 1)).toBeGreaterThan(0.5);
  });

  it('leaves out the points of a smooth curve that lie within a pixel of it, and keeps every loss within half a pixel', () => {
    const n = 5000;
    const loss = Float64Array.from({ length: n + 1 }, (_, k) => 3 + 40 * Math.exp(-k / 700) + 0.3 * Math.sin(k / 40));
    for (const fStar of [3, undefined]) {
      const y = lossScale([loss], 160, fStar);
      const sx = (k: number) => (k / n) * 600;
      const points = vertices(lossPath(loss, sx, y));
      // 601 pixel columns, up to four points each (2404) without simplification; fewer points
      // than columns with it
      expect(points.length).toBeLessThan(601);
      for (let k = 0; k <= n; k++) {
        expect(distanceToPolyline(points, Math.round(sx(k)), lossY(loss[k], y)), `step ${k}`).toBeLessThanOrEqual(0.5);
      }
    }
  });
});

describe('lossY', () => {
  it('puts each loss where lossPath draws it', () => {
    const loss = Float64Array.from([10, 3, 1, 0.2, 1e-3, 1e-9, 0]);
    for (const fStar of [0, undefined]) {
      const y = lossScale([loss], 100, fStar);
      const sx = (k: number) => k * 10;
      const points = vertices(lossPath(loss, sx, y));
      loss.forEach((v, k) => {
        expect(distanceToPolyline(points, k * 10, lossY(v, y)), `step ${k}`).toBeLessThanOrEqual(0.5);
      });
    }
  });

  it('is NaN for a non-finite loss', () => {
    const y = lossScale([[1, 2]], 100);
    expect(lossY(NaN, y)).toBeNaN();
    expect(lossY(Infinity, y)).toBeNaN();
  });
});

describe('lossScale and lossPath on constant, huge and tiny losses', () => {
  const cases: [string, number[][]][] = [
    ['a constant beyond 2^53 (1e17)', [[1e17, 1e17, 1e17]]],
    ['a constant 0', [[0, 0, 0]]],
    ['a constant 3', [[3, 3, 3]]],
    ['the smallest subnormal', [[5e-324, 0, 5e-324]]],
    ['a span that overflows', [[1e308, -1e308, 5]]],
    ['huge, nearly constant', [[1e300, 1e300 * (1 + 1e-15)]]],
  ];
  for (const [name, runs] of cases) {
    it(`${name}: a finite, increasing domain and no NaN in any curve`, () => {
      const y = lossScale(runs, 120);
      const [a, b] = y.scale.domain();
      expect(Number.isFinite(a) && Number.isFinite(b), `domain ${a}, ${b}`).toBe(true);
      expect(b).toBeGreaterThan(a);
      for (const run of runs) {
        const d = lossPath(Float64Array.from(run), (k) => k * 10, y);
        expect(d).not.toMatch(/NaN|Infinity/);
        // every loss is drawn on the chart (within the 20 px margin the path allows)
        for (const v of run) {
          const p = lossY(v, y);
          expect(p).toBeGreaterThanOrEqual(-20);
          expect(p).toBeLessThanOrEqual(140);
        }
      }
    });
  }
  it('a constant loss sits mid-height, on an axis ±10% around it (short tick labels)', () => {
    const y = lossScale([[1e17, 1e17]], 100);
    expect(lossY(1e17, y)).toBeCloseTo(50, 6);
    const one = lossScale([[1, 1 + 1e-16, 1]], 100).scale.domain();
    // (±10%, then made nice by the ticks: 0.88 to 1.12)
    expect(one[0]).toBeGreaterThanOrEqual(0.85);
    expect(one[0]).toBeLessThanOrEqual(0.9);
    expect(one[1]).toBeGreaterThanOrEqual(1.1);
    expect(one[1]).toBeLessThanOrEqual(1.15);
  });
});
