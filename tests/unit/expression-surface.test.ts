/**
 * compileSurface(): the Surface it returns, the catalog typed in (same f and grad as the
 * hand-written code, every listed critical point found), critical points of typed-in surfaces
 * against known answers, the finiteness check, options, caching, and trajectory({ surface:
 * { expr } }).
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/index';
import { findCriticalPoints } from '../../src/core/critical-points';
import { OptionError } from '../../src/core/errors';
import { DEFAULT_DOMAIN, MANY_CRITICAL_POINTS, compileExpression, compileSurface } from '../../src/core/expression/index';
import { SurfaceError } from '../../src/core/expression/errors';
import { mulberry32 } from '../../src/core/random';
import { trajectory } from '../../src/core/trajectory';
import type { CriticalKind, CriticalPoint, Domain, Surface } from '../../src/core/types';
import { surfaces } from '../../surfaces/index';

const square = (r: number): Domain => ({ x: [-r, r], y: [-r, r] });

function refused(fn: () => unknown): SurfaceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SurfaceError);
    return error as SurfaceError;
  }
  throw new Error('expected a SurfaceError');
}

/** Expects exactly these critical points (any order), positions to `tol`. */
function expectCritical(points: readonly CriticalPoint[], expected: [CriticalKind, number, number][], tol = 1e-7): void {
  expect(points.map((p) => `${p.kind} (${p.x.toFixed(4)}, ${p.y.toFixed(4)})`).sort()).toEqual(
    expected.map(([kind, x, y]) => `${kind} (${(x + 0).toFixed(4)}, ${(y + 0).toFixed(4)})`).sort(),
  );
  for (const [kind, x, y] of expected) {
    expect(points.some((p) => p.kind === kind && Math.abs(p.x - x) < tol && Math.abs(p.y - y) < tol), `${kind} at (${x}, ${y})`).toBe(true);
  }
}

/** The root of a continuous g in [a, b] where g changes sign, by bisection to rounding level. */
function bisect(g: (t: number) => number, a: number, b: number): number {
  let lo = a;
  let hi = b;
  const sLo = Math.sign(g(lo));
  for (let i = 0; i < 200 && hi - lo > 0; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (Math.sign(g(mid)) === sLo) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

describe('compileSurface', () => {
  it('returns a frozen Surface: id, label, normalised expr, f, grad, default domain, critical, start, note', () => {
    const s = compileSurface(' sin(x)*cos(y) + 0.1*(x^2+y^2) ');
    expect(s.id).toMatch(/^expr:[0-9a-f]{8}$/);
    expect(s.label).toBe('sin(x)*cos(y) + 0.1*(x^2+y^2)');
    expect(s.expr).toBe('sin(x) * cos(y) + 0.1 * (x ^ 2 + y ^ 2)');
    expect(s.domain).toEqual(DEFAULT_DOMAIN);
    expect(s.domain).toEqual({ x: [-5, 5], y: [-5, 5] });
    expect(s.note).toBe('typed in');
    expect(s.f(1, 2)).toBeCloseTo(Math.sin(1) * Math.cos(2) + 0.5, 15);
    const g = new Float64Array(2);
    s.grad(1, 2, g);
    expect(g[0]).toBeCloseTo(Math.cos(1) * Math.cos(2) + 0.2, 15);
    expect(g[1]).toBeCloseTo(-Math.sin(1) * Math.sin(2) + 0.4, 15);
    // valueAndGrad: f returned, the gradient written, the very same numbers.
    const fused = new Float64Array(2);
    expect(s.valueAndGrad(1, 2, fused)).toBe(s.f(1, 2));
    expect([...fused]).toEqual([...g]);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.critical)).toBe(true);
    expect(Object.isFrozen(s.start)).toBe(true);
    // The same function typed differently is the same surface; another domain is another one.
    expect(compileSurface('sin(x) * cos(y) + 0.1 * (x ^ 2 + y ^ 2)').id).toBe(s.id);
    expect(compileSurface(s.expr, { domain: square(4) }).id).not.toBe(s.id);
  });

  it('chooses a start inside the domain, high on the surface, away from every critical point', () => {
    for (const expr of ['sin(x)*cos(y) + 0.1*(x^2+y^2)', 'x^2 + y^2', '(x^2 - 1)^2 + y^2', 'x^2 - y^2']) {
      const s = compileSurface(expr);
      const [x, y] = s.start;
      expect(x > -5 && x < 5 && y > -5 && y < 5).toBe(true);
      for (const c of s.critical) expect(Math.hypot(c.x - x, c.y - y), expr).toBeGreaterThanOrEqual(1);
      // Higher than the median of f over the inner part of the domain (1/8 to 7/8 of each span).
      const values: number[] = [];
      for (let i = 0; i <= 30; i++) for (let j = 0; j <= 30; j++) values.push(s.f(-3.75 + i / 4, -3.75 + j / 4));
      values.sort((a, b) => a - b);
      expect(s.f(x, y), expr).toBeGreaterThan(values[values.length >> 1]);
    }
  });

  it('uses the given domain and validates it', () => {
    const s = compileSurface('x^2 + y^2', { domain: { x: [-1, 3], y: [0.5, 2] } });
    expect(s.domain).toEqual({ x: [-1, 3], y: [0.5, 2] });
    expect(s.critical).toEqual([]); // the minimum (0, 0) is outside
    for (const domain of [{ x: [1, -1], y: [0, 1] }, { x: [0, NaN], y: [0, 1] }, { x: [0, 1] }, null, 'big']) {
      expect(() => compileSurface('x', { domain: domain as unknown as Domain })).toThrow(OptionError);
    }
    expect(() => compileSurface('x', { domain: { x: [0, 0], y: [0, 1] } })).toThrow(/option "domain" must be .* min < max/);
  });

  it('refuses a surface that is not finite over most of its domain, and accepts one that is over half', () => {
    for (const expr of ['sqrt(-1 - x^2)', 'log(-x^2 - 1)', '1/0 + x', 'log(x)', 'asin(x + 10)']) {
      const error = refused(() => compileSurface(expr));
      expect(error.code, expr).toBe('not-finite');
      expect(error.message).toMatch(/not finite over most of its domain: only \d+% of 1681 sample points/);
      expect([error.start, error.end]).toEqual([0, expr.length]);
    }
    // sqrt(x) is finite for x >= 0: 21 of 41 columns.
    expect(compileSurface('sqrt(x) + y^2').critical).toEqual([]);
    // The same expression is fine on a domain where it is finite.
    expect(compileSurface('log(x) + y^2', { domain: { x: [0.5, 3], y: [-1, 1] } }).critical).toEqual([]);
  });

  it('refuses bad expressions with a SurfaceError, also through the core entry point\'s loadExpressions()', async () => {
    const loaded = await core.loadExpressions();
    expect(loaded.compileSurface).toBe(compileSurface);
    expect(core.SurfaceError).toBe(SurfaceError);
    const error = refused(() => loaded.compileSurface('x + foo(y)'));
    expect([error.code, error.start, error.end]).toEqual(['unknown-function', 4, 7]);
  });

  it('returns the same Surface for the same expression and domain (trajectory compiles on every call)', () => {
    const a = compileSurface('x^2 + 3*y^2');
    expect(compileSurface('x^2 + 3*y^2')).toBe(a);
    expect(compileSurface('x^2 + 3*y^2', { domain: square(5) })).toBe(a);
    expect(compileSurface('x^2 + 3*y^2', { domain: square(2) })).not.toBe(a);
    expect(compileSurface('x^2 + 3*y^2', { backend: 'interpreter' })).not.toBe(a);
  });

  it('marks no point of a constant surface, and says why', () => {
    const s = compileSurface('2 + pi');
    expect(s.critical).toEqual([]);
    expect(s.criticalNote).toMatch(/constant/);
    expect(s.f(1, 1)).toBe(2 + Math.PI);
  });

  it('lists only the global and nearest local minima where there are very many, like the catalog', () => {
    const s = compileSurface('20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)');
    expect(s.criticalNote).toMatch(/^Partial: the global minima and the 4 local minima nearest the start; \d+ other/);
    expect(Number(/; (\d+) other/.exec(s.criticalNote ?? '')?.[1]) + 5).toBeGreaterThan(MANY_CRITICAL_POINTS);
    expect(s.critical.map((c) => c.kind)).toEqual(['global-min', 'local-min', 'local-min', 'local-min', 'local-min']);
    expect(s.critical[0].x).toBe(0);
    expect(s.critical[0].y).toBe(0);
  });

  it('works in both back ends with the same result', () => {
    const a = compileSurface('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { backend: 'function' });
    const b = compileSurface('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { backend: 'interpreter' });
    expect(b.critical).toEqual(a.critical);
    expect(b.start).toEqual(a.start);
  });
});

describe('compileSurface on the catalog', () => {
  // Every catalog surface with a formula (two data surfaces have none: a mean over their samples).
  const catalog = (Object.values(surfaces) as Surface[]).filter((s) => s.expr);
  /** The seeds scripts/critical-points.ts used for each catalog list. */
  const seedsFor: Record<string, number> = { rastrigin: 121, ackley: 121, levi13: 121 };

  it.each(catalog.map((s) => [s.id, s] as const))('%s: the compiled expr equals the hand-written f and grad', (_id, s) => {
    const c = compileSurface(s.expr, { domain: s.domain });
    const rnd = mulberry32(12345);
    const g1 = new Float64Array(2);
    const g2 = new Float64Array(2);
    const [x0, x1] = s.domain.x;
    const [y0, y1] = s.domain.y;
    for (let k = 0; k < 500; k++) {
      const x = x0 + (x1 - x0) * rnd();
      const y = y0 + (y1 - y0) * rnd();
      const f = s.f(x, y);
      expect(Math.abs(c.f(x, y) - f), `f at (${x}, ${y})`).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(f)));
      s.grad(x, y, g1);
      c.grad(x, y, g2);
      const scale = Math.max(1, Math.hypot(g1[0], g1[1]));
      expect(Math.abs(g2[0] - g1[0]), `fx at (${x}, ${y})`).toBeLessThanOrEqual(1e-12 * scale);
      expect(Math.abs(g2[1] - g1[1]), `fy at (${x}, ${y})`).toBeLessThanOrEqual(1e-12 * scale);
    }
    // Also where the hand-written code defines a value at a kink (Ackley's origin).
    for (const p of s.critical) {
      s.grad(p.x, p.y, g1);
      c.grad(p.x, p.y, g2);
      expect(Math.abs(g2[0] - g1[0]) + Math.abs(g2[1] - g1[1]), `grad at ${p.kind} (${p.x}, ${p.y})`).toBeLessThan(1e-9);
    }
  });

  it.each(catalog.map((s) => [s.id, s] as const))('%s: the finder on the compiled surface finds every listed critical point', (id, s) => {
    const c = compileExpression(s.expr);
    const found = findCriticalPoints(
      { f: c.f, grad: c.grad, hessian: c.hessian, domain: s.domain },
      { seeds: seedsFor[id] ?? 41 },
    );
    const span = Math.max(s.domain.x[1] - s.domain.x[0], s.domain.y[1] - s.domain.y[0]);
    for (const p of s.critical) {
      const twin = found.find((q) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-6 * span);
      expect(twin, `${p.kind} at (${p.x}, ${p.y})`).toBeDefined();
      expect(twin?.kind).toBe(p.kind);
      expect(twin?.f).toBeCloseTo(p.f, 8);
    }
    // compileSurface lists them too, unless the catalog's list is itself partial.
    if (!s.criticalNote) {
      const listed = compileSurface(s.expr, { domain: s.domain }).critical;
      expect(listed.length).toBe(s.critical.length);
    }
  });
});

describe('compileSurface critical points of typed-in surfaces', () => {
  it('a shifted bowl: one global minimum', () => {
    expectCritical(compileSurface('(x - 1)^2 + 2*(y + 0.5)^2').critical, [['global-min', 1, -0.5]]);
  });

  it('a saddle, a maximum, and a monkey saddle', () => {
    expectCritical(compileSurface('x^2 - y^2').critical, [['saddle', 0, 0]]);
    expectCritical(compileSurface('-(x^2 + y^2)').critical, [['local-max', 0, 0]]);
    const monkey = compileSurface('x^3 - 3x y^2');
    expectCritical(monkey.critical, [['saddle', 0, 0]]);
    expect(monkey.critical[0].degenerate).toBe(true);
  });

  it('a double well: two global minima and the saddle between', () => {
    expectCritical(compileSurface('(x^2 - 1)^2 + y^2', { domain: square(2) }).critical, [
      ['global-min', -1, 0],
      ['global-min', 1, 0],
      ['saddle', 0, 0],
    ]);
  });

  it('a tilted well: the roots of 4x^3 - 4x + 1/2 = 0', () => {
    const g = (t: number) => 4 * t ** 3 - 4 * t + 0.5;
    const [a, b, c] = [bisect(g, -2, -0.5), bisect(g, 0, 0.5), bisect(g, 0.5, 2)];
    expectCritical(compileSurface('x^4 - 2x^2 + 0.5x + y^2', { domain: square(2) }).critical, [
      ['global-min', a, 0],
      ['saddle', b, 0],
      ['local-min', c, 0],
    ]);
  });

  it('an egg crate: maxima, minima and a saddle at multiples of pi/2', () => {
    const h = Math.PI / 2;
    expectCritical(compileSurface('sin(x) sin(y)', { domain: square(2) }).critical, [
      ['global-min', h, -h],
      ['global-min', -h, h],
      ['local-max', h, h],
      ['local-max', -h, -h],
      ['saddle', 0, 0],
    ]);
  });

  it("the issue's example: minima on y = 0 where cos(x) + 0.2x = 0, all points stationary and classified", () => {
    const s = compileSurface('sin(x)*cos(y) + 0.1*(x^2+y^2)');
    const xMin = bisect((t) => Math.cos(t) + 0.2 * t, -2, 0);
    const best = s.critical.filter((c) => c.kind === 'global-min');
    expect(best).toHaveLength(1);
    expect(best[0].x).toBeCloseTo(xMin, 9);
    expect(best[0].y).toBeCloseTo(0, 9);
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    for (const c of s.critical) {
      s.grad(c.x, c.y, g);
      expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-8);
      s.hessian(c.x, c.y, h);
      const det = h[0] * h[2] - h[1] * h[1];
      const kind = det < 0 ? 'saddle' : h[0] > 0 ? 'min' : 'max';
      expect(c.kind.endsWith(kind) || (kind === 'min' && c.kind.endsWith('-min')), `${c.kind} vs ${kind}`).toBe(true);
    }
    expect(s.critical.map((c) => c.kind)).toEqual(expect.arrayContaining(['global-min', 'local-min', 'saddle']));
  });

  it('a cone: its tip, where the gradient is 0 by convention', () => {
    const s = compileSurface('sqrt(x^2 + y^2)');
    expect(s.critical).toEqual([{ kind: 'global-min', x: 0, y: 0, f: 0, degenerate: true }]);
  });

  it('Himmelblau typed in: four global minima, one maximum, four saddles', () => {
    const s = compileSurface('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
    const count = (kind: CriticalKind) => s.critical.filter((c) => c.kind === kind).length;
    expect([count('global-min'), count('local-min'), count('saddle'), count('local-max')]).toEqual([4, 0, 4, 1]);
    expect(s.critical.some((c) => c.x === 3 && c.y === 2)).toBe(true);
  });
});

describe('trajectory({ surface: { expr, domain } })', () => {
  it('runs on a typed-in surface exactly as on the compiled Surface', () => {
    const options = { optimizer: 'adam' as const, hyper: { lr: 0.05 }, start: [-2, 3] as [number, number], steps: 200 };
    const typed = trajectory({ surface: { expr: '(x - 1)^2 + 2*(y + 0.5)^2', domain: square(4) }, ...options });
    const compiled = trajectory({ surface: compileSurface('(x - 1)^2 + 2*(y + 0.5)^2', { domain: square(4) }), ...options });
    expect(typed.status).toBe('ok');
    expect([...typed.x]).toEqual([...compiled.x]);
    expect([...typed.loss]).toEqual([...compiled.loss]);
    expect(typed.x[200]).toBeCloseTo(1, 2);
    expect(typed.y[200]).toBeCloseTo(-0.5, 2);
  });

  it('matches the hand-written catalog surface step for step', () => {
    const s = surfaces.rosenbrock;
    const options = { optimizer: 'momentum' as const, hyper: { lr: 1e-4 }, start: s.start, steps: 300 };
    const hand = trajectory({ surface: s, ...options });
    const typed = trajectory({ surface: { expr: s.expr, domain: s.domain }, ...options });
    for (let t = 0; t <= 300; t++) {
      expect(Math.abs(typed.x[t] - hand.x[t])).toBeLessThan(1e-9);
      expect(Math.abs(typed.y[t] - hand.y[t])).toBeLessThan(1e-9);
    }
  });

  it('throws the SurfaceError of a bad expression', () => {
    expect(() => trajectory({ surface: { expr: 'x +* y' }, optimizer: 'sgd', start: [0, 0], steps: 1 })).toThrow(SurfaceError);
  });
});
