/**
 * Layout in English and Korean: no label wraps (nor stacks one syllable per line) at any width;
 * the right column cuts no line and shows when it scrolls; the expression field's errors sit on
 * the field at fault and are read in full. Phones and the app page: layout-phone.spec.ts and
 * layout-app.spec.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';
import { box, inkRows, LANGS, overlap, wrappedLabels, type TestLang } from './layout-measure';

const WIDGETS = `
  <descent-playground id="race" surface="booth" start="-3 5" steps="300">
    <descent-optimizer kind="sgd" lr="0.2" label="SGD, lr 0.2"></descent-optimizer>
    <descent-optimizer kind="adam" lr="0.1"></descent-optimizer>
    <descent-optimizer kind="momentum" lr="0.01"></descent-optimizer>
  </descent-playground>
  <descent-playground id="grid" surface="himmelblau" layout="grid"></descent-playground>
  <descent-playground id="custom" expression="x^2 + 3*y^2" domain="-4 4 -3 3"></descent-playground>`;

async function open(page: Page, body: string, lang: TestLang, head = '') {
  await serve(page, { 'layout.html': { html: pageWith(body, { lang, head }) } });
  await page.goto(`${ORIGIN}layout.html`);
  for (const pg of await page.locator('descent-playground').all()) {
    await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  }
  if (lang === 'ko') await expect(page.locator('descent-playground').first().locator('[part~="play"]')).toHaveAccessibleName('재생');
}

/** Opens a sheet (narrow and medium widths) if its disclosure button is there. */
async function openSheet(pg: Locator, sheet: 'optimizers' | 'details'): Promise<boolean> {
  const button = pg.locator(`[part~="disclosure"][data-sheet="${sheet}"]`);
  if (!(await button.count())) return false;
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return true;
}

for (const lang of LANGS) {
  for (const width of [360, 390, 760, 1280]) {
    test(`${lang}, ${width} px: every label and button is one line (none wraps, per character or at all)`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width, height: 900 });
      await open(page, WIDGETS, lang);
      const race = page.locator('#race');
      // A "diverged" badge on the map and in the list.
      await race.evaluate((el) => (el as unknown as { seek(k: number): void }).seek(10));
      await expect(race.locator('[part~="badge"]').first()).toBeAttached();
      const check = async (state: string) => {
        for (const pg of await page.locator('descent-playground').all()) {
          const id = await pg.getAttribute('id');
          expect(await wrappedLabels(pg), `${state}, #${id}`).toEqual([]);
        }
      };
      await check('closed');
      // The optimizer list with one row's settings open, wherever the list is.
      for (const pg of await page.locator('descent-playground').all()) {
        await openSheet(pg, 'optimizers');
        await pg.locator('li.opt button.icon').first().click();
        await expect(pg.locator('.more').first()).toBeVisible();
        // Every learning-rate label ("lr", "학습률") is measured: they are shown.
        expect(await pg.locator('.lr label').count()).toBeGreaterThan(0);
      }
      await check('optimizer list open');
      for (const pg of await page.locator('descent-playground').all()) {
        if (await openSheet(pg, 'details')) await expect(pg.locator('[part~="loss-chart"]')).toBeVisible();
      }
      await check('details open');
      expect(messages).toEqual([]);
    });
  }

  test(`${lang}: the right column cuts no line; when the rule scrolls a fade shows it, gone at its end`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // A short widget, so the rule panel (Nesterov's, with its long torch note) has to scroll.
    const head = '<style>body { margin: 0 } descent-playground { --descent-height: 520px; }</style>';
    await open(page, '<descent-playground surface="rosenbrock" optimizers="sgd nesterov adam"></descent-playground>', lang, head);
    const pg = page.locator('descent-playground');
    await pg.locator('li.opt button.name').nth(1).click();
    const rule = pg.locator('.aside > [part~="rule"]');
    await expect(rule.locator('.differs')).toBeVisible();
    const aside = pg.locator('.aside');
    const sizes = await rule.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client + 20);
    // The cue: a mask that fades the bottom while there is more below.
    expect(await rule.evaluate((el) => getComputedStyle(el).maskImage)).toMatch(/gradient/);
    // Painted: text right above the fade, no ink in the last 10 px (the line the edge cuts is
    // faded out, not shown cut in half).
    const rows = await inkRows(page, rule);
    const last = rows.slice(-10);
    expect(Math.max(...last), `ink rows at the bottom: ${last.join(',')}`).toBeLessThanOrEqual(2);
    expect(Math.max(...rows.slice(0, -45))).toBeGreaterThan(10);
    // Scrolled to its end: no fade, and the last line is whole.
    await rule.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => rule.evaluate((el) => getComputedStyle(el).maskImage)).toBe('none');
    const lastLine = await rule.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()].filter((r) => r.height > 0);
      return { bottom: Math.max(...rects.map((r) => r.bottom)), edge: el.getBoundingClientRect().bottom };
    });
    expect(lastLine.bottom).toBeLessThanOrEqual(lastLine.edge + 0.5);
    // Nothing else in the column is cut: each part ends inside it (the story scrolls if it must).
    const asideBox = await box(aside);
    for (const part of await aside.locator(':scope > *').all()) {
      const b = await box(part);
      expect(b.y + b.height).toBeLessThanOrEqual(asideBox.y + asideBox.height + 0.5);
    }
    const story = await pg.locator('.story').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(story.scroll).toBeLessThanOrEqual(story.client + 1);
  });

  test(`${lang}: a rule panel that fits has no fade`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, '<descent-playground surface="booth" optimizers="sgd"></descent-playground>', lang);
    const rule = page.locator('descent-playground .aside > [part~="rule"]');
    await expect(rule).toBeVisible();
    const sizes = await rule.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client);
    expect(await rule.evaluate((el) => getComputedStyle(el).maskImage)).toBe('none');
  });

  for (const width of [1280, 390]) {
    test(`${lang}, ${width} px: a bad x-min is reported on the x-min field; the allowed functions are read in full`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width, height: 900 });
      await open(page, '<descent-playground expression="x^2 + y^2"></descent-playground>', lang);
      const pg = page.locator('descent-playground');
      const bound = (b: string) => pg.locator(`[data-bound="${b}"]`);
      const error = pg.locator('[part~="expression-error"]');
      const describedBy = async (l: Locator) => {
        const id = await l.getAttribute('aria-describedby');
        return id ? pg.locator(`#${id}`).textContent() : null;
      };
      // The map's box once the layout has settled: the typed-in surface's field row arrives with its
      // compiler and the map follows its resize observer a frame or two later (two reads 200 ms
      // apart agree).
      const settledMap = async () => {
        let last = JSON.stringify(await box(pg.locator('descent-surface')));
        for (let k = 0; k < 20; k++) {
          await page.waitForTimeout(200);
          const now = JSON.stringify(await box(pg.locator('descent-surface')));
          if (now === last) return JSON.parse(now) as Awaited<ReturnType<typeof box>>;
          last = now;
        }
        throw new Error('the map kept moving for 4 s');
      };
      const map = await settledMap();

      await bound('x-min').fill('abc');
      await expect(bound('x-min')).toHaveAttribute('aria-invalid', 'true');
      await expect(error).toContainText(lang === 'ko' ? 'x 최솟값' : 'x min');
      expect(await describedBy(bound('x-min'))).toBe(await error.textContent());
      for (const other of ['x-max', 'y-min', 'y-max']) {
        await expect(bound(other)).toHaveAttribute('aria-invalid', 'false');
        expect(await describedBy(bound(other))).toBeNull();
      }
      await expect(pg.locator('[part~="expression-input"]')).toHaveAttribute('aria-invalid', 'false');
      // An x-min above x-max, typed into x-min: x-min's fault.
      await bound('x-min').fill('9');
      await expect(error).toHaveText(lang === 'ko' ? 'x 최솟값은 최댓값(5)보다 작아야 합니다 (입력: 9).' : 'x min must be less than x max (5), got 9.');
      await expect(bound('x-min')).toHaveAttribute('aria-invalid', 'true');
      await expect(bound('x-max')).toHaveAttribute('aria-invalid', 'false');
      expect(await describedBy(bound('x-min'))).toBe(await error.textContent());
      await bound('x-min').fill('-5');
      await expect(error).toHaveText('');

      // An unknown function: the message lists the functions, every one of them visible.
      const input = pg.locator('[part~="expression-input"]');
      await input.fill('x^2 + foo(y)');
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      const text = (await error.textContent()) ?? '';
      expect(text).toContain('sqrt');
      expect(text).toContain(lang === 'ko' ? 'max 등.' : 'max');
      expect(await describedBy(input)).toBe(text);
      const fit = await error.evaluate((el) => {
        const r = el.getBoundingClientRect();
        // Clipped by no ancestor (up to the page) that hides overflow.
        let clipped = false;
        let node: Element | null = el.parentElement ?? (el.getRootNode() as ShadowRoot).host;
        while (node) {
          const s = getComputedStyle(node);
          if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
            const a = node.getBoundingClientRect();
            if (r.left < a.left - 0.5 || r.right > a.right + 0.5 || r.top < a.top - 0.5 || r.bottom > a.bottom + 0.5) clipped = true;
          }
          node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
        }
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = [...range.getClientRects()];
        return {
          clipped,
          overflowX: el.scrollWidth - el.clientWidth,
          overflowY: el.scrollHeight - el.clientHeight,
          right: Math.max(...lines.map((l) => l.right)),
          left: Math.min(...lines.map((l) => l.left)),
          ellipsis: getComputedStyle(el).textOverflow,
        };
      });
      expect(fit.clipped).toBe(false);
      expect(fit.overflowX).toBeLessThanOrEqual(0);
      expect(fit.overflowY).toBeLessThanOrEqual(0);
      expect(fit.left).toBeGreaterThanOrEqual(0);
      expect(fit.right).toBeLessThanOrEqual(width);
      expect(fit.ellipsis).not.toBe('ellipsis');
      // Readable: nothing paints over it (the map lies under it, not over).
      const errorBox = await box(error);
      const hit = await page.evaluate(
        ([x, y]) => {
          let el: Element | null = document.elementFromPoint(x, y);
          while (el?.shadowRoot) {
            const inner = el.shadowRoot.elementFromPoint(x, y);
            if (!inner || inner === el) break;
            el = inner;
          }
          return el?.closest('[part~="expression-error"]') !== null;
        },
        [errorBox.x + errorBox.width / 2, errorBox.y + errorBox.height - 4],
      );
      expect(hit).toBe(true);
      // The map stayed where it was (the message lies over the layout, it does not push it).
      expect(overlap(map, await settledMap())).toBeCloseTo(map.width * map.height, -1);
      expect(messages).toEqual([]);
    });
  }
}
