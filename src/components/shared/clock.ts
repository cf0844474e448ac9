/**
 * One requestAnimationFrame loop for every widget on the page. A client ticks only while it is
 * subscribed (its widget is playing) and its element is on screen (IntersectionObserver), and
 * the loop itself stops when no client is due, so paused or offscreen widgets cost nothing.
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
    if (![...this.clients.values()].some((e) => e.element === entry.element)) this.observer?.unobserve(entry.element);
    this.schedule();
  }

  private onIntersect(records: IntersectionObserverEntry[]): void {
    for (const record of records) {
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
