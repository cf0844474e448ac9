/**
 * Issue #10: a typed-in surface's map is worked out in short tasks, and one that corrugates faster
 * than the contour grid can trace (sin(50x)·sin(50y): 80 ripples across, hundreds of thousands of
 * ring points) is painted per pixel from a lattice instead of traced.
 */
import { describe, expect, it } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import { cachedContours, surfaceContours } from '../../src/components/shared/contour-cache';
import { prepareContours } from '../../src/components/shared/contour-prepare';
import { surfaces } from '../../surfaces/index';

describe('prepareContours', () => {
  it('finds sin(50x)·sin(50y) corrugated and gives it a lattice that interpolates f', async () => {
    const s = compileSurface('sin(50*x)*sin(50*y)');
    await prepareContours(s);
    const c = cachedContours(s)!;
    expect(c.raster).toBe(true);
    expect(c.bands).toEqual([]);
    expect(c.sample).toBeTypeOf('function');
    // On a lattice node (600 per axis over [-5, 5]) the interpolant is f itself.
    const node = -5 + (10 * 123) / 599;
    expect(c.sample!(node, node)).toBeCloseTo(s.f(node, node), 12);
    // Between nodes it stays within f's range.
    for (let k = 0; k < 50; k++) expect(Math.abs(c.sample!(-4.9 + k * 0.19, 1.234))).toBeLessThanOrEqual(1);
    expect(surfaceContours(s)).toBe(c);
  });

  it('traces rings for surfaces the grid can follow: sin(10x)·cos(10y), Rastrigin, a bowl', async () => {
    for (const s of [compileSurface('sin(10*x)*cos(10*y)'), compileSurface(surfaces.rastrigin.expr, { domain: surfaces.rastrigin.domain }), compileSurface('x^2 + y^2')]) {
      await prepareContours(s);
      const c = cachedContours(s)!;
      expect(c.raster, s.expr).toBe(false);
      expect(c.bands.length, s.expr).toBeGreaterThan(5);
      expect(c.sample).toBeUndefined();
    }
  });

  it('shares the contours between a surface and a copy with the same f and domain (the playground races a copy)', async () => {
    const s = compileSurface('x^2 + 2*y^2 + 0.5*x*y');
    await prepareContours(s);
    expect(cachedContours({ ...s, note: 'a copy' })).toBe(cachedContours(s));
    expect(cachedContours({ ...s, domain: { x: [-1, 1], y: [-1, 1] } })).toBeUndefined();
  });

  it('yields to the event loop while it works, and stops when aborted', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const s = compileSurface('sin(3*x)*cos(2*y) + x');
    await prepareContours(s);
    expect(fired).toBe(true);
    const controller = new AbortController();
    const t = compileSurface('sin(3*x)*cos(2*y) + 2*x');
    const pending = prepareContours(t, controller.signal);
    controller.abort(new Error('typed on'));
    await expect(pending).rejects.toThrow('typed on');
    expect(cachedContours(t)).toBeUndefined();
  });
});
