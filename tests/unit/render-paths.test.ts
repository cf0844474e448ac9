import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpressions } from '../../src/core/expression/load';

// Newton's rules take the catalog surfaces' Hessians from their expressions.
beforeAll(() => loadExpressions());
import { simplifierReady, tenths, trajectoryGeometry } from '../../src/render/paths';

beforeAll(() => simplifierReady);

const id = (v: number) => v;

describe('trajectoryGeometry', () => {
  it('starts with M at step 0 and records pixel positions and drawn lengths', () => {
    const g = trajectoryGeometry([0, 3, 3], [0, 4, 8], id, id);
    expect(g.d).toBe('M0,0L3,4L3,8');
    expect([...g.px]).toEqual([0, 3, 3]);
    expect(Array.from(g.px, (_, k) => g.lengthAt(k))).toEqual([0, 5, 9]);
    expect(g.last).toBe(2);
  });

  it('skips points within the tolerance of the segment drawn past them but keeps the last step', () => {
    const g = trajectoryGeometry([0, 0.1, 0.2, 0.3], [0, 0, 0, 0], (x) => x, id, { tolerance: 0.5 });
    expect(g.d).toBe('M0,0L0.3,0');
    expect(g.lengthAt(1)).toBeCloseTo(0.1, 12);
    expect(g.lengthAt(3)).toBeCloseTo(0.3, 12);
  });

  it('drops points along a straight stretch and keeps the corners', () => {
    // Along x to (10, 0), with a wobble of 0.15 px, then up to (10, 10).
    const xs = [0, 2, 4, 6, 8, 10, 10, 10, 10];
    const ys = [0, 0.15, -0.15, 0.1, 0, 0, 4, 7, 10];
    const g = trajectoryGeometry(xs, ys, id, id);
    expect(g.d).toBe('M0,0L10,0L10,10');
    expect(g.lengthAt(2)).toBeCloseTo(4, 12);
    expect(g.lengthAt(7)).toBeCloseTo(17, 12);
  });

  it('keeps a point that leaves the segment by more than the tolerance', () => {
    const g = trajectoryGeometry([0, 5, 10], [0, 0.6, 0], id, id);
    expect(g.d).toBe('M0,0L5,0.6L10,0');
  });

  it('keeps the far end when the path turns back on itself', () => {
    const g = trajectoryGeometry([0, 10, 5], [0, 0, 0], id, id);
    expect(g.d).toBe('M0,0L10,0L5,0');
    expect(Array.from(g.px, (_, k) => g.lengthAt(k))).toEqual([0, 10, 15]);
  });

  it('stops at the first NaN (a diverged run) and keeps the length there', () => {
    const g = trajectoryGeometry([0, 10, NaN, NaN], [0, 0, NaN, NaN], id, id);
    expect(g.d).toBe('M0,0L10,0');
    expect(g.last).toBe(1);
    expect(Number.isNaN(g.px[2])).toBe(true);
    expect(g.lengthAt(3)).toBe(10);
  });

  it('clamps a blow-up to a bounded coordinate', () => {
    const g = trajectoryGeometry([0, 1e300], [0, -1e300], id, id, { width: 100, height: 50, clampSpans: 20 });
    expect(g.d).toBe('M0,0L2000,-1000');
  });
});

describe('tenths', () => {
  it('writes integers of tenths as decimal text', () => {
    expect([0, 5, 10, 123, -5, -123, -0, 4000, 123456789].map(tenths)).toEqual([
      '0', '0.5', '1', '12.3', '-0.5', '-12.3', '0', '400', '12345678.9',
    ]);
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

/** The vertices of a path `d` made of M and L commands. */
function vertices(d: string): [number, number][] {
  expect(d).toMatch(/^M(-?[\d.]+,-?[\d.]+)(L-?[\d.]+,-?[\d.]+)*$/);
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Distance from (x, y) to the segment a-b. */
function toSegment(x: number, y: number, a: [number, number], b: [number, number]): number {
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const l2 = ux * ux + uy * uy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((x - a[0]) * ux + (y - a[1]) * uy) / l2)) : 0;
  return Math.hypot(x - a[0] - t * ux, y - a[1] - t * uy);
}

/** The point at arc length s along the polyline. */
function along(vs: [number, number][], s: number): [number, number] {
  for (let j = 1; j < vs.length; j++) {
    const len = Math.hypot(vs[j][0] - vs[j - 1][0], vs[j][1] - vs[j - 1][1]);
    if (s <= len + 1e-9 || j === vs.length - 1) {
      const t = len > 0 ? Math.min(1, s / len) : 0;
      return [vs[j - 1][0] + t * (vs[j][0] - vs[j - 1][0]), vs[j - 1][1] + t * (vs[j][1] - vs[j - 1][1])];
    }
    s -= len;
  }
  return vs[0];
}

/**
 * Reads the path back: every vertex is an iterate's pixel position (in step order) to within
 * 0.5 px, every iterate is within 0.5 px of the drawn polyline, and the dash length at each step
 * reveals the path up to a point within 0.5 px of that step's iterate.
 */
function readBack(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: (v: number) => number, sy: (v: number) => number, g: ReturnType<typeof trajectoryGeometry>) {
  const vs = vertices(g.d);
  const n = g.last + 1;
  const px = Array.from({ length: n }, (_, k) => sx(xs[k]));
  const py = Array.from({ length: n }, (_, k) => sy(ys[k]));
  let k = 0;
  for (const [vx, vy] of vs) {
    while (k < n && Math.hypot(px[k] - vx, py[k] - vy) > 0.5) k++;
    expect(k, `vertex (${vx}, ${vy}) is no iterate's position`).toBeLessThan(n);
  }
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let best = vs.length === 1 ? Math.hypot(px[i] - vs[0][0], py[i] - vs[0][1]) : Infinity;
    for (let j = 1; j < vs.length && best > 0.05; j++) best = Math.min(best, toSegment(px[i], py[i], vs[j - 1], vs[j]));
    worst = Math.max(worst, best);
    const [rx, ry] = along(vs, g.lengthAt(i));
    expect(Math.hypot(rx - px[i], ry - py[i]), `revealed end at step ${i}`).toBeLessThan(0.5);
  }
  expect(worst).toBeLessThan(0.5);
  return vs.length;
}

describe('trajectoryGeometry reads back to the iterates within half a pixel', () => {
  it('for every preset on Rosenbrock, 1000 and 5000 steps, in a 640 × 400 panel', async () => {
    const { scaleLinear } = await import('../../src/render/scales');
    const { trajectory } = await import('../../src/core/index');
    const { presetIds } = await import('../../src/core/optimizers/index');
    const { surfaces } = await import('../../surfaces/index');
    const { domain } = surfaces.rosenbrock;
    const sx = scaleLinear(domain.x, [0, 640]);
    const sy = scaleLinear(domain.y, [400, 0]);
    let drawn = 0;
    let steps = 0;
    for (const n of [1000, 5000]) {
      for (const optimizer of presetIds) {
        const run = trajectory({ surface: 'rosenbrock', optimizer, start: [-1.5, 2], steps: n });
        // A run that leaves for infinity (ASGD at its default lr here) ends at a point clamped far
        // outside the panel, which is no iterate's position: the read-back is for paths in view.
        if (run.status === 'diverged') continue;
        const g = trajectoryGeometry(run.x, run.y, sx, sy, { width: 640, height: 400 });
        drawn += readBack(run.x, run.y, sx, sy, g);
        steps += g.last + 1;
      }
    }
    // Dropping what lies within a pixel's tolerance leaves a fraction of the points to draw.
    expect(drawn).toBeLessThan(steps / 4);
  }, 60_000);

  it('for noisy runs and random walks, at several zooms', async () => {
    const { scaleLinear } = await import('../../src/render/scales');
    const { trajectory } = await import('../../src/core/index');
    const { mulberry32 } = await import('../../src/core/random');
    const rand = mulberry32(9);
    for (const zoom of [0.05, 1, 30]) {
      const sx = scaleLinear([-2, 2], [0, 400 * zoom]);
      const sy = scaleLinear([-1, 3], [300 * zoom, 0]);
      const noisy = trajectory({ surface: 'himmelblau', optimizer: 'momentum', start: [0.5, 0.5], steps: 2000, noise: { sd: 3, seed: 4 } });
      readBack(noisy.x, noisy.y, sx, sy, trajectoryGeometry(noisy.x, noisy.y, sx, sy));
      const xs = [0];
      const ys = [0];
      for (let k = 1; k < 3000; k++) {
        xs.push(xs[k - 1] + (rand() - 0.5) * 0.01);
        ys.push(ys[k - 1] + (rand() - 0.45) * 0.004);
      }
      readBack(xs, ys, sx, sy, trajectoryGeometry(xs, ys, sx, sy));
    }
  }, 60_000);
});
