/**
 * The elements' one way to the expression module (and mathjs): `loadExpressions()`, a dynamic
 * import, started on first need and shared by every element on the page. Nothing here imports
 * the module statically (the `typeof import()` below is a type only), so a page that shows
 * catalog surfaces never downloads it.
 */
import { loadExpressions } from '../../core/expression/load';

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
