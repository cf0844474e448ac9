/**
 * Reads a playground configuration from a URL hash (the format `encodeHash` writes), for the
 * pages that take one: a link with a typed-in surface (`expr=`) loads the expression module
 * first, since its defaults come from the compiled surface; other links never load it.
 */
import { decodeHash, type DecodedHash, type HashOptions } from '../state/index';
import { expressionModule, loadedExpressionModule, type ExpressionModule } from '../components/shared/expressions';
import { precompile } from '../components/shared/precompile';
import type { Domain } from '../core/types';
import { DEFAULT_EXPRESSION_DOMAIN } from '../state/config';

/** `compileSurface` of the expression module if it is loaded, for encodeHash / decodeHash. */
export function hashOptions(): HashOptions {
  const module = loadedExpressionModule();
  return module ? { compile: module.compileSurface } : {};
}

/**
 * Loads the expression module when a link has a typed-in surface, and compiles that surface in
 * short tasks (compileSurfaceAsync), so that the synchronous decodeHash then finds it compiled:
 * a long expression in a link does not block the page while its critical points are found.
 * Failures are left for decodeHash to report.
 */
export async function prepareHash(hash: string): Promise<void> {
  const text = hash.replace(/^#/, '');
  if (!/(^|&)expr=/.test(text)) return;
  let module: ExpressionModule;
  try {
    module = loadedExpressionModule() ?? (await expressionModule());
  } catch {
    return; // decodeHash then says that the link's expression needs the module.
  }
  // A dry run finds what the link would compile (its expression, over its domain).
  const wanted: { expr: string; domain: Domain }[] = [];
  decodeHash(text, {
    compile: (expr, options) => {
      wanted.push({ expr, domain: options.domain ?? DEFAULT_EXPRESSION_DOMAIN });
      throw new Error('not compiled in the dry run');
    },
  });
  for (const { expr, domain } of wanted) await precompile(module, expr, domain);
}

/** Decodes `hash` (with or without its `#`), loading the expression module when it needs it. */
export async function readHash(hash: string): Promise<DecodedHash> {
  await prepareHash(hash);
  return decodeHash(hash.replace(/^#/, ''), hashOptions());
}
