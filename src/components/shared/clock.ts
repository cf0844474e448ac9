/**
 * One requestAnimationFrame loop for every widget on the page. A client ticks only while it is
 * subscribed (its widget is playing) and its element is on screen (IntersectionObserver), and
 * the loop itself stops when no client is due, so paused or offscreen widgets cost nothing.
 *
 * The same observer (the page's one, shared/visibility.ts) tells a widget when it is first on
 * screen (`firstSight`), so a page of many widgets computes and draws the ones in view first and
 * the rest one at a time while it is idle.
 */
import { watchVisibility } from './visibility';

export interface ClockClient {
  /** `now` is the frame's rAF timestamp, `dt` the milliseconds since this client's last tick (capped). */
  tick(now: number, dt: number): void;
}

interface Entry {
  visible: boolean;
  last: number;
  unwatch: () => void;
}

/** Longest gap a tick reports, so a tab coming back does not jump a whole run ahead. */
const MAX_DT = 100;

class AnimationClock {
  readonly #clients = new Map<ClockClient, Entry>();
  #frame = 0;

  /** Starts ticking `client` while `element` is visible; returns the function that stops it. */
  subscribe(element: Element, client: ClockClient): () => void {
    this.#unsubscribe(client);
    const entry: Entry = { visible: false, last: NaN, unwatch: () => {} };
    this.#clients.set(client, entry);
    entry.unwatch = watchVisibility(element, (visible) => {
      entry.visible = visible;
      entry.last = NaN;
      this.#schedule();
    });
    return () => this.#unsubscribe(client);
  }

  #unsubscribe(client: ClockClient): void {
    const entry = this.#clients.get(client);
    if (!entry) return;
    this.#clients.delete(client);
    entry.unwatch();
    this.#schedule();
  }

  /** Elements waiting to be seen for the first time, with what stops watching them. */
  readonly #sightings = new Map<Element, { readonly onSight: () => void; unwatch: () => void }>();
  /** The same elements in order, for the idle-time queue. */
  #idleQueue: Element[] = [];
  #idleScheduled = false;

  /**
   * Calls `onSight` once: when `element` is first on screen, or earlier if the page is idle and
   * it is next in line (widgets in order of registration, one per idle period; the queue starts
   * once the page's observer has reported on it, so on-screen widgets come first). Returns the
   * function that cancels it. Without IntersectionObserver (no layout), calls it at once.
   */
  firstSight(element: Element, onSight: () => void): () => void {
    if (typeof IntersectionObserver === 'undefined') {
      onSight();
      return () => {};
    }
    this.#unsight(element);
    const sighting = { onSight, unwatch: () => {} };
    this.#sightings.set(element, sighting);
    this.#idleQueue.push(element);
    const unwatch = watchVisibility(element, (visible) => {
      if (visible) this.#sight(element);
      this.#scheduleIdle();
    });
    // (Seen at once, when the observer had already reported it on screen: stop watching.)
    if (this.#sightings.get(element) === sighting) sighting.unwatch = unwatch;
    else unwatch();
    return () => this.#unsight(element);
  }

  #sight(element: Element): void {
    const sighting = this.#sightings.get(element);
    if (!sighting) return;
    this.#unsight(element);
    sighting.onSight();
  }

  #unsight(element: Element): void {
    const sighting = this.#sightings.get(element);
    if (!sighting) return;
    this.#sightings.delete(element);
    sighting.unwatch();
    this.#idleQueue = this.#idleQueue.filter((e) => e !== element);
  }

  #scheduleIdle(): void {
    if (this.#idleScheduled || !this.#idleQueue.length) return;
    this.#idleScheduled = true;
    const next = () => {
      this.#idleScheduled = false;
      const element = this.#idleQueue[0];
      if (element) this.#sight(element);
      this.#scheduleIdle();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 2000 });
    else setTimeout(next, 50);
  }

  #schedule(): void {
    const due = [...this.#clients.values()].some((e) => e.visible);
    if (due && !this.#frame) this.#frame = requestAnimationFrame(this.#run);
    else if (!due && this.#frame) {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
    }
  }

  readonly #run = (now: number): void => {
    this.#frame = 0;
    for (const [client, entry] of [...this.#clients]) {
      if (!entry.visible || !this.#clients.has(client)) continue;
      const dt = Number.isNaN(entry.last) ? 0 : Math.min(MAX_DT, Math.max(0, now - entry.last));
      entry.last = now;
      client.tick(now, dt);
    }
    this.#schedule();
  };
}

/** The page's clock. */
export const clock = new AnimationClock();
