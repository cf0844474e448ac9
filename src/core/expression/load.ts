/**
 * The browser's way in: `await loadExpressions()` downloads the expression module (and mathjs
 * with it) on first use, as a separate chunk, and registers it with `trajectory()`. A page that
 * only shows catalog surfaces never calls it and never downloads mathjs.
 */
export async function loadExpressions(): Promise<typeof import('./index')> {
  return import('./index');
}
