/**
 * A bad link's messages (and a bad `config`'s) in the playground's language: Korean on a Korean
 * page, English on an English one, re-translated when the language changes; the console warnings
 * stay English. The screenshots (test-results/refusals-*.png, and /tmp/i18n-*.png when
 * I18N_SHOTS=1) show the Korean messages in the page's layout.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchConsole } from './helpers';

const BAD = 'surface=nope&steps=abc&foo=1';
const KO = [
  '링크의 "foo"은(는) 알 수 없는 설정입니다. 쓸 수 있는 설정: surface, expr, domain, start, steps, speed, layout, step, opt, inspect.',
  '링크의 surface=nope: 카탈로그에 없는 표면입니다. 쓸 수 있는 표면: saddle,',
  '링크의 steps=abc: 1부터 20000까지의 정수여야 합니다.',
];
const EN = [
  'unknown setting "foo" in the link; known: surface, expr, domain, start, steps, speed, layout, step, opt, inspect',
  'surface=nope in the link is not a catalog surface; use one of saddle,',
  'steps=abc in the link must be a whole number from 1 to 20000',
];

async function expectMessages(page: Page, texts: readonly string[]) {
  const items = page.locator('descent-playground [part~="error"] li');
  await expect(items).toHaveCount(texts.length);
  for (const [i, text] of texts.entries()) await expect(items.nth(i)).toContainText(text);
}

/** No part of the page is wider than the window (a long message wraps). */
async function expectNoOverflow(page: Page) {
  const { scroll, width, error } = await page.evaluate(() => {
    const part = document.querySelector('descent-playground')?.shadowRoot?.querySelector('[part~="error"]');
    return {
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      error: part ? { scroll: part.scrollWidth, client: part.clientWidth } : undefined,
    };
  });
  expect(scroll).toBeLessThanOrEqual(width);
  expect(error!.scroll).toBeLessThanOrEqual(error!.client);
}

async function shot(page: Page, name: string) {
  const error = page.locator('descent-playground [part~="error"]');
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath(`refusals-${name}.png`) });
  if (process.env.I18N_SHOTS) await page.screenshot({ path: `/tmp/i18n-${name}.png`, fullPage: true });
}

test.describe('a Korean browser', () => {
  test.use({ locale: 'ko-KR' });

  test('a bad link is explained in Korean, and in English once the page is switched to English', async ({ page }) => {
    const messages = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const pg = await openApp(page, BAD);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expectMessages(page, KO);
    // The defaults stand in: Rosenbrock, its own steps.
    await expect(pg.locator('[part~="step-readout"]')).toHaveText(/ \/ \d+단계$/);
    await expectNoOverflow(page);
    await shot(page, 'ko-desktop');
    // Console warnings stay English.
    expect(messages.filter((m) => m.includes('descent-lab link:'))).toEqual(EN.map((t) => expect.stringContaining(t)));

    // The same refusals, translated again when the language changes.
    await page.locator('#lang').selectOption('en');
    await expectMessages(page, EN);
    await page.locator('#lang').selectOption('ko');
    await expectMessages(page, KO);
  });

  test('phone width: the Korean messages wrap inside the playground', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, BAD);
    await expectMessages(page, KO);
    await expectNoOverflow(page);
    await shot(page, 'ko-phone');
  });

  test('a config set by script is explained in Korean too', async ({ page }) => {
    const pg = await openApp(page, 'surface=saddle');
    await pg.evaluate((el: HTMLElement & { config: Record<string, unknown>; updateComplete: Promise<unknown> }) => {
      el.config = { ...el.config, steps: 0, optimizers: [{ kind: 'adam', hyper: { lr: -1 } }, { kind: 'sgd' }] };
      return el.updateComplete;
    });
    const error = pg.locator('[part~="error"] li');
    await expect(error).toHaveText(['config.optimizers (adam) lr=-1: lr은(는) 0 이상이어야 합니다.', 'config.steps 0: 1부터 20000까지의 정수여야 합니다.']);
    // Picking another surface leaves them behind.
    await pg.getByRole('combobox', { name: '표면' }).selectOption('ravine');
    await expect(pg.locator('[part~="error"]')).toHaveCount(0);
  });
});

test.describe('an English browser', () => {
  test.use({ locale: 'en-US' });

  test('a bad link is explained in English; with lang=ko in it, in Korean', async ({ page }) => {
    await openApp(page, BAD);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectMessages(page, EN);
    await page.evaluate((hash) => (location.hash = `#${hash}&lang=ko`), BAD);
    await expectMessages(page, KO);
  });

  test('embed.html?lang=ko explains a bad link in Korean (embed.html alone: English)', async ({ page }) => {
    await page.goto(`embed.html?lang=ko#${BAD}`);
    await expectMessages(page, KO);
    await page.goto(`embed.html#${BAD}`);
    await expectMessages(page, EN);
  });
});

test('an expression attribute that does not compile says why in the element\'s language (en and ko), naming the characters', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<descent-playground id="bad-en" expression="x^2 + (" style="width: 900px"></descent-playground>
       <div lang="ko"><descent-playground id="bad-ko" expression="x^2 + (" style="width: 900px"></descent-playground></div>`,
    );
  });
  await expect(page.locator('#bad-en [part~="error"]')).toContainText('Attribute expression="x^2 + (":');
  const ko = page.locator('#bad-ko [part~="error"]');
  await expect(ko).toContainText('속성 expression="x^2 + (": 수식을 해석할 수 없습니다');
  // The compiler's own (English) reason is not what a Korean reader sees.
  await expect(ko).not.toContainText('Unexpected');
});
