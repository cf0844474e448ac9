/**
 * Issue #10: compiling a typed-in surface is bounded by design. The critical-point search pauses
 * every few dozen evaluations (so it can run in short tasks) and stops at a budget, saying its
 * list is partial; an expression whose derivatives are too large is refused; compileSurfaceAsync
 * gives compileSurface's result in short tasks and can be stopped.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { criticalPointSearch, findCriticalPoints, type CriticalSurface } from '../../src/core/critical-points';
import { runToEnd } from '../../src/core/pause';
import {
  CRITICAL_SEARCH_WORK,
  MAX_GRAPH_NODES,
  TIMED_SEARCH_SIZE,
  compileExpression,
  compileSurface,
  compileSurfaceAsync,
  isCompiled,
} from '../../src/core/expression/index';
import { SurfaceError } from '../../src/core/expression/errors';
import type { Domain } from '../../src/core/types';
import { surfaces } from '../../surfaces/index';

/** The slow expressions, within today's 1,000-character limit. */
const SUM_240 = 'x' + ' + x'.repeat(240) + ' + y^2';
const HYPOT_300 = `hypot(${Array(300).fill('x').join(', ')})`;
const MAX_160 = `max(${Array.from({ length: 160 }, (_, i) => `x+${i}`).join(',')},y)`;

/** A surface that counts calls of f, grad and hessian since the last reset. */
function counting(expr: string, domain: Domain = { x: [-5, 5], y: [-5, 5] }) {
  const c = compileExpression(expr, { backend: 'function' });
  const count = { calls: 0 };
  const surface: CriticalSurface = {
    f: (x, y) => (count.calls++, c.f(x, y)),
    grad: (x, y, out) => (count.calls++, c.grad(x, y, out as Float64Array)),
    hessian: (x, y, out) => (count.calls++, c.hessian(x, y, out as Float64Array)),
    domain: { x: [domain.x[0], domain.x[1]], y: [domain.y[0], domain.y[1]] },
  };
  return { surface, count, compiled: c };
}

describe('criticalPointSearch', () => {
  it('pauses at least every few dozen evaluations, from the first seed to the last classification', () => {
    for (const expr of ['sin(3*x)*cos(3*y) + 0.1*(x^2+y^2)', 'abs(x) + abs(y - 1)', '(1 - x)^2 + 100*(y - x^2)^2']) {
      const { surface, count } = counting(expr);
      const search = criticalPointSearch(surface);
      let most = 0;
      let pauses = 0;
      for (;;) {
        count.calls = 0;
        const r = search.next();
        most = Math.max(most, count.calls);
        if (r.done) break;
        pauses++;
      }
      // A Newton iteration or a compass step is a handful of calls; classifying one point about
      // 45 (sampling around it); the seed grid's row is 41 values of f.
      expect(most, expr).toBeLessThanOrEqual(120);
      expect(pauses, expr).toBeGreaterThan(100);
    }
  });

  it('gives the same points as findCriticalPoints when it runs to its end', () => {
    const { surface } = counting('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
    const result = runToEnd(criticalPointSearch(surface));
    expect(result.complete).toBe(true);
    expect(result.points).toEqual(findCriticalPoints(surface));
    expect(result.points).toHaveLength(9);
  });

  it('stops at its budget, says it is incomplete, and what it found is still critical', () => {
    const { surface, count, compiled } = counting('sin(3*x)*cos(3*y) + 0.1*(x^2+y^2)');
    count.calls = 0;
    const full = runToEnd(criticalPointSearch(surface));
    expect(full.complete).toBe(true);
    const budget = Math.floor(full.evaluations / 3);
    count.calls = 0;
    const part = runToEnd(criticalPointSearch(surface, { budget }));
    expect(part.complete).toBe(false);
    // The budget is checked between iterations; classifying what was found costs ~45 each.
    expect(part.evaluations).toBeGreaterThanOrEqual(budget);
    expect(part.evaluations).toBeLessThan(budget + 50 * part.points.length + 200);
    expect(count.calls).toBeLessThan(full.evaluations);
    expect(part.points.length).toBeGreaterThan(0);
    expect(part.points.length).toBeLessThan(full.points.length);
    const g = new Float64Array(2);
    for (const p of part.points) {
      compiled.grad(p.x, p.y, g);
      expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-8);
      expect(full.points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < 1e-9 && q.kind.endsWith(p.kind.replace(/^(global|local)-/, '')))).toBe(true);
    }
  });
});

describe('criticalPointSearch with stopAfterMs', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A clock that moves only when the surface computes (0.01 ms a call) or the test says so. */
  function clocked(expr: string) {
    const { surface, count } = counting(expr);
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const tick = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => ((clock.now += 0.01), fn(...a));
    const timed: CriticalSurface = { ...surface, f: tick(surface.f), grad: tick(surface.grad), hessian: tick(surface.hessian!) };
    return { timed, count, clock };
  }

  it('stops after that many milliseconds of computing, as at a budget', () => {
    const expr = 'sin(3*x)*cos(3*y) + 0.1*(x^2+y^2)';
    const { timed, count } = clocked(expr);
    const full = runToEnd(criticalPointSearch(timed));
    expect(full.complete).toBe(true);
    count.calls = 0;
    // A third of the calls the full search makes, at 0.01 ms each.
    const ms = (full.evaluations / 3) * 0.01;
    const part = runToEnd(criticalPointSearch(timed, { stopAfterMs: ms }));
    expect(part.complete).toBe(false);
    expect(count.calls).toBeGreaterThan(full.evaluations / 4);
    expect(count.calls).toBeLessThan(full.evaluations / 2);
  });

  it('does not count the time it spends paused', () => {
    const { timed, clock } = clocked('sin(3*x)*cos(3*y) + 0.1*(x^2+y^2)');
    const search = criticalPointSearch(timed, { stopAfterMs: 1e6 });
    let r = search.next();
    // An hour between every two slices: only the 0.01 ms calls count.
    while (!r.done) {
      clock.now += 3.6e6;
      r = search.next();
    }
    expect(r.value.complete).toBe(true);
  });

  it('refuses a limit that is not > 0', () => {
    const { surface } = counting('x^2 + y^2');
    expect(() => runToEnd(criticalPointSearch(surface, { stopAfterMs: 0 }))).toThrow(/"stopAfterMs" must be > 0, got 0/);
  });
});

describe('compileSurface budgets', () => {
  it('every catalog formula, typed in over its window, is searched to the end (not partial)', () => {
    for (const s of Object.values(surfaces).filter((s) => s.expr)) {
      const typed = compileSurface(s.expr, { domain: s.domain });
      expect(typed.criticalSearchStopped, s.id).toBeUndefined();
      expect(typed.criticalNote ?? '', s.id).not.toMatch(/budget/);
    }
  });

  it('searches every catalog formula without a time limit, so what is marked does not depend on the machine', () => {
    // The CI failure this guards: a time limit judged on a busy machine cut Rosenbrock short.
    for (const s of Object.values(surfaces).filter((s) => s.expr)) expect(compileExpression(s.expr).size, s.id).toBeLessThanOrEqual(TIMED_SEARCH_SIZE);
    const now = vi.spyOn(performance, 'now').mockImplementation(() => 0);
    try {
      compileSurface(surfaces.rosenbrock.expr, { domain: { x: [-2.5, 2.5], y: [-1.5, 3.5] } });
      expect(now).not.toHaveBeenCalled();
    } finally {
      now.mockRestore();
    }
  });

  it('uses at most a third of the work budget on the costliest catalog formula (Rosenbrock)', () => {
    const s = surfaces.rosenbrock;
    const { surface, compiled } = counting(s.expr, s.domain);
    const { evaluations, complete } = runToEnd(criticalPointSearch(surface));
    expect(complete).toBe(true);
    expect(evaluations * compiled.size).toBeLessThan(CRITICAL_SEARCH_WORK / 3);
  });

  it('a long sum whose x-derivative is a nonzero constant has no critical point, known without a search', () => {
    const s = compileSurface(SUM_240);
    expect(s.critical).toEqual([]);
    expect(s.criticalSearchStopped).toBeUndefined();
    expect(compileExpression(SUM_240).noCriticalPoints).toBe(true);
    expect(compileExpression('x^2 + y^2').noCriticalPoints).toBe(false);
  });

  it('hundreds of equal global minima (sin(50x) sin(50y)) are not carpeted: the 4 nearest the start stand for them', () => {
    const s = compileSurface('sin(50*x)*sin(50*y)');
    const globals = s.critical.filter((c) => c.kind === 'global-min');
    expect(globals).toHaveLength(4);
    expect(s.critical.length).toBeLessThanOrEqual(8);
    const m = /^Partial: the 4 of (\d+) global minima and the \d+ local minima nearest the start/.exec(s.criticalNote ?? '');
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(100);
    // They are the ones nearest the start among all the search finds.
    const d = (c: { x: number; y: number }) => Math.hypot(c.x - s.start[0], c.y - s.start[1]);
    const all = findCriticalPoints(s).filter((c) => c.kind === 'global-min');
    expect(all.length).toBe(Number(m![1]));
    const farthest = Math.max(...globals.map(d));
    expect(all.filter((c) => d(c) < farthest - 1e-9).length).toBeLessThanOrEqual(3);
  });

  it('a 160-argument max stops at its budget and says its list is partial', () => {
    const s = compileSurface(MAX_160);
    expect(s.criticalSearchStopped).toBe(true);
    expect(s.criticalNote).toMatch(/^Partial: the search for critical points stopped at its budget \(\d+ evaluations/);
  });

  it(`refuses an expression whose derivatives take more than ${MAX_GRAPH_NODES} operations, naming the count`, () => {
    let error: unknown;
    try {
      compileSurface(HYPOT_300);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SurfaceError);
    expect((error as SurfaceError).code).toBe('too-complex');
    expect((error as SurfaceError).message).toMatch(/too complex: .* take \d+ operations; at most 2000 are allowed/);
    expect(compileExpression(`hypot(${Array(90).fill('x').join(', ')})`).size).toBeLessThanOrEqual(MAX_GRAPH_NODES);
  });
});

describe('compileSurfaceAsync', () => {
  it('gives what compileSurface gives, and compileSurface then answers from the cache', async () => {
    const expr = 'sin(2*x)*cos(y) + 0.05*(x^2+y^2) + 0';
    expect(isCompiled(expr)).toBe(false);
    const a = await compileSurfaceAsync(expr);
    expect(isCompiled(expr)).toBe(true);
    expect(compileSurface(expr)).toBe(a);
    const fresh = compileSurface(expr, { domain: { x: [-5, 5], y: [-5, 5.0000001] } });
    expect(fresh.critical.length).toBe(a.critical.length);
  });

  it('yields to the event loop while it works: a timer set before it fires before it ends', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    await compileSurfaceAsync('sin(3*x)*sin(3*y) + 0.01*x^2 + 0');
    expect(fired).toBe(true);
  });

  it('rejects with the SurfaceError compileSurface throws, and both remember it', async () => {
    await expect(compileSurfaceAsync('x^2 + y^2 + 2e+x')).rejects.toBeInstanceOf(SurfaceError);
    expect(isCompiled('x^2 + y^2 + 2e+x')).toBe(true);
    expect(() => compileSurface('x^2 + y^2 + 2e+x')).toThrow(SurfaceError);
  });

  it('stops when its signal is aborted, rejecting with the reason, and caches nothing', async () => {
    const controller = new AbortController();
    const expr = 'sin(4*x)*cos(4*y) + 0.02*(x^2+y^2) + 0';
    const pending = compileSurfaceAsync(expr, { signal: controller.signal });
    controller.abort(new Error('typed on'));
    await expect(pending).rejects.toThrow('typed on');
    expect(isCompiled(expr)).toBe(false);
  });
});
