import { describe, expect, it } from 'vitest';
import { contourRings, ringsPath } from '../../src/render/contours';
import { sampleGrid } from '../../src/render/grid';

const bowl = { f: (x: number, y: number) => x * x + y * y, domain: { x: [-2, 2], y: [-2, 2] } as const };

describe('contourRings', () => {
  it('returns, per threshold, rings in the surface coordinates that lie on that level', () => {
    const grid = sampleGrid(bowl, 81, 81);
    const [band] = contourRings(grid, [1]);
    expect(band.value).toBe(1);
    // The region f >= 1 in a square is the square minus the unit disc: one polygon with a hole.
    const rings = band.polygons.flat();
    const hole = rings.find((r) => {
      let far = 0;
      for (let k = 0; k < r.length; k += 2) far = Math.max(far, Math.abs(r[k]));
      return far < 1.5;
    });
    expect(hole).toBeDefined();
    for (let k = 0; k < (hole as Float64Array).length; k += 2) {
      const x = (hole as Float64Array)[k];
      const y = (hole as Float64Array)[k + 1];
      expect(Math.hypot(x, y)).toBeCloseTo(1, 1);
    }
  });

  it('keeps the outer boundary inside the domain', () => {
    const [band] = contourRings(sampleGrid(bowl, 21, 21), [0.5]);
    for (const ring of band.polygons.flat()) {
      for (const v of ring) expect(Math.abs(v)).toBeLessThanOrEqual(2);
    }
  });
});

describe('ringsPath', () => {
  it('writes closed subpaths through the coordinate maps, rounded to 0.1 px', () => {
    const band = { value: 0, polygons: [[new Float64Array([0, 0, 1, 0, 1, 1])]] };
    const d = ringsPath(band, (x) => x * 100 + 0.04, (y) => 50 - y * 33.333);
    expect(d).toBe('M0,50L100,50L100,16.7Z');
  });
});
