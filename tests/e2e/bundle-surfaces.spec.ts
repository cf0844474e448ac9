/**
 * The single-file bundle loads catalog surfaces on demand: Rosenbrock (the default) is inside
 * descent-lab.js, every other surface is a small chunk beside it, fetched when a widget first
 * shows it — from an attribute, the surface picker or the `config` property — and a chunk that
 * cannot be fetched is reported while the widget shows the default.
 */
import { expect, test, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

const SURFACE_CHUNK = /\/descent-lab-(saddle|monkey-saddle|ravine|plateau|two-wells|booth|matyas|beale|himmelblau|three-hump-camel|six-hump-camel|styblinski-tang|goldstein-price|rastrigin|ackley|levi13)-[\w-]+\.js$/;

/** The surface chunks the page fetched, by surface id, in order. */
function watchSurfaceChunks(page: Page): string[] {
  const ids: string[] = [];
  page.on('request', (r) => {
    const m = SURFACE_CHUNK.exec(r.url().split(/[?#]/)[0]);
    if (m) ids.push(m[1]);
  });
  return ids;
}

const drawnSurface = (page: Page, host: string) =>
  page.locator(host).locator('canvas[part~="contours"]').first().getAttribute('data-surface');

test('the default surface needs no chunk; picking another fetches just that one and shows its race', async ({ page }) => {
  const messages = watchConsole(page);
  const chunks = watchSurfaceChunks(page);
  await serve(page, { 'p.html': { html: pageWith('<descent-playground></descent-playground>') } });
  await page.goto(`${ORIGIN}p.html`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'rosenbrock');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(7);
  expect(chunks).toEqual([]);

  // Every surface is listed by name before any is loaded.
  const select = pg.locator('[part~="controls"] select').first();
  expect(await select.locator('option').allTextContents()).toContain('Goldstein–Price');

  await select.selectOption('booth');
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'booth');
  // Booth's own race: nine runs, the noisy SGD among them.
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(9);
  await expect(pg.locator('[part~="trajectory"][data-optimizer="SGD, noisy gradients"]')).toHaveCount(1);
  expect(chunks).toEqual(['booth']);

  // Back and forth: nothing fetched twice.
  await select.selectOption('rosenbrock');
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'rosenbrock');
  await select.selectOption('booth');
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'booth');
  expect(chunks).toEqual(['booth']);
  expect(messages).toEqual([]);
});

test('attributes and the config property wait for their surface; updateComplete covers the wait', async ({ page }) => {
  const messages = watchConsole(page);
  const chunks = watchSurfaceChunks(page);
  const body = `
    <descent-playground id="a" surface="saddle" layout="grid"></descent-playground>
    <descent-surface id="b" surface="himmelblau" optimizers="sgd adam"></descent-surface>`;
  await serve(page, { 'p.html': { html: pageWith(body) } });
  await page.goto(`${ORIGIN}p.html`);
  await expect(page.locator('#a canvas[part~="contours"]').first()).toHaveAttribute('data-surface', 'saddle');
  expect(await drawnSurface(page, '#b')).toBe('himmelblau');
  await expect(page.locator('#b [part~="trajectory"]')).toHaveCount(2);
  expect([...chunks].sort()).toEqual(['himmelblau', 'saddle']);

  // A configuration set by script on a surface not loaded yet.
  const shown = await page.evaluate(async () => {
    const el = document.querySelector('#a') as HTMLElement & { config: Record<string, unknown>; updateComplete: Promise<boolean> };
    el.config = { ...el.config, surface: 'ravine', start: [-3, 1.5] };
    await el.updateComplete;
    return { surface: el.config.surface, start: el.config.start };
  });
  expect(shown).toEqual({ surface: 'ravine', start: [-3, 1.5] });
  expect(await drawnSurface(page, '#a')).toBe('ravine');
  expect(chunks).toContain('ravine');
  expect(messages).toEqual([]);
});

test('a surface chunk that cannot be fetched: the widget says so and shows the default', async ({ page }) => {
  const messages = watchConsole(page);
  await serve(page, { 'p.html': { html: pageWith('<descent-playground surface="levi13"></descent-playground>') } });
  // Registered after serve(): later routes are tried first.
  await page.route(/descent-lab-levi13-[\w-]+\.js$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await page.goto(`${ORIGIN}p.html`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="error"]')).toContainText('The surface "levi13" could not be loaded');
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'rosenbrock');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  // The failed module import and our one warning; nothing else.
  expect(messages.filter((m) => !/Failed to fetch dynamically imported module|Failed to load resource/.test(m))).toEqual([
    expect.stringContaining('descent-playground: The surface "levi13" could not be loaded'),
  ]);
});

test('the rules no default race runs: their definitions and compiled-loop source are a chunk fetched the first time one is wanted; their runs are drawn once it is here, the same every time', async ({ page }) => {
  const messages = watchConsole(page);
  const fetched: string[] = [];
  page.on('response', async (r) => {
    if (/\/descent-lab-more-rules-[\w-]+\.js$/.test(r.url())) fetched.push(await r.text());
  });
  const body = `<descent-playground id="a" surface="rosenbrock" optimizers="sgd adam" steps="300"></descent-playground>
    <descent-playground id="b" surface="rosenbrock" optimizers="nadam radam adamax adamw" steps="300"></descent-playground>`;
  await serve(page, { 'r.html': { html: pageWith(body) } });
  await page.goto(`${ORIGIN}r.html`);
  await expect(page.locator('#b [part~="trajectory"]')).toHaveCount(4);
  await expect.poll(() => fetched.length).toBe(1);
  // The chunk holds the four rules' compiled-loop source and three definitions (not an empty module).
  for (const id of ['adamw', 'adamax', 'nadam', 'radam']) expect(fetched[0]).toContain(`${id}:`);
  expect(fetched[0]).toContain('decayFactor'); // NAdam's definition
  // Runs before and after it arrived give the same path, to the last digit of `d`.
  const paths = () => page.locator('#b [part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  const before = await paths();
  await page.evaluate(() => {
    const b = document.querySelector('#b') as HTMLElement & { steps: number };
    b.setAttribute('steps', '299');
  });
  await expect.poll(async () => (await paths())[0]).not.toBe(before[0]);
  await page.evaluate(() => document.querySelector('#b')?.setAttribute('steps', '300'));
  await expect.poll(paths).toEqual(before);
  expect(fetched).toHaveLength(1);
  expect(messages).toEqual([]);
});

test('a page script: a rarer rule, and a schedule, need their chunk first, and say so; then they run', async ({ page }) => {
  const messages = watchConsole(page);
  await serve(page, { 'p.html': { html: pageWith('<descent-playground optimizers="sgd adam"></descent-playground>') } });
  await page.goto(`${ORIGIN}p.html`);
  await expect(page.locator('descent-playground [part~="trajectory"]')).toHaveCount(2);
  const result = await page.evaluate(async () => {
    const script = document.querySelector<HTMLScriptElement>('script[type="module"][src]')!;
    const lab = await import(script.src);
    const run = (options: object) => {
      try {
        const t = lab.trajectory({ surface: 'rosenbrock', start: [-1.5, 2], steps: 50, ...options });
        return { status: t.status as string, lr: t.lr ? (t.lr as Float64Array).length : 0 };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const before = { nadam: run({ optimizer: 'nadam' }), schedule: run({ optimizer: 'adam', schedule: { kind: 'StepLR', stepSize: 10 } }) };
    await lab.loadOptimizers();
    await lab.loadSchedules();
    return { before, after: { nadam: run({ optimizer: 'nadam' }), schedule: run({ optimizer: 'adam', schedule: { kind: 'StepLR', stepSize: 10 } }) } };
  });
  expect(result.before.nadam.error).toMatch(/"optimizer".*await loadOptimizers\(\) first/);
  expect(result.before.schedule.error).toMatch(/"schedule".*await loadSchedules\(\) first/);
  expect(result.after.nadam).toEqual({ status: 'ok', lr: 0 });
  expect(result.after.schedule).toEqual({ status: 'ok', lr: 50 });
  expect(messages).toEqual([]);
});
