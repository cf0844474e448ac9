/**
 * Reads a playground configuration from a URL hash (the format `encodeHash` writes), for the
 * pages that take one: a link with a typed-in surface (`expr=`) loads the expression module
 * first, since its defaults come from the compiled surface; other links never load it.
 */
import { decodeHash, type DecodedHash, type HashOptions } from '../state/index';
import { expressionModule, loadedExpressionModule } from '../components/shared/expressions';

/** `compileSurface` of the expression module if it is loaded, for encodeHash / decodeHash. */
export function hashOptions(): HashOptions {
  const module = loadedExpressionModule();
  return module ? { compile: module.compileSurface } : {};
}

/** Decodes `hash` (with or without its `#`), loading the expression module when it needs it. */
export async function readHash(hash: string): Promise<DecodedHash> {
  const text = hash.replace(/^#/, '');
  if (/(^|&)expr=/.test(text) && !loadedExpressionModule()) {
    try {
      await expressionModule();
    } catch {
      // decodeHash then says that the link's expression needs the module.
    }
  }
  return decodeHash(text, hashOptions());
}
