/**
 * Registers descent-lab's elements: once per page, only where custom elements exist, and never
 * throwing.
 *
 * A page can hold two copies of descent-lab: two blog posts that load the bundle from different
 * URLs, or a site that bundles the npm package and also embeds the CDN script. Each copy is its
 * own module instance with its own classes, and defining a tag twice throws, so the first copy
 * wins and later copies register nothing. A record on `globalThis`, under a registered symbol
 * that every copy can find, names the first copy; each later copy says once that it stepped
 * aside. The same URL loaded twice is one module instance: nothing runs twice, nothing is said.
 *
 * In Node there is no `customElements` (or lit's server shim provides one): nothing throws.
 */

/** What the first copy leaves on `globalThis[Symbol.for('descent-lab')]`. */
export interface DescentLabRecord {
  /** URL of the module that registered descent-lab's elements first. */
  readonly url: string;
}

const RECORD = Symbol.for('descent-lab');
const here = import.meta.url;
let warned = false;

export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const global = globalThis as { [RECORD]?: DescentLabRecord };
  const first = (global[RECORD] ??= Object.freeze({ url: here }));
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing === ctor || warned) return;
  warned = true;
  console.warn(
    first.url === here
      ? `descent-lab: <${tag}> is already defined by other code; keeping that definition`
      : `descent-lab: loaded twice (${here}); using the first copy (${first.url})`,
  );
}
