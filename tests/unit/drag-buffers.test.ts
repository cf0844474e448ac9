/**
 * A drag's reused arrays (src/render/drag-buffers.ts): the runs and paths made in them equal
 * those made in new arrays, bit for bit, however often the buffers go round; a move's arrays are
 * not written again for four moves; the drop makes the runs again in new arrays.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpressions } from '../../src/core/expression/load';

// Newton's rules take the catalog surfaces' Hessians from their expressions.
beforeAll(() => loadExpressions());
import { trajectory } from '../../src/core/index';
import { trajectoryIn } from '../../src/core/trajectory';
import { presetIds, type PresetId } from '../../src/core/optimizers/index';
import { DragBuffers, nextMove } from '../../src/render/drag-buffers';
import { trajectoryGeometry } from '../../src/render/paths';
import { RunCache } from '../../src/components/descent-playground/runs';
import { defaultConfig, getSurface, newEntry } from '../../src/state/config';
import type { Trajectory } from '../../src/core/types';

const arraysOf = (t: Trajectory) =>
  Object.entries(t).flatMap(([k, v]) =>
    v instanceof Float64Array ? [[k, v] as const] : v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).filter(([, a]) => a instanceof Float64Array).map(([n, a]) => [`${k}.${n}`, a as Float64Array] as const) : [],
  );

/** Every number array of `a` equals `b`'s, bit for bit (NaN where NaN). */
function expectSame(a: Trajectory, b: Trajectory): void {
  const left = arraysOf(a);
  const right = new Map(arraysOf(b));
  expect(left.map(([k]) => k).sort()).toEqual([...right.keys()].sort());
  for (const [key, values] of left) {
    const other = right.get(key)!;
    expect(values.length, key).toBe(other.length);
    for (let i = 0; i < values.length; i++) {
      if (!Object.is(values[i], other[i])) throw new Error(`${key}[${i}]: ${values[i]} vs ${other[i]}`);
    }
  }
  expect(a.status).toBe(b.status);
  expect(a.divergedAt).toBe(b.divergedAt);
  expect(a.convergedAt).toBe(b.convergedAt);
}

describe('trajectoryIn with DragBuffers', () => {
  it('equals trajectory() for every preset, recorded or not, through many moves of the ring', () => {
    const buffers = new DragBuffers();
    const starts: [number, number][] = [[-1.5, 2], [0.5, -0.5], [1.9, 2.9], [-1.2, 1], [0, 0], [1, 1], [-2, 3]];
    for (const [m, start] of starts.entries()) {
      buffers.next();
      for (const optimizer of presetIds) {
        // Alternate recording so a buffer that held a longer record holds a shorter one next.
        const record = (m + optimizer.length) % 2 === 0;
        const steps = 150 + 37 * m;
        const options = { surface: 'rosenbrock', optimizer: optimizer as PresetId, start, steps, ...(record ? { record: 'state' as const } : {}) };
        expectSame(trajectoryIn(buffers.take, options), trajectory(options));
      }
    }
  });

  it('fills a diverged run with NaN after it stops, as new arrays are', () => {
    const buffers = new DragBuffers();
    const far = { surface: 'rosenbrock', optimizer: 'sgd' as const, hyper: { lr: 0.05 }, start: [-1.5, 2.5] as [number, number], steps: 300, record: 'state' as const };
    const near = { ...far, hyper: { lr: 1e-4 } };
    for (let m = 0; m < 9; m++) {
      buffers.next();
      const options = m % 2 ? far : near;
      const run = trajectoryIn(buffers.take, options);
      expectSame(run, trajectory(options));
    }
    expect(trajectory(far).status).toBe('diverged');
  });

  it('lends its arrays to one call only, even one that throws', () => {
    const buffers = new DragBuffers();
    buffers.next();
    expect(() => trajectoryIn(buffers.take, { surface: 'rosenbrock', optimizer: 'sgd', start: [0, 0], steps: 0 })).toThrow(/steps/);
    const lent = trajectoryIn(buffers.take, { surface: 'rosenbrock', optimizer: 'sgd', start: [0, 0], steps: 10 });
    const own = trajectory({ surface: 'rosenbrock', optimizer: 'sgd', start: [0, 0], steps: 10 });
    const again = trajectory({ surface: 'rosenbrock', optimizer: 'sgd', start: [0, 0], steps: 10 });
    expect(own.x.buffer).not.toBe(lent.x.buffer);
    expect(again.x.buffer).not.toBe(own.x.buffer);
  });

  it('writes a move\'s arrays again only four moves later', () => {
    const buffers = new DragBuffers();
    const options = { surface: 'rosenbrock', optimizer: 'adam' as const, start: [-1, 1] as [number, number], steps: 50 };
    const seen: ArrayBufferLike[] = [];
    for (let m = 0; m < 8; m++) {
      buffers.next();
      seen.push(trajectoryIn(buffers.take, options).x.buffer);
    }
    expect(new Set(seen.slice(0, 4)).size).toBe(4);
    expect(seen.slice(4)).toEqual(seen.slice(0, 4));
  });

  it('keeps one ring per host', () => {
    const a = {};
    const b = {};
    expect(nextMove(a)).toBe(nextMove(a));
    expect(nextMove(a)).not.toBe(nextMove(b));
  });
});

describe('trajectoryGeometry with a drag\'s arrays', () => {
  it('draws the same path and positions as with new arrays', () => {
    const buffers = new DragBuffers();
    const x = (v: number) => 100 + 80 * v;
    const y = (v: number) => 300 - 60 * v;
    const ax = Object.assign(x, { domain: () => [0, 1], range: () => [100, 180] });
    const ay = Object.assign(y, { domain: () => [0, 1], range: () => [300, 240] });
    for (let m = 0; m < 6; m++) {
      buffers.next();
      const run = trajectory({ surface: 'rosenbrock', optimizer: 'momentum', start: [-1.5 + m / 10, 2], steps: 200 + 50 * m });
      const fresh = trajectoryGeometry(run.x, run.y, ax, ay);
      const lent = trajectoryGeometry(run.x, run.y, ax, ay, { take: buffers.take });
      expect(lent.d).toBe(fresh.d);
      expect(Array.from(lent.px)).toEqual(Array.from(fresh.px));
      expect(Array.from(lent.py)).toEqual(Array.from(fresh.py));
      for (const k of [0, 1, 17, 100, run.x.length - 1]) expect(lent.lengthAt(k)).toBe(fresh.lengthAt(k));
    }
  });
});

describe('RunCache while the start is dragged', () => {
  it('runs in the drag\'s arrays, and again in new ones at the drop', () => {
    const surface = getSurface('rosenbrock');
    const config = { ...defaultConfig('rosenbrock'), inspect: true, optimizers: (['sgd', 'adam', 'rmsprop'] as const).map((id) => newEntry(id, 'rosenbrock')) };
    const cache = new RunCache();
    const host = {};
    const ring = nextMove(host);
    const dragged = cache.compute(config, surface, 'en', undefined, ring).panelRuns;
    const ringBuffers = dragged.map((r) => r.trajectory.x.buffer);
    // The same buffers a later move of the same ring reuses.
    for (let i = 0; i < 3; i++) nextMove(host);
    nextMove(host);
    const reused = cache.compute({ ...config, start: [0.25, 0.5] }, surface, 'en', undefined, ring).panelRuns;
    expect(reused.map((r) => r.trajectory.x.buffer)).toEqual(ringBuffers);
    // The drop: same start, no ring: new arrays, the same numbers.
    const dropped = cache.compute({ ...config, start: [0.25, 0.5] }, surface, 'en').panelRuns;
    for (const [i, r] of dropped.entries()) {
      expect(ringBuffers).not.toContain(r.trajectory.x.buffer);
      expectSame(r.trajectory, reused[i].trajectory);
    }
  });
});
