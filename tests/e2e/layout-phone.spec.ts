/**
 * index.html on a phone (390 px, touch), in English and Korean: the map is as tall as it draws
 * (no blank band under it), the surface's note wraps, the sheets open under the map (it stays in
 * view while a learning rate is tuned or the chart scrubbed), and the texts say "touch".
 */
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';
import { box, inViewport, LANGS, overlap } from './layout-measure';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function openApp(page: Page, hash: string) {
  await page.goto(`./#${hash}`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

for (const lang of LANGS) {
  for (const hash of ['surface=rosenbrock', 'surface=ravine', 'surface=two-wells&layout=grid']) {
    test(`${lang}, ${hash}: no blank band under the map; the note wraps inside the widget`, async ({ page }) => {
      const messages = watchConsole(page);
      const pg = await openApp(page, `${hash}&lang=${lang}`);
      await expect(pg.locator('[part~="play"]')).toHaveAccessibleName(lang === 'ko' ? '재생' : 'Play');
      const main = await box(pg.locator('.main'));
      // The last thing the map area draws (the legend under the panels) ends the main area...
      const drawn = await pg.locator('.main').evaluate((el) => Math.max(...[...el.children].map((c) => c.getBoundingClientRect().bottom)));
      expect(main.y + main.height - drawn).toBeLessThanOrEqual(1);
      // ...and the next row (the disclosure buttons) follows within the grid's gap.
      const next = await box(pg.locator('.disclosures'));
      expect(next.y - drawn).toBeGreaterThanOrEqual(0);
      expect(next.y - drawn).toBeLessThanOrEqual(10);
      // The map itself ends right above the legend.
      const panels = await pg.locator('descent-surface').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().bottom)));
      expect(drawn - panels).toBeLessThanOrEqual(40);

      const note = pg.locator('[part~="controls"] .note');
      const fit = await note.evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        whiteSpace: getComputedStyle(el).whiteSpace,
        right: el.getBoundingClientRect().right,
        height: el.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 18,
      }));
      expect(fit.whiteSpace).toBe('normal');
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      expect(fit.right).toBeLessThanOrEqual(390);
      // These notes are longer than a phone's line: they wrap onto more lines, whole.
      expect(fit.height).toBeGreaterThan(1.5 * fit.lineHeight);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(messages).toEqual([]);
    });
  }

  test(`${lang}: tuning a learning rate and scrubbing the chart, the map stays in view, uncovered`, async ({ page }) => {
    const pg = await openApp(page, `surface=rosenbrock&lang=${lang}`);
    const map = pg.locator('descent-surface');
    await pg.locator('[part~="disclosure"][data-sheet="optimizers"]').tap();
    const slider = pg.locator('.lr input[type="range"]').first();
    await slider.scrollIntoViewIfNeeded();
    const sheet = pg.locator('.sheet');
    await expect(sheet).toBeVisible();
    const before = await pg.locator('[part~="trajectory"]').first().getAttribute('d');
    // Drag the slider's thumb with a finger.
    const s = await box(slider);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: s.y + s.height / 2, id: 1 }] });
    const value = Number(await slider.inputValue());
    const thumb = s.x + ((value + 5) / 6) * s.width;
    await touch('touchStart', thumb);
    for (let i = 1; i <= 5; i++) await touch('touchMove', thumb + 8 * i);
    // While the finger is down: the path changed and the map is in view, not under the sheet.
    await expect.poll(() => pg.locator('[part~="trajectory"]').first().getAttribute('d')).not.toBe(before);
    const mapBox = await box(map);
    expect(await inViewport(page, mapBox)).toBeGreaterThan(0.9);
    expect(overlap(mapBox, await box(sheet))).toBe(0);
    expect(await inViewport(page, await box(slider))).toBe(1);
    await touch('touchEnd', thumb + 40);

    // The details: the loss chart under the map; touching it scrubs, the map in view.
    await pg.locator('[part~="disclosure"][data-sheet="details"]').tap();
    const chart = pg.locator('[part~="loss-chart"] [part~="chart"]');
    await chart.scrollIntoViewIfNeeded();
    const c = await box(chart);
    await page.touchscreen.tap(c.x + c.width * 0.5, c.y + c.height / 2);
    await expect(pg.locator('[part~="step-readout"]')).not.toHaveText(/^(step 0 |0 \/)/);
    const mapNow = await box(map);
    expect(await inViewport(page, mapNow)).toBeGreaterThan(0.9);
    expect(overlap(mapNow, await box(pg.locator('.sheet')))).toBe(0);
    // In view: scrolling lands on whole pixels and the chart's box may not (0.9995 was seen).
    expect(await inViewport(page, c)).toBeGreaterThan(0.995);
  });

  test(`${lang}: on a touch screen the page says "touch", not "hover"`, async ({ page }) => {
    await openApp(page, `lang=${lang}`);
    const intro = page.locator('header .intro p');
    if (lang === 'en') {
      await expect(intro).toContainText('touch the loss chart to scrub');
      await expect(intro).not.toContainText(/hover|arrow keys/);
    } else {
      await expect(intro).toContainText('손실 그래프를 터치해');
      await expect(intro).not.toContainText(/마우스|화살표/);
    }
  });
}

/** Words of the texts in `root` (and its shadow roots) matching `selector` split over two lines. */
async function splitWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const els: Element[] = [];
    const walk = (node: Document | ShadowRoot) => {
      els.push(...node.querySelectorAll(sel));
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
    for (const el of els) {
      const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        const text = n.textContent ?? '';
        for (const m of text.matchAll(/[가-힣]+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  }, selector);
}

for (const lang of LANGS) {
  test(`${lang}: five refusals in a link take three lines of the widget, scroll for the rest, and leave the map its size`, async ({ page }) => {
    const ok = await openApp(page, `surface=rosenbrock&opt=sgd,adam,rmsprop&lang=${lang}`);
    const mapOk = await box(ok.locator('descent-surface').first());
    const pg = await openApp(page, `surface=rosenbrock&steps=abc&speed=fast&layout=stack&opt=sgd,adam(lr=-1),rmsprop(alpha=-7)&lang=${lang}`);
    const error = pg.locator('[part~="error"]');
    await expect(error.locator('li')).toHaveCount(5);
    const fit = await error.evaluate((el) => ({ height: el.clientHeight, scroll: el.scrollHeight, line: parseFloat(getComputedStyle(el).lineHeight) }));
    // About three lines (and its padding) show; the rest is scrolled to.
    expect(fit.height).toBeLessThanOrEqual(3 * fit.line + 16);
    expect(fit.scroll).toBeGreaterThan(fit.height + fit.line);
    await error.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = await box(error.locator('li').last());
    const shown = await box(error);
    expect(last.y + last.height).toBeLessThanOrEqual(shown.y + shown.height + 1);
    // The map keeps all but those three lines of its height (before: two refusals took a quarter of it).
    const map = await box(pg.locator('descent-surface').first());
    expect(mapOk.height - map.height).toBeLessThanOrEqual(fit.height + 12);
    expect(map.height).toBeGreaterThan(0.75 * mapOk.height);
    await page.screenshot({ path: test.info().outputPath(`refusals-${lang}.png`) });
  });
}

test('Korean prose breaks between words: the blog post, and the story and note in its widgets', async ({ page }) => {
  await page.goto('./examples/blog-post.html');
  const first = page.locator('descent-playground').first();
  await expect(first.locator('[part~="trajectory"]').first()).toBeAttached();
  await expect(first.locator('[part~="play"]')).toHaveAccessibleName('재생');
  // Enough Korean is measured for the test to mean something.
  const words = await page.locator('article p').evaluateAll((ps) => ps.map((p) => p.textContent ?? '').join(' ').match(/[가-힣]+/g)?.length ?? 0);
  expect(words).toBeGreaterThan(200);
  expect(await splitWords(page, 'article p, article h1, article h2')).toEqual([]);
  await first.locator('[part~="disclosure"][data-sheet="details"]').tap();
  await expect(first.locator('.story')).toBeVisible();
  expect(await splitWords(page, '.story, .note, [part~="rule"] p')).toEqual([]);
});
