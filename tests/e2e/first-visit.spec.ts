/**
 * What a blog reader's first visit downloads: a page with one default `<descent-playground>` and
 * the single-file bundle (dist/bundle, from `npm run build`). Every request the page makes is
 * recorded and its body gzipped (zlib's default level, as servers and scripts/check-size.mjs do);
 * the total must stay within 70 KB, and neither KaTeX nor mathjs (the expression compiler) may be
 * fetched: the rules arrive as build-time MathML, the default surface is inside the bundle.
 */
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

const BUDGET_KB = 70;

interface Fetched {
  readonly url: string;
  readonly gzipped: number;
}

/** Opens the page and records every request and the gzipped size of every response body. */
async function firstVisit(page: Page, element = '<descent-playground></descent-playground>'): Promise<{ requests: string[]; fetched: Fetched[] }> {
  const requests: string[] = [];
  const fetched: Fetched[] = [];
  const pending: Promise<void>[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    pending.push(
      r.body().then(
        (body) => void fetched.push({ url: r.url(), gzipped: gzipSync(body).length }),
        () => void fetched.push({ url: r.url(), gzipped: 0 }),
      ),
    );
  });
  await serve(page, { 'post.html': { html: pageWith(element) } });
  await page.goto(`${ORIGIN}post.html`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  return { requests, fetched };
}

const name = (url: string) => url.slice(ORIGIN.length);
const total = (fetched: readonly Fetched[]) => fetched.reduce((sum, f) => sum + f.gzipped, 0);

test(`first visit, wide page (rule panel shown): every request, gzipped, within ${BUDGET_KB} KB; no KaTeX, no mathjs`, async ({
  page,
}) => {
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { requests, fetched } = await firstVisit(page);
  await expect(page.locator('descent-playground [part~="rule"] math').first()).toBeAttached();
  const files = requests.map(name);
  // The page, the bundle, the path simplifier (the first paths), the rules (the panel is on
  // screen): nothing else.
  expect(files.filter((f) => !/^post\.html$|^dist\/bundle\/descent-lab(-(rules|simplify)-[\w-]+)?\.js$/.test(f))).toEqual([]);
  expect(files.filter((f) => /katex|mathjs|expression/i.test(f))).toEqual([]);
  expect(fetched).toHaveLength(requests.length);
  const bytes = total(fetched);
  console.log(
    `first visit, 1280 px: ${(bytes / 1024).toFixed(1)} KB gzipped in ${fetched.length} requests: ` +
      fetched.map((f) => `${name(f.url)} ${(f.gzipped / 1024).toFixed(1)} KB`).join(', '),
  );
  expect(bytes).toBeLessThanOrEqual(BUDGET_KB * 1024);
  expect(messages).toEqual([]);
});

test(`first visit in Korean, wide page: within ${BUDGET_KB} KB too, the catalog's Korean not among it`, async ({ page }) => {
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { requests, fetched } = await firstVisit(page, '<descent-playground lang="ko"></descent-playground>');
  await expect(page.locator('descent-playground [part~="rule"] math').first()).toBeAttached();
  await expect(page.locator('descent-playground [part~="rule"] p').first()).toContainText('기울기');
  const files = requests.map(name);
  expect(files.filter((f) => !/^post\.html$|^dist\/bundle\/descent-lab(-(rules|simplify|ko|ko-prose)-[\w-]+)?\.js$/.test(f))).toEqual([]);
  const bytes = total(fetched);
  console.log(`first visit in Korean, 1280 px: ${(bytes / 1024).toFixed(1)} KB gzipped in ${fetched.length} requests`);
  expect(bytes).toBeLessThanOrEqual(BUDGET_KB * 1024);
  expect(messages).toEqual([]);
});

test('first visit, phone (rule in a closed sheet): the page and the bundle only; the rules load when the sheet opens', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const { requests, fetched } = await firstVisit(page);
  const files = requests.map(name);
  expect(files.filter((f) => !/^post\.html$|^dist\/bundle\/descent-lab(-simplify-[\w-]+)?\.js$/.test(f))).toEqual([]);
  console.log(`first visit, 360 px: ${(total(fetched) / 1024).toFixed(1)} KB gzipped in ${fetched.length} requests`);
  expect(total(fetched)).toBeLessThanOrEqual(BUDGET_KB * 1024);
  await page.locator('descent-playground [part~="disclosure"][data-sheet="details"]').click();
  await expect(page.locator('descent-playground .sheet [part~="rule"] math').first()).toBeVisible();
  expect(requests.map(name).filter((f) => /descent-lab-rules-/.test(f))).toHaveLength(1);
});

test(`first visit to a data surface whose race has a schedule (logistic regression): within ${BUDGET_KB} KB too`, async ({ page }) => {
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  const { requests, fetched } = await firstVisit(page, '<descent-playground surface="logistic-regression"></descent-playground>');
  // Its four runs are drawn once the schedules are here; the data panel once training's chunk is.
  await expect(page.locator('descent-playground [part~="trajectory"]')).toHaveCount(4);
  await expect(page.locator('descent-playground [part~="data-model"]')).toBeAttached();
  await page.waitForLoadState('networkidle');
  const files = requests.map(name);
  expect(files.filter((f) => /katex|mathjs|expression/i.test(f))).toEqual([]);
  // (Not the rarer rules: a run waiting for the schedules fetches those alone.)
  expect(files.filter((f) => /more-rules/.test(f))).toEqual([]);
  const bytes = total(fetched);
  console.log(
    `first visit, logistic regression, 1280 px: ${(bytes / 1024).toFixed(1)} KB gzipped in ${fetched.length} requests: ` +
      fetched.map((f) => `${name(f.url)} ${(f.gzipped / 1024).toFixed(1)} KB`).join(', '),
  );
  expect(bytes).toBeLessThanOrEqual(BUDGET_KB * 1024);
  expect(messages).toEqual([]);
});
