import { describe, expect, it } from 'vitest';
import { sampleGrid } from '../../src/render/grid';

const plane = { f: (x: number, y: number) => x + 10 * y, domain: { x: [0, 2], y: [-1, 1] } as const };

describe('sampleGrid', () => {
  it('is row-major with row 0 at the bottom and the domain corners included', () => {
    const g = sampleGrid(plane, 3, 5);
    expect(g.values.length).toBe(15);
    expect(g.values[0]).toBe(plane.f(0, -1));
    expect(g.values[2]).toBe(plane.f(2, -1));
    expect(g.values[3]).toBe(plane.f(0, -0.5));
    expect(g.values[14]).toBe(plane.f(2, 1));
    expect([g.min, g.max]).toEqual([-10, 12]);
  });

  it('ignores non-finite samples in min and max', () => {
    const g = sampleGrid({ f: (x) => (x > 0.5 ? Infinity : x), domain: { x: [0, 1], y: [0, 1] } }, 3, 3);
    expect([g.min, g.max]).toEqual([0, 0.5]);
  });

  it('refuses grids smaller than 2 × 2', () => {
    expect(() => sampleGrid(plane, 1, 5)).toThrow(/nx, ny integers >= 2/);
  });
});
