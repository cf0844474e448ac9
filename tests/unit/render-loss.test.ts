import { describe, expect, it } from 'vitest';
import { LOG_FLOOR, lossPath, lossScale, lossY } from '../../src/render/loss';

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
  it('places each point where the d3 scale would', () => {
    const loss = Float64Array.of(100, 10, 1, 0.1);
    const y = lossScale([loss], 200, 0);
    const d = lossPath(loss, (k) => k * 50, y);
    const ys = d.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[1]));
    loss.forEach((v, k) => expect(ys[k]).toBeCloseTo(y.scale(v) as number, 0));
  });
});

describe('lossY', () => {
  it('puts each loss where lossPath draws it', () => {
    const loss = Float64Array.from([10, 3, 1, 0.2, 1e-3, 1e-9, 0]);
    for (const fStar of [0, undefined]) {
      const y = lossScale([loss], 100, fStar);
      const sx = (k: number) => k * 10;
      const d = lossPath(loss, sx, y);
      const points = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      loss.forEach((v, k) => {
        const p = points.find(([x]) => x === k * 10);
        expect(p, `step ${k}`).toBeDefined();
        expect(Math.abs(lossY(v, y) - (p as number[])[1])).toBeLessThanOrEqual(0.06);
      });
    }
  });

  it('is NaN for a non-finite loss', () => {
    const y = lossScale([[1, 2]], 100);
    expect(lossY(NaN, y)).toBeNaN();
    expect(lossY(Infinity, y)).toBeNaN();
  });
});
