/**
 * What an offscreen widget stops (shared/visibility.ts, shared/resize.ts, shared/clock.ts), with
 * stand-ins for the browser's observers: one intersection target per widget however many of its
 * parts ask; its resize observers pause once offscreen and settled, and observe again on screen;
 * the clock ticks only widgets on screen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeShadowRoot {
  constructor(readonly host: FakeElement) {}
}

class FakeElement {
  constructor(
    readonly localName: string,
    private readonly root: FakeShadowRoot | object = {},
  ) {}
  getRootNode(): FakeShadowRoot | object {
    return this.root;
  }
}

class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly targets = new Set<FakeElement>();
  constructor(private readonly callback: (records: { target: FakeElement; isIntersecting: boolean }[]) => void) {
    FakeIntersectionObserver.all.push(this);
  }
  observe(t: FakeElement) {
    this.targets.add(t);
  }
  unobserve(t: FakeElement) {
    this.targets.delete(t);
  }
  report(target: FakeElement, isIntersecting: boolean) {
    this.callback([{ target, isIntersecting }]);
  }
}

class FakeResizeObserver {
  static all: FakeResizeObserver[] = [];
  readonly targets = new Set<FakeElement>();
  constructor(private readonly callback: (entries: { target: FakeElement }[]) => void) {
    FakeResizeObserver.all.push(this);
  }
  observe(t: FakeElement) {
    this.targets.add(t);
  }
  unobserve(t: FakeElement) {
    this.targets.delete(t);
  }
  disconnect() {
    this.targets.clear();
  }
  report(target: FakeElement) {
    this.callback([{ target }]);
  }
}

let visibility: typeof import('../../src/components/shared/visibility');
let resize: typeof import('../../src/components/shared/resize');
let clockModule: typeof import('../../src/components/shared/clock');

beforeEach(async () => {
  vi.useFakeTimers();
  FakeIntersectionObserver.all = [];
  FakeResizeObserver.all = [];
  vi.stubGlobal('ShadowRoot', FakeShadowRoot);
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.stubGlobal('requestAnimationFrame', (f: (now: number) => void) => setTimeout(() => f(Date.now()), 16));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  vi.resetModules();
  visibility = await import('../../src/components/shared/visibility');
  resize = await import('../../src/components/shared/resize');
  clockModule = await import('../../src/components/shared/clock');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A playground with a map inside its shadow tree, on a page (or inside someone else's element). */
function widget(outerHost?: FakeElement) {
  const host = new FakeElement('descent-playground', outerHost ? new FakeShadowRoot(outerHost) : {});
  const map = new FakeElement('descent-surface', new FakeShadowRoot(host));
  const main = new FakeElement('div', new FakeShadowRoot(host));
  return { host, map, main };
}

const io = () => FakeIntersectionObserver.all[0];

describe('visibility', () => {
  it('observes one element per widget, the outermost descent-* element, and reports to every part', () => {
    const { host, map } = widget();
    const seen: string[] = [];
    const stopHost = visibility.watchVisibility(host as unknown as Element, (v) => seen.push(`host ${v}`));
    const stopMap = visibility.watchVisibility(map as unknown as Element, (v) => seen.push(`map ${v}`));
    expect(FakeIntersectionObserver.all).toHaveLength(1);
    expect([...io().targets]).toEqual([host]);
    io().report(host, false);
    io().report(host, true);
    io().report(host, true); // unchanged: no report
    expect(seen).toEqual(['host false', 'map false', 'host true', 'map true']);
    // A part that asks later hears the known state at once.
    visibility.watchVisibility(main(), (v) => seen.push(`late ${v}`));
    expect(seen.at(-1)).toBe('late true');
    stopHost();
    stopMap();
    expect(io().targets.has(host)).toBe(true); // the late part still watches
    function main() {
      return new FakeElement('div', new FakeShadowRoot(host)) as unknown as Element;
    }
  });

  it('stops at an element that is not ours: a widget inside someone else’s component is observed itself', () => {
    const foreign = new FakeElement('my-card');
    const { host, map } = widget(foreign);
    expect(visibility.outermostWidget(map as unknown as Element)).toBe(host);
    visibility.watchVisibility(map as unknown as Element, () => {});
    expect([...io().targets]).toEqual([host]);
  });

  it('unobserves the widget when its last listener stops', () => {
    const { host, map } = widget();
    const a = visibility.watchVisibility(host as unknown as Element, () => {});
    const b = visibility.watchVisibility(map as unknown as Element, () => {});
    a();
    expect(io().targets.has(host)).toBe(true);
    b();
    expect(io().targets.has(host)).toBe(false);
  });
});

describe('deferredResizeObserver while offscreen', () => {
  it('pauses once offscreen and a second without reports has passed; observes again on screen', () => {
    const { host, map, main } = widget();
    const calls: number[] = [];
    const observer = resize.deferredResizeObserver((entries) => calls.push(entries.length), host as unknown as Element);
    observer.observe(host as unknown as Element);
    observer.observe(main as unknown as Element);
    const ro = FakeResizeObserver.all[0];
    expect(ro.targets.size).toBe(2);
    // Reports are delivered once per frame, together.
    ro.report(host);
    ro.report(main);
    vi.advanceTimersByTime(20);
    expect(calls).toEqual([2]);

    io().report(host, false);
    vi.advanceTimersByTime(900);
    ro.report(main); // still settling (drawn while the page is idle): the pause waits
    vi.advanceTimersByTime(900);
    expect(ro.targets.size).toBe(2);
    vi.advanceTimersByTime(200);
    expect(ro.targets.size).toBe(0);

    // A new target (a part rendered while offscreen) is observed at once, with the others.
    observer.observe(map as unknown as Element);
    expect(ro.targets.size).toBe(3);
    vi.advanceTimersByTime(1100);
    expect(ro.targets.size).toBe(0);

    // On screen: every target again (their first reports bring the sizes taken meanwhile).
    io().report(host, true);
    expect([...ro.targets]).toEqual([host, main, map]);
    vi.advanceTimersByTime(5000);
    expect(ro.targets.size).toBe(3);
  });

  it('disconnect stops watching the widget', () => {
    const { host } = widget();
    const observer = resize.deferredResizeObserver(() => {}, host as unknown as Element);
    observer.observe(host as unknown as Element);
    expect(io().targets.has(host)).toBe(true);
    observer.disconnect();
    expect(io().targets.has(host)).toBe(false);
    expect(FakeResizeObserver.all[0].targets.size).toBe(0);
  });
});

describe('the clock', () => {
  it('ticks a widget only while it is on screen, and fires firstSight when it first is', () => {
    const a = widget().host;
    const b = widget().host;
    const ticks: string[] = [];
    const sighted: string[] = [];
    // The page's idle periods, run by hand.
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (f: () => void) => idle.push(f));
    clockModule.clock.firstSight(b as unknown as Element, () => sighted.push('b'));
    const stopA = clockModule.clock.subscribe(a as unknown as Element, { tick: () => ticks.push('a') });
    clockModule.clock.subscribe(b as unknown as Element, { tick: () => ticks.push('b') });
    // One intersection target per widget, shared by the clock's two uses of b.
    expect(io().targets.size).toBe(2);
    vi.advanceTimersByTime(100);
    expect(ticks).toEqual([]); // nothing reported yet: not due
    io().report(a, true);
    io().report(b, false);
    vi.advanceTimersByTime(50);
    expect(new Set(ticks)).toEqual(new Set(['a']));
    expect(sighted).toEqual([]);
    expect(idle).toHaveLength(1); // queued, once the observer has reported
    io().report(b, true);
    expect(sighted).toEqual(['b']);
    idle.shift()?.(); // nothing left to draw while idle
    expect(sighted).toEqual(['b']);
    ticks.length = 0;
    vi.advanceTimersByTime(50);
    expect(new Set(ticks)).toEqual(new Set(['a', 'b']));
    stopA();
    io().report(b, false);
    ticks.length = 0;
    vi.advanceTimersByTime(100);
    expect(ticks).toEqual([]); // a stopped, b offscreen: the loop has stopped
    expect(io().targets.has(a)).toBe(false);
  });

  it('draws a widget that has not been on screen when the page is idle', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (f: () => void) => idle.push(f));
    const a = widget().host;
    const sighted: string[] = [];
    clockModule.clock.firstSight(a as unknown as Element, () => sighted.push('a'));
    expect(idle).toHaveLength(0); // waits for the observer's first report (on-screen widgets first)
    io().report(a, false);
    expect(sighted).toEqual([]);
    idle.shift()?.();
    expect(sighted).toEqual(['a']);
    expect(io().targets.has(a)).toBe(false); // nothing else watches it
  });
});
