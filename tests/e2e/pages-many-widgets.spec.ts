/**
 * examples/many-widgets.html, as built into dist/app/examples/: twenty autoplaying widgets on one
 * long page. They share one animation clock, which ticks a widget only while it is on screen,
 * so the races you can see advance and the ones you cannot stay where they are.
 */
import { expect, test } from '@playwright/test';
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
