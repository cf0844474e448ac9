import { deferredResizeObserver } from './resize';

/**
 * Follows an element's content width in whole pixels: `onWidth` runs on every change, so an
 * element can store it in a reactive property and re-render at its new size.
 * Returns the function that stops observing.
 */
export function observeWidth(element: Element, onWidth: (width: number) => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  // The latest size, in the next frame (see resize.ts: no ResizeObserver loop errors).
  const observer = deferredResizeObserver((entries) => onWidth(Math.floor(entries[entries.length - 1].contentRect.width)), element);
  observer.observe(element);
  return () => observer.disconnect();
}
