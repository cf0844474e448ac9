import { describe, expect, it } from 'vitest';
import { trajectoryGeometry } from '../../src/render/paths';

const id = (v: number) => v;

describe('trajectoryGeometry', () => {
  it('starts with M at step 0 and records pixel positions and drawn lengths', () => {
    const g = trajectoryGeometry([0, 3, 3], [0, 4, 8], id, id);
    expect(g.d).toBe('M0,0L3,4L3,8');
    expect([...g.px]).toEqual([0, 3, 3]);
    expect([...g.lengths]).toEqual([0, 5, 9]);
    expect(g.last).toBe(2);
  });

  it('skips points within minDistance of the last drawn one but keeps the last step', () => {
    const g = trajectoryGeometry([0, 0.1, 0.2, 0.3], [0, 0, 0, 0], (x) => x, id, { minDistance: 0.5 });
    expect(g.d).toBe('M0,0L0.3,0');
    expect(g.lengths[1]).toBeCloseTo(0.1, 12);
    expect(g.lengths[3]).toBeCloseTo(0.3, 12);
  });

  it('stops at the first NaN (a diverged run) and keeps the length there', () => {
    const g = trajectoryGeometry([0, 10, NaN, NaN], [0, 0, NaN, NaN], id, id);
    expect(g.d).toBe('M0,0L10,0');
    expect(g.last).toBe(1);
    expect(Number.isNaN(g.px[2])).toBe(true);
    expect(g.lengths[3]).toBe(10);
  });

  it('clamps a blow-up to a bounded coordinate', () => {
    const g = trajectoryGeometry([0, 1e300], [0, -1e300], id, id, { width: 100, height: 50, clampSpans: 20 });
    expect(g.d).toBe('M0,0L2000,-1000');
  });
});

describe('trajectoryGeometry with linear scales', () => {
  it('gives the same path as calling the scales point by point', async () => {
    const { scaleLinear } = await import('../../src/render/scales');
    const sx = scaleLinear([-2, 2], [0, 400]);
    const sy = scaleLinear([-1, 3], [400, 0]);
    const xs = Float64Array.from({ length: 50 }, (_, k) => -1.2 + k * 0.05);
    const ys = Float64Array.from({ length: 50 }, (_, k) => Math.sin(k / 5));
    const fast = trajectoryGeometry(xs, ys, sx, sy);
    const slow = trajectoryGeometry(xs, ys, (v) => sx(v), (v) => sy(v));
    expect(fast.d).toBe(slow.d);
  });
});
