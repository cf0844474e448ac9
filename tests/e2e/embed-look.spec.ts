/**
 * Fitting the page: themes (light, dark, auto following prefers-color-scheme) and the documented
 * custom properties; Korean; reduced motion; a 360 px column; and never capturing the page's scroll.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

async function open(page: Page, body: string, options: { lang?: string; head?: string } = {}) {
  await serve(page, { 'look.html': { html: pageWith(body, options) } });
  await page.goto(`${ORIGIN}look.html`);
  const pg = page.locator('descent-playground').first();
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

/** The contour canvas's centre row, as RGBA bytes. */
async function contourRow(pg: Locator): Promise<number[]> {
  const canvas = pg.locator('canvas[part~="contours"]').first();
  await expect(canvas).toHaveAttribute('data-surface', /.+/);
  return canvas.evaluate((c: HTMLCanvasElement) =>
    Array.from(c.getContext('2d')?.getImageData(0, Math.floor(c.height / 2), c.width, 1).data ?? []),
  );
}

/** Mean brightness (0–255) of a row of RGBA bytes. */
function brightness(row: number[]): number {
  let sum = 0;
  for (let i = 0; i < row.length; i += 4) sum += (row[i] + row[i + 1] + row[i + 2]) / 3;
  return sum / Math.max(1, row.length / 4);
}

/** Mean brightness (0–255) of the contour canvas's centre row. */
async function contourBrightness(pg: Locator): Promise<number> {
  return brightness(await contourRow(pg));
}

/** The distinct colours of a row of RGBA bytes, as [r, g, b]. */
function distinctColours(row: number[]): number[][] {
  const seen = new Set<string>();
  for (let i = 0; i < row.length; i += 4) seen.add(`${row[i]},${row[i + 1]},${row[i + 2]}`);
  return [...seen].map((c) => c.split(',').map(Number));
}

const style = (l: Locator, prop: string) => l.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);

test('theme="dark": dark background, light text, a dark contour map and light paths; light by default', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await open(
    page,
    `<descent-playground surface="himmelblau" theme="dark"></descent-playground>
     <descent-playground id="light" surface="himmelblau"></descent-playground>`,
  );
  const light = page.locator('#light');
  await expect(light.locator('[part~="trajectory"]').first()).toBeAttached();
  expect(await style(pg, 'background-color')).toBe('rgb(22, 23, 27)');
  expect(await style(pg, 'color')).toBe('rgb(232, 232, 236)');
  expect(await style(light, 'background-color')).toBe('rgba(0, 0, 0, 0)');
  expect(await contourBrightness(pg)).toBeLessThan(110);
  expect(await contourBrightness(light)).toBeGreaterThan(170);
  const sgd = (l: Locator) => l.locator('[part~="trajectory"][data-optimizer="SGD"]').evaluate((el) => getComputedStyle(el).stroke);
  expect(await sgd(pg)).toBe('rgb(240, 240, 240)');
  expect(await sgd(light)).toBe('rgb(26, 26, 26)');
  // Controls follow the theme too.
  expect(await pg.locator('[part~="play"]').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(22, 23, 27)');
  expect(messages).toEqual([]);
});

test('theme="auto" follows prefers-color-scheme, and repaints when it changes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const pg = await open(page, '<descent-playground surface="himmelblau" theme="auto"></descent-playground>');
  expect(await style(pg, 'background-color')).toBe('rgb(22, 23, 27)');
  expect(await contourBrightness(pg)).toBeLessThan(110);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => contourBrightness(pg)).toBeGreaterThan(170);
  expect(await style(pg, 'background-color')).toBe('rgba(0, 0, 0, 0)');
});

test('custom properties: a preset colour, the contour colour map and the font', async ({ page }) => {
  const head = `<style>
    descent-playground {
      --descent-color-adam: rgb(255, 0, 0);
      --descent-contour-colors: rgb(10, 10, 10), rgb(20, 20, 20);
      --descent-font: Georgia, serif;
    }
  </style>`;
  const pg = await open(page, '<descent-playground surface="himmelblau"></descent-playground>', { head });
  expect(await pg.locator('[part~="trajectory"][data-optimizer="Adam"]').evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(255, 0, 0)');
  expect(await pg.locator('li.opt[data-optimizer="Adam"] .swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 0, 0)');
  expect(await contourBrightness(pg)).toBeLessThan(25);
  expect(await pg.locator('[part~="play"]').evaluate((el) => getComputedStyle(el).fontFamily)).toBe('Georgia, serif');
});

test('--descent-contour-colors: any CSS colour syntax, mixed by the browser between the stops', async ({ page }) => {
  const messages = watchConsole(page);
  const head = `<style>
    descent-playground { --descent-contour-colors: oklch(0.3 0.1 150), color-mix(in srgb, rgb(0, 128, 128) 50%, black), rgb(0 0 80); }
  </style>`;
  const pg = await open(page, '<descent-playground surface="himmelblau"></descent-playground>', { head });
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-palette', 'custom');
  const colours = distinctColours(await contourRow(pg));
  // Bands between the stops (more colours than stops), all dark and bluish-green, never red.
  expect(colours.length).toBeGreaterThan(6);
  for (const [r, g, b] of colours) {
    expect(r).toBeLessThan(40);
    expect(Math.max(g, b)).toBeGreaterThan(20);
  }
  // The canvas mixes as CSS does (fillStyle takes color-mix(); 25% red, 75% blue).
  const mixed = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    ctx.fillStyle = '#0f0';
    ctx.fillStyle = 'color-mix(in srgb, red 25%, blue)';
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data);
  });
  expect(mixed.map((c, i) => Math.abs(c - [64, 0, 191, 255][i]) <= 1)).toEqual([true, true, true, true]);
  expect(messages).toEqual([]);
});

test('--descent-contour-colors with a stop that is not a colour: the default map and one warning', async ({ page }) => {
  const messages = watchConsole(page);
  const head = `<style>
    descent-playground { --descent-contour-colors: #000, not-a-colour, #fff; }
  </style>`;
  const pg = await open(page, '<descent-playground surface="himmelblau" layout="grid"></descent-playground>', { head });
  await expect(pg.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-palette', 'default');
  const row = await contourRow(pg);
  expect(brightness(row)).toBeGreaterThan(170);
  expect(distinctColours(row).length).toBeGreaterThan(6);
  expect(messages).toEqual([
    'warning: descent-lab: --descent-contour-colors: "not-a-colour" is not a colour; using the default contour colours',
  ]);
});

test('lang="ko" on the page: every control, label, badge and announcement in Korean; an element lang wins', async ({ page }) => {
  const pg = await open(
    page,
    `<descent-playground surface="booth" start="-3 5" steps="300">
      <descent-optimizer kind="sgd" lr="0.2"></descent-optimizer>
      <descent-optimizer kind="adam" lr="0.1"></descent-optimizer>
    </descent-playground>
    <descent-playground id="en" lang="en" surface="booth"></descent-playground>`,
    { lang: 'ko' },
  );
  await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('재생');
  await expect(pg.locator('[part~="play"]')).toHaveText('▶ 재생');
  await expect(pg.locator('[part~="step-button"]')).toHaveText('한 단계 ›');
  await expect(pg.locator('[part~="reset"]')).toHaveText('↺ 처음으로');
  await expect(pg.getByLabel('표면', { exact: true })).toBeVisible();
  await expect(pg.getByLabel('초당 단계 수')).toBeVisible();
  await expect(pg.locator('[part~="copy-embed"]')).toHaveText('임베드 코드 복사');
  await expect(pg.locator('h2')).toHaveText('옵티마이저');
  await expect(pg.locator('[part~="start-handle"]')).toHaveAttribute('aria-label', '시작점');
  await expect(pg.locator('[part~="start-handle"]')).toHaveAttribute('aria-valuetext', /^x −?[\d.]+, y [\d.]+, 손실 /);
  await expect(pg.locator('[part~="step-readout"]')).toHaveText('0 / 300단계');
  await pg.evaluate((el) => (el as unknown as { seek(k: number): void }).seek(10));
  await expect(pg.locator('[part~="badge"]').first()).toHaveText('발산: 6단계');
  await expect(pg.locator('[part~="announcer"]')).toHaveText('SGD 발산: 6단계');
  await expect(pg.locator('[part~="loss-chart"] [part~="chart"]')).toHaveAttribute('aria-label', /^옵티마이저 2개의 단계별 손실/);
  // The prose too: surface names and notes, the optimizers' summaries and notes, race labels.
  await expect(pg.getByLabel('표면', { exact: true }).locator('option[value="saddle"]')).toHaveText('안장점');
  await expect(pg.locator('[part~="controls"] .note')).toHaveText(/^비스듬한 그릇 모양의 이차 함수/);
  await expect(pg.locator('.story')).toHaveText(/^비스듬한 그릇 모양의 이차 함수/);
  await expect(pg.locator('[part~="rule"] p').first()).toHaveText('기울기의 반대 방향으로 곧장 내려갑니다.');
  // Plain SGD is the paper's own rule: no torch-vs-paper note. Adam's note, in Korean.
  await expect(pg.locator('[part~="rule"] .differs')).toHaveCount(0);
  await pg.locator('li.opt').nth(1).locator('button[aria-pressed]').click();
  await expect(pg.locator('[part~="rule"] .differs')).toContainText('AMSGrad는 보정하지 않은 v의 최댓값');
  const en = page.locator('#en');
  // Booth's own race on the English widget: its story and its descriptive run labels in English.
  await expect(en.locator('.story')).toHaveText(/^A tilted bowl, started off its axes/);
  await expect(en.locator('[part~="trajectory"][data-optimizer="SGD, noisy gradients"]')).toHaveCount(1);
  await en.evaluate((el) => el.setAttribute('lang', 'ko'));
  await expect(en.locator('.story')).toHaveText(/^기울어진 그릇이고 시작점이 두 축 어디에도 있지 않아서/);
  await expect(en.locator('[part~="trajectory"][data-optimizer="SGD, 노이즈 섞인 기울기"]')).toHaveCount(1);
  await en.evaluate((el) => el.setAttribute('lang', 'en'));
  await expect(en.locator('[part~="play"]')).toHaveAccessibleName('Play');
  // Changing the element's lang re-renders it.
  await en.evaluate((el) => el.setAttribute('lang', 'ko'));
  await expect(en.locator('[part~="play"]')).toHaveAccessibleName('재생');
});

test('lang="ko": a refused expression and a refused setting are explained in Korean', async ({ page }) => {
  const pg = await open(page, '<descent-playground expression="x^2 + y^2" optimizers="sgd momentum"></descent-playground>', { lang: 'ko' });
  const input = pg.locator('[part~="expression-input"]');
  await input.fill('x^2 + foo(y)');
  await expect(pg.locator('[part~="expression-error"]')).toContainText('"foo"은(는) 쓸 수 있는 함수가 아닙니다(7–9번째 글자).');
  await input.fill('x^2 + y^2 +');
  await expect(pg.locator('[part~="expression-error"]')).toHaveText(/^수식을 해석할 수 없습니다\(\d+(–\d+)?번째 글자\)\.$/);
  await input.fill('x^2 + y^2');
  await expect(pg.locator('[part~="expression-error"]')).toHaveText('');
  await pg.getByLabel('Momentum 설정 더 보기').click();
  const momentum = pg.locator('li.opt', { hasText: 'Momentum' }).getByLabel('momentum', { exact: true });
  await momentum.fill('-1');
  await momentum.press('Enter');
  await expect(pg.locator('[part~="field-error"]')).toHaveText('momentum은(는) 0 이상이어야 합니다');
});

test('lang="ko": refused attributes are explained in Korean too', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await open(
    page,
    `<descent-playground steps="abc" layout="stacked">
      <descent-optimizer kind="sgd" lr="-1"></descent-optimizer>
      <descent-optimizer kind="adam" betas="0.9"></descent-optimizer>
      <descent-optimizer kind="adam"></descent-optimizer>
    </descent-playground>`,
    { lang: 'ko' },
  );
  const error = pg.locator('[part~="error"]');
  await expect(error).toContainText('속성 steps="abc": 1부터 20000까지의 정수여야 합니다.');
  await expect(error).toContainText('속성 layout="stacked": overlay, grid, map 중 하나여야 합니다.');
  await expect(error).toContainText('<descent-optimizer kind="sgd" lr="-1">: lr은(는) 0 이상이어야 합니다');
  await expect(error).toContainText('<descent-optimizer kind="adam">: betas adam의 설정이 아닙니다.');
  expect(messages.length).toBeGreaterThanOrEqual(4);
});

test('prefers-reduced-motion: no autoplay; the final paths are shown with a Play button, which plays', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const pg = await open(page, '<descent-playground surface="rosenbrock" steps="200" autoplay></descent-playground>');
  const readout = pg.locator('[part~="step-readout"]');
  await expect(readout).toHaveText('step 200 / 200');
  const play = pg.locator('[part~="play"]');
  await expect(play).toHaveAccessibleName('Play');
  const heads = () => pg.locator('[part~="head"]').evaluateAll((els) => els.map((e) => e.getAttribute('transform')));
  const before = await heads();
  expect(before.every((t) => /^translate\(-?[\d.]+,-?[\d.]+\)$/.test(t ?? ''))).toBe(true);
  // Nothing advances on its own.
  await page.waitForTimeout(500);
  await expect(readout).toHaveText('step 200 / 200');
  expect(await heads()).toEqual(before);
  // The paths are drawn whole (no dash hides the rest).
  const dashes = await pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => (e as SVGPathElement).style.strokeDasharray));
  expect(dashes.every((d) => d === 'none')).toBe(true);
  await play.click();
  await expect(play).toHaveAccessibleName('Pause');
  await expect.poll(async () => Number(/step (\d+)/.exec((await readout.textContent()) ?? '')?.[1])).toBeLessThan(200);
});

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: a 360 px column: map first, controls wrap, lists behind disclosure buttons, height fixed by the aspect ratio`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const head = '<style>body { margin: 0; } .spacer { height: 1500px; }</style>';
    const messages = watchConsole(page);
    const pg = await open(page, '<descent-playground surface="two-wells"></descent-playground><div class="spacer"></div>', { head, lang });
    if (lang === 'ko') await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('재생');
    const box = (await pg.boundingBox())!;
    expect(box.width).toBe(360);
    expect(Math.abs(box.height - (360 * 16) / 9)).toBeLessThan(1.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const map = (await pg.locator('descent-surface').boundingBox())!;
    const controls = (await pg.locator('[part~="controls"]').boundingBox())!;
    expect(map.y).toBeLessThan(controls.y);
    expect(map.x).toBeGreaterThanOrEqual(0);
    expect(map.x + map.width).toBeLessThanOrEqual(360.5);
    for (const part of ['play', 'step-button', 'reset', 'timeline', 'copy-embed']) {
      const b = (await pg.locator(`[part~="${part}"]`).boundingBox())!;
      expect(b.x + b.width, part).toBeLessThanOrEqual(360.5);
      expect(b.y + b.height, part).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
    // The optimizer list and the details are closed, behind disclosure buttons.
    await expect(pg.locator('li.opt')).toHaveCount(0);
    const optimizers = pg.locator('[part~="disclosure"][data-sheet="optimizers"]');
    await expect(optimizers).toHaveAttribute('aria-expanded', 'false');
    await optimizers.click();
    await expect(optimizers).toHaveAttribute('aria-expanded', 'true');
    await expect(pg.locator('li.opt').first()).toBeVisible();
    // The sheet opens under the map, not over it.
    const sheet = (await pg.locator('.sheet').boundingBox())!;
    expect(sheet.y).toBeGreaterThanOrEqual(map.y + map.height);
    expect((await pg.boundingBox())!.height).toBeCloseTo(box.height, 0);
    await pg.locator('[part~="disclosure"][data-sheet="details"]').click();
    await expect(pg.locator('[part~="loss-chart"]')).toBeVisible();
    await expect(pg.locator('li.opt')).toHaveCount(0);
    expect((await pg.boundingBox())!.height).toBeCloseTo(box.height, 0);
    expect(messages).toEqual([]);
  });
}

test('the wheel over the map and the chart scrolls the page', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  const head = '<style>.spacer { height: 2000px; }</style>';
  const pg = await open(page, '<descent-playground surface="two-wells"></descent-playground><div class="spacer"></div>', { head });
  for (const target of [pg.locator('canvas[part~="contours"]'), pg.locator('[part~="loss-chart"]')]) {
    await page.evaluate(() => window.scrollTo(0, 0));
    const b = (await target.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(100);
  }
  // A handle drag with the mouse does not scroll.
  await page.evaluate(() => window.scrollTo(0, 0));
  const handle = (await pg.locator('[part~="start-handle"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 40, handle.y + 60, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => scrollY)).toBe(0);
});
