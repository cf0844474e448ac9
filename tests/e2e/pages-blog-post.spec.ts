/**
 * examples/blog-post.html, as built into dist/app/examples/: a Korean post whose eight widgets
 * are set up by attributes and <descent-optimizer> children, and load the single-file bundle by
 * the relative path an author would write (../dist/bundle/descent-lab.js).
 */
import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers';
import { expectWidgetsDrawn } from './pages';

const PAGE = 'examples/blog-post.html';

/** Trajectories per widget, in the post's order (a default race on Rosenbrock has seven). */
const PATHS = [3, 3, 3, 4, 4, 7, 2, 3];

test('the blog post: every widget upgraded and drawn from the bundle, no console errors or warnings', async ({ page }) => {
  const messages = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(PAGE);
  const widgets = await expectWidgetsDrawn(page, PATHS);

  // The post's script tag loaded the real bundle, not a copy of the app's modules.
  expect(requests).toContain('/dist/bundle/descent-lab.js');
  // Attributes and children configured the races.
  const first = widgets.first();
  expect(await first.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')))).toEqual([
    'SGD',
    'SGD, 잡음 섞인 기울기',
    '모멘텀, 잡음 섞인 기울기',
  ]);
  await expect(widgets.nth(5).locator('[part~="panel"]')).toHaveCount(7);
  // The no-script figure inside the first widget is not shown once the element has upgraded.
  await expect(first.locator('figure img')).toBeHidden();

  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});

test('the blog post: the noisy SGD jitters, weight decay stops short of the minimum, lr 0.21 diverges on the ravine', async ({
  page,
}) => {
  await page.goto(PAGE);
  const widgets = await expectWidgetsDrawn(page, PATHS);
  // Show every race's last step.
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('descent-playground')) el.config = { ...el.config, step: el.config.steps };
    // In the bundle the first config waits for its checker (a lazy chunk): applied by then.
    for (const el of document.querySelectorAll('descent-playground')) await el.updateComplete;
  });
  const ends = await page.locator('descent-playground').evaluateAll((els) =>
    els.map((el) => {
      const heads = [...(el.shadowRoot?.querySelectorAll('descent-surface') ?? [])].flatMap((s) => [
        ...(s.shadowRoot?.querySelectorAll<SVGPathElement>('[part~="head"]') ?? []),
      ]);
      // A head is placed by its transform, translate(x,y).
      const at = (h: SVGPathElement) => (/translate\((-?[\d.]+),(-?[\d.]+)\)/.exec(h.getAttribute('transform') ?? '') ?? []).slice(1).map(Number);
      return Object.fromEntries(heads.map((h) => [h.dataset.optimizer ?? '', at(h)]));
    }),
  );
  // Booth (widget 1): clean SGD sits on the minimum, the noisy one is somewhere else near it.
  const [clean, noisy] = [ends[0]['SGD'], ends[0]['SGD, 잡음 섞인 기울기']];
  expect(Math.hypot(clean[0] - noisy[0], clean[1] - noisy[1])).toBeGreaterThan(1);
  // Booth (widget 7): weight decay 4 settles visibly away from plain SGD's end point. In the
  // map's units (the path's last iterate): SGD nears the minimum (1, 3); decay pulls toward the
  // origin. On screen the gap is over 10 px (the widget's width, and so the scale, depends on
  // the page's fonts and scrollbar, so the pixel bound is loose).
  const lastPoints = await widgets.nth(6).evaluate((el) => {
    const runs = el.shadowRoot?.querySelector('descent-surface')?.runs ?? [];
    return Object.fromEntries(runs.map((r) => [r.label, [r.trajectory.x.at(-1) ?? NaN, r.trajectory.y.at(-1) ?? NaN]]));
  });
  const [sgdEnd, decayEnd] = [lastPoints['SGD'], lastPoints['SGD, weight decay 4']];
  expect(Math.hypot(sgdEnd[0] - 1, sgdEnd[1] - 3)).toBeLessThan(0.25);
  expect(Math.hypot(decayEnd[0], decayEnd[1])).toBeLessThan(Math.hypot(sgdEnd[0], sgdEnd[1]) - 0.5);
  const [plain, decayed] = [ends[6]['SGD'], ends[6]['SGD, weight decay 4']];
  expect(Math.hypot(plain[0] - decayed[0], plain[1] - decayed[1])).toBeGreaterThan(10);
  // Ravine (widget 8): the lr 0.21 run carries a "diverged" badge, the others do not.
  const badges = widgets.nth(7).locator('[part~="badge"]');
  await expect(badges.first()).toBeAttached();
  const diverged = await badges.evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-optimizer')))]);
  expect(diverged).toEqual(['SGD, lr 0.21']);
});

test('the blog post at 360 px: no horizontal overflow, every widget drawn', async ({ page }) => {
  const messages = watchConsole(page);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(PAGE);
  const widgets = await expectWidgetsDrawn(page, PATHS);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Each widget (and everything drawn in it) stays inside the viewport.
  const rights = await widgets.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().right)));
  for (const right of rights) expect(right).toBeLessThanOrEqual(360);
  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});
