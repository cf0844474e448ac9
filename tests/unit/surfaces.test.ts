import { existsSync } from 'node:fs';
import { compile } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { CRITICAL_TOLERANCE, findCriticalPoints } from '../../src/core/critical-points';
import { mulberry32 } from '../../src/core/random';
import type { CriticalPoint, Surface } from '../../src/core/types';
import { catalogSetting } from '../../scripts/critical-points';
import * as catalog from '../../surfaces/index';
import { dataSurfaces, surfaceIds, surfaces, type SurfaceId } from '../../surfaces/index';

const spanOf = (s: Surface) => Math.max(s.domain.x[1] - s.domain.x[0], s.domain.y[1] - s.domain.y[0]);
const inside = (s: Surface, x: number, y: number) =>
  x >= s.domain.x[0] && x <= s.domain.x[1] && y >= s.domain.y[0] && y <= s.domain.y[1];

function randomPoints(s: Surface, count: number, seed: number): [number, number][] {
  const random = mulberry32(seed);
  const [x0, x1] = s.domain.x;
  const [y0, y1] = s.domain.y;
  return Array.from({ length: count }, () => [x0 + (x1 - x0) * random(), y0 + (y1 - y0) * random()]);
}

function gradAt(s: Surface, x: number, y: number): [number, number] {
  const out = new Float64Array(2);
  s.grad(x, y, out);
  return [out[0], out[1]];
}

/** Hessian by central differences of grad, independent of the finder's own helper. */
function hessian(s: Surface, x: number, y: number): [number, number, number] {
  const hx = 1e-5 * (s.domain.x[1] - s.domain.x[0]);
  const hy = 1e-5 * (s.domain.y[1] - s.domain.y[0]);
  const [axp, bxp] = gradAt(s, x + hx, y);
  const [axm, bxm] = gradAt(s, x - hx, y);
  const [ayp, byp] = gradAt(s, x, y + hy);
  const [aym, bym] = gradAt(s, x, y - hy);
  const fxy = ((bxp - bxm) / hx + (ayp - aym) / hy) / 4;
  return [(axp - axm) / (2 * hx), fxy, (byp - bym) / (2 * hy)];
}

/** Signs of f(point + circle) − f(point): [higher, lower] counts. */
function circleSigns(s: Surface, x: number, y: number): [number, number] {
  const r = 2e-3 * Math.min(s.domain.x[1] - s.domain.x[0], s.domain.y[1] - s.domain.y[0]);
  const f0 = s.f(x, y);
  let higher = 0;
  let lower = 0;
  for (let k = 0; k < 48; k++) {
    const t = (2 * Math.PI * (k + 0.25)) / 48;
    const d = s.f(x + r * Math.cos(t), y + r * Math.sin(t)) - f0;
    if (d > 0) higher++;
    if (d < 0) lower++;
  }
  return [higher, lower];
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Literature values. Sources: Wikipedia, "Test functions for optimization" (minima of Beale,
 * Booth, Matyas, Goldstein–Price, Himmelblau, three-hump camel, Styblinski–Tang, Lévi N.13,
 * Rastrigin, Ackley, Rosenbrock); SFU Virtual Library of Simulation Experiments (six-hump camel:
 * ±(0.0898, −0.7126), f ≈ −1.0316; Styblinski–Tang: −39.16617 n < f* < −39.16616 n);
 * Himmelblau's maximum from Wikipedia, "Himmelblau's function". For the descent-lab surfaces the
 * values are worked out by hand (two-wells: roots of x^3 − x + 1/8 = 0).
 */
interface Known {
  x: number;
  y: number;
  f: number;
  /** Tolerance on f at the rounded literature point, and on the catalog point's distance. */
  fTol: number;
  xyTol: number;
}
const k = (x: number, y: number, f: number, fTol = 1e-12, xyTol = 1e-9): Known => ({ x, y, f, fTol, xyTol });

const twoWellsRoots = (() => {
  // x^3 − x + 1/8 = 0 in trigonometric form: x = 2/√3 cos(θ/3 − 2πk/3), cos θ = −(3√3/16)
  const m = 2 / Math.sqrt(3);
  const theta = Math.acos(-(3 * Math.sqrt(3)) / 16);
  return [0, 1, 2].map((j) => m * Math.cos(theta / 3 - (2 * Math.PI * j) / 3)).sort((a, b) => a - b);
})();

const literatureGlobalMinima: Record<Exclude<SurfaceId, keyof typeof dataSurfaces>, Known[]> = {
  saddle: [],
  'monkey-saddle': [],
  ravine: [k(0, 0, 0)],
  plateau: [k(1, -1, 0)],
  'two-wells': [
    k(twoWellsRoots[0], 0, twoWellsRoots[0] ** 4 - 2 * twoWellsRoots[0] ** 2 + 0.5 * twoWellsRoots[0]),
  ],
  booth: [k(1, 3, 0)],
  matyas: [k(0, 0, 0)],
  rosenbrock: [k(1, 1, 0)],
  beale: [k(3, 0.5, 0)],
  himmelblau: [
    k(3, 2, 0),
    k(-2.805118, 3.131312, 0, 1e-9, 1e-6),
    k(-3.77931, -3.283186, 0, 1e-9, 1e-6),
    k(3.584428, -1.848126, 0, 1e-9, 1e-6),
  ],
  'three-hump-camel': [k(0, 0, 0)],
  'six-hump-camel': [k(0.0898, -0.7126, -1.0316, 1e-4, 1e-4), k(-0.0898, 0.7126, -1.0316, 1e-4, 1e-4)],
  'styblinski-tang': [k(-2.903534, -2.903534, -78.33234, 1e-5, 1e-6)],
  'goldstein-price': [k(0, -1, 3)],
  rastrigin: [k(0, 0, 0)],
  ackley: [k(0, 0, 0, 1e-14)],
  levi13: [k(1, 1, 0, 1e-28)],
};

/** Other literature (or hand-derived) critical points the catalog must contain. */
const literatureOther: Partial<Record<SurfaceId, (Known & { kind: CriticalPoint['kind'] })[]>> = {
  saddle: [{ ...k(0, 0, 0), kind: 'saddle' }],
  'monkey-saddle': [{ ...k(0, 0, 0), kind: 'saddle' }],
  'two-wells': [
    {
      ...k(twoWellsRoots[2], 0, twoWellsRoots[2] ** 4 - 2 * twoWellsRoots[2] ** 2 + 0.5 * twoWellsRoots[2]),
      kind: 'local-min',
    },
    {
      ...k(twoWellsRoots[1], 0, twoWellsRoots[1] ** 4 - 2 * twoWellsRoots[1] ** 2 + 0.5 * twoWellsRoots[1]),
      kind: 'saddle',
    },
  ],
  himmelblau: [{ ...k(-0.270845, -0.923039, 181.617, 1e-3, 1e-6), kind: 'local-max' }],
  // Beale: grad f at x = 0 reduces to d/dx, which vanishes at y = 1.
  beale: [{ ...k(0, 1, 14.203125), kind: 'saddle' }],
};

describe('surfaces', () => {
  it('lists every catalog surface once, keyed and exported under its id', () => {
    expect(Object.keys(surfaces)).toEqual([...surfaceIds]);
    expect(surfaceIds).toHaveLength(20);
    // The data surfaces come last, each with its samples.
    expect(surfaceIds.filter((id) => surfaces[id].data)).toEqual(['linear-regression', 'logistic-regression', 'tiny-net']);
    expect(surfaceIds.slice(-3)).toEqual(Object.keys(dataSurfaces));
    for (const id of surfaceIds) {
      expect(surfaces[id].id).toBe(id);
      expect((catalog as Record<string, unknown>)[camel(id)]).toBe(surfaces[id]);
      expect(existsSync(new URL(`../../surfaces/${id}.ts`, import.meta.url))).toBe(true);
    }
  });
});

// The data surfaces (no closed form) have their own tests: tests/unit/data-surfaces.test.ts checks
// their gradients against finite differences and their critical points against an independent solve.
const analytic = surfaceIds.filter((id): id is Exclude<SurfaceId, keyof typeof dataSurfaces> => !(id in dataSurfaces));

describe.each(analytic.map((id) => [id, surfaces[id]] as const))('%s', (id, s) => {
  const span = spanOf(s);

  it('has a label, a note, a source and a valid mathjs expr equal to f', () => {
    expect(s.label.length).toBeGreaterThan(0);
    expect(s.note.length).toBeGreaterThan(0);
    expect(s.source?.length).toBeGreaterThan(0);
    expect(s.expr.trim().length).toBeGreaterThan(0);
    const code = compile(s.expr);
    for (const [x, y] of randomPoints(s, 50, 7)) {
      const value = code.evaluate({ x, y }) as number;
      expect(Math.abs(value - s.f(x, y))).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(s.f(x, y))));
    }
  });

  it('grad matches central differences of f at 200 random points', () => {
    // Two steps, keeping the better: 1e-6 of the span balances truncation and rounding for most
    // surfaces, but Lévi N.13's fast ripples (times (x − 1)^2 up to 121) need the smaller one.
    const steps = [1e-6 * span, 1e-7 * span];
    let worst = 0;
    for (const [x, y] of randomPoints(s, 200, 42)) {
      const [gx, gy] = gradAt(s, x, y);
      // Rounding in f's differences scales with |f| / h, so |f| / span enters the scale.
      const scale = 1 + Math.hypot(gx, gy) + Math.abs(s.f(x, y)) / span;
      let best = Infinity;
      for (const h of steps) {
        const dx = (s.f(x + h, y) - s.f(x - h, y)) / (2 * h);
        const dy = (s.f(x, y + h) - s.f(x, y - h)) / (2 * h);
        best = Math.min(best, Math.max(Math.abs(gx - dx), Math.abs(gy - dy)) / scale);
      }
      worst = Math.max(worst, best);
    }
    expect(worst).toBeLessThan(2e-8);
  });

  it('grad writes finite values everywhere on a grid, including the domain centre and edges', () => {
    const out = new Float64Array(2);
    for (let i = 0; i <= 20; i++) {
      for (let j = 0; j <= 20; j++) {
        const x = s.domain.x[0] + ((s.domain.x[1] - s.domain.x[0]) * i) / 20;
        const y = s.domain.y[0] + ((s.domain.y[1] - s.domain.y[0]) * j) / 20;
        s.grad(x, y, out);
        expect(Number.isFinite(out[0]) && Number.isFinite(out[1])).toBe(true);
      }
    }
  });

  it('f has the literature values at the literature minima, and critical lists them as global', () => {
    const globals = s.critical.filter((p) => p.kind === 'global-min');
    const known = literatureGlobalMinima[id];
    expect(globals).toHaveLength(known.length);
    for (const m of known) {
      expect(Math.abs(s.f(m.x, m.y) - m.f)).toBeLessThanOrEqual(m.fTol);
      const match = globals.find((p) => Math.hypot(p.x - m.x, p.y - m.y) <= m.xyTol);
      expect(match, `global minimum near (${m.x}, ${m.y})`).toBeDefined();
      expect(Math.abs(match!.f - m.f)).toBeLessThanOrEqual(m.fTol);
    }
    for (const m of literatureOther[id] ?? []) {
      expect(Math.abs(s.f(m.x, m.y) - m.f)).toBeLessThanOrEqual(m.fTol);
      const match = s.critical.find((p) => Math.hypot(p.x - m.x, p.y - m.y) <= m.xyTol);
      expect(match, `${m.kind} near (${m.x}, ${m.y})`).toBeDefined();
      expect(match!.kind).toBe(m.kind);
    }
  });

  it('critical points are inside the domain, converged, and of the kind their Hessian says', () => {
    expect(s.critical.length).toBeGreaterThan(0);
    for (const p of s.critical) {
      const where = `${p.kind} at (${p.x}, ${p.y})`;
      expect(inside(s, p.x, p.y), where).toBe(true);
      expect(p.f, where).toBe(s.f(p.x, p.y));
      const [gx, gy] = gradAt(s, p.x, p.y);
      expect(Math.hypot(gx, gy), where).toBeLessThan(CRITICAL_TOLERANCE);
      const [a, b, c] = hessian(s, p.x, p.y);
      const det = a * c - b * b;
      if (p.degenerate) {
        const [higher, lower] = circleSigns(s, p.x, p.y);
        if (p.kind === 'saddle') expect(higher > 0 && lower > 0, where).toBe(true);
        else if (p.kind === 'local-max') expect(higher, where).toBe(0);
        else expect(lower, where).toBe(0);
        continue;
      }
      const newtonStep = Math.hypot(c * gx - b * gy, a * gy - b * gx) / Math.abs(det);
      expect(newtonStep, where).toBeLessThan(1e-10);
      if (p.kind === 'saddle') expect(det, where).toBeLessThan(0);
      else {
        expect(det, where).toBeGreaterThan(0);
        if (p.kind === 'local-max') expect(a + c, where).toBeLessThan(0);
        else expect(a + c, where).toBeGreaterThan(0);
      }
    }
  });

  it('critical marks the lowest minima global and the others local', () => {
    const minima = s.critical.filter((p) => p.kind === 'global-min' || p.kind === 'local-min');
    const best = Math.min(...minima.map((p) => p.f));
    for (const p of minima) {
      const global = p.f - best <= 1e-9 * Math.max(1, Math.abs(best));
      expect(p.kind).toBe(global ? 'global-min' : 'local-min');
    }
  });

  it('start is inside the domain, not critical and not next to a minimum', () => {
    const [x, y] = s.start;
    expect(inside(s, x, y)).toBe(true);
    const [gx, gy] = gradAt(s, x, y);
    expect(Math.hypot(gx, gy)).toBeGreaterThan(1e-4);
    for (const p of s.critical) {
      if (p.kind === 'global-min' || p.kind === 'local-min') {
        expect(Math.hypot(p.x - x, p.y - y)).toBeGreaterThan(0.02 * span);
      }
    }
  });

  const setting = catalogSetting(id);
  if (setting.nearestLocalMinima === undefined) {
    it('findCriticalPoints finds exactly the listed critical points (computed, not copied)', () => {
      expect(s.criticalNote).toBeUndefined();
      const fresh = findCriticalPoints(s);
      expect(fresh).toHaveLength(s.critical.length);
      for (const p of s.critical) {
        const twin = fresh.find((q) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-7);
        expect(twin, `${p.kind} at (${p.x}, ${p.y})`).toBeDefined();
        expect(twin!.kind).toBe(p.kind);
        expect(Boolean(twin!.degenerate)).toBe(Boolean(p.degenerate));
      }
    });
  } else {
    it('findCriticalPoints finds every listed point; the list is the global and nearest local minima', () => {
      const nearest = setting.nearestLocalMinima as number;
      expect(s.criticalNote).toMatch(/global minimum and the \d+ local minima nearest the start/);
      const fresh = findCriticalPoints(s, { seeds: setting.seeds });
      for (const p of s.critical) {
        const twin = fresh.find((q) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-7);
        expect(twin, `${p.kind} at (${p.x}, ${p.y})`).toBeDefined();
        expect(twin!.kind).toBe(p.kind);
      }
      const [x, y] = s.start;
      const locals = s.critical.filter((p) => p.kind === 'local-min');
      expect(locals).toHaveLength(nearest);
      const farthest = Math.max(...locals.map((p) => Math.hypot(p.x - x, p.y - y)));
      const closerUnlisted = fresh.filter(
        (q) =>
          q.kind === 'local-min' &&
          Math.hypot(q.x - x, q.y - y) < farthest &&
          !locals.some((p) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-7),
      );
      expect(closerUnlisted).toEqual([]);
    });
  }
});

describe('ackley.grad', () => {
  it('is (0, 0) at the kink at the origin, not NaN', () => {
    expect(gradAt(surfaces.ackley, 0, 0)).toEqual([0, 0]);
  });
});
