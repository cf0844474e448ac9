/**
 * index.html's stories (src/app/stories.ts): a link that sets up a race showing what one
 * optimizer does that the others do not, with its text in English and Korean, shown while the
 * playground shows that race. The text's figures are checked against the core's own run.
 */
import { expect, test } from '@playwright/test';
import { loadExpressions, trajectory } from '../../src/core/index';
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
    const link = page.locator('.stories a').first();
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

test("L-BFGS on Rosenbrock: the story's figures are the runs'", () => {
  const start: [number, number] = [-1.2, 1];
  const run = trajectory({ surface: 'rosenbrock', optimizer: 'lbfgs', hyper: { maxIter: 1, strongWolfe: true }, start, steps: 100, record: 'state' });
  const near = (x: Float64Array, y: Float64Array) => Array.from(x).findIndex((v, i) => Math.hypot(v - 1, y[i] - 1) < 1e-3);
  // Within 0.001 of (1, 1) at step 33, after 74 evaluations (one per call at its iterate, and the line search's).
  expect(near(run.x, run.y)).toBe(33);
  expect(33 + run.evaluations!.start[33]).toBe(74);
  // Long steps along the floor, short across the walls: its steps grow as it follows the valley.
  const at100 = (optimizer: 'momentum' | 'adam', lr: number) => {
    const r = trajectory({ surface: 'rosenbrock', optimizer, hyper: { lr }, start, steps: 2000 });
    return { d: Math.hypot(r.x[100] - 1, r.y[100] - 1), there: near(r.x, r.y) };
  };
  const momentum = at100('momentum', 0.001);
  const adam = at100('adam', 0.1);
  expect(momentum.d).toBeCloseTo(0.72, 2);
  expect(adam.d).toBeCloseTo(1.79, 2);
  expect([momentum.there, adam.there]).toEqual([1580, 1220]);
});

test("Newton on the saddle: the story's figures are the runs'", async () => {
  await loadExpressions();
  const start: [number, number] = [1.8, 0.05];
  const newton = trajectory({ surface: 'saddle', optimizer: 'newton', hyper: { lr: 0.5 }, start, steps: 40 });
  for (let k = 1; k <= 20; k++) expect(Math.hypot(newton.x[k], newton.y[k])).toBeCloseTo(Math.hypot(...start) / 2 ** k, 12);
  expect(newton.convergedAt).toBe(29);
  const once = trajectory({ surface: 'saddle', optimizer: 'newton', start, steps: 3 });
  expect([once.x[1], once.y[1]]).toEqual([0, 0]);
  const free = trajectory({ surface: 'saddle', optimizer: 'saddle-free-newton', hyper: { lr: 0.5 }, start, steps: 40 });
  const leaves = (x: Float64Array, y: Float64Array) => Array.from(y).findIndex((v, i) => !(Math.abs(v) <= 2 && Math.abs(x[i]) <= 2));
  for (let k = 1; k <= 9; k++) expect(free.y[k] / free.y[k - 1]).toBeCloseTo(1.5, 12);
  expect(leaves(free.x, free.y)).toBe(10);
  expect(free.divergedAt).toBe(17);
  const sgd = trajectory({ surface: 'saddle', optimizer: 'sgd', hyper: { lr: 0.05 }, start, steps: 40 });
  expect(leaves(sgd.x, sgd.y)).toBe(39);
});

test("Newton and the monkey saddle: the story's figures are the runs'", async () => {
  await loadExpressions();
  const start: [number, number] = [1.6, 0.05];
  const newton = trajectory({ surface: 'monkey-saddle', optimizer: 'newton', start, steps: 40 });
  // −θ/2 every step: along the ray from the start, half as far each step.
  for (let k = 1; k <= 12; k++) {
    expect(newton.x[k] / newton.x[k - 1]).toBeCloseTo(0.5, 12);
    expect(newton.y[k] / newton.y[k - 1]).toBeCloseTo(0.5, 12);
  }
  expect(Math.hypot(newton.x[10], newton.y[10])).toBeCloseTo(0.0016, 4);
  expect(newton.convergedAt).toBe(15);
  const free = trajectory({ surface: 'monkey-saddle', optimizer: 'saddle-free-newton', hyper: { lr: 0.5 }, start, steps: 40 });
  const leaves = Array.from(free.y).findIndex((v, i) => !(Math.abs(v) <= 2 && Math.abs(free.x[i]) <= 2));
  expect(leaves).toBe(12);
  // Into the valley at 60°.
  expect((Math.atan2(free.y[10], free.x[10]) * 180) / Math.PI).toBeCloseTo(60, 0);
  const sgd = trajectory({ surface: 'monkey-saddle', optimizer: 'sgd', hyper: { lr: 0.002 }, start, steps: 40 });
  expect(Math.hypot(sgd.x[40] - start[0], sgd.y[40] - start[1])).toBeCloseTo(0.45, 2);
});

for (const [id, surface, labels, words] of [
  ['lbfgs-rosenbrock', 'rosenbrock', ['SGD', 'Momentum', 'Adam', 'L-BFGS'], { en: 'strong-Wolfe line search', ko: 'strong-Wolfe 선 탐색' }],
  ['newton-saddle', 'saddle', ['SGD', 'Newton', 'Saddle-free Newton'], { en: 'drawn to saddles', ko: '안장점에 끌려갑니다' }],
  ['newton-monkey-saddle', 'monkey-saddle', ['SGD', 'Newton', 'Saddle-free Newton'], { en: 'degenerate saddle', ko: '퇴화 안장점' }],
] as const) {
  for (const lang of ['en', 'ko'] as const) {
    test(`the ${id} story sets up its race and tells it (${lang})`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width: 1280, height: 900 });
      const pg = await openApp(page, `lang=${lang}`);
      const link = page.locator('.stories a').nth(['lion-ravine', 'lbfgs-rosenbrock', 'newton-saddle', 'newton-monkey-saddle'].indexOf(id));
      await link.click();
      await expect(pg.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', surface);
      await expect.poll(() => pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')))).toEqual([...labels]);
      const text = page.locator('.story-text');
      await expect(text).toBeVisible();
      await expect(text).toContainText(words[lang]);
      await expect(link).toHaveAttribute('aria-current', 'true');
      // Played to its end, for the screenshot the docs show.
      const play = pg.locator('[part~="play"]');
      await play.click();
      const n = id === 'lbfgs-rosenbrock' ? 100 : 40;
      await expect.poll(() => pg.locator('[part~="step-readout"]').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`${n} / ${n}`));
      await page.screenshot({ path: `test-results/story-${id}-${lang}.png` });
      expect(messages).toEqual([]);
    });
  }
}
