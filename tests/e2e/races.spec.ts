/**
 * A start outside the surface's map (link and attribute), and "Reset" (back to step 0) against
 * "Default race" (the surface's race restored; its story shown only while it describes the paths).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { centre, distance, openApp, pathStarts, watchConsole } from './helpers';

/** The plot rectangle of the first panel, in viewport pixels. */
async function plotBox(pg: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await pg.locator('[part~="contours"]').first().boundingBox();
  if (!box) throw new Error('no contour canvas');
  return box;
}

/** The handle's centre lies in the plot; dragging it moves every path's start to the drop point. */
async function expectHandleInsideAndDraggable(page: Page, pg: Locator): Promise<void> {
  const handle = pg.locator('[part~="start-handle"]');
  const [hx, hy] = await centre(handle);
  const box = await plotBox(pg);
  expect(hx).toBeGreaterThanOrEqual(box.x - 0.5);
  expect(hx).toBeLessThanOrEqual(box.x + box.width + 0.5);
  expect(hy).toBeGreaterThanOrEqual(box.y - 0.5);
  expect(hy).toBeLessThanOrEqual(box.y + box.height + 0.5);
  // Drag towards the middle of the map.
  const drop: [number, number] = [box.x + box.width * 0.4, box.y + box.height * 0.6];
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(drop[0], drop[1], { steps: 8 });
  await page.mouse.up();
  const starts = await pathStarts(pg);
  expect(Object.keys(starts).length).toBeGreaterThan(0);
  for (const [name, p] of Object.entries(starts)) expect(distance(p, drop), name).toBeLessThan(1.5);
  expect(distance(await centre(handle), drop)).toBeLessThan(1.5);
}

test('a link whose start is off the map: the error part names start and the domain; the handle is on the map and drags', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=ravine&start=50,50');
  const error = pg.locator('[part~="error"]');
  await expect(error).toBeVisible();
  await expect(error).toContainText("start=50,50 in the link is outside the surface's domain (x ∈ [-10, 10], y ∈ [-5, 5])");
  // The surface's own start stands in.
  expect(await pg.evaluate((el: HTMLElementTagNameMap['descent-playground']) => el.config.start)).toEqual([-9, 1.5]);
  await expectHandleInsideAndDraggable(page, pg);
  // The refused value is reported once (a warning per bad link value, as for every other one).
  expect(messages.filter((m) => m.includes('start=50,50'))).toHaveLength(1);
});

for (const lang of ['en', 'ko'] as const) {
  test(`a start="…" attribute off the map (${lang}): the error part names start and the domain; the handle is on the map and drags`, async ({ page }) => {
    await openApp(page);
    await page.evaluate((lang) => {
      document.body.replaceChildren();
      const el = document.createElement('descent-playground');
      el.setAttribute('surface', 'booth');
      el.setAttribute('start', '-30 4');
      el.setAttribute('lang', lang);
      document.body.append(el);
    }, lang);
    const pg = page.locator('descent-playground');
    await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
    const error = pg.locator('[part~="error"]');
    await expect(error).toBeVisible();
    await expect(error).toContainText('start="-30 4"');
    await expect(error).toContainText('x ∈ [-10, 10], y ∈ [-10, 10]');
    if (lang === 'ko') await expect(error).toContainText('정의역');
    else await expect(error).toContainText("outside the surface's domain");
    await expectHandleInsideAndDraggable(page, pg);
  });
}

test('a standalone <descent-surface> with a start off the map draws its handle on the map edge, draggable', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    document.body.replaceChildren();
    const el = document.createElement('descent-surface');
    el.setAttribute('surface', 'booth');
    el.setAttribute('start', '-30 4');
    el.setAttribute('optimizers', 'sgd adam');
    el.style.width = '500px';
    el.style.display = 'block';
    document.body.append(el);
  });
  const surface = page.locator('descent-surface');
  await expect(surface.locator('[part~="trajectory"]').first()).toBeAttached();
  await expectHandleInsideAndDraggable(page, surface);
});

test('"Reset" rewinds to step 0 and keeps the race; "Default race" restores the surface\'s race and its story', async ({ page }) => {
  const pg = await openApp(page, 'surface=booth');
  type Pg = HTMLElementTagNameMap['descent-playground'];
  const config = () => pg.evaluate((el: Pg) => el.config);
  const paths = () => pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  const story = pg.locator('[part~="story"]');
  const restore = pg.locator('[part~="restore-race"]');

  const defaults = await config();
  // The first paths are drawn through every iterate until the lazy path simplifier arrives
  // (a few ms); compare the simplified ones (SGD's smooth path keeps a few dozen vertices).
  await expect.poll(async () => ((await paths())[0] ?? '').split('L').length).toBeLessThan(60);
  const defaultPaths = await paths();
  const storyText = (await story.textContent())?.trim() ?? '';
  expect(storyText).toMatch(/^A tilted bowl, started off its axes/);
  await expect(restore).toBeDisabled();

  // Change the race: the start (drag) and the steps.
  const handle = pg.locator('[part~="start-handle"]');
  const [hx, hy] = await centre(handle);
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx + 90, hy + 60, { steps: 6 });
  await page.mouse.up();
  const steps = pg.locator('input[type="number"]');
  await steps.fill('120');
  await steps.dispatchEvent('change');
  await pg.locator('[part~="step-button"]').click();
  const changed = await config();
  expect(changed.start).not.toEqual(defaults.start);
  expect(changed.steps).toBe(120);
  // The story no longer describes what is drawn: the surface's note stands in its place.
  await expect(story).not.toContainText('A tilted bowl');
  await expect(story).toHaveText('A tilted quadratic bowl (condition number 9): the plainest test that an optimizer works at all.');
  await expect(restore).toBeEnabled();

  // Reset: step 0, the changed race kept.
  await pg.locator('[part~="reset"]').click();
  const afterReset = await config();
  expect(afterReset.step).toBe(0);
  expect(afterReset.start).toEqual(changed.start);
  expect(afterReset.steps).toBe(120);
  await expect(restore).toBeEnabled();

  // Default race: everything the surface opened with, paths and story included.
  await restore.click();
  const restored = await config();
  expect({ ...restored, layout: defaults.layout }).toEqual(defaults);
  expect(await paths()).toEqual(defaultPaths);
  await expect(story).toHaveText(storyText);
  await expect(restore).toBeDisabled();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#surface=booth');
});

test('"Default race" also restores the runners after an optimizer was switched off', async ({ page }) => {
  const pg = await openApp(page, 'surface=two-wells&opt=sgd(lr=0.05),adam(lr=0.1)');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(2);
  await expect(pg.locator('[part~="story"]')).not.toContainText('Everyone rolls');
  await pg.locator('[part~="restore-race"]').click();
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(7);
  await expect(pg.locator('[part~="story"]')).toContainText('Everyone rolls into the nearer, shallower well');
});

test('the ravine is drawn undistorted: as many pixels per unit on y as on x', async ({ page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const pg = await openApp(page, 'surface=ravine');
    // The map spans x ∈ [-10, 10] and y ∈ [-5, 5]; the start (-9, 1.5) sits where that mapping
    // says. Read once the layout has settled for this width (a resize lays the playground out
    // again: the handle has no box for a frame or two meanwhile).
    const check = async () => {
      const box = await plotBox(pg);
      const handle = await pg.locator('[part~="start-handle"]').boundingBox();
      if (!handle) return 'the handle has no box';
      const perX = box.width / 20;
      const perY = box.height / 10;
      const [hx, hy] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
      const off = [Math.abs(hx - (box.x + perX * (-9 + 10))), Math.abs(hy - (box.y + perY * (5 - 1.5)))];
      return Math.abs(perX - perY) < 0.15 && off[0] < 1 && off[1] < 1 ? 'undistorted' : `${width} px: ${perX} px per unit on x, ${perY} on y; the start ${off[0]}, ${off[1]} px off`;
    };
    await expect.poll(check).toBe('undistorted');
  }
});

test('Lévi N.13 is painted once its per-pixel painter has loaded: bands and lines, not a blank map', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await openApp(page, 'surface=levi13');
  const canvas = pg.locator('[part~="contours"]');
  await expect(canvas).toHaveAttribute('data-surface', 'levi13');
  // Distinct colours and local brightness peaks (level lines) along the row at y = 6.
  const row = () =>
    canvas.evaluate((el: HTMLCanvasElement) => {
      const data = el.getContext('2d')?.getImageData(0, Math.round((el.height * 4) / 20), el.width, 1).data ?? new Uint8ClampedArray(4);
      const sums: number[] = [];
      const colours = new Set<string>();
      for (let i = 0; i < data.length; i += 4) {
        sums.push(data[i] + data[i + 1] + data[i + 2]);
        colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      }
      let peaks = 0;
      for (let i = 1; i < sums.length - 1; i++) if (sums[i] > sums[i - 1] && sums[i] >= sums[i + 1]) peaks++;
      return { colours: colours.size, peaks };
    });
  await expect.poll(async () => (await row()).colours).toBeGreaterThan(40);
  expect((await row()).peaks).toBeGreaterThan(15);
});
