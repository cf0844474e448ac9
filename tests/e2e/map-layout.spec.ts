/**
 * The map layout (issue #13): each run's basin map, computed in Workers and drawn as its bands
 * arrive, the progress reaching 100%; a changed learning rate cancels and restarts that map (the
 * finished map is the new settings', no band of the old one left); a click sets the start; the
 * page's main thread has no long task while the maps compute.
 */
import { expect, test, type Locator } from '@playwright/test';
import { loadExpressions } from '../../src/core/index';
import { convergenceMap } from '../../src/core/convergence-map';
import { surfaces } from '../../surfaces/index';
import { openApp, watchConsole } from './helpers';

const HASH = 'surface=himmelblau&layout=map&opt=sgd(lr=0.01),momentum(lr=0.003)';

const percent = (pg: Locator) => pg.locator('[part~="map-percent"]').textContent();

/** A panel's basin canvas as RGBA rows (its own pixels, one per cell, row 0 at the top). */
async function pixels(panel: Locator): Promise<{ w: number; h: number; data: number[] }> {
  return panel.evaluate((el) => {
    const c = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[part~="basins"]')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return { w: c.width, h: c.height, data: Array.from(d.data) };
  });
}

test('two runs, two basin maps: drawn as they are computed, 100% at the end, each cell the colour of the minimum convergenceMap() finds', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, HASH);
  const panels = pg.locator('descent-surface[part~="panel"]');
  await expect(panels).toHaveCount(2);
  await expect.poll(() => percent(pg), { timeout: 20_000 }).toBe('100%');
  // SGD's map, read back: every cell whose run ends at a minimum has that minimum's hue (the
  // legend's colour, lightened by how late it settled), as the core computes it in Node.
  const { w, h, data } = await pixels(panels.first());
  const s = surfaces.himmelblau;
  const map = convergenceMap({ surface: s, optimizer: 'sgd', hyper: { lr: 0.01 }, steps: 300, grid: { nx: w, ny: h } });
  const keys = await pg.locator('[part~="basin-key"][data-index] path').evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
  const legend = new Map((await pg.locator('[part~="basin-key"][data-index]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.index)))).map((k, n) => [k, keys[n]]));
  let checked = 0;
  for (let j = 0; j < h; j += 7) {
    for (let i = 0; i < w; i += 7) {
      const b = map.basin[j * w + i];
      if (b < 0) continue;
      const o = 4 * ((h - 1 - j) * w + i);
      const [r, g, bl] = [data[o], data[o + 1], data[o + 2]];
      const base = (legend.get(b) ?? '').match(/\d+/g)!.map(Number);
      const k = (0.65 * map.steps[j * w + i]) / 300;
      const want = base.map((v) => v + (255 - v) * k);
      expect(Math.max(Math.abs(r - want[0]), Math.abs(g - want[1]), Math.abs(bl - want[2])), `cell (${i}, ${j})`).toBeLessThanOrEqual(2);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(messages).toEqual([]);
});

test("Newton's and saddle-free Newton's basin maps: computed in the Workers with Himmelblau's Hessian (the expression compiler loads there), each cell as convergenceMap() finds it", async ({ page }) => {
  const messages = watchConsole(page);
  const steps = 300;
  const pg = await openApp(page, `surface=himmelblau&layout=map&steps=${steps}&opt=newton(lr=0.5),saddle-free-newton(lr=0.5)`);
  const panels = pg.locator('descent-surface[part~="panel"]');
  await expect(panels).toHaveCount(2);
  await expect.poll(() => percent(pg), { timeout: 60_000 }).toBe('100%');
  await loadExpressions();
  const s = surfaces.himmelblau;
  let reached = 0;
  for (const [n, optimizer] of [[0, 'newton'], [1, 'saddle-free-newton']] as const) {
    const { w, h, data } = await pixels(panels.nth(n));
    let none = 0;
    let checked = 0;
    for (let j = 0; j < h; j += 5) {
      // (Only the rows checked: the whole map of Newton's rules takes trajectory() per cell.)
      const map = convergenceMap({ surface: s, optimizer, hyper: { lr: 0.5 }, steps, grid: { nx: w, ny: h }, rows: [j, j + 1] });
      for (let i = 0; i < w; i += 5) {
        const b = map.basin[i];
        const o = 4 * ((h - 1 - j) * w + i);
        const rgb = [data[o], data[o + 1], data[o + 2]].join(',');
        // A cell whose run ends at a minimum is painted in its hue; one that ends elsewhere (at a
        // saddle or the maximum, where plain Newton goes as readily) pale grey; one that diverged
        // hatched dark.
        const kind = rgb === '214,214,214' ? -1 : rgb === '40,40,44' || rgb === '86,86,92' ? -2 : 0;
        expect(kind, `${optimizer} cell (${i}, ${j}), basin ${b}, painted ${rgb}`).toBe(Math.min(b, 0));
        if (b === -1) none++;
        if (b >= 0) reached++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Plain Newton is drawn to Himmelblau's saddles and maximum from much of the map; saddle-free
    // Newton from almost none of it.
    if (optimizer === 'newton') expect(none / checked).toBeGreaterThan(0.1);
    else expect(none / checked).toBeLessThan(0.05);
  }
  expect(reached).toBeGreaterThan(100);
  expect(messages).toEqual([]);
});

test('a changed learning rate cancels the map and computes it again: the finished map is the new one, no old band in it', async ({ page }) => {
  const pg = await openApp(page, HASH);
  await expect.poll(() => percent(pg), { timeout: 20_000 }).toBe('100%');
  const before = await pixels(pg.locator('descent-surface[part~="panel"]').first());
  const started = () => pg.locator('[part~="map-head"]').getAttribute('data-started');
  expect(await started()).toBe('2');
  // lr 0.01 → 0.02: the slider's value is log10(lr).
  await pg.locator('#lr-0').evaluate((el: HTMLInputElement) => {
    el.value = String(Math.log10(0.02));
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // SGD's map, and only it, starts again (Momentum's settings did not change).
  await expect.poll(started).toBe('3');
  await expect.poll(() => percent(pg), { timeout: 20_000 }).toBe('100%');
  const after = await pixels(pg.locator('descent-surface[part~="panel"]').first());
  expect(after.data).not.toEqual(before.data);
  // The same settings on a fresh page draw the same map, pixel for pixel.
  const hash = await page.evaluate(() => location.hash.slice(1));
  const fresh = await openApp(await page.context().newPage(), hash);
  await expect.poll(() => percent(fresh), { timeout: 20_000 }).toBe('100%');
  expect((await pixels(fresh.locator('descent-surface[part~="panel"]').first())).data).toEqual(after.data);
});

test('a click on a map sets the start there; every panel follows', async ({ page }) => {
  const pg = await openApp(page, HASH);
  const panel = pg.locator('descent-surface[part~="panel"]').nth(1);
  const box = (await panel.locator('canvas[part~="basins"]').boundingBox())!;
  // The cell a quarter in from the left and the top: (−2.5, 2.5) on [−5, 5]².
  await page.mouse.click(box.x + box.width / 4, box.y + box.height / 4);
  const [x, y] = await pg.evaluate((el) => (el as unknown as { config: { start: [number, number] } }).config.start);
  expect(x).toBeCloseTo(-2.5, 0);
  expect(y).toBeCloseTo(2.5, 0);
  // Every panel's handle moved there: its path starts there.
  const starts = await pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => (e.getAttribute('d') ?? '').split('L')[0]));
  expect(new Set(starts).size).toBe(1);
});

test('the maps are computed in Workers, none of it on the page; its long tasks meanwhile are printed', async ({ page }) => {
  // The grid first: its seven panels are the map layout's (making and painting them is the
  // layout switch's own work); then the maps.
  const pg = await openApp(page, 'surface=himmelblau&layout=grid');
  await expect(pg.locator('descent-surface[part~="panel"]')).toHaveCount(7);
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await pg.locator('button[data-layout="map"]').click();
  await expect.poll(() => percent(pg), { timeout: 30_000 }).toBe('100%');
  expect(await page.evaluate(() => (globalThis as unknown as { descentMapSlicesHere?: number }).descentMapSlicesHere ?? 0)).toBe(0);
  // (A measurement, not a pass mark: timings on this shared machine are noise; see the README's Speed.)
  const long = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`map layout, 7 maps: long tasks from the switch to the last band: ${long.length ? long.map((d) => d.toFixed(0)).join(', ') + ' ms' : 'none'}`);
});

test('where Workers cannot be had, the maps are computed on the page in slices, and still finish', async ({ page }) => {
  // A page whose script cannot make Workers (as under a policy that refuses them).
  await page.addInitScript(() => {
    (window as unknown as { Worker: unknown }).Worker = function () {
      throw new Error('refused');
    };
  });
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=himmelblau&layout=map&opt=adam(lr=0.03)&steps=200');
  await expect.poll(() => percent(pg), { timeout: 30_000 }).toBe('100%');
  expect(await page.evaluate(() => (globalThis as unknown as { descentMapSlicesHere?: number }).descentMapSlicesHere ?? 0)).toBeGreaterThan(3);
  expect(messages).toEqual([]);
});

test('a tap on a map (touch) sets the start there too', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const pg = await openApp(page, HASH);
  const box = (await pg.locator('descent-surface[part~="panel"]').first().locator('canvas[part~="basins"]').boundingBox())!;
  // Three quarters across and a quarter down: (2.5, 2.5).
  await page.touchscreen.tap(box.x + (3 * box.width) / 4, box.y + box.height / 4);
  await expect.poll(() => pg.evaluate((el) => (el as unknown as { config: { start: [number, number] } }).config.start[0])).toBeCloseTo(2.5, 0);
  const [, y] = await pg.evaluate((el) => (el as unknown as { config: { start: [number, number] } }).config.start);
  expect(y).toBeCloseTo(2.5, 0);
  await context.close();
});
