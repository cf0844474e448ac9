/**
 * The single-file bundle (dist/bundle/descent-lab.js, from `npm run build`) as a blog embeds it:
 * pages under tests/e2e/pages/ are served at https://blog.example/, and the bundle at two other
 * origins, a CDN path and a blog's asset folder, so every file is fetched from a different
 * directory than the page. Playwright answers those URLs from disk (page.route); no server.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { watchConsole } from './helpers';

const root = resolve(import.meta.dirname, '../..');
const CDN = 'https://cdn.example/npm/descent-lab@0.1.0/dist/bundle/';
const BLOG_ASSETS = 'https://static.example/blog/assets/';
const BLOG = 'https://blog.example/';

const served: ReadonlyArray<readonly [string, string]> = [
  [BLOG, resolve(root, 'tests/e2e/pages')],
  [CDN, resolve(root, 'dist/bundle')],
  [BLOG_ASSETS, resolve(root, 'dist/bundle')],
];
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };

/** Serves the fake origins from disk, CORS-enabled (module scripts are fetched in CORS mode). */
async function serve(page: Page): Promise<Request[]> {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.route(/^https:\/\/[a-z]+\.example\//, async (route) => {
    const url = route.request().url().split(/[?#]/)[0];
    const match = served.find(([prefix]) => url.startsWith(prefix));
    const file = match && resolve(match[1], url.slice(match[0].length));
    const body = file && file.startsWith(match[1]) ? await readFile(file).catch(() => undefined) : undefined;
    if (!body || !file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      body,
      headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' },
    });
  });
  return requests;
}

const fetched = (requests: Request[], pattern: RegExp) => requests.map((r) => r.url()).filter((u) => pattern.test(u));

/** Both posts' widgets drew their paths, and the playground rendered its rule as math. */
async function expectBothPostsWork(page: Page): Promise<void> {
  const playground = page.locator('#post-1 descent-playground');
  await expect(playground.locator('[part~="trajectory"]')).toHaveCount(2);
  await expect(playground.locator('[part~="rule"] math').first()).toBeAttached();
  await expect(page.locator('#post-2 descent-surface [part~="trajectory"]')).toHaveCount(2);
}

test('the same script tag twice: every element registered once, no warning, lazy chunks fetched beside the bundle', async ({ page }) => {
  const messages = watchConsole(page);
  const requests = await serve(page);
  await page.goto(`${BLOG}two-posts-one-url.html`);
  await expectBothPostsWork(page);

  const defined = await page.evaluate(() =>
    ['descent-playground', 'descent-surface', 'descent-loss-chart', 'descent-optimizer'].map((t) => !!customElements.get(t)),
  );
  expect(defined).toEqual([true, true, true, true]);
  // One URL is one module: fetched once. The rules' MathML came from the bundle's directory, not
  // the page's; mathjs (the expression chunk) was not fetched at all.
  expect(fetched(requests, /descent-lab\.js$/)).toEqual([`${CDN}descent-lab.js`]);
  const rules = fetched(requests, /descent-lab-rules-[\w-]+\.js$/);
  expect(rules).toHaveLength(1);
  expect(rules[0].startsWith(CDN)).toBe(true);
  expect(fetched(requests, /descent-lab-expression-/)).toEqual([]);

  // Typed-in expressions load on demand, again from beside the bundle, and the chunk links back
  // to the same bundle instance (no second copy, so no warning).
  const surface = await page.evaluate(async (url) => {
    const lab = await import(url);
    const expressions = await lab.loadExpressions();
    const s = expressions.compileSurface('x^2 + 3*y^2');
    const run = lab.trajectory({ surface: { expr: 'x^2 + 3*y^2' }, optimizer: 'adam', start: [1, 1], steps: 10 });
    return { label: s.label, steps: run.x.length, same: lab.DescentSurface === customElements.get('descent-surface') };
  }, `${CDN}descent-lab.js`);
  expect(surface).toEqual({ label: 'x^2 + 3*y^2', steps: 11, same: true });
  const expression = fetched(requests, /descent-lab-expression-[\w-]+\.js$/);
  expect(expression).toHaveLength(1);
  expect(expression[0].startsWith(CDN)).toBe(true);
  expect(fetched(requests, /descent-lab\.js$/)).toHaveLength(1);

  expect(messages).toEqual([]);
});

test('two copies at different URLs: one warning naming both, no errors, the first copy serves every element', async ({ page }) => {
  const messages = watchConsole(page);
  const requests = await serve(page);
  await page.goto(`${BLOG}two-posts-two-urls.html`);
  await expectBothPostsWork(page);
  expect(fetched(requests, /descent-lab\.js$/).sort()).toEqual([`${CDN}descent-lab.js`, `${BLOG_ASSETS}descent-lab.js`]);

  const owners = await page.evaluate(
    async ([first, second]) => {
      const a = await import(first);
      const b = await import(second);
      const tags = ['descent-playground', 'descent-surface', 'descent-loss-chart', 'descent-optimizer'] as const;
      const classes = [a.DescentPlayground, a.DescentSurface, a.DescentLossChart, a.DescentOptimizer];
      return {
        firstOwnsAll: tags.every((t, i) => customElements.get(t) === classes[i]),
        twoInstances: a.DescentSurface !== b.DescentSurface,
      };
    },
    [`${CDN}descent-lab.js`, `${BLOG_ASSETS}descent-lab.js`],
  );
  expect(owners).toEqual({ firstOwnsAll: true, twoInstances: true });

  // The post-2 widget is the first copy's element: interacting with it works.
  const handle = page.locator('#post-2 descent-surface [part~="start-handle"]');
  const before = await page.locator('#post-2 descent-surface [part~="trajectory"]').first().getAttribute('d');
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(() => page.locator('#post-2 descent-surface [part~="trajectory"]').first().getAttribute('d'))
    .not.toBe(before);

  expect(messages).toEqual([
    `warning: descent-lab: loaded twice (${BLOG_ASSETS}descent-lab.js); using the first copy (${CDN}descent-lab.js)`,
  ]);
});
