/**
 * Issue #10 (hardening): a widget in someone else's page sends nothing to their error monitor,
 * refuses bad attributes with a message instead of throwing, and a link cannot hang the tab.
 */
import { expect, test, type Page } from '@playwright/test';

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

test('a link with 8,000 runs of 20 000 steps is refused within a second: the first 24 runs, 8 333 steps each, a message naming both limits', async ({ page }) => {
  const errors = await countErrors(page);
  await page.addInitScript(() => {
    const long: number[] = [];
    (window as unknown as { __long: number[] }).__long = long;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const opt = Array.from({ length: 8000 }, () => 'sgd').join(',');
  await page.goto(`./#surface=rosenbrock&steps=20000&opt=${opt}`);
  const pg = page.locator('descent-playground');
  // Generous: the message is waited for, the time it took is asserted below through long tasks.
  const error = pg.locator('[part~="error"]');
  await expect(error).toContainText('8000 runs', { timeout: 30_000 });
  await expect(error).toContainText('at most 24');
  await expect(error).toContainText('steps=20000 in the link with 24 runs is 480000 steps in all; at most 200000 are computed, so each run takes 8333 steps');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(24);
  await expect(pg.locator('[part~="step-readout"]')).toContainText('8333');
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
  // Before the limits one task ran for about a minute (8,000 runs), and 24 runs of 20 000 steps
  // still gave tasks of up to 1.5 s; 200 000 steps in all take a fraction of that.
  expect(Math.max(0, ...long)).toBeLessThan(1000);
  expect(await errors()).toEqual([]);
});

test('the optimizer list: Add stops at 24 runs, saying so, and a run added to a long race shortens every run to keep 200 000 steps in all', async ({ page }) => {
  const errors = await countErrors(page);
  const opt = Array.from({ length: 10 }, () => 'sgd').join(',');
  await page.goto(`./#surface=rosenbrock&steps=20000&opt=${opt}`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(10);
  const steps = pg.getByRole('spinbutton', { name: /steps/i });
  await expect(steps).toHaveValue('20000');
  const add = pg.getByRole('combobox', { name: /add an optimizer/i });
  await add.selectOption('adam');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(11);
  await expect(steps).toHaveValue(String(Math.floor(200_000 / 11)));
  for (let n = 12; n <= 24; n++) await add.selectOption('sgd');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(24);
  await expect(steps).toHaveValue('8333');
  await expect(add).toBeDisabled();
  await expect(add.locator('option').first()).toHaveText('at most 24 runs');
  // The spin button stops where the runs' steps in all do.
  await expect(steps).toHaveAttribute('max', '8333');
  await steps.fill('20000');
  await steps.press('Enter');
  await expect(steps).toHaveValue('8333');
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
