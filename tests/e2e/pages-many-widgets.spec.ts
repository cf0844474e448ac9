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
 * Whether each playground's content is rendered: false while the browser skips it (its shell has
 * content-visibility: auto once drawn, and is far offscreen). The element's distance from the
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
