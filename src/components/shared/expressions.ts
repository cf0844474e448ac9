/**
 * The elements' one way to the expression module (and mathjs): `loadExpressions()`, a dynamic
 * import, started on first need and shared by every element on the page. Nothing here imports
 * the module statically (the `typeof import()` below is a type only), so a page that shows
 * catalog surfaces never downloads it.
 */
import { loadExpressions } from '../../core/expression/load';
import type { Domain } from '../../core/types';
import { prepareContours } from './contour-cache';

export type ExpressionModule = typeof import('../../core/expression/index');

let loaded: ExpressionModule | undefined;
let loading: Promise<ExpressionModule> | undefined;

/** The module if it has been loaded, else undefined (then call expressionModule()). */
export function loadedExpressionModule(): ExpressionModule | undefined {
  return loaded;
}

/** Loads the module once; a failed load (offline) may be retried by calling again. */
export function expressionModule(): Promise<ExpressionModule> {
  loading ??= loadExpressions().then(
    (m) => (loaded = m),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const compiling = new Map<string, Promise<void>>();

/**
 * Undefined when the module's compileSurface answers `expr` over `domain` at once (from its
 * cache of recent surfaces and errors); else compiles it in short tasks (compileSurfaceAsync),
 * works out its map's contours the same way, and returns a promise of the end. Attributes,
 * links and `config` wait for it, so a long expression never blocks the page while its critical
 * points are found and its map is sampled.
 */
export function precompile(module: ExpressionModule, expr: string, domain: Domain): Promise<void> | undefined {
  try {
    if (module.isCompiled(expr, { domain })) return undefined;
  } catch {
    return undefined; // a bad domain: compileSurface says so at once
  }
  const key = `${domain.x.join()},${domain.y.join()}\u0000${expr}`;
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
      .finally(() => compiling.delete(key));
    compiling.set(key, done);
  }
  return done;
}
