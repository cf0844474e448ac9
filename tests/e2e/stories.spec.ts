/**
 * index.html's stories (src/app/stories.ts): a link that sets up a race showing what one
 * optimizer does that the others do not, with its text in English and Korean, shown while the
 * playground shows that race. The text's figures are checked against the core's own run.
 */
import { expect, test } from '@playwright/test';
import { loadExpressions, loadSchedules, surfaces, trajectory } from '../../src/core/index';
import { stories } from '../../src/app/stories';
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

test("Rprop on the plateau: the story's figures are the runs'", () => {
  const start: [number, number] = [-2.5, 2];
  const run = trajectory({ surface: 'plateau', optimizer: 'rprop', hyper: { lr: 0.01 }, start, steps: 200, record: 'state' });
  // On the plain the gradient is below 0.001.
  for (let k = 0; k <= 17; k++) expect(Math.hypot(run.grad[2 * k], run.grad[2 * k + 1])).toBeLessThan(1e-3);
  // lr 0.01 in each coordinate at first, 1.2 times more each step, at 45°: the 23rd step 0.55, 55 times the first.
  for (let k = 1; k <= 23; k++) {
    expect(run.x[k] - run.x[k - 1]).toBeCloseTo(0.01 * 1.2 ** (k - 1), 12);
    expect(run.y[k] - run.y[k - 1]).toBeCloseTo(-0.01 * 1.2 ** (k - 1), 12);
  }
  expect(run.x[23] - run.x[22]).toBeCloseTo(0.55, 2);
  expect((run.x[23] - run.x[22]) / 0.01).toBeCloseTo(55, 0);
  // Past the hole (y at step 23, x at 24); a coordinate whose gradient's sign flips skips a step, with half the step size.
  expect(run.y[23]).toBeLessThan(-1);
  expect(run.x[24]).toBeGreaterThan(1);
  expect(run.y[24]).toBe(run.y[23]);
  expect(run.state.stepSize[2 * 24 + 1]).toBeCloseTo(run.state.stepSize[2 * 23 + 1] / 2, 12);
  const near = (x: Float64Array, y: Float64Array) => Array.from(x).findIndex((v, i) => Math.hypot(v - 1, y[i] + 1) < 1e-3);
  expect(near(run.x, run.y)).toBe(48);
  const sgd = trajectory({ surface: 'plateau', optimizer: 'sgd', hyper: { lr: 1 }, start, steps: 200 });
  expect(Math.hypot(sgd.x[200] - start[0], sgd.y[200] - start[1])).toBeCloseTo(0.18, 2);
  const adam = trajectory({ surface: 'plateau', optimizer: 'adam', hyper: { lr: 0.03 }, start, steps: 200 });
  expect(near(adam.x, adam.y)).toBe(174);
});

test("ASGD on Booth with noisy gradients: the story's figures are the runs'", () => {
  // The app seeds each noisy run's noise with its place in the race: SGD 1, Adam 2, ASGD 3.
  const start: [number, number] = [-8, 7];
  const noisy = (seed: number) => ({ sd: 10, seed });
  const d = (x: number, y: number) => Math.hypot(x - 1, y - 3);
  const over = (get: (k: number) => number) => {
    let sum = 0;
    let max = 0;
    for (let k = 100; k <= 300; k++) {
      sum += get(k);
      max = Math.max(max, get(k));
    }
    return { mean: sum / 201, max };
  };
  const sgd = trajectory({ surface: 'booth', optimizer: 'sgd', hyper: { lr: 0.05 }, start, steps: 300, noise: noisy(1) });
  const s = over((k) => d(sgd.x[k], sgd.y[k]));
  expect(s.mean).toBeCloseTo(1.0, 1);
  expect(s.max).toBeCloseTo(3.5, 1);
  const run = trajectory({ surface: 'booth', optimizer: 'asgd', hyper: { lr: 0.05, t0: 48 }, start, steps: 300, noise: noisy(3), record: 'state' });
  const path = over((k) => d(run.x[k], run.y[k]));
  expect(path.mean).toBeCloseTo(1.0, 1);
  expect(path.max).toBeCloseTo(4.0, 1);
  // ā is the average of the iterates from step 50 on.
  const ax = run.state.ax;
  let mx = 0;
  let my = 0;
  for (let k = 50; k <= 300; k++) {
    mx += run.x[k] / 251;
    my += run.y[k] / 251;
  }
  expect(ax[600]).toBeCloseTo(mx, 12);
  expect(ax[601]).toBeCloseTo(my, 12);
  const average = over((k) => d(ax[2 * k], ax[2 * k + 1]));
  expect(average.max).toBeCloseTo(0.43, 2);
  expect(d(ax[600], ax[601])).toBeCloseTo(0.22, 2);
  let moved = 0;
  let pathMoved = 0;
  for (let k = 201; k <= 300; k++) {
    moved += Math.hypot(ax[2 * k] - ax[2 * k - 2], ax[2 * k + 1] - ax[2 * k - 1]);
    pathMoved += Math.hypot(run.x[k] - run.x[k - 1], run.y[k] - run.y[k - 1]);
  }
  expect(moved).toBeCloseTo(0.38, 2);
  expect(Math.round(pathMoved)).toBe(74);
  const adam = trajectory({ surface: 'booth', optimizer: 'adam', hyper: { lr: 0.3 }, start, steps: 300, noise: noisy(2) });
  expect(over((k) => d(adam.x[k], adam.y[k])).mean).toBeCloseTo(0.81, 2);
});

test("Adafactor from the origin on Himmelblau: the story's figures are the runs'", () => {
  const start: [number, number] = [0, 0];
  const run = trajectory({ surface: 'himmelblau', optimizer: 'adafactor', hyper: { lr: 0.1 }, start, steps: 200 });
  expect(run.hyper.eps2).toBe(0.001);
  const step = (k: number) => Math.hypot(run.x[k] - run.x[k - 1], run.y[k] - run.y[k - 1]);
  const norm = (k: number) => Math.hypot(run.x[k], run.y[k]);
  // The first 11 steps: lr × ε₂ in each coordinate, 0.00014 long.
  for (let k = 1; k <= 11; k++) expect(step(k)).toBeCloseTo(0.1 * 0.001 * Math.SQRT2, 15);
  expect(step(11)).toBeCloseTo(0.00014, 5);
  expect(step(12)).toBeGreaterThan(step(11) * 1.05);
  // From step 12 to 90 each step is lr times the distance from the origin.
  for (let k = 12; k <= 90; k++) expect(step(k) / norm(k - 1)).toBeCloseTo(0.1, 9);
  expect(step(91) / norm(90)).not.toBeCloseTo(0.1, 9);
  expect(norm(20)).toBeCloseTo(0.0037, 4);
  expect(norm(50)).toBeCloseTo(0.064, 3);
  expect(norm(80)).toBeCloseTo(1.1, 1);
  const near = (x: Float64Array, y: Float64Array) => Array.from(x).findIndex((v, i) => Math.hypot(v - 3, y[i] - 2) < 1e-3);
  expect(near(run.x, run.y)).toBe(106);
  const adam = trajectory({ surface: 'himmelblau', optimizer: 'adam', hyper: { lr: 0.1 }, start, steps: 200 });
  expect(Math.hypot(adam.x[1], adam.y[1])).toBeCloseTo(0.14, 2);
  expect(near(adam.x, adam.y)).toBe(153);
  const sgd = trajectory({ surface: 'himmelblau', optimizer: 'sgd', hyper: { lr: 0.01 }, start, steps: 200 });
  expect(Math.hypot(sgd.x[1], sgd.y[1])).toBeCloseTo(0.26, 2);
  expect(near(sgd.x, sgd.y)).toBe(28);
});

test("AdaBelief on the ravine: the story's figures are the runs'", () => {
  const start: [number, number] = [-9, 1.5];
  const belief = trajectory({ surface: 'ravine', optimizer: 'adabelief', hyper: { lr: 0.1, rectify: false }, start, steps: 300, record: 'state' });
  const adam = trajectory({ surface: 'ravine', optimizer: 'adam', hyper: { lr: 0.1 }, start, steps: 300, record: 'state' });
  // The ravine curves 0.1 along its floor and 10 across it.
  const g = new Float64Array(2);
  surfaces.ravine.grad(1, 1, g);
  expect([g[0], g[1]]).toEqual([0.1, 10]);
  // Steps along the floor: AdaBelief's up to 0.19 (at step 22), Adam's never more than its first, 0.1.
  const along = (r: typeof adam, k: number) => Math.abs(r.x[k] - r.x[k - 1]);
  let most = 1;
  for (let k = 1; k <= 200; k++) if (along(belief, k) > along(belief, most)) most = k;
  expect(most).toBe(22);
  expect(along(belief, 22)).toBeCloseTo(0.19, 2);
  expect(along(adam, 1)).toBeCloseTo(0.1, 6);
  for (let k = 1; k <= 200; k++) expect(along(adam, k)).toBeLessThanOrEqual(0.1);
  // The step size along the floor over the one across it, at step 50: 15 times, Adam's 8.
  expect(Math.round(belief.effectiveLr[100] / belief.effectiveLr[101])).toBe(15);
  expect(Math.round(adam.effectiveLr[100] / adam.effectiveLr[101])).toBe(8);
  expect(belief.x[50]).toBeCloseTo(-1.18, 2);
  expect(adam.x[50]).toBeCloseTo(-4.42, 2);
  const near = (x: Float64Array, y: Float64Array) => Array.from(x).findIndex((v, i) => Math.hypot(v, y[i]) < 0.01);
  expect(near(belief.x, belief.y)).toBe(122);
  expect(near(adam.x, adam.y)).toBe(231);
  const sgd = trajectory({ surface: 'ravine', optimizer: 'sgd', hyper: { lr: 0.19 }, start, steps: 200 });
  expect(near(sgd.x, sgd.y)).toBe(-1);
});

test("Yogi on Rosenbrock: the story's figures are the runs'", () => {
  const start: [number, number] = [-1.2, 1];
  const hyper = { lr: 0.03, beta2: 0.99 };
  const yogi = trajectory({ surface: 'rosenbrock', optimizer: 'yogi', hyper, start, steps: 1000, record: 'state' });
  const adam = trajectory({ surface: 'rosenbrock', optimizer: 'adam', hyper, start, steps: 1000, record: 'state' });
  expect(Math.round(Math.hypot(yogi.grad[0], yogi.grad[1]))).toBe(233);
  const vx = (r: typeof yogi, k: number) => r.state.expAvgSq[2 * k];
  const peak = (r: typeof yogi) => Math.max(...Array.from({ length: 101 }, (_, k) => vx(r, k)));
  expect(peak(yogi)).toBeGreaterThan(1100);
  expect(peak(adam)).toBeGreaterThan(1100);
  // From step 100 the gradient is at most 2.3: v falls by at most 0.01 × 2.3² ≈ 0.054 a step.
  let most = 0;
  for (let k = 100; k <= 1000; k++) most = Math.max(most, Math.hypot(yogi.grad[2 * k], yogi.grad[2 * k + 1]));
  expect(most).toBeLessThan(2.35);
  expect(0.01 * most ** 2).toBeLessThan(0.055);
  for (let k = 101; k <= 1000; k++) expect(vx(yogi, k - 1) - vx(yogi, k)).toBeLessThan(0.055);
  expect(Math.round(vx(yogi, 1000))).toBe(1190);
  for (let k = 100; k < 1000; k++) expect(Math.hypot(yogi.x[k + 1] - yogi.x[k], yogi.y[k + 1] - yogi.y[k])).toBeLessThan(0.003);
  expect(Math.round(vx(adam, 500))).toBe(11);
  const near = (x: Float64Array, y: Float64Array) => Array.from(x).findIndex((v, i) => Math.hypot(v - 1, y[i] - 1) < 1e-3);
  expect(near(adam.x, adam.y)).toBe(932);
  expect(near(yogi.x, yogi.y)).toBe(-1);
  expect(yogi.x[1000]).toBeCloseTo(0.38, 2);
  expect(yogi.y[1000]).toBeCloseTo(0.14, 2);
  expect(Math.hypot(yogi.x[1000] - 1, yogi.y[1000] - 1)).toBeCloseTo(1.06, 2);
});

test("Adan on the plateau: the story's figures are the runs'", () => {
  const start: [number, number] = [-2.5, 2];
  const run = (optimizer: 'adam' | 'adan', hyper: Record<string, number>) =>
    trajectory({ surface: 'plateau', optimizer, hyper: { lr: 0.3, ...hyper }, start, steps: 150, record: 'state' });
  const adan = run('adan', {});
  const slow = run('adam', { beta1: 0.98 });
  const adam = run('adam', {});
  expect(adan.hyper.beta1).toBe(0.98);
  const d = (r: typeof adan, k: number) => Math.hypot(r.x[k] - 1, r.y[k] + 1);
  // The overshoot: the farthest from the minimum once within 0.2 of it.
  const overshoot = (r: typeof adan) => {
    const first = Array.from(r.x).findIndex((_, k) => d(r, k) < 0.2);
    return Math.max(...Array.from({ length: 151 - first }, (_, i) => d(r, first + i)));
  };
  expect(overshoot(slow)).toBeCloseTo(0.54, 2);
  expect(d(slow, 150)).toBeCloseTo(0.15, 2);
  expect(overshoot(adan)).toBeCloseTo(0.39, 2);
  // β₂d̂ against m̂ (x components, as the step uses them): with it while the gradient grows at the
  // rim, against it once past the minimum (x > 1 from step 16).
  const terms = (t: number) => [adan.state.expAvg[2 * t] / (1 - 0.98 ** t), (0.92 * adan.state.expAvgDiff[2 * t]) / (1 - 0.92 ** t)];
  for (let t = 10; t <= 15; t++) expect(Math.sign(terms(t)[0]) * Math.sign(terms(t)[1]), `step ${t}`).toBe(1);
  expect(Array.from(adan.x).findIndex((v) => v > 1)).toBe(16);
  for (let t = 17; t <= 22; t++) expect(Math.sign(terms(t)[0]) * Math.sign(terms(t)[1]), `step ${t}`).toBe(-1);
  // Within 0.001 from step 90 on (Adam, β₁ 0.9: 137).
  const stays = (r: typeof adan) => {
    for (let k = 150; k >= 0; k--) if (d(r, k) >= 1e-3) return k + 1;
    return 0;
  };
  expect(stays(adan)).toBe(90);
  expect(stays(adam)).toBe(137);
});

test("Schedule-free AdamW on logistic regression: the story's figures are the runs'", async () => {
  await loadSchedules();
  const start: [number, number] = [-1, 4];
  const min = surfaces['logistic-regression'].critical![0];
  const d = (x: number, y: number) => Math.hypot(x - min.x, y - min.y);
  const batch = { size: 4 };
  const free = trajectory({ surface: 'logistic-regression', optimizer: 'schedule-free-adamw', hyper: { lr: 0.3, warmupSteps: 50 }, start, steps: 400, batch, record: 'state' });
  const { x, z } = free.state;
  // The path drawn is y = 0.9x + 0.1z.
  for (let k = 1; k <= 400; k++) expect(free.x[k]).toBeCloseTo(0.9 * x[2 * k] + 0.1 * z[2 * k], 12);
  const most = (get: (k: number) => number) => Math.max(...Array.from({ length: 201 }, (_, i) => get(200 + i)));
  const stays = (get: (k: number) => number) => {
    for (let k = 400; k >= 0; k--) if (get(k) >= 0.05) return k + 1;
    return 0;
  };
  expect(most((k) => d(z[2 * k], z[2 * k + 1]))).toBeCloseTo(1.41, 2);
  expect(stays((k) => d(x[2 * k], x[2 * k + 1]))).toBe(216);
  expect(d(x[800], x[801])).toBeCloseTo(0.013, 3);
  const adam = trajectory({ surface: 'logistic-regression', optimizer: 'adam', hyper: { lr: 0.1 }, start, steps: 400, batch });
  expect(most((k) => d(adam.x[k], adam.y[k]))).toBeCloseTo(0.27, 2);
  expect(d(adam.x[400], adam.y[400])).toBeCloseTo(0.11, 2);
  const cosine = trajectory({ surface: 'logistic-regression', optimizer: 'adam', hyper: { lr: 0.1 }, start, steps: 400, batch, schedule: 'CosineAnnealingLR' });
  expect(stays((k) => d(cosine.x[k], cosine.y[k]))).toBe(254);
  expect(d(cosine.x[400], cosine.y[400])).toBeCloseTo(0.018, 3);
  // The schedule's lr: 0.1 at the first step, almost 0 at the last.
  expect(cosine.lr![0]).toBe(0.1);
  expect(cosine.lr![399]).toBeLessThan(1e-5);
});

test("SAM on the three-hump camel: the story's figures are the runs'", () => {
  const start: [number, number] = [-1.75, 0.9];
  const camel = surfaces['three-hump-camel'];
  const side = camel.critical!.find((c) => c.kind === 'local-min' && c.x < 0)!;
  const saddle = camel.critical!.find((c) => c.kind === 'saddle' && c.x < 0)!;
  expect([side.x, side.y].map((v) => Number(v.toFixed(2)))).toEqual([-1.75, 0.87]);
  // The larger curvature (Hessian eigenvalue, by central differences of ∇f) at the side minimum and at the origin.
  const curvature = (x: number, y: number) => {
    const h = 1e-6;
    const gx = new Float64Array(2);
    const gy = new Float64Array(2);
    const g = new Float64Array(2);
    camel.grad(x + h, y, gx);
    camel.grad(x - h, y, g);
    const [a, b] = [(gx[0] - g[0]) / (2 * h), (gx[1] - g[1]) / (2 * h)];
    camel.grad(x, y + h, gy);
    camel.grad(x, y - h, g);
    const c = (gy[1] - g[1]) / (2 * h);
    return (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  };
  expect(curvature(side.x, side.y)).toBeCloseTo(12.3, 1);
  expect(curvature(0, 0)).toBeCloseTo(4.4, 1);
  expect(0.15 * curvature(side.x, side.y)).toBeCloseTo(1.84, 2);
  expect(Math.hypot(start[0] - side.x, start[1] - side.y)).toBeCloseTo(0.03, 2);
  const sgd = trajectory({ surface: 'three-hump-camel', optimizer: 'sgd', hyper: { lr: 0.15 }, start, steps: 100 });
  expect(Math.hypot(sgd.x[100] - side.x, sgd.y[100] - side.y)).toBeLessThan(1e-9);
  const sam = trajectory({ surface: 'three-hump-camel', optimizer: 'sam', hyper: { lr: 0.15, rho: 0.25 }, start, steps: 100 });
  expect(Math.hypot(sam.x[1] - side.x, sam.y[1] - side.y)).toBeCloseTo(0.05, 2);
  expect(Math.hypot(sam.x[2] - sam.x[1], sam.y[2] - sam.y[1])).toBeCloseTo(0.5, 2);
  // Over the saddle at step 10, and not back.
  expect(Array.from(sam.x).findIndex((v) => v > saddle.x)).toBe(10);
  for (let k = 10; k <= 100; k++) expect(sam.x[k]).toBeGreaterThan(saddle.x);
  // Bouncing 0.11 either side of the origin.
  for (let k = 30; k <= 100; k++) expect(Math.hypot(sam.x[k], sam.y[k])).toBeLessThan(0.11);
  expect(Math.hypot(sam.x[100], sam.y[100])).toBeCloseTo(0.11, 2);
  expect(sam.x[100]).toBeCloseTo(-sam.x[99], 9);
  expect(sam.y[100]).toBeCloseTo(-sam.y[99], 9);
  // At its default ρ 0.05 it keeps bouncing in the narrow basin, up to 0.27 from its bottom.
  const rest = trajectory({ surface: 'three-hump-camel', optimizer: 'sam', hyper: { lr: 0.15 }, start, steps: 100 });
  expect(rest.hyper.rho).toBe(0.05);
  const from = Array.from({ length: 101 }, (_, k) => Math.hypot(rest.x[k] - side.x, rest.y[k] - side.y));
  expect(Math.max(...from)).toBeCloseTo(0.27, 2);
  expect(Math.max(...from.slice(90))).toBeGreaterThan(0.05);
  for (const x of rest.x) expect(x).toBeLessThan(saddle.x);
});

const linked = [
  ['lbfgs-rosenbrock', 'rosenbrock', ['SGD', 'Momentum', 'Adam', 'L-BFGS'], { en: 'strong-Wolfe line search', ko: 'strong-Wolfe 선 탐색' }, 100],
  ['newton-saddle', 'saddle', ['SGD', 'Newton', 'Saddle-free Newton'], { en: 'drawn to saddles', ko: '안장점에 끌려갑니다' }, 40],
  ['newton-monkey-saddle', 'monkey-saddle', ['SGD', 'Newton', 'Saddle-free Newton'], { en: 'degenerate saddle', ko: '퇴화 안장점' }, 40],
  ['rprop-plateau', 'plateau', ['SGD', 'Adam', 'Rprop'], { en: 'only at the sign', ko: '부호만 보고' }, 200],
  ['asgd-booth', 'booth', ['SGD', 'Adam', 'ASGD'], { en: 'What ASGD returns', ko: 'ASGD가 돌려주는 것은' }, 300],
  ['adafactor-himmelblau', 'himmelblau', ['SGD', 'Adam', 'Adafactor'], { en: 'step is relative', ko: '스텝은 상대적입니다' }, 200],
  ['adabelief-ravine', 'ravine', ['SGD', 'Adam', 'AdaBelief'], { en: 'how far the gradient strays', ko: '얼마나 벗어나는지' }, 200],
  ['yogi-rosenbrock', 'rosenbrock', ['SGD', 'Adam', 'Yogi'], { en: 'at most (1 − β₂)g²', ko: '(1 − β₂)g²만큼' }, 1000],
  ['adan-plateau', 'plateau', ['Adam, β₁ 0.9', 'Adam, β₁ 0.98', 'Adan'], { en: 'average change of the gradient', ko: '기울기 변화의 평균' }, 150],
  ['schedule-free-logistic-regression', 'logistic-regression', ['Adam', 'Adam, Cosine', 'Schedule-free AdamW'], { en: "x is the average of the z's", ko: 'z들의 평균' }, 400],
  ['sam-three-hump-camel', 'three-hump-camel', ['SGD', 'SAM, ρ 0.05', 'SAM, ρ 0.25'], { en: 'taken ρ uphill', ko: 'ρ만큼 오르막' }, 100],
] as const;

for (const lang of ['en', 'ko'] as const) {
  test(`on a phone, a story's link opened from elsewhere shows its tag in the sideways row, the page not scrolled (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const last = stories.at(-1)!;
    await openApp(page, `${last.hash}&lang=${lang}`);
    const tag = page.locator('.stories a[aria-current="true"]');
    await expect(tag).toHaveText(last.title[lang]);
    const fits = () =>
      page.evaluate(() => {
        const list = document.querySelector('.stories')!.getBoundingClientRect();
        const a = document.querySelector('.stories a[aria-current]')!.getBoundingClientRect();
        return { inside: a.left >= list.left - 0.5 && a.right <= list.right + 0.5, scrolled: document.querySelector('.stories')!.scrollLeft, pageY: window.scrollY };
      });
    await expect.poll(async () => (await fits()).inside).toBe(true);
    const { scrolled, pageY } = await fits();
    expect(scrolled).toBeGreaterThan(0); // the last story's tag starts past the phone's width
    expect(pageY).toBe(0);
    // The first story's tag, told, is at the row's start (nothing to scroll).
    await page.evaluate((hash) => (location.hash = hash), `${stories[0].hash}&lang=${lang}`);
    await expect(tag).toHaveText(stories[0].title[lang]);
    await expect.poll(async () => (await fits()).inside).toBe(true);
    expect((await fits()).scrolled).toBe(0);
    await page.screenshot({ path: `test-results/story-tag-phone-${lang}.png`, clip: { x: 0, y: 0, width: 390, height: 300 } });
  });
}

test('the stories listed here are the page\'s, in its order', () => {
  expect(stories.map((s) => s.id)).toEqual(['lion-ravine', ...linked.map(([id]) => id)]);
});

for (const [id, surface, labels, words, n] of linked) {
  for (const lang of ['en', 'ko'] as const) {
    test(`the ${id} story sets up its race and tells it (${lang})`, async ({ page }) => {
      test.setTimeout(60_000);
      const messages = watchConsole(page);
      await page.setViewportSize({ width: 1280, height: 900 });
      const pg = await openApp(page, `lang=${lang}`);
      const link = page.locator('.stories a').nth(stories.findIndex((s) => s.id === id));
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
      await expect.poll(() => pg.locator('[part~="step-readout"]').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`${n} / ${n}`));
      await page.screenshot({ path: `test-results/story-${id}-${lang}.png` });
      expect(messages).toEqual([]);
    });
  }
}
