/**
 * Typed-in surfaces compiled ahead, in short tasks: the links, attributes and `config` that name
 * one wait for this, then compile it synchronously from the cache. Lazy (with the expression
 * field's chunk): nothing here is needed until an expression is.
 */
import type { Domain } from '../../core/types';
import { prepareContours } from './contour-prepare';
import type { ExpressionModule } from './expressions';

const compiling = new Map<string, Promise<void>>();
/**
 * Keys compiled ahead already, whatever came of it: an error compileSurface does not cache (none
 * is expected) is then met by its synchronous call and reported, rather than compiled ahead again
 * on every update. The last few dozen.
 */
const settled = new Set<string>();

/**
 * Undefined when the module's compileSurface answers `expr` over `domain` at once (from its
 * cache of recent surfaces and errors); else compiles it in short tasks (compileSurfaceAsync),
 * works out its map's contours the same way, and returns a promise of the end. Attributes,
 * links and `config` wait for it, so a long expression never blocks the page while its critical
 * points are found and its map is sampled.
 */
export function precompile(module: ExpressionModule, expr: string, domain: Domain): Promise<void> | undefined {
  const key = `${domain.x.join()},${domain.y.join()}\u0000${expr}`;
  try {
    if (settled.has(key) || module.isCompiled(expr, { domain })) return undefined;
  } catch {
    return undefined; // a bad domain: compileSurface says so at once
  }
  let done = compiling.get(key);
  if (!done) {
    done = module
      .compileSurfaceAsync(expr, { domain })
      .then(
        (surface) => prepareContours(surface),
        () => undefined,
      )
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        compiling.delete(key);
        settled.add(key);
        if (settled.size > 64) settled.delete(settled.values().next().value as string);
      });
    compiling.set(key, done);
  }
  return done;
}
