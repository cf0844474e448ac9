import { describe, expect, it } from 'vitest';
import { nearestRun } from '../../src/components/descent-surface/nearest-run';
import type { TrajectoryGeometry } from '../../src/render/paths';

/** A geometry through `points` (pixels). */
function through(points: [number, number][]): Pick<TrajectoryGeometry, 'px' | 'py' | 'last'> {
  return {
    px: Float64Array.from(points, (p) => p[0]),
    py: Float64Array.from(points, (p) => p[1]),
    last: points.length - 1,
  };
}

describe('nearestRun', () => {
  const runs: [string, Pick<TrajectoryGeometry, 'px' | 'py' | 'last'>][] = [
    ['a', through([[0, 0], [100, 0]])],
    ['b', through([[0, 10], [100, 10]])],
    ['c', through([[50, 50], [50, 50]])],
  ];

  it('finds the run whose segment passes nearest, between its points too', () => {
    expect(nearestRun(runs, 50, 2)).toBe('a');
    expect(nearestRun(runs, 50, 7)).toBe('b');
    expect(nearestRun(runs, 53, 52)).toBe('c');
  });

  it('finds none farther than `within` pixels', () => {
    expect(nearestRun(runs, 50, 30)).toBeNull();
    expect(nearestRun(runs, 108, 0)).toBeNull();
    expect(nearestRun(runs, 104, 0)).toBe('a');
    expect(nearestRun(runs, 50, 29, 20)).toBe('b');
  });

  it('skips the steps after a divergence (after `last`)', () => {
    const g = through([[0, 0], [10, 0], [200, 200]]);
    const cut = { ...g, last: 1 };
    expect(nearestRun([['d', cut]], 100, 100)).toBeNull();
    expect(nearestRun([['d', g]], 100, 100)).toBe('d');
  });
});
