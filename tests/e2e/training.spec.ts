/**
 * Training on the map (issue #12's playground part): the data surfaces race batch sizes, the data
 * panel shows the selected run's model at the shown step, batch sizes and schedules live in the
 * link, and a schedule changes a path and draws its lr.
 */
import { expect, test, type Locator } from '@playwright/test';
import '../../src/core/schedules';
import { trajectory } from '../../src/core/trajectory';
import { formatNumber } from '../../src/render/ticks';
import { surfaces } from '../../surfaces/index';
import { centre, distance, headPositions, openApp, shownStep, watchConsole } from './helpers';

const seek = (pg: Locator, k: number) => pg.evaluate((el, step) => (el as unknown as { seek(k: number): void }).seek(step), k);

/** A straight model line's slope in its panel's pixels (y down), from the path's two ends. */
async function pixelSlope(pg: Locator): Promise<number> {
  const d = (await pg.locator('[part~="data-model"]').getAttribute('d')) ?? '';
  const p = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  return (p.at(-1)![1] - p[0][1]) / (p.at(-1)![0] - p[0][0]);
}

test('linear regression races SGD with batch 1, 8 and the full batch; all three animate, and only the batched ones draw mini-batch losses', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=linear-regression');
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(3);
  await expect(pg.locator('[part~="batch-select"]')).toHaveCount(3);
  expect(await pg.locator('[part~="batch-select"]').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))).toEqual(['1', '8', '0']);
  await expect(pg.locator('[part~="batch-loss"]')).toHaveCount(2);
  // Playing moves every head.
  const before = await headPositions(pg);
  await pg.locator('[part~="play"]').click();
  await expect.poll(() => shownStep(pg)).toBeGreaterThan(40);
  await pg.locator('[part~="play"]').click();
  const after = await headPositions(pg);
  for (const name of ['SGD, batch 1', 'SGD, batch 8', 'SGD, full batch']) expect(distance(before[name], after[name]), name).toBeGreaterThan(20);
  expect(messages).toEqual([]);
});

test('the data panel draws the selected run\'s line at the shown step, rings its next batch, and follows a dragged start', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=linear-regression');
  await expect(pg.locator('[part~="data-panel"]')).toBeVisible();
  // The first run (SGD, batch 1) is selected; its weights (w, b) from the core, independently of the page.
  const s = surfaces['linear-regression'];
  const run = trajectory({ surface: s, optimizer: 'sgd', hyper: { lr: 0.05 }, start: [s.start[0], s.start[1]], steps: 400, batch: { size: 1 } });
  const slopes: number[] = [];
  for (const k of [0, 60, 250]) {
    await seek(pg, k);
    await expect.poll(() => pg.locator('[part~="step-readout"]').getAttribute('data-step')).toBe(String(k));
    slopes.push(await pixelSlope(pg));
    // Batch 1: one sample ringed.
    expect(((await pg.locator('[part~="data-batch"]').getAttribute('d')) ?? '').match(/M/g)).toHaveLength(1);
  }
  // Pixel slopes are the weights w times one factor (the panel's scales): their ratios are w's.
  expect(slopes[1] / slopes[0]).toBeCloseTo(run.x[60] / run.x[0], 2);
  expect(slopes[2] / slopes[0]).toBeCloseTo(run.x[250] / run.x[0], 2);
  // At step 0 the line is the start's model: dragging the start turns it.
  await seek(pg, 0);
  const d0 = await pg.locator('[part~="data-model"]').getAttribute('d');
  const [hx, hy] = await centre(pg.locator('[part~="start-handle"]'));
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx - 80, hy + 40, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => pg.locator('[part~="data-model"]').getAttribute('d')).not.toBe(d0);
  const [w, b] = await pg.evaluate((el) => (el as unknown as { config: { start: [number, number] } }).config.start);
  expect(w).toBeLessThan(s.start[0]);
  expect(b).toBeLessThan(s.start[1]);
  expect(await pixelSlope(pg)).toBeCloseTo((slopes[0] * w) / s.start[0], 2);
  expect(messages).toEqual([]);
});

test('a batch size round-trips through the link', async ({ page }) => {
  const pg = await openApp(page, 'surface=linear-regression');
  await pg.locator('[part~="batch-select"]').nth(1).selectOption('32');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('sgd(lr=0.05,batch=32)');
  await expect(pg.locator('[part~="trajectory"][data-optimizer="SGD, batch 32"]')).toBeAttached();
  const hash = await page.evaluate(() => location.hash.slice(1));
  const fresh = await openApp(await page.context().newPage(), hash);
  await expect(fresh.locator('[part~="batch-select"]').nth(1)).toHaveValue('32');
  await expect(fresh.locator('[part~="trajectory"][data-optimizer="SGD, batch 32"]')).toBeAttached();
  // The full batch is no batch option at all.
  await fresh.locator('[part~="batch-select"]').nth(1).selectOption('0');
  await expect.poll(() => fresh.page().evaluate(() => location.hash)).not.toContain('batch=32');
});

test('a schedule changes the path and draws its lr; a bad one is refused with the reason, and the other runs go on', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=rosenbrock');
  const adam = pg.locator('[part~="trajectory"][data-optimizer="Adam"]');
  const plain = await adam.getAttribute('d');
  await pg.locator('button[aria-label="More settings for Adam"]').click();
  await pg.locator('[part~="schedule-select"]').selectOption('warm-up');
  await expect.poll(() => adam.getAttribute('d')).not.toBe(plain);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('adam(lr=0.1,schedule=LinearLR:startFactor=0.1:totalIters=100@100:CosineAnnealingLR:tMax=900)');
  // The sparkline rises over the warm-up, then falls: its first point low, its highest early.
  const spark = pg.locator('[part~="lr-sparkline"] polyline');
  const ys = ((await spark.getAttribute('points')) ?? '').split(' ').map((p) => Number(p.split(',')[1]));
  expect(ys[0]).toBeGreaterThan(12); // lowest lr at the bottom of the 14 px line
  const top = ys.indexOf(Math.min(...ys));
  expect(top).toBeGreaterThan(0);
  expect(top).toBeLessThan(ys.length / 4);
  expect(ys.at(-1)).toBeGreaterThan(12);
  // Another schedule, another path and another line: StepLR halves the lr every 250 steps.
  const warmPath = await adam.getAttribute('d');
  await pg.locator('[part~="schedule-select"]').selectOption('StepLR');
  await expect.poll(() => adam.getAttribute('d')).not.toBe(warmPath);
  await expect.poll(() => spark.getAttribute('points')).not.toBe(ys.map((y, i) => `${i * 2},${y.toFixed(1)}`).join(' '));
  const steps = new Set(((await spark.getAttribute('points')) ?? '').split(' ').map((p) => p.split(',')[1]));
  expect(steps.size).toBe(4); // four levels: lr, lr/2, lr/4, lr/8
  await pg.locator('[part~="schedule-select"]').selectOption('warm-up');
  // Selecting Adam shows its lr at the shown step under the rule.
  await pg.locator('button.name', { hasText: 'Adam' }).click();
  await seek(pg, 50);
  const s = surfaces.rosenbrock;
  const run = trajectory({ surface: s, optimizer: 'adam', hyper: { lr: 0.1 }, start: [s.start[0], s.start[1]], steps: 1000, schedule: 'LinearLR:startFactor=0.1:totalIters=100@100:CosineAnnealingLR:tMax=900' });
  await expect(pg.locator('[part~="lr-at"] output')).toHaveText(formatNumber(run.lr![49]));
  await expect(pg.locator('[part~="lr-at"] span')).toHaveText('lr at step 50');
  // A schedule torch refuses: the row says why; the other runs are still drawn.
  const text = pg.locator('[part~="schedule-text"]');
  await text.fill('StepLR:gamma=0.5');
  await text.press('Enter');
  await expect(pg.locator('li[data-optimizer="Adam"] [part~="field-error"]').first()).toContainText('stepSize');
  await text.fill('StepLR:stepSize=x');
  await text.press('Enter');
  await expect(pg.locator('li[data-optimizer="Adam"] [part~="field-error"]').last()).toContainText('stepSize=x');
  // (Adam, whose schedule torch refuses, has no path; the other six are drawn.)
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(6);
  expect(messages).toEqual([]);
});

test('in Korean: the batch field, the data panel and the schedule picker speak Korean', async ({ page }) => {
  const pg = await openApp(page, 'surface=tiny-net&lang=ko');
  await expect(pg.locator('label[for="b-0"]')).toHaveText('배치');
  await expect(pg.locator('[part~="data-panel"] h3')).toHaveText('데이터');
  await expect(pg.locator('[part~="batch-select"]').first().locator('option[value="0"]')).toHaveText('전체 (256)');
  await expect(pg.locator('[part~="trajectory"][data-optimizer="SGD, 전체 배치"]')).toBeAttached();
});

test('in Korean: a schedule torch refuses is explained in Korean, in the field and in the run\'s row; in English once the page is', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=rosenbrock&lang=ko');
  await pg.locator('button[aria-label="Adam 설정 더 보기"]').click();
  await pg.locator('[part~="schedule-select"]').selectOption('StepLR');
  const text = pg.locator('[part~="schedule-text"]');
  const row = pg.locator('li[data-optimizer="Adam"]');
  // A text that is no schedule: the field says why, in Korean.
  await text.fill('StepLR:stepSize=x');
  await text.press('Enter');
  await expect(row.locator('[part~="field-error"]')).toHaveText('설정 "schedule.stepSize": "stepSize=x": 값은 숫자(또는 true나 false)여야 합니다. 받은 값: "x"');
  // A schedule that reads but that torch refuses (no stepSize): the run's row says why, in Korean; the others run.
  await text.fill('StepLR:gamma=0.5');
  await text.press('Enter');
  await expect(row.locator('[part~="field-error"]')).toHaveText(
    '설정 "schedule.stepSize"이(가) 없습니다. StepLR에 꼭 필요하고 기본값이 없습니다(torch와 같음). 예: "StepLR:stepSize=30"',
  );
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(6);
  await page.screenshot({ path: test.info().outputPath('schedule-refusal-ko.png') });
  // The same row on an English page.
  await page.locator('#lang').selectOption('en');
  await expect(row.locator('[part~="field-error"]')).toHaveText(
    'option "schedule.stepSize" is missing: StepLR needs it and has no default (as in torch), e.g. "StepLR:stepSize=30"',
  );
  expect(messages).toEqual([]);
});
