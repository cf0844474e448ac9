import { describe, expect, it } from 'vitest';
import { sampleGrid } from '../../src/render/grid';
import { contourLevels } from '../../src/render/levels';

const bowl = { f: (x: number, y: number) => x * x + y * y, domain: { x: [-2, 2], y: [-2, 2] } as const };
const banana = {
  f: (x: number, y: number) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  domain: { x: [-2, 2], y: [-1, 3] } as const,
};

describe('contourLevels', () => {
  it('spaces a quadratic bowl linearly, at round values inside its range', () => {
    const levels = contourLevels(sampleGrid(bowl, 101, 101).values);
    expect(levels.log).toBe(false);
    expect(levels.thresholds.length).toBeGreaterThan(8);
    const steps = levels.thresholds.slice(1).map((t, i) => t - levels.thresholds[i]);
    for (const s of steps) expect(s).toBeCloseTo(steps[0], 10);
    expect(levels.thresholds[0]).toBeGreaterThan(0);
  });

  it('spaces Rosenbrock geometrically above its minimum (its values span orders of magnitude)', () => {
    const g = sampleGrid(banana, 101, 101);
    const levels = contourLevels(g.values, { count: 12 });
    expect(levels.log).toBe(true);
    expect(levels.thresholds).toHaveLength(12);
    const gaps = levels.thresholds.map((t) => t - levels.base);
    const ratios = gaps.slice(1).map((v, i) => v / gaps[i]);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0], 8);
    expect(ratios[0]).toBeGreaterThan(1.5);
  });

  it('can be forced either way and returns ascending thresholds', () => {
    const values = sampleGrid(bowl, 51, 51).values;
    const log = contourLevels(values, { log: true });
    expect(log.log).toBe(true);
    expect([...log.thresholds].sort((a, b) => a - b)).toEqual(log.thresholds);
  });

  it('is one flat band where the spread is too small for doubles to space levels (no huge arrays)', () => {
    for (const [name, f] of [
      ['5e-324 x', (x: number) => 5e-324 * x],
      ['1e17 + 1e-3 x', (x: number) => 1e17 + 1e-3 * x],
      ['1e-300 (x² + y²)', (x: number, y: number) => 1e-300 * (x * x + y * y)],
    ] as const) {
      const grid = sampleGrid({ f, domain: { x: [-5, 5], y: [-5, 5] } }, 40, 40);
      const levels = contourLevels(grid.values);
      expect(levels.thresholds.length, name).toBe(1);
      expect(Number.isFinite(levels.thresholds[0]), name).toBe(true);
    }
  });

  it('still spaces small but representable spreads (1e-12 (x² + y²))', () => {
    const grid = sampleGrid({ f: (x: number, y: number) => 1e-12 * (x * x + y * y), domain: { x: [-2, 2], y: [-2, 2] } }, 40, 40);
    const t = contourLevels(grid.values).thresholds;
    expect(t.length).toBeGreaterThan(5);
    expect(t.every((v, i) => i === 0 || v > t[i - 1])).toBe(true);
  });

  it('copes with a constant or empty field', () => {
    expect(contourLevels([3, 3, 3]).thresholds).toEqual([3]);
    expect(contourLevels([NaN, Infinity]).thresholds).toEqual([]);
  });
});
