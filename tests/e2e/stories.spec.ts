/**
 * index.html's stories (src/app/stories.ts): a link that sets up a race showing what one
 * optimizer does that the others do not, with its text in English and Korean, shown while the
 * playground shows that race. The text's figures are checked against the core's own run.
 */
import { expect, test } from '@playwright/test';
import { trajectory } from '../../src/core/index';
import { openApp, watchConsole } from './helpers';

test("Lion on the ravine: the story's figures are Lion's run", () => {
  const run = trajectory({ surface: 'ravine', optimizer: 'lion', hyper: { lr: 0.05 }, start: [-9, 1.5], steps: 200 });
  // Every coordinate moves by exactly lr: 45° down the wall, across the floor at step 30.
  for (let k = 1; k <= 30; k++) {
    expect(Math.abs(run.x[k] - run.x[k - 1])).toBeCloseTo(0.05, 12);
    expect(Math.abs(run.y[k] - run.y[k - 1])).toBeCloseTo(0.05, 12);
  }
  expect(Math.abs(run.y[30])).toBeLessThan(1e-9);
  // Up the other wall by 0.9 before it turns back; from step 65 within ±0.05 of the floor.
  let low = 0;
  for (let k = 30; k <= 65; k++) low = Math.min(low, run.y[k]);
  expect(low).toBeCloseTo(-0.9, 9);
  for (let k = 65; k <= 200; k++) expect(Math.abs(run.y[k])).toBeLessThanOrEqual(0.05 + 1e-9);
  // A steady 0.05 a step along the floor: at the minimum's x at step 180, 1.0 past it at 200.
  expect(Math.abs(run.x[180])).toBeLessThan(1e-9);
  expect(run.x[200]).toBeCloseTo(1, 9);
  // SGD and Adam slow down as the gradient fades: their last 20 steps cover far less than Lion's.
  for (const [optimizer, lr] of [['sgd', 0.19], ['adam', 0.1]] as const) {
    const other = trajectory({ surface: 'ravine', optimizer, hyper: { lr }, start: [-9, 1.5], steps: 200 });
    expect(Math.abs(other.x[200] - other.x[180]), optimizer).toBeLessThan(0.2);
  }
  expect(run.x[200] - run.x[180]).toBeCloseTo(1, 9);
});

for (const lang of ['en', 'ko'] as const) {
  test(`the story link sets up its race and tells it until the race is changed (${lang})`, async ({ page }) => {
    const messages = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const pg = await openApp(page, `lang=${lang}`);
    const link = page.locator('.stories a');
    await expect(link).toHaveText(lang === 'en' ? "Lion's sign steps on the ravine" : '협곡에서 Lion의 부호 스텝');
    await expect(page.locator('.story-text')).toBeHidden();
    await link.click();
    await expect(pg.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', 'ravine');
    await expect
      .poll(() => pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer'))))
      .toEqual(['SGD', 'Adam', 'RMSprop', 'Lion']);
    const text = page.locator('.story-text');
    await expect(text).toBeVisible();
    await expect(text).toContainText(lang === 'en' ? 'exactly its learning rate' : '정확히 학습률만큼');
    await expect(link).toHaveAttribute('aria-current', 'true');
    // The link keeps the page's language.
    expect(await link.getAttribute('href')).toContain(`lang=${lang}`);
    await page.screenshot({ path: `test-results/story-lion-ravine-${lang}.png` });
    // Playing it keeps the story; moving the start changes the race and hides it.
    await pg.locator('[part~="play"]').click();
    await page.waitForTimeout(400);
    await pg.locator('[part~="play"]').click();
    await expect(text).toBeVisible();
    const handle = pg.locator('[part~="start-handle"]').first();
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await expect(text).toBeHidden();
    await expect(link).not.toHaveAttribute('aria-current', 'true');
    expect(messages).toEqual([]);
  });
}
