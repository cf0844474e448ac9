import { expect, test } from '@playwright/test';
import { openApp, watchConsole } from './helpers';

/** A path's points in its own SVG coordinates. */
function points(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.e+-]+),(-?[\d.e+-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Sum of turning angles along a path: a jittery path turns far more than a smooth one. */
function turning(d: string): number {
  const p = points(d);
  let sum = 0;
  for (let i = 2; i < p.length; i++) {
    const a = Math.atan2(p[i - 1][1] - p[i - 2][1], p[i - 1][0] - p[i - 2][0]);
    const b = Math.atan2(p[i][1] - p[i - 1][1], p[i][0] - p[i - 1][0]);
    let t = Math.abs(b - a);
    if (t > Math.PI) t = 2 * Math.PI - t;
    sum += t;
  }
  return sum;
}

test('booth opens with a noisy SGD that jitters and an SGD with weight decay that stops short', async ({ page }) => {
  const messages = watchConsole(page);
  const playground = await openApp(page, 'surface=booth');
  const path = (name: string) => playground.locator(`[part~="trajectory"][data-optimizer="${name}"]`);
  const clean = (await path('SGD').getAttribute('d')) ?? '';
  const noisy = (await path('SGD, noisy gradients').getAttribute('d')) ?? '';
  const decayed = (await path('SGD, weight decay 4').getAttribute('d')) ?? '';
  expect(points(noisy).length).toBeGreaterThan(50);
  // (Booth's off-axis start bends the clean path too, so the margin is 5x, not 10x.)
  expect(turning(noisy)).toBeGreaterThan(5 * turning(clean) + 5);
  // The clean path ends on the minimum marker; the decayed one ends elsewhere.
  const star = await playground.locator('[part~="critical-point"][data-kind="global-min"]').getAttribute('transform');
  const [sx, sy] = (/translate\(([-\d.e+]+),([-\d.e+]+)\)/.exec(star ?? '') ?? []).slice(1).map(Number);
  const end = (d: string) => points(d).at(-1)!;
  expect(Math.hypot(end(clean)[0] - sx, end(clean)[1] - sy)).toBeLessThan(2);
  expect(Math.hypot(end(decayed)[0] - sx, end(decayed)[1] - sy)).toBeGreaterThan(15);
  expect(messages).toEqual([]);
});

test('<descent-optimizer noise> adds seeded gradient noise; the settings field edits it', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML(
      'afterbegin',
      `<descent-playground id="noisy" surface="ravine" steps="150">
        <descent-optimizer kind="sgd" lr="0.05" label="clean"></descent-optimizer>
        <descent-optimizer kind="sgd" lr="0.05" noise="3" label="noisy"></descent-optimizer>
      </descent-playground>`,
    );
  });
  const widget = page.locator('#noisy');
  const d = (name: string) => widget.locator(`[part~="trajectory"][data-optimizer="${name}"]`).getAttribute('d');
  await expect(widget.locator('[part~="trajectory"]')).toHaveCount(2);
  // A race of the author's own gets the surface's one-line note, not the default race's story.
  await expect(widget.locator('p.story')).toHaveText(/^Condition number 100/);
  const clean = (await d('clean')) ?? '';
  const noisy = (await d('noisy')) ?? '';
  // (Booth's off-axis start bends the clean path too, so the margin is 5x, not 10x.)
  expect(turning(noisy)).toBeGreaterThan(5 * turning(clean) + 5);
  // The same settings replay the same noise: the path is reproducible.
  await page.evaluate(() => document.querySelector('#noisy')?.setAttribute('steps', '150'));
  expect(await d('noisy')).toBe(noisy);
  // Setting noise to 0 in the run's settings makes it the clean path.
  const row = widget.locator('li[data-optimizer="noisy"]');
  await row.getByRole('button', { name: /settings/i }).click();
  const field = row.getByLabel('noise σ');
  await expect(field).toHaveValue('3');
  await field.fill('0');
  await field.press('Enter');
  await field.blur();
  await expect.poll(() => d('noisy')).toBe(clean);
});
