/**
 * One requestAnimationFrame loop for every widget on the page. A client ticks only while it is
 * subscribed (its widget is playing) and its element is on screen (IntersectionObserver), and
 * the loop itself stops when no client is due, so paused or offscreen widgets cost nothing.
 *
 * The same observer tells a widget when it is first on screen (`firstSight`), so a page of many
 * widgets computes and draws the ones in view first and the rest one at a time while it is idle.
 */

export interface ClockClient {
  /** `now` is the frame's rAF timestamp, `dt` the milliseconds since this client's last tick (capped). */
  tick(now: number, dt: number): void;
}

interface Entry {
  readonly element: Element;
  visible: boolean;
  last: number;
}

/** Longest gap a tick reports, so a tab coming back does not jump a whole run ahead. */
const MAX_DT = 100;

class AnimationClock {
  private readonly clients = new Map<ClockClient, Entry>();
  private observer: IntersectionObserver | undefined;
  private frame = 0;

  /** Starts ticking `client` while `element` is visible; returns the function that stops it. */
  subscribe(element: Element, client: ClockClient): () => void {
    this.observer ??= new IntersectionObserver((records) => this.onIntersect(records));
    this.clients.set(client, { element, visible: false, last: NaN });
    this.observer.observe(element);
    return () => this.unsubscribe(client);
  }

  private unsubscribe(client: ClockClient): void {
    const entry = this.clients.get(client);
    if (!entry) return;
    this.clients.delete(client);
    const watched = [...this.clients.values()].some((e) => e.element === entry.element) || this.sightings.has(entry.element);
    if (!watched) this.observer?.unobserve(entry.element);
    this.schedule();
  }

  /** Elements waiting to be seen for the first time, with what to call then. */
  private readonly sightings = new Map<Element, () => void>();
  /** The same elements in order, for the idle-time queue. */
  private idleQueue: Element[] = [];
  private idleScheduled = false;
  /** Whether the observer has reported yet (idle-time sightings wait for it: on-screen widgets first). */
  private reported = false;

  /**
   * Calls `onSight` once: when `element` is first on screen, or earlier if the page is idle and
   * it is next in line (widgets in order of registration, one per idle period). Returns the
   * function that cancels it. Without IntersectionObserver (no layout), calls it at once.
   */
  firstSight(element: Element, onSight: () => void): () => void {
    if (typeof IntersectionObserver === 'undefined') {
      onSight();
      return () => {};
    }
    this.observer ??= new IntersectionObserver((records) => this.onIntersect(records));
    this.sightings.set(element, onSight);
    this.idleQueue.push(element);
    this.observer.observe(element);
    if (this.reported) this.scheduleIdle();
    return () => this.unsight(element);
  }

  private sight(element: Element): void {
    const onSight = this.sightings.get(element);
    if (!onSight) return;
    this.unsight(element);
    onSight();
  }

  private unsight(element: Element): void {
    if (!this.sightings.delete(element)) return;
    this.idleQueue = this.idleQueue.filter((e) => e !== element);
    if (![...this.clients.values()].some((e) => e.element === element)) this.observer?.unobserve(element);
  }

  private scheduleIdle(): void {
    if (this.idleScheduled || !this.idleQueue.length) return;
    this.idleScheduled = true;
    const next = () => {
      this.idleScheduled = false;
      const element = this.idleQueue[0];
      if (element) this.sight(element);
      this.scheduleIdle();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 2000 });
    else setTimeout(next, 50);
  }

  private onIntersect(records: IntersectionObserverEntry[]): void {
    this.reported = true;
    this.scheduleIdle();
    for (const record of records) {
      if (record.isIntersecting) this.sight(record.target);
      for (const entry of this.clients.values()) {
        if (entry.element === record.target) {
          entry.visible = record.isIntersecting;
          entry.last = NaN;
        }
      }
    }
    this.schedule();
  }

  private schedule(): void {
    const due = [...this.clients.values()].some((e) => e.visible);
    if (due && !this.frame) this.frame = requestAnimationFrame(this.run);
    else if (!due && this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
  }

  private readonly run = (now: number): void => {
    this.frame = 0;
    for (const [client, entry] of [...this.clients]) {
      if (!entry.visible || !this.clients.has(client)) continue;
      const dt = Number.isNaN(entry.last) ? 0 : Math.min(MAX_DT, Math.max(0, now - entry.last));
      entry.last = now;
      client.tick(now, dt);
    }
    this.schedule();
  };
}

/** The page's clock. */
export const clock = new AnimationClock();
