/**
 * examples/many-widgets.html, as built into dist/app/examples/: twenty autoplaying widgets on one
 * long page. They share one animation clock, which ticks a widget only while it is on screen,
 * so the races you can see advance and the ones you cannot stay where they are.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';
import { onScreen, readSteps } from './pages';

const PAGE = 'examples/many-widgets.html';

test('twenty autoplaying widgets: only the ones on screen advance, offscreen ones hold their step', async ({ page }) => {
  // Twenty widgets compute and draw their races and contour maps: the ones on screen first, the
  // others one at a time while the page is idle: seconds of main-thread work in all, more with two
  // test workers sharing the machine.
  test.setTimeout(90_000);
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PAGE);
  const widgets = page.locator('descent-playground');
  await expect(widgets).toHaveCount(20);
  // Every widget upgraded and drew its paths, on screen or not.
  for (let i = 0; i < 20; i++) await expect(widgets.nth(i).locator('[part~="trajectory"]').first(), `widget ${i + 1}`).toBeAttached();

  // At the top: the first widget's race is running; the ones below the fold have not started.
  const top = await onScreen(page);
  expect(top.visible).toContain(0);
  expect(top.offscreen.length).toBeGreaterThanOrEqual(17);
  await expect.poll(async () => (await readSteps(page))[0]).toBeGreaterThan(3);
  let steps = await readSteps(page);
  for (const i of top.offscreen) expect(steps[i], `widget ${i + 1} (offscreen)`).toBe(0);

  // Scroll to the twelfth: it starts; the first, now offscreen, holds the step it had reached.
  await widgets.nth(11).scrollIntoViewIfNeeded();
  await expect.poll(async () => (await readSteps(page))[11]).toBeGreaterThan(3);
  const middle = await onScreen(page);
  expect(middle.visible).toContain(11);
  expect(middle.offscreen).toContain(0);
  const before = await readSteps(page);
  expect(before[0]).toBeGreaterThan(3);
  await page.waitForTimeout(600);
  steps = await readSteps(page);
  for (const i of middle.offscreen) expect(steps[i], `widget ${i + 1} (offscreen)`).toBe(before[i]);
  // Widgets that have never been on screen are still at step 0.
  for (const i of middle.offscreen.filter((i) => i > 11 && top.offscreen.includes(i))) expect(steps[i]).toBe(0);
  // ...while the one on screen kept going.
  expect(steps[11]).toBeGreaterThan(before[11]);

  // Back to the top: the first resumes from where it stopped, not from the start.
  await widgets.nth(0).scrollIntoViewIfNeeded();
  await expect.poll(async () => (await readSteps(page))[0]).toBeGreaterThan(before[0]);

  expect(messages).toEqual([]);
});

/**
 * Whether each playground's content is rendered: false while the browser skips it (the element
 * has content-visibility: auto once drawn, and is far offscreen). The element's distance from the
 * viewport, in viewport heights (0 when on screen), comes with it.
 */
async function rendering(page: Page): Promise<{ rendered: boolean; away: number }[]> {
  return page.locator('descent-playground').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const away = Math.max(0, r.top - innerHeight, -r.bottom) / innerHeight;
      const main = el.shadowRoot?.querySelector('.main');
      return { rendered: main?.checkVisibility({ contentVisibilityAuto: true }) ?? false, away };
    }),
  );
}

test('widgets far offscreen are not rendered (no style, layout or paint for them); scrolled to, they render and play', async ({ page }) => {
  // A widget on screen changes every frame; before, each frame also repainted and re-layerized
  // the widgets below it, up to 4000 px down (the root layer's cull rect): several times the
  // paint of the visible widget. Now the browser skips a drawn widget's content while it is far
  // offscreen (how far is the browser's choice: here, beyond two viewport heights).
  test.setTimeout(90_000);
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PAGE);
  const widgets = page.locator('descent-playground');
  await expect(widgets).toHaveCount(20);
  // Drawn first (the idle-time drawing of the offscreen ones needs their layout), then skipped.
  for (let i = 0; i < 20; i++) await expect(widgets.nth(i).locator('[part~="trajectory"]').first(), `widget ${i + 1}`).toBeAttached();
  const far = (states: { rendered: boolean; away: number }[]) => states.flatMap((s, i) => (s.away > 2 ? [i] : []));
  await expect
    .poll(async () => (await rendering(page)).flatMap((s, i) => (s.away > 2 && s.rendered ? [i] : [])), { timeout: 20_000 })
    .toEqual([]);
  let states = await rendering(page);
  expect(far(states).length).toBeGreaterThanOrEqual(15);
  expect(states[0]).toEqual({ rendered: true, away: 0 });

  // Scrolled to, the twelfth renders, draws at its size and plays; the first, far above now, is skipped.
  await widgets.nth(11).scrollIntoViewIfNeeded();
  await expect.poll(async () => (await rendering(page))[11].rendered).toBe(true);
  await expect.poll(async () => (await readSteps(page))[11]).toBeGreaterThan(3);
  const panel = await widgets.nth(11).locator('[part~="panel"]').first().boundingBox();
  expect(panel?.width).toBeGreaterThan(100);
  const canvas = await widgets.nth(11).locator('canvas[part~="contours"]').first().boundingBox();
  expect(canvas?.width).toBeGreaterThan(100);
  await expect(widgets.nth(11).locator('[part~="head"]').first()).toBeVisible();
  await expect.poll(async () => (await rendering(page))[0].rendered).toBe(false);
  states = await rendering(page);
  for (const i of far(states)) expect(states[i].rendered, `widget ${i + 1}`).toBe(false);

  expect(messages).toEqual([]);
});

/**
 * Per playground: how many elements its resize observers watch, and how many scroll-driven
 * animations (the scroll cues) run in it. The page's ResizeObserver is wrapped before it loads.
 */
async function perWidgetWork(page: Page): Promise<{ observed: number; cues: number }[]> {
  return page.locator('descent-playground').evaluateAll((els) => {
    const watched = (window as unknown as { __observed: Set<Element>[] }).__observed;
    const outermost = (el: Element) => {
      let e = el;
      for (let r = e.getRootNode(); r instanceof ShadowRoot && r.host.localName.startsWith('descent-'); r = e.getRootNode()) e = r.host;
      return e;
    };
    return els.map((el) => {
      let observed = 0;
      for (const set of watched) for (const t of set) if (outermost(t) === el) observed++;
      const cues = el.shadowRoot!.getAnimations().filter((a) => (a as CSSAnimation).animationName === 'descent-scroll-cue').length;
      return { observed, cues };
    });
  });
}

test('offscreen widgets watch no sizes and run no scroll cues; on screen again they do, and the keyboard still reaches them', async ({ page }) => {
  // Each resize observation is checked on every frame of the page, and each scroll cue is a
  // scroll-driven animation the browser updates on every frame: twenty widgets' worth cost the
  // page a third more main-thread time while one widget played (bench/paint.ts).
  test.setTimeout(90_000);
  const messages = watchConsole(page);
  await page.addInitScript(() => {
    const all: Set<Element>[] = [];
    (window as unknown as { __observed: Set<Element>[] }).__observed = all;
    const proto = ResizeObserver.prototype;
    const { observe, unobserve, disconnect } = proto;
    const targets = new WeakMap<ResizeObserver, Set<Element>>();
    const of = (o: ResizeObserver) => {
      let set = targets.get(o);
      if (!set) targets.set(o, (set = new Set()));
      if (!all.includes(set)) all.push(set);
      return set;
    };
    proto.observe = function (this: ResizeObserver, t: Element, o?: ResizeObserverOptions) {
      of(this).add(t);
      return observe.call(this, t, o);
    };
    proto.unobserve = function (this: ResizeObserver, t: Element) {
      of(this).delete(t);
      return unobserve.call(this, t);
    };
    proto.disconnect = function (this: ResizeObserver) {
      of(this).clear();
      return disconnect.call(this);
    };
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PAGE);
  const widgets = page.locator('descent-playground');
  for (let i = 0; i < 20; i++) await expect(widgets.nth(i).locator('[part~="trajectory"]').first(), `widget ${i + 1}`).toBeAttached();

  // Settled (a second after the last size report), the offscreen ones have let go.
  const top = await onScreen(page);
  await expect.poll(async () => (await perWidgetWork(page)).flatMap((w, i) => (top.offscreen.includes(i) && w.observed ? [i] : [])), { timeout: 20_000 }).toEqual([]);
  let work = await perWidgetWork(page);
  // The one on screen: its element, main area, map, chart and legend, and its story's and rule's cues.
  expect(work[0].observed).toBeGreaterThanOrEqual(4);
  expect(work[0].cues).toBeGreaterThanOrEqual(2);
  for (const i of top.offscreen) expect(work[i], `widget ${i + 1}`).toEqual({ observed: 0, cues: 0 });

  // Scrolled to, the twelfth watches its sizes and runs its cues again; the first has let go.
  await widgets.nth(11).scrollIntoViewIfNeeded();
  await expect.poll(async () => (await perWidgetWork(page))[11].observed).toBeGreaterThanOrEqual(4);
  await expect.poll(async () => (await perWidgetWork(page))[0]).toEqual({ observed: 0, cues: 0 });
  work = await perWidgetWork(page);
  expect(work[11].cues).toBeGreaterThanOrEqual(2);

  // A page width change while it was offscreen: back on screen, the first draws at its new width.
  await page.setViewportSize({ width: 900, height: 900 });
  await widgets.nth(0).scrollIntoViewIfNeeded();
  await expect(widgets.nth(0).locator('.shell.medium')).toHaveCount(1);
  await expect
    .poll(async () => {
      const map = await widgets.nth(0).locator('canvas[part~="contours"]').first().boundingBox();
      const host = await widgets.nth(0).boundingBox();
      return map && host ? map.x + map.width <= host.x + host.width + 0.5 : false;
    })
    .toBe(true);

  // The keyboard reaches a skipped widget: its Play button takes focus and the widget renders.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => (await rendering(page))[15].rendered).toBe(false);
  const play = widgets.nth(15).locator('[part~="play"]').first();
  await play.focus();
  await expect(play).toBeFocused();
  await expect.poll(async () => (await rendering(page))[15].rendered).toBe(true);

  expect(messages).toEqual([]);
});
