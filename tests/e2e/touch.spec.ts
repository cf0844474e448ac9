import { expect, test } from '@playwright/test';
import { centre, distance, openApp, pathStarts } from './helpers';

test.use({ hasTouch: true });

test('a touch drag on the start handle moves every trajectory, live, to the finger', async ({ page }) => {
  const pg = await openApp(page, 'surface=himmelblau');
  const handle = pg.locator('[part~="start-handle"]');
  const [hx, hy] = await centre(handle);
  // Real touch input through the DevTools protocol: touchstart, moves, touchend.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }],
    });
  await touch('touchStart', hx, hy);
  const mid: [number, number] = [hx + 30, hy + 30];
  for (let i = 1; i <= 5; i++) await touch('touchMove', hx + (6 * i), hy + (6 * i));
  // Live while the finger is still down. (Chromium delivers touch moves aligned to animation
  // frames, so the last one may land a frame after the protocol call returns.)
  const farthest = async (to: [number, number]) =>
    Math.max(...Object.values(await pathStarts(pg)).map((p) => distance(p, to)));
  await expect.poll(() => farthest(mid)).toBeLessThan(1.5);
  const drop: [number, number] = [hx - 60, hy + 40];
  for (let i = 1; i <= 6; i++) await touch('touchMove', mid[0] + ((drop[0] - mid[0]) * i) / 6, mid[1] + ((drop[1] - mid[1]) * i) / 6);
  await touch('touchEnd', drop[0], drop[1]);
  await expect.poll(() => farthest(drop)).toBeLessThan(1.5);
  const after = await pathStarts(pg);
  expect(Object.keys(after).length).toBe(7);
  for (const [name, p] of Object.entries(after)) expect(distance(p, drop), name).toBeLessThan(1.5);
  expect(distance(await centre(handle), drop)).toBeLessThan(1.5);
});

test('a touch swipe on the map away from the handle scrolls the page and leaves the start alone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  const pg = await openApp(page, 'surface=himmelblau');
  const handle = pg.locator('[part~="start-handle"]');
  const before = await handle.getAttribute('aria-valuetext');
  const box = await pg.locator('canvas[part~="contours"]').boundingBox();
  const x = (box?.x ?? 0) + (box?.width ?? 0) * 0.8;
  const y = (box?.y ?? 0) + (box?.height ?? 0) * 0.8;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - 80, id: 2 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(20);
  expect(await handle.getAttribute('aria-valuetext')).toBe(before);
});
