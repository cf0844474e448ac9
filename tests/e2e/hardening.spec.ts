/**
 * Issue #10 (hardening): a widget in someone else's page sends nothing to their error monitor,
 * refuses bad attributes with a message instead of throwing, and a link cannot hang the tab.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** Counts window `error` events and uncaught page errors from before the page's scripts run. */
async function countErrors(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __errors: string[] }).__errors = seen;
    window.addEventListener('error', (e) => seen.push(e.message || String(e.error)));
    window.addEventListener('unhandledrejection', (e) => seen.push(`rejection: ${String(e.reason)}`));
  });
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  return async () => [...(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)), ...uncaught];
}

for (const [name, url, resize] of [
  ['the playground', './', true],
  ['the blog post', 'examples/blog-post.html', true],
  ['the page with twenty widgets', 'examples/many-widgets.html', false],
] as const) {
  test(`${name}: no window error events (no ResizeObserver loop) while loading and resizing`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors = await countErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await expect(page.locator('descent-playground [part~="trajectory"]').first()).toBeAttached();
    await page.waitForTimeout(800);
    if (resize) {
      for (const width of [1100, 760, 390, 900, 1280, 600, 1024, 480, 1280, 820, 360, 1200]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(120);
      }
    }
    await page.waitForTimeout(300);
    expect(await errors()).toEqual([]);
  });
}

test('a link with 8,000 runs is cut to the first 24 with a message naming the limit, and the page stays responsive', async ({ page }) => {
  const errors = await countErrors(page);
  await page.addInitScript(() => {
    const long: number[] = [];
    (window as unknown as { __long: number[] }).__long = long;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const opt = Array.from({ length: 8000 }, () => 'sgd').join(',');
  const pg = await openApp(page, `surface=rosenbrock&steps=20000&opt=${opt}`);
  await expect(pg.locator('[part~="error"]')).toContainText('8000 runs');
  await expect(pg.locator('[part~="error"]')).toContainText('24');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(24);
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  // Before the cap one task ran for about a minute; 24 runs of 20 000 steps take a fraction of a second.
  expect(Math.max(0, ...long)).toBeLessThan(2000);
  expect(await errors()).toEqual([]);
});

for (const lang of ['en', 'ko'] as const) {
  test(`bad attributes on <descent-surface> and <descent-loss-chart> give a message (${lang}), a warning and a drawn element`, async ({ page }) => {
    const errors = await countErrors(page);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto('./');
    await expect(page.locator('descent-playground [part~="trajectory"]').first()).toBeAttached();
    await page.evaluate((lang) => {
      document.body.insertAdjacentHTML(
        'beforeend',
        `<div id="probe" lang="${lang}" style="width: 500px">
          <descent-surface id="s1" surface="rosenbrock" optimizers="sgd adam" steps="abc"></descent-surface>
          <descent-surface id="s2" surface="rosenbrock" optimizers="sgd nope" steps="1e21"></descent-surface>
          <descent-surface id="s3" surface="rosenbrock" optimizers="adam" steps=""></descent-surface>
          <descent-loss-chart id="c1" height="abc"></descent-loss-chart>
        </div>`,
      );
    }, lang);
    for (const id of ['s1', 's2', 's3']) {
      const el = page.locator(`#${id}`);
      await expect(el.locator('[part~="error"]'), id).toContainText('steps');
      await expect(el.locator('[part~="trajectory"]').first(), id).toBeAttached();
      const ds = await el.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
      for (const d of ds) expect(d, id).not.toContain('NaN');
      const box = await el.locator('[part~="surface"]').boundingBox();
      expect(box?.height ?? 0, id).toBeGreaterThan(100);
    }
    await expect(page.locator('#s2 [part~="error"]')).toContainText('"nope"');
    if (lang === 'ko') await expect(page.locator('#s1 [part~="error"]')).toContainText('속성');
    const chart = page.locator('#c1');
    await expect(chart.locator('[part~="error"]')).toContainText('height');
    const svgHeight = await chart.locator('[part~="chart"]').evaluate((e) => e.getBoundingClientRect().height).catch(() => 170);
    expect(svgHeight).toBe(170);
    expect(warnings.some((w) => w.includes('steps'))).toBe(true);
    expect(warnings.some((w) => w.includes('height'))).toBe(true);
    expect(await errors()).toEqual([]);
  });
}
