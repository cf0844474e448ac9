/**
 * Whether a widget is on screen, from one IntersectionObserver for the whole page.
 *
 * An element inside a widget's shadow tree (the map, the chart) follows its outermost widget: the
 * page observes one element per widget, however many parts inside it ask. Offscreen widgets use
 * it to stop what would cost the page every frame (the clock's ticks, ResizeObservers, scroll cues).
 */

type Listener = (visible: boolean) => void;

interface Watched {
  /** Undefined until the observer has reported on the element. */
  visible: boolean | undefined;
  readonly listeners: Set<Listener>;
}

let observer: IntersectionObserver | undefined;
const watched = new Map<Element, Watched>();

/** The outermost descent-* element whose shadow tree holds `element` (or `element` itself). */
export function outermostWidget(element: Element): Element {
  let el = element;
  for (;;) {
    const root = el.getRootNode();
    const host = root instanceof ShadowRoot ? root.host : null;
    if (!host || !host.localName.startsWith('descent-')) return el;
    el = host;
  }
}

function onIntersect(records: IntersectionObserverEntry[]): void {
  for (const record of records) {
    const entry = watched.get(record.target);
    if (!entry || entry.visible === record.isIntersecting) continue;
    entry.visible = record.isIntersecting;
    for (const listener of [...entry.listeners]) listener(record.isIntersecting);
  }
}

/**
 * Calls `listener(visible)` each time the outermost widget holding `element` comes on or goes off
 * screen (first when the observer first reports, unless it has already: then at once with the
 * state known). Returns the function that stops it. Without IntersectionObserver (no layout)
 * nothing is ever reported: callers treat "unknown" as on screen.
 */
export function watchVisibility(element: Element, listener: Listener): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {};
  const target = outermostWidget(element);
  observer ??= new IntersectionObserver(onIntersect);
  let entry = watched.get(target);
  if (!entry) {
    entry = { visible: undefined, listeners: new Set() };
    watched.set(target, entry);
    observer.observe(target);
  }
  entry.listeners.add(listener);
  if (entry.visible !== undefined) listener(entry.visible);
  const own = entry;
  return () => {
    if (!own.listeners.delete(listener) || own.listeners.size) return;
    watched.delete(target);
    observer?.unobserve(target);
  };
}
