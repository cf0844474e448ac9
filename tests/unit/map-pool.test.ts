/**
 * computeMap() where there are no Workers (Node, like a page whose policy refuses them): the
 * bands are computed on the main thread in slices, arrive through onBand, add up to the map
 * convergenceMap() computes at once, and stop when the signal aborts.
 */
import { describe, expect, it } from 'vitest';
import '../../src/core/index';
import { convergenceMap } from '../../src/core/convergence-map';
import { computeMap, workersAvailable, type MapBand } from '../../src/core/map/pool';
import { surfaces } from '../../surfaces/index';

const options = { surface: 'himmelblau', optimizer: 'momentum' as const, hyper: { lr: 0.003 }, steps: 120, grid: { nx: 24, ny: 18 }, domain: surfaces.himmelblau.domain };

describe('computeMap without Workers', () => {
  it('computes the bands on the main thread; together they are convergenceMap()', async () => {
    expect(workersAvailable()).toBe(false);
    const bands: MapBand[] = [];
    const map = await computeMap(options, { bandRows: 5, onBand: (b) => bands.push(b) });
    const whole = convergenceMap(options);
    expect([...map.basin]).toEqual([...whole.basin]);
    expect([...map.steps]).toEqual([...whole.steps]);
    expect([...map.loss]).toEqual([...whole.loss]);
    expect(map.tolerance).toBe(whole.tolerance);
    // Every row arrived once, in bands of at most 5 rows.
    const rows = bands.flatMap((b) => Array.from({ length: b.rows[1] - b.rows[0] }, (_, k) => b.rows[0] + k)).sort((a, b) => a - b);
    expect(rows).toEqual(Array.from({ length: 18 }, (_, k) => k));
    for (const b of bands) expect(b.rows[1] - b.rows[0]).toBeLessThanOrEqual(5);
  });

  it('an aborted map rejects with the reason and reports no band after it', async () => {
    const controller = new AbortController();
    const bands: MapBand[] = [];
    const pending = computeMap({ ...options, steps: 400, grid: { nx: 40, ny: 40 } }, {
      bandRows: 2,
      signal: controller.signal,
      onBand: (b) => {
        bands.push(b);
        if (bands.length === 2) controller.abort(new Error('settings changed'));
      },
    });
    await expect(pending).rejects.toThrow('settings changed');
    await new Promise((r) => setTimeout(r, 100));
    expect(bands.length).toBe(2);
  });

  it('a band the core refuses rejects the map with its message', async () => {
    await expect(computeMap({ ...options, hyper: { lr: -1 } })).rejects.toThrow(/lr/);
  });
});
