/**
 * The default races (the `race` field of surfaces/*.ts) against what the notes teach: Adadelta
 * "needs no learning rate", so it runs at torch's lr 1 unless its story says why not, and a story
 * says so where ε keeps it slow; Booth's start makes paths that bend, not one straight line.
 */
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/core/optimizers/index';
import { panelHeight, panelScales } from '../../src/render/scales';
import { trajectory } from '../../src/core/trajectory';
import type { Point, Surface, Trajectory } from '../../src/core/types';
import { surfaceIds, surfaces } from '../../surfaces/index';

const spanOf = (s: Surface) => Math.max(s.domain.x[1] - s.domain.x[0], s.domain.y[1] - s.domain.y[0]);
/** The story's sentences that name Adadelta (split at ". " and "; ", not inside "0.003"). */
const adadeltaSentences = (s: Surface) => (s.race?.story ?? '').split(/(?<=[.;])\s/).filter((t) => t.includes('Adadelta'));
const withRace = surfaceIds.map((id) => [id, surfaces[id]] as const).filter(([, s]) => s.race);

/** Largest distance of a path's points from the line through `a` and `b`. */
function offLine(run: Pick<Trajectory, 'x' | 'y'>, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  let most = 0;
  for (let k = 0; k < run.x.length; k++) {
    most = Math.max(most, Math.abs((run.x[k] - a[0]) * dy - (run.y[k] - a[1]) * dx) / length);
  }
  return most;
}

describe('Adadelta in the default races', () => {
  it('every race that has Adadelta gives it torch\'s lr 1, or its story says which lr and why', () => {
    const races = withRace.filter(([, s]) => s.race?.optimizers.some((e) => e.optimizer === 'adadelta'));
    expect(races.length).toBeGreaterThan(10);
    for (const [id, s] of races) {
      for (const e of s.race?.optimizers ?? []) {
        if (e.optimizer !== 'adadelta') continue;
        const lr = e.hyper?.lr ?? getPreset('adadelta').defaults.lr;
        if (lr === 1) continue;
        // Any other lr must be named in the story, in a sentence about Adadelta.
        const named = adadeltaSentences(s).some((t) => t.includes(`lr ${String(lr)}`));
        expect(named, `${id}: Adadelta at lr ${String(lr)} and the story does not say why`).toBe(true);
      }
    }
  });

  it('torch\'s Adadelta first step is about 0.003 per coordinate (√(ε/(1−ρ))), as the stories say', () => {
    const { eps, rho } = getPreset('adadelta').defaults as { eps: number; rho: number };
    for (const [id, s] of withRace) {
      const run = trajectory({ surface: s, optimizer: 'adadelta', hyper: { lr: 1 }, start: s.start, steps: 1 });
      const g = [0, 0];
      s.grad(s.start[0], s.start[1], g);
      for (const [c, moved] of [run.x[1] - run.x[0], run.y[1] - run.y[0]].entries()) {
        // torch: v = ρ·0 + (1−ρ)g², step = √(0 + ε) / √(v + ε) · g
        const expected = (Math.sqrt(eps) / Math.sqrt((1 - rho) * g[c] * g[c] + eps)) * g[c];
        expect(-moved, `${id} coordinate ${c}`).toBeCloseTo(expected, 12);
        if (Math.abs(g[c]) > 0.1) expect(Number(Math.abs(moved).toPrecision(1)), `${id} coordinate ${c}`).toBe(0.003);
      }
    }
  });

  it.each(withRace)('%s: where Adadelta (lr 1) is still far from every critical point at the end, the story says ε keeps it slow', (id, s) => {
    const race = s.race!;
    if (!race.optimizers.some((e) => e.optimizer === 'adadelta')) return;
    const run = trajectory({ surface: s, optimizer: 'adadelta', hyper: { lr: 1 }, start: s.start, steps: race.steps });
    const n = race.steps;
    const [x, y] = [run.x[n], run.y[n]];
    // Runs that leave the map (the saddles, where f falls without bound) are fast, not slow.
    const onMap = run.status === 'ok' && x >= s.domain.x[0] && x <= s.domain.x[1] && y >= s.domain.y[0] && y <= s.domain.y[1];
    const far = s.critical.every((c) => Math.hypot(c.x - x, c.y - y) > 0.02 * spanOf(s));
    const says = adadeltaSentences(s).some((t) => t.includes('0.003') && t.includes('ε'));
    if (!(onMap && far)) return;
    slowSurfaces.push(id);
    expect(says, `${id}: Adadelta ends at (${x.toFixed(2)}, ${y.toFixed(2)})`).toBe(true);
  });

  const slowSurfaces: string[] = [];
  it('the slow Adadelta runs are the ones measured above (the check is not empty)', () => {
    expect(slowSurfaces.sort()).toEqual(['beale', 'booth', 'himmelblau', 'levi13', 'matyas', 'plateau', 'ravine', 'rosenbrock', 'two-wells']);
  });
});

describe('booth race', () => {
  const s = surfaces.booth;
  const minimum: Point = [1, 3];
  const runs = (start: Point) =>
    s.race!.optimizers
      .filter((e) => !e.noise && !e.hyper?.weightDecay)
      .map((e) => ({
        name: e.label ?? e.optimizer,
        run: trajectory({ surface: s, optimizer: e.optimizer, hyper: e.hyper ?? {}, start, steps: s.race!.steps }),
      }));

  it('the start is off both axes of the bowl (Hessian eigenvectors (1, 1) and (1, −1))', () => {
    const d = [s.start[0] - minimum[0], s.start[1] - minimum[1]];
    const steep = Math.abs(d[0] + d[1]) / Math.SQRT2;
    const shallow = Math.abs(d[0] - d[1]) / Math.SQRT2;
    expect(Math.min(steep, shallow) / Math.hypot(d[0], d[1])).toBeGreaterThan(0.3);
  });

  it('noise-free paths that reach the minimum bend: each leaves the straight line start → minimum by > 5% of the span', () => {
    const arrived = runs(s.start).filter(({ run }) => Math.hypot(run.x.at(-1)! - 1, run.y.at(-1)! - 3) < 0.05);
    expect(arrived.map((r) => r.name).sort()).toEqual(['SGD', 'adagrad', 'adam', 'momentum', 'nesterov', 'rmsprop']);
    for (const { name, run } of arrived) expect(offLine(run, s.start, minimum), name).toBeGreaterThan(0.05 * spanOf(s));
  });

  it('the measure does see straight lines: from the old start on the steep axis every path stays on it', () => {
    for (const { name, run } of runs([-8, -6])) expect(offLine(run, [-8, -6], minimum), name).toBeLessThan(1e-9);
  });
});

describe('catalog panels draw x and y at the same scale', () => {
  it.each(surfaceIds.map((id) => [id, surfaces[id]] as const))('%s: px per unit on x equals px per unit on y', (_id, s) => {
    const width = 574;
    const height = panelHeight(s.domain, width);
    const scales = panelScales(s.domain, width, height);
    const perX = (scales.x(s.domain.x[1]) - scales.x(s.domain.x[0])) / (s.domain.x[1] - s.domain.x[0]);
    const perY = (scales.y(s.domain.y[0]) - scales.y(s.domain.y[1])) / (s.domain.y[1] - s.domain.y[0]);
    // panelHeight rounds to whole pixels: within one pixel over the span.
    expect(Math.abs(perX - perY) * (s.domain.y[1] - s.domain.y[0])).toBeLessThan(1);
  });
});
