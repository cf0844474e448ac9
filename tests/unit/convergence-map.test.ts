/**
 * convergenceMap(): every cell is the run trajectory() makes from that cell's centre (the same
 * ending, the same step, the same last loss, bit for bit), on the compiled map loop and on the
 * per-cell fallback alike; Himmelblau's four basins; diverged cells at a huge lr; refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../surfaces/index';
// The library's core entry: every rule (the rarer ones too), the portable loop and the schedules.
import '../../src/core/index';
import { convergenceMap } from '../../src/core/convergence-map';
import { loadExpressions } from '../../src/core/expression/load';
import { presetIds } from '../../src/core/optimizers/index';
import { trajectory, useSharedLoop } from '../../src/core/trajectory';
import { mulberry32 } from '../../src/core/random';
import { surfaces } from '../../surfaces/index';
import type { Surface } from '../../src/core/types';

/** What one cell should hold, from trajectory() and a plain reading of the definition. */
function expected(s: Surface, optimizer: (typeof presetIds)[number], hyper: Record<string, number>, steps: number, x: number, y: number, tol: number) {
  const run = trajectory({ surface: s, optimizer, hyper, start: [x, y], steps });
  if (run.status === 'diverged') return { basin: -2, steps: -1, loss: NaN };
  const minima = s.critical.map((p, k) => [p, k] as const).filter(([p]) => p.kind === 'global-min' || p.kind === 'local-min');
  const at = (t: number) => minima.find(([p]) => Math.hypot(run.x[t] - p.x, run.y[t] - p.y) <= tol)?.[1] ?? -1;
  const basin = at(steps);
  let since = steps;
  while (basin >= 0 && since > 0 && at(since - 1) === basin) since--;
  return { basin, steps: basin >= 0 ? since : -1, loss: run.loss[steps] };
}

function checkCells(s: Surface, optimizer: (typeof presetIds)[number], hyper: Record<string, number>, steps: number, nx: number, ny: number, samples: number, seed: number) {
  const map = convergenceMap({ surface: s, optimizer, hyper, steps, grid: { nx, ny } });
  const rand = mulberry32(seed);
  const dx = (s.domain.x[1] - s.domain.x[0]) / nx;
  const dy = (s.domain.y[1] - s.domain.y[0]) / ny;
  for (let n = 0; n < samples; n++) {
    const i = Math.floor(rand() * nx);
    const j = Math.floor(rand() * ny);
    const c = j * nx + i;
    const e = expected(s, optimizer, hyper, steps, s.domain.x[0] + (i + 0.5) * dx, s.domain.y[0] + (j + 0.5) * dy, map.tolerance);
    expect([map.basin[c], map.steps[c]], `${optimizer} cell (${i}, ${j})`).toEqual([e.basin, e.steps]);
    expect(Object.is(map.loss[c], e.loss) || map.loss[c] === e.loss, `${optimizer} cell (${i}, ${j}) loss ${map.loss[c]} vs ${e.loss}`).toBe(true);
  }
  return map;
}

describe('convergenceMap', () => {
  // Newton's rules take the catalog surfaces' Hessians from their expressions.
  beforeAll(() => loadExpressions());

  it('every preset: random cells of a Himmelblau map equal trajectory() from the same start', () => {
    for (const id of presetIds) {
      const lr = id === 'adadelta' ? 1 : id === 'adagrad' || id === 'adam' || id.startsWith('ada') || id.endsWith('adam') || id === 'amsgrad' || id === 'adamw' ? 0.1 : 0.005;
      checkCells(surfaces.himmelblau, id, { lr }, 200, 24, 20, 12, 7 + id.length);
    }
  });

  it('on the fallback (a page that forbids compiling) too', () => {
    useSharedLoop(true);
    try {
      checkCells(surfaces.himmelblau, 'momentum', { lr: 0.003 }, 200, 16, 16, 10, 3);
      checkCells(surfaces['six-hump-camel'], 'adam', { lr: 0.05 }, 150, 12, 12, 10, 4);
    } finally {
      useSharedLoop(false);
    }
  });

  it("Himmelblau: starts next to each of the four minima end in that minimum's basin, within a few steps", () => {
    const s = surfaces.himmelblau;
    const minima = s.critical.map((p, k) => [p, k] as const).filter(([p]) => p.kind === 'global-min');
    expect(minima).toHaveLength(4);
    // A 100 × 100 grid on [-5, 5]²: the cell whose centre is nearest each minimum.
    const map = convergenceMap({ surface: s, optimizer: 'sgd', hyper: { lr: 0.01 }, steps: 300, grid: { nx: 100, ny: 100 } });
    for (const [p, k] of minima) {
      const i = Math.floor((p.x + 5) / 0.1);
      const j = Math.floor((p.y + 5) / 0.1);
      expect(map.basin[j * 100 + i], `minimum ${k} at (${p.x}, ${p.y})`).toBe(k);
      expect(map.steps[j * 100 + i]).toBeLessThanOrEqual(5);
    }
    // Every basin has a large share of the map (the four basins tile it).
    const counts = minima.map(([, k]) => map.basin.filter((b) => b === k).length);
    for (const n of counts) expect(n).toBeGreaterThan(1000);
  });

  it('a huge learning rate diverges: cells marked −2, loss NaN; the same cells diverge in trajectory()', () => {
    const s = surfaces.himmelblau;
    const map = checkCells(s, 'sgd', { lr: 0.5 }, 50, 10, 10, 15, 11);
    const diverged = map.basin.filter((b) => b === -2).length;
    expect(diverged).toBeGreaterThan(50);
    for (let c = 0; c < map.basin.length; c++) if (map.basin[c] === -2) expect(map.loss[c]).toBeNaN();
  });

  it('bands (rows) are the full map\'s rows; a window (domain) and a tolerance of one\'s own', () => {
    const s = surfaces.rosenbrock;
    const full = convergenceMap({ surface: s, optimizer: 'adam', hyper: { lr: 0.05 }, steps: 120, grid: { nx: 9, ny: 8 } });
    const band = convergenceMap({ surface: s, optimizer: 'adam', hyper: { lr: 0.05 }, steps: 120, grid: { nx: 9, ny: 8 }, rows: [3, 6] });
    expect(band.rows).toEqual([3, 6]);
    expect([...band.basin]).toEqual([...full.basin.slice(27, 54)]);
    expect([...band.loss]).toEqual([...full.loss.slice(27, 54)]);
    const window = { x: [0, 2] as [number, number], y: [0, 2] as [number, number] };
    const zoom = convergenceMap({ surface: s, optimizer: 'adam', hyper: { lr: 0.05 }, steps: 400, grid: { nx: 4, ny: 4 }, domain: window, tolerance: 0.05 });
    expect(zoom.tolerance).toBe(0.05);
    const e = expected(s, 'adam', { lr: 0.05 }, 400, 0.25, 1.75, 0.05);
    expect([zoom.basin[12], zoom.steps[12], zoom.loss[12]]).toEqual([e.basin, e.steps, e.loss]);
  });

  it('with a schedule or mini-batches, cells are trajectory() runs with them', () => {
    const s = surfaces['tiny-net'];
    const map = convergenceMap({ surface: s, optimizer: 'sgd', hyper: { lr: 0.1 }, steps: 60, grid: { nx: 5, ny: 5 }, batch: { size: 16 }, schedule: 'CosineAnnealingLR' });
    const run = trajectory({ surface: s, optimizer: 'sgd', hyper: { lr: 0.1 }, start: [-3 + 2.5 * 1.2, -3 + 3.5 * 1.2], steps: 60, batch: { size: 16 }, schedule: 'CosineAnnealingLR' });
    expect(map.loss[3 * 5 + 2]).toBe(run.loss[60]);
  });

  it('refuses bad options, naming them', () => {
    const base = { surface: 'himmelblau', optimizer: 'sgd' as const, steps: 10, grid: { nx: 4, ny: 4 } };
    expect(() => convergenceMap({ ...base, grid: { nx: 0, ny: 4 } })).toThrow(/option "grid"/);
    expect(() => convergenceMap({ ...base, rows: [3, 3] })).toThrow(/option "rows"/);
    expect(() => convergenceMap({ ...base, tolerance: -1 })).toThrow(/option "tolerance"/);
    expect(() => convergenceMap({ ...base, steps: 0 })).toThrow(/option "steps"/);
    expect(() => convergenceMap({ ...base, gird: 1 } as never)).toThrow(/option "gird" is not an option of convergenceMap\(\)/);
  });
});
