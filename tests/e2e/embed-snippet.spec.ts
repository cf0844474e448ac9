/**
 * "Copy embed code" and the light-DOM fallback: the snippet, pasted into a blank page, reproduces
 * the view; before the bundle runs (or with scripts off) the fallback shows, and the element
 * upgrades to exactly the height the fallback reserved.
 */
import { expect, test, type Locator } from '@playwright/test';
import { resolveHyper } from '../../src/core/index';
import type { Config } from '../../src/state/config';
import { openApp } from './helpers';
import { BUNDLE, ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

/** A config as it behaves: every option resolved, the playback step left out. */
function behaviour(config: Config) {
  const { step: _step, ...rest } = config;
  return {
    ...rest,
    optimizers: config.optimizers.map((e) => ({
      kind: e.kind,
      label: e.label ?? null,
      enabled: e.enabled,
      noise: e.noise ?? 0,
      hyper: resolveHyper(e.kind, e.hyper),
    })),
  };
}

async function copyEmbed(pg: Locator): Promise<string> {
  await pg.evaluate((el, src) => ((el as unknown as { embedSrc: string }).embedSrc = src), BUNDLE);
  await pg.locator('[part~="copy-embed"]').click();
  await expect(pg.locator('.copy-status')).toHaveText('Copied');
  return pg.page().evaluate(() => navigator.clipboard.readText());
}

for (const [name, hash] of [
  [
    'a catalog surface in grid layout with tuned, labelled, noisy and switched-off optimizers',
    'surface=two-wells&start=-0.4,1.2&steps=250&speed=120&layout=grid' +
      '&opt=sgd(lr=0.02),adam(lr=0.05,beta1=0.8,label=Fast%20%22Adam%22,noise=0.1),rmsprop(lr=0.01,off),adamw(lr=0.01,weightDecay=0.3),nesterov(lr=0.001)',
  ],
  ['a typed-in expression with its own window', 'expr=sin(x)*cos(y)%20%2B%200.1*(x%5E2%2By%5E2)&domain=-4,4,-3,3&start=1,2&opt=adam(lr=0.1),momentum(lr=0.02)'],
] as const) {
  test(`the embed code reproduces the view on a blank page: ${name}`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const pg = await openApp(page, hash);
    await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
    // A link's typed-in surface is applied once it has compiled (the page shows its default race
    // until then): wait for it, or the view read below is the default's.
    if (hash.startsWith('expr=')) await expect(pg.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', /^expr:/);
    const original = await pg.evaluate((el) => (el as unknown as { config: Config }).config);
    const snippet = await copyEmbed(pg);
    expect(snippet.startsWith(`<script type="module" src="${BUNDLE}"></script>\n<descent-playground `)).toBe(true);
    expect(snippet).toContain('<descent-optimizer kind=');

    const blank = await context.newPage();
    const messages = watchConsole(blank);
    await serve(blank, { 'blank.html': { html: pageWith(snippet) } });
    await blank.goto(`${ORIGIN}blank.html`);
    const copy = blank.locator('descent-playground');
    await expect(copy.locator('[part~="trajectory"]')).toHaveCount(await pg.locator('[part~="trajectory"]').count());
    const restored = await copy.evaluate((el) => (el as unknown as { config: Config }).config);
    expect(behaviour(restored)).toEqual(behaviour(original));
    const names = (l: Locator) => l.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));
    expect(await names(copy)).toEqual(await names(pg));
    expect(await copy.locator('[part~="start-handle"]').first().getAttribute('aria-valuetext')).toBe(
      await pg.locator('[part~="start-handle"]').first().getAttribute('aria-valuetext'),
    );
    expect(messages).toEqual([]);
  });
}

test('the embed code loads the bundle from a URL that serves it today: the app\'s embed-src, or where the page loaded it', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The app: index.html says embed-src="dist/bundle/descent-lab.js", which the build copies there.
  const pg = await openApp(page);
  await pg.locator('[part~="copy-embed"]').click();
  await expect(pg.locator('.copy-status')).toHaveText('Copied');
  const fromApp = await page.evaluate(() => navigator.clipboard.readText());
  const appSrc = new URL('dist/bundle/descent-lab.js', baseURL).href;
  expect(fromApp.split('\n')[0]).toBe(`<script type="module" src="${appSrc}"></script>`);
  expect(fromApp).not.toContain('cdn.jsdelivr.net');
  const served = await page.request.get(appSrc);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toMatch(/javascript/);
  expect(await served.text()).toContain('descent-playground');

  // A page that loaded the bundle from its own URL, no embed-src: the snippet names that URL.
  const blank = await context.newPage();
  const messages = watchConsole(blank);
  await serve(blank, { 'post.html': { html: pageWith('<descent-playground surface="saddle"></descent-playground>') } });
  await blank.goto(`${ORIGIN}post.html`);
  const copy = blank.locator('descent-playground');
  await expect(copy.locator('[part~="trajectory"]').first()).toBeAttached();
  const snippet = await copy.evaluate((el) => (el as unknown as { embedCode(): Promise<string> }).embedCode());
  expect(snippet.split('\n')[0]).toBe(`<script type="module" src="${BUNDLE}"></script>`);
  // embed-src relative to the page is written out absolute.
  await copy.evaluate((el) => el.setAttribute('embed-src', '../lib/descent-lab.js'));
  const relative = await copy.evaluate((el) => (el as unknown as { embedCode(): Promise<string> }).embedCode());
  expect(relative.split('\n')[0]).toBe(`<script type="module" src="${ORIGIN}lib/descent-lab.js"></script>`);
  expect(messages).toEqual([]);
});

/** The fallback a post carries: an image with the widget's aspect ratio, and a caption line. */
const FALLBACK_CSS = `<style>
  descent-playground { display: block; }
  descent-playground > img { display: block; width: 100%; height: auto; }
  .column { width: 1200px; margin: 0 auto; }
</style>`;
const image = (w: number, h: number) =>
  `<img alt="SGD and Adam on Rosenbrock" width="${w}" height="${h}" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='${w}' height='${h}'%3E%3Crect width='100%25' height='100%25' fill='%23cde'/%3E%3C/svg%3E">`;
const widget = (w: number, h: number) => `<div class="column"><p>Before.</p>
<descent-playground surface="rosenbrock">
  <descent-optimizer kind="sgd" lr="0.001"></descent-optimizer>
  <descent-optimizer kind="adam" lr="0.05"></descent-optimizer>
  ${image(w, h)}
  <p class="caption">SGD and Adam racing on Rosenbrock (interactive: needs JavaScript).</p>
</descent-playground><p id="after">After.</p></div>`;

test('before the bundle runs the fallback image shows and reserves the height the widget then takes: nothing jumps', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const served = await serve(page, { 'post.html': { html: pageWith(widget(1600, 900), { head: FALLBACK_CSS }).replace('<p class="caption">', '<p class="caption" hidden>') } }, { holdBundle: true });
  // Module scripts hold back DOMContentLoaded and load: wait for the response only.
  await page.goto(`${ORIGIN}post.html`, { waitUntil: 'commit' });
  const el = page.locator('descent-playground');
  await expect(el.locator('img')).toBeVisible();
  expect(await el.evaluate((e) => e.matches(':defined'))).toBe(false);
  const before = await el.boundingBox();
  const afterBefore = await page.locator('#after').boundingBox();
  served.release();
  await expect(el.locator('[part~="trajectory"]')).toHaveCount(2);
  const after = await el.boundingBox();
  expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThan(1.5);
  expect(Math.abs((await page.locator('#after').boundingBox())!.y - afterBefore!.y)).toBeLessThan(1.5);
  // Upgraded: the fallback is not rendered (the element has no slot for it).
  await expect(el.locator('img')).toBeHidden();
  await expect(el.locator('p.caption')).toBeHidden();
});

test('a 360 px column: the fallback with the narrow aspect ratio reserves the height too', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const css = FALLBACK_CSS.replace('width: 1200px', 'width: 100%');
  const served = await serve(page, { 'post.html': { html: pageWith(widget(900, 1600), { head: css }).replace('<p class="caption">', '<p class="caption" hidden>') } }, { holdBundle: true });
  await page.goto(`${ORIGIN}post.html`, { waitUntil: 'commit' });
  const el = page.locator('descent-playground');
  await expect(el.locator('img')).toBeVisible();
  const before = await el.boundingBox();
  served.release();
  await expect(el.locator('[part~="trajectory"]')).toHaveCount(2);
  expect(Math.abs((await el.boundingBox())!.height - before!.height)).toBeLessThan(1.5);
});

test('with scripts off the fallback image and caption show', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await serve(page, { 'post.html': { html: pageWith(widget(1600, 900), { head: FALLBACK_CSS }) } });
  await page.goto(`${ORIGIN}post.html`);
  const el = page.locator('descent-playground');
  await expect(el.locator('img')).toBeVisible();
  await expect(el.locator('p.caption')).toHaveText(/needs JavaScript/);
  const box = await el.locator('img').boundingBox();
  expect(Math.abs((box?.height ?? 0) - ((box?.width ?? 0) * 9) / 16)).toBeLessThan(1.5);
  await context.close();
});
