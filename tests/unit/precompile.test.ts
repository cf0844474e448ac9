/**
 * The playground compiles a linked, attributed or configured expression ahead, in short tasks,
 * then reads it from compileSurface's cache. An ahead-of-time compile ends in any case: one that
 * fails in a way compileSurface does not cache is not started again on every update.
 */
import { describe, expect, it } from 'vitest';
import * as expression from '../../src/core/expression/index';
import { cachedContours } from '../../src/components/shared/contour-cache';
import type { ExpressionModule } from '../../src/components/shared/expressions';
import { precompile } from '../../src/components/shared/precompile';

const domain = { x: [-3, 3], y: [-3, 3] } as const;

describe('precompile', () => {
  it('compiles a surface and its map ahead, once; compileSurface then answers from the cache', async () => {
    const expr = 'x^2 + 3*y^2 + sin(x)';
    const first = precompile(expression, expr, domain);
    expect(first).toBeInstanceOf(Promise);
    expect(precompile(expression, expr, domain)).toBe(first);
    await first;
    expect(precompile(expression, expr, domain)).toBeUndefined();
    expect(expression.isCompiled(expr, { domain })).toBe(true);
    expect(cachedContours(expression.compileSurface(expr, { domain }))).toBeDefined();
  });

  it('an error compileSurface caches (a SurfaceError) is then answered at once', async () => {
    await precompile(expression, 'x^2 + (', domain);
    expect(precompile(expression, 'x^2 + (', domain)).toBeUndefined();
    expect(() => expression.compileSurface('x^2 + (', { domain })).toThrow(expression.SurfaceError);
  });

  it('an unexpected failure is not compiled ahead again on every update', async () => {
    let calls = 0;
    const broken = {
      ...expression,
      isCompiled: () => false,
      compileSurfaceAsync: () => {
        calls++;
        return Promise.reject(new RangeError('unexpected'));
      },
    } as unknown as ExpressionModule;
    await precompile(broken, 'x + y^2 + 7', domain);
    expect(precompile(broken, 'x + y^2 + 7', domain)).toBeUndefined();
    expect(calls).toBe(1);
  });
});
