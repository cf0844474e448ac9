/**
 * Lazy chunks that a render asks for: `chunk(ready)` answers the module once it is here, and until
 * then starts loading it (once) and calls every `ready` it was given when it arrives; a failed
 * load (offline) is tried again on the next ask.
 */
export function lazyChunk<T>(load: () => Promise<T>): { (ready: () => void): T | undefined; loaded(): T | undefined } {
  let chunk: T | undefined;
  let loading: Promise<void> | undefined;
  const waiting = new Set<() => void>();
  const get = (ready: () => void) => {
    if (chunk) return chunk;
    waiting.add(ready);
    loading ??= load().then(
      (mod) => {
        chunk = mod;
        for (const done of waiting) done();
        waiting.clear();
      },
      () => {
        loading = undefined;
        waiting.clear();
      },
    );
    return undefined;
  };
  return Object.assign(get, { loaded: () => chunk });
}

/** The inner-state view's chunk (descent-surface/inspect-layer.ts): loaded the first time a map or a playground shows it. */
export const inspectChunk = lazyChunk(() => import('../descent-surface/inspect-layer'));

/** The chunk, if it is here (never starts loading it). */
export const loadedInspectChunk = () => inspectChunk.loaded();

/**
 * Adds a lazy chunk's styles to a shadow root, once: a part that loads on first use (the settings,
 * the rules, the embed code, the inner-state view) brings its look with it.
 */
export function adopt(root: ShadowRoot | null | undefined, sheet: CSSStyleSheet | undefined): void {
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
