/**
 * Issue #10: a typed-in surface's critical-point search (the long part of compiling it) runs in
 * a Worker where the page allows one, and in short main-thread tasks where it does not; the
 * points marked are the same either way, to the last bit.
 *
 * - the playground (same origin): a Worker starts, and the map's points equal those the page
 *   computes itself with compileSurface (another module instance: the example bundle);
 * - a strict policy (`script-src 'self'`, examples/strict-csp.html): the Worker is allowed, and
 *   nothing is refused but eval;
 * - a policy that refuses workers (`worker-src 'none'`): one refusal for the page, however many
 *   surfaces are typed, and the points are found on the page;
 * - the bundle loaded from another origin (a CDN): no Worker is tried (its script would be
 *   cross-origin), nothing is refused, the points are found on the page.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';

const HIMMELBLAU = '(x^2 + y - 11)^2 + (x + y^2 - 7)^2';
const WAVES = 'sin(x)*cos(y) + 0.1*(x^2+y^2)';

interface Marked {
  readonly x: number;
  readonly y: number;
  readonly f: number;
  readonly kind: string;
}

/** The critical points the first typed-in map on the page marks (from the element, exact). */
async function markedPoints(page: Page, selector = 'descent-playground'): Promise<{ id: string; points: Marked[] }> {
  return page.evaluate((selector) => {
    const pg = document.querySelector(selector)!.shadowRoot!;
    const map = pg.querySelector('descent-surface') as unknown as { resolvedSurface: { id: string; critical: Marked[] } };
    const { id, critical } = map.resolvedSurface;
    return { id, points: critical.map(({ x, y, f, kind }) => ({ x, y, f, kind })) };
  }, selector);
}

/** Waits until the playground's map shows the surface typed as `expr`. */
async function showing(page: Page, expr: string): Promise<void> {
  await page.waitForFunction((expr) => {
    const pg = document.querySelector('descent-playground')!.shadowRoot!;
    const map = pg.querySelector('descent-surface') as unknown as { resolvedSurface?: { label: string } } | null;
    return map?.resolvedSurface?.label === expr;
  }, expr);
}

/** What compileSurface (synchronous: never a Worker) finds, in the page, from the bundle at `bundle`. */
async function pagePoints(page: Page, bundle: string, expr: string, domain: { x: number[]; y: number[] }): Promise<Marked[]> {
  return page.evaluate(
    async ({ bundle, expr, domain }) => {
      const lab = await import(new URL(bundle, location.href).href);
      const { compileSurface } = await lab.loadExpressions();
      return (compileSurface(expr, { domain }).critical as Marked[]).map(({ x, y, f, kind }) => ({ x, y, f, kind }));
    },
    { bundle, expr, domain },
  );
}

/** Worker scripts the page starts, by URL. */
function watchWorkers(page: Page): string[] {
  const urls: string[] = [];
  page.on('worker', (worker) => urls.push(worker.url()));
  return urls;
}

async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

test('playground: a typed-in surface is searched in a Worker, and marks what the page itself would find', async ({ page }) => {
  const messages = watchConsole(page);
  const workers = watchWorkers(page);
  await page.goto('./');
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  await pg.getByLabel('Surface').selectOption('custom');
  const input = pg.locator('[part~="expression-input"]');
  await input.fill(HIMMELBLAU);
  await showing(page, HIMMELBLAU);
  expect(workers.filter((u) => /search-worker/.test(u))).toHaveLength(1);

  const { points } = await markedPoints(page);
  const domain = await page.evaluate(() => {
    const pg = document.querySelector('descent-playground')!.shadowRoot!;
    const { x, y } = (pg.querySelector('descent-surface') as unknown as { resolvedSurface: { domain: { x: number[]; y: number[] } } })
      .resolvedSurface.domain;
    return { x: [...x], y: [...y] };
  });
  // The example bundle is another copy of the library, with its own cache: a fresh, synchronous compile.
  const own = await pagePoints(page, 'dist/bundle/descent-lab.js', HIMMELBLAU, domain);
  expect(points).toEqual(own);
  // The playground keeps the window it had (Rosenbrock's [-2, 2] x [-1, 3]): two points of Himmelblau's in it.
  expect(points.map((p) => p.kind).sort()).toEqual(['local-max', 'saddle']);

  // A second surface reuses the same Worker.
  await input.fill(WAVES);
  await showing(page, WAVES);
  await expect(pg.locator('[part~="critical-point"][data-kind="saddle"]').first()).toBeAttached();
  expect((await markedPoints(page)).points).toEqual(await pagePoints(page, 'dist/bundle/descent-lab.js', WAVES, domain));
  expect(workers.filter((u) => /search-worker/.test(u))).toHaveLength(1);
  // And it answered the searches (the custom mode's first expression, and these two): the page
  // did not fall back to searching itself.
  const worker = page.workers().find((w) => /search-worker/.test(w.url()));
  expect(await worker?.evaluate(() => (self as unknown as { searchesAnswered?: number }).searchesAnswered)).toBeGreaterThanOrEqual(2);
  // The test's own import of the example bundle into the app is a second copy, and says so.
  expect(messages.filter((m) => !/loaded twice/.test(m))).toEqual([]);
});

test('strict CSP (script-src \'self\'): the Worker is allowed; nothing but eval is refused', async ({ page }) => {
  const messages = watchConsole(page);
  const workers = watchWorkers(page);
  const violations = await recordViolations(page);
  await page.goto('examples/strict-csp.html');
  const typed = page.locator('#expression-widget');
  await expect(typed.locator('[part~="critical-point"][data-kind="saddle"]').first()).toBeAttached();
  expect(workers.filter((u) => /search-worker/.test(u))).toHaveLength(1);
  const worker = page.workers().find((w) => /search-worker/.test(w.url()));
  expect(await worker?.evaluate(() => (self as unknown as { searchesAnswered?: number }).searchesAnswered)).toBe(1);
  const { points } = await markedPoints(page, '#expression-widget');
  expect(points).toEqual(await pagePoints(page, '../dist/bundle/descent-lab.js', WAVES, { x: [-4, 4], y: [-4, 4] }));
  expect(violations.filter((v) => !v.startsWith('script-src eval'))).toEqual([]);
  expect(messages).toEqual([]);
});

/** Serves a page at `pageOrigin` and dist/ at `bundleOrigin` (with CORS, as a CDN does). */
async function serveSplit(page: Page, pageOrigin: string, bundleOrigin: string, html: string, headers: Record<string, string> = {}) {
  const dist = resolve(import.meta.dirname, '../../dist');
  const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' };
  await page.route(/^https:\/\/[a-z]+\.example\//, async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === new URL(pageOrigin).origin && url.pathname === '/page.html') {
      return route.fulfill({ status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
    }
    if (url.origin === new URL(bundleOrigin).origin && url.pathname.startsWith('/dist/bundle/')) {
      const file = resolve(dist, url.pathname.slice('/dist/'.length));
      const body = file.startsWith(dist) ? await readFile(file).catch(() => undefined) : undefined;
      if (body) {
        return route.fulfill({
          status: 200,
          body,
          headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' },
        });
      }
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
}

function typedPage(bundle: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>typed</title>
<script type="module" src="${bundle}"></script></head><body>
<descent-playground id="typed" expression="${HIMMELBLAU}" optimizers="sgd adam"></descent-playground>
</body></html>`;
}

test('a policy that refuses workers: one refusal for the page, and the points are found on the page', async ({ page }) => {
  const messages = watchConsole(page);
  const violations = await recordViolations(page);
  const origin = 'https://blog.example';
  await serveSplit(page, origin, origin, typedPage(`${origin}/dist/bundle/descent-lab.js`), {
    'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'none'",
  });
  await page.goto(`${origin}/page.html`);
  await expect(page.locator('#typed [part~="critical-point"]')).toHaveCount(9);
  // Three more surfaces through the library: the refusal was remembered, nothing is tried again.
  const counts = await page.evaluate(async (bundle) => {
    const lab = await import(bundle);
    const { compileSurfaceAsync } = await lab.loadExpressions();
    const out: number[] = [];
    for (const k of [2, 3, 4]) out.push((await compileSurfaceAsync(`x^2 + ${k}*y^2 + sin(x)`)).critical.length);
    return out;
  }, `${origin}/dist/bundle/descent-lab.js`);
  expect(counts.every((n) => n >= 1)).toBe(true);
  const own = await pagePoints(page, `${origin}/dist/bundle/descent-lab.js`, HIMMELBLAU, { x: [-5, 5], y: [-5, 5] });
  expect((await markedPoints(page, '#typed')).points).toEqual(own);
  expect(violations.filter((v) => v.startsWith('worker-src'))).toHaveLength(1);
  expect(violations.filter((v) => !v.startsWith('worker-src') && !v.startsWith('script-src eval'))).toEqual([]);
  // The browser logs the refusal itself (a policy's console line, not the widget's); nothing else.
  expect(messages.filter((m) => !/Content Security Policy/.test(m))).toEqual([]);
});

test('the bundle from another origin (a CDN): no Worker is tried, nothing is refused, the points are found on the page', async ({ page }) => {
  const messages = watchConsole(page);
  const workers = watchWorkers(page);
  const violations = await recordViolations(page);
  await serveSplit(page, 'https://blog.example', 'https://cdn.example', typedPage('https://cdn.example/dist/bundle/descent-lab.js'));
  await page.goto('https://blog.example/page.html');
  await expect(page.locator('#typed [part~="critical-point"]')).toHaveCount(9);
  expect(workers).toEqual([]);
  expect(violations).toEqual([]);
  expect(messages).toEqual([]);
});

test('a policy that refuses workers: the map layout computes its basin maps on the page, with one refusal for the page', async ({ page }) => {
  const messages = watchConsole(page);
  const violations = await recordViolations(page);
  const origin = 'https://blog.example';
  const bundle = `${origin}/dist/bundle/descent-lab.js`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>maps</title>
<script type="module" src="${bundle}"></script></head><body>
<descent-playground id="maps" surface="himmelblau" layout="map" optimizers="sgd adam" steps="200"></descent-playground>
</body></html>`;
  await serveSplit(page, origin, origin, html, { 'content-security-policy': "default-src 'self'; script-src 'self'; worker-src 'none'" });
  await page.goto(`${origin}/page.html`);
  await expect(page.locator('#maps [part~="map-percent"]')).toHaveText('100%', { timeout: 60_000 });
  // Computed on the page, in slices between frames.
  expect(await page.evaluate(() => (globalThis as unknown as { descentMapSlicesHere?: number }).descentMapSlicesHere ?? 0)).toBeGreaterThan(0);
  expect(violations.filter((v) => v.startsWith('worker-src'))).toHaveLength(1);
  expect(violations.filter((v) => !v.startsWith('worker-src') && !v.startsWith('script-src eval'))).toEqual([]);
  expect(messages.filter((m) => !/Content Security Policy/.test(m))).toEqual([]);
});
