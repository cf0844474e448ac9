/**
 * embed.html, as built into dist/app: one widget configured by the URL hash, no page chrome,
 * posting its height to the parent. In the iframe tests the parent page is a blog at
 * http://host.example/ that runs the listener exactly as docs/EMBEDDING.md prints it, and the
 * built app is a separate site at http://lab.example/; page.route answers both (the blog from a
 * string, the app from the test server). Two public origins, as in real use; a public page may
 * not frame a loopback address, which the test server is.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';
import { expectWidgetsDrawn } from './pages';

const root = resolve(import.meta.dirname, '../..');
const HOST = 'http://host.example/';
const LAB = 'http://lab.example/';

/** The five-line parent listener from docs/EMBEDDING.md (the html block after its marker). */
function documentedListener(): string {
  const doc = readFileSync(resolve(root, 'docs/EMBEDDING.md'), 'utf8');
  const m = /<!-- parent-listener[^>]*-->\s*```html\n([\s\S]*?)```/.exec(doc);
  if (!m) throw new Error('docs/EMBEDDING.md has no parent-listener block');
  return m[1];
}

/** Serves a blog-like parent page with `frames` iframes of embed.html (at the test server's origin). */
async function serveParent(page: Page, baseURL: string | undefined, embedUrls: readonly string[], listener = documentedListener()): Promise<void> {
  const frames = embedUrls.map((src, i) => `<iframe id="f${i}" src="${src}" title="descent-lab ${i}" style="width: 100%; border: 0"></iframe>`);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A post</title>
    <style>body { margin: 0 } main { width: 720px; margin: 0 auto }</style></head>
    <body><main><h1>A post with descent-lab frames</h1>${frames.join('<p>Between the figures.</p>')}</main>
    <script>
      window.heights = [];
      addEventListener('message', (e) => { if (e.data?.type === 'descent-lab:height') window.heights.push([e.source === document.getElementById('f0').contentWindow ? 0 : 1, e.data.height]); });
    </script>
    ${listener}
    </body></html>`;
  await page.route(`${HOST}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.route(`${LAB}**`, async (route) => {
    const response = await route.fetch({ url: new URL(route.request().url().slice(LAB.length), baseURL).href });
    await route.fulfill({ response });
  });
}

test('embed.html alone: one widget from the hash, filling the page, no console errors or warnings', async ({ page }) => {
  const messages = watchConsole(page);
  await page.goto('embed.html#surface=two-wells&opt=sgd(lr=0.01),momentum(lr=0.01),nesterov(lr=0.01)&layout=grid');
  const [widget] = [(await expectWidgetsDrawn(page, [3])).first()];
  await expect(widget.locator('[part~="panel"]')).toHaveCount(3);
  const names = await widget.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));
  expect(names).toEqual(['SGD', 'Momentum', 'Nesterov (NAG)']);
  // No page chrome: the body holds the widget only, edge to edge.
  const layout = await page.evaluate(() => ({
    children: [...document.body.children].filter((e) => e.tagName !== 'SCRIPT').map((e) => e.tagName.toLowerCase()),
    width: document.querySelector('descent-playground')!.getBoundingClientRect().width,
    viewport: document.documentElement.clientWidth,
  }));
  expect(layout.children).toEqual(['descent-playground']);
  expect(layout.width).toBe(layout.viewport);
  await expect(widget.locator('[part~="rule"] math').first()).toBeAttached();
  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});

test('embed.html with a typed-in surface in the hash, and a new hash reconfiguring it', async ({ page }) => {
  const messages = watchConsole(page);
  const expr = 'sin(x)*cos(y) + 0.1*(x^2+y^2)';
  await page.goto(`embed.html#expr=${encodeURIComponent(expr)}&domain=-4,4,-4,4&opt=sgd,adam`);
  const widget = (await expectWidgetsDrawn(page, [2])).first();
  await expect(widget.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', /^expr:/);
  const kinds = await widget.locator('[part~="critical-point"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))].sort());
  expect(kinds).toEqual(['global-min', 'local-max', 'local-min', 'saddle']);

  await page.evaluate(() => (location.hash = '#surface=saddle&opt=sgd,momentum,adam'));
  await expect(widget.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', 'saddle');
  await expect(widget.locator('[part~="trajectory"]')).toHaveCount(3);
  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});

test('embed.html in iframes: each posts its height, the documented listener sizes its frame to fit', async ({ page, baseURL }) => {
  const messages = watchConsole(page);
  const embed = `${LAB}embed.html`;
  await serveParent(page, baseURL, [`${embed}#surface=saddle`, `${embed}#surface=two-wells&opt=sgd(lr=0.01),momentum(lr=0.01)`]);
  await page.goto(`${HOST}post.html`);

  const sizes = (i: number) =>
    page.evaluate((k) => {
      const heights = (window as unknown as { heights: [number, number][] }).heights;
      const frame = document.getElementById(`f${k}`) as HTMLIFrameElement;
      return { posted: heights.filter(([f]) => f === k).map(([, h]) => h), frame: frame.getBoundingClientRect().height };
    }, i);
  for (const i of [0, 1]) {
    // Chromium does not render a cross-origin frame while it is off screen (nor would a reader
    // see it): bring each into view, as reading down the post does.
    await page.locator(`#f${i}`).scrollIntoViewIfNeeded();
    await expect(page.frameLocator(`#f${i}`).locator('descent-playground [part~="trajectory"]').first()).toBeAttached();
    // The frame said how tall it is, and the listener applied its latest height.
    await expect
      .poll(async () => {
        const { posted, frame } = await sizes(i);
        return posted.length > 0 && posted.at(-1)! > 400 && Math.abs(frame - posted.at(-1)!) < 1;
      })
      .toBe(true);
    // Sized to fit: the frame's page has nothing to scroll, and the widget is all of it.
    const frame = page.frames().find((f) => f.url().includes(i === 0 ? '#surface=saddle' : '#surface=two-wells'))!;
    await expect
      .poll(() => frame.evaluate(() => document.documentElement.scrollHeight - innerHeight), { message: `frame ${i} scrolls` })
      .toBeLessThanOrEqual(0);
    const bottom = await frame.evaluate(() => document.querySelector('descent-playground')!.getBoundingClientRect().bottom - innerHeight);
    expect(bottom).toBeLessThanOrEqual(1);
  }
  expect(messages).toEqual([]);
});

test('embed.html reposts its height when a wider frame changes the layout', async ({ page, baseURL }) => {
  await serveParent(page, baseURL, [`${LAB}embed.html#surface=rosenbrock`]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${HOST}post.html`);
  await expect(page.frameLocator('#f0').locator('descent-playground [part~="trajectory"]').first()).toBeAttached();
  const frame = page.frames().find((f) => f.url().includes('#surface=rosenbrock'))!;
  /** The frame's height once it fits its page exactly (the message has arrived and been applied). */
  const fitted = async () => {
    let height = NaN;
    await expect
      .poll(async () => {
        const outer = await page.evaluate(() => document.getElementById('f0')!.getBoundingClientRect().height);
        const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        height = outer;
        return Math.abs(outer - inner) < 1 && outer > 400;
      })
      .toBe(true);
    return height;
  };
  await page.evaluate(() => (document.querySelector('main')!.style.width = '360px'));
  const narrow = await fitted();
  const posted = () => page.evaluate(() => (window as unknown as { heights: unknown[] }).heights.length);
  const messages = await posted();

  // Widen the frame past the three-column breakpoint: the widget changes height, says so, and
  // the frame follows.
  await page.evaluate(() => (document.querySelector('main')!.style.width = '1200px'));
  await expect.poll(() => frame.evaluate(() => innerWidth)).toBe(1200);
  await expect.poll(posted).toBeGreaterThan(messages);
  const wide = await fitted();
  expect(wide).not.toBe(narrow);
});
