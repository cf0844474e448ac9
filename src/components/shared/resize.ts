import { watchVisibility } from './visibility';

/** How long an offscreen widget's sizes must stay unchanged before its observer pauses. */
const QUIET_MS = 1000;

/** What the widgets use of a ResizeObserver. */
export interface SizeObserver {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

/**
 * A ResizeObserver whose callback runs in the next animation frame, once per frame however many
 * notifications came. Changing layout inside a ResizeObserver callback (a re-render at the new
 * size) makes the browser fire a window `error` event, "ResizeObserver loop completed with
 * undelivered notifications", which error monitors on the host page record: deferred to the next
 * frame, the re-render happens before that frame's layout and no loop is reported.
 *
 * While the widget holding `owner` is off screen and its sizes have settled (no report for a
 * second: a widget drawn offscreen while the page is idle needs them until then), it observes
 * nothing, since the browser would check every target's size on every frame of the page. Back on
 * screen, or given a new target, it observes its targets again, and their first reports bring
 * any size they took meanwhile.
 */
export function deferredResizeObserver(callback: (entries: readonly ResizeObserverEntry[]) => void, owner: Element): SizeObserver {
  const targets = new Set<Element>();
  let onscreen = true;
  let paused = false;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let unwatch: (() => void) | undefined;
  let pending: ResizeObserverEntry[] | undefined;
  const observer = new ResizeObserver((entries) => {
    if (pending) {
      pending.push(...entries);
      return;
    }
    pending = [...entries];
    const run = () => {
      const all = pending ?? [];
      pending = undefined;
      waitForQuiet();
      callback(all);
    };
    requestAnimationFrame(run);
  });
  /** Offscreen: pauses after a second without reports. */
  const waitForQuiet = () => {
    clearTimeout(quiet);
    quiet = onscreen || paused ? undefined : setTimeout(pause, QUIET_MS);
  };
  const pause = () => {
    quiet = undefined;
    if (onscreen || paused || pending) return;
    paused = true;
    observer.disconnect();
  };
  const resume = () => {
    if (!paused) return;
    paused = false;
    for (const t of targets) observer.observe(t);
  };
  const onVisibility = (visible: boolean) => {
    onscreen = visible;
    if (visible) resume();
    waitForQuiet();
  };
  return {
    observe(target) {
      targets.add(target);
      if (paused) resume();
      else observer.observe(target);
      waitForQuiet();
      unwatch ??= watchVisibility(owner, onVisibility);
    },
    unobserve(target) {
      targets.delete(target);
      observer.unobserve(target);
    },
    disconnect() {
      targets.clear();
      observer.disconnect();
      clearTimeout(quiet);
      unwatch?.();
      unwatch = undefined;
      onscreen = true;
      paused = false;
    },
  };
}
