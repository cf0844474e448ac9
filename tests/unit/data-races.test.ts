/**
 * The data surfaces' default races tell the stories their texts tell (surfaces/*.ts `race.story`):
 * batch size against noise on linear regression, a decaying schedule settling mini-batch runs on
 * logistic regression, and mini-batch noise knocking SGD off the tiny net's saddle.
 */
import { describe, expect, it } from 'vitest';
import '../../src/core/schedules';
import { trajectory } from '../../src/core/trajectory';
import type { Surface, Trajectory } from '../../src/core/types';
import { defaultConfig, runLabels } from '../../src/state/config';
import { surfaces } from '../../surfaces/index';

function raceRuns(s: Surface): Trajectory[] {
  const c = defaultConfig(s.id);
  return c.optimizers.map((e) =>
    trajectory({ surface: s, optimizer: e.kind, hyper: e.hyper, start: c.start, steps: c.steps, batch: e.batch ? { size: e.batch } : undefined, schedule: e.schedule }),
  );
}

/** Mean distance to (x, y) over steps from..to. */
function meanDistance(r: Trajectory, x: number, y: number, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += Math.hypot(r.x[k] - x, r.y[k] - y);
  return sum / (to - from + 1);
}

describe('data surfaces: default races', () => {
  it('linear regression: SGD with batch 1, 8 and the full batch; the noise cloud near the minimum shrinks as the batch grows', () => {
    const s = surfaces['linear-regression'];
    const c = defaultConfig(s.id);
    expect(c.optimizers.map((e) => [e.kind, e.batch])).toEqual([['sgd', 1], ['sgd', 8], ['sgd', undefined]]);
    expect(runLabels(c.optimizers)).toEqual(['SGD, batch 1', 'SGD, batch 8', 'SGD, full batch']);
    const [b1, b8, full] = raceRuns(s).map((r) => meanDistance(r, s.critical[0].x, s.critical[0].y, 300, 400));
    expect(b1).toBeGreaterThan(1.5 * b8);
    expect(b8).toBeGreaterThan(1.5 * full);
    expect(full).toBeLessThan(0.05);
  });

  it('logistic regression: a cosine schedule settles mini-batch SGD and Adam that a constant lr leaves wandering', () => {
    const s = surfaces['logistic-regression'];
    const c = defaultConfig(s.id);
    expect(c.optimizers.map((e) => e.batch)).toEqual([4, 4, 4, 4]);
    const [sgd, sgdCos, adam, adamCos] = raceRuns(s).map((r) => meanDistance(r, s.critical[0].x, s.critical[0].y, 350, 400));
    expect(sgdCos).toBeLessThan(sgd / 3);
    expect(adamCos).toBeLessThan(adam / 3);
  });

  it('tiny net: full-batch SGD stalls at the saddle for over a hundred steps; mini-batch SGD leaves at once, to different minima', () => {
    const s = surfaces['tiny-net'];
    const [full, b16, b1] = raceRuns(s);
    const saddle = s.critical.find((p) => p.kind === 'saddle')!;
    for (let k = 30; k <= 130; k++) expect(Math.hypot(full.x[k] - saddle.x, full.y[k] - saddle.y), `step ${k}`).toBeLessThan(0.01);
    const minima = s.critical.filter((p) => p.kind === 'global-min');
    const ends = [full, b16, b1].map((r) => {
      const n = r.x.length - 1;
      return minima.findIndex((m) => Math.hypot(r.x[n] - m.x, r.y[n] - m.y) < 0.25);
    });
    expect(ends.every((i) => i >= 0)).toBe(true);
    expect(ends[1]).not.toBe(ends[2]);
    for (const r of [b16, b1]) expect(Math.hypot(r.x[30] - saddle.x, r.y[30] - saddle.y)).toBeGreaterThan(0.5);
  });
});
