/**
 * A ResizeObserver whose callback runs in the next animation frame, once per frame however many
 * notifications came. Changing layout inside a ResizeObserver callback (a re-render at the new
 * size) makes the browser fire a window `error` event, "ResizeObserver loop completed with
 * undelivered notifications", which error monitors on the host page record: deferred to the next
 * frame, the re-render happens before that frame's layout and no loop is reported.
 */
export function deferredResizeObserver(callback: (entries: readonly ResizeObserverEntry[]) => void): ResizeObserver {
  let pending: ResizeObserverEntry[] | undefined;
  return new ResizeObserver((entries) => {
    if (pending) {
      pending.push(...entries);
      return;
    }
    pending = [...entries];
    const run = () => {
      const all = pending ?? [];
      pending = undefined;
      callback(all);
    };
    requestAnimationFrame(run);
  });
}
