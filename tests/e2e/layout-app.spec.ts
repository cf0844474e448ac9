/**
 * The app page (index.html) follows the browser: its language (ko-KR: Korean) and its colour
 * scheme; the language and theme switches work and round-trip through the URL hash.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';

async function openApp(page: Page, hash = '') {
  await page.goto(`./${hash ? `#${hash}` : ''}`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const widgetBackground = (page: Page) => page.locator('descent-playground').evaluate((el) => getComputedStyle(el).backgroundColor);

const DARK = 'rgb(22, 23, 27)';
const WHITE = 'rgb(255, 255, 255)';

test.describe('a Korean browser in dark mode', () => {
  test.use({ locale: 'ko-KR', colorScheme: 'dark' });

  test('the page is Korean and dark; the switches change both and write them into the hash', async ({ page, context }) => {
    const messages = watchConsole(page);
    const pg = await openApp(page, 'surface=saddle');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('재생');
    await expect(page.locator('h1 span')).toHaveText('— 옵티마이저가 손실 곡면 위에서 움직이는 모습');
    await expect(page.locator('#copy-link')).toHaveText('링크 복사');
    await expect(page.locator('header .intro p')).toContainText('마우스를 올려');
    expect(await background(page)).toBe(DARK);
    expect(await widgetBackground(page)).toBe(DARK);
    // Nothing set yet: the hash holds the race only.
    expect(await page.evaluate(() => location.hash)).toBe('#surface=saddle');

    await page.locator('#lang').selectOption('en');
    await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('Play');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#copy-link')).toHaveText('Copy link');
    await expect(page.locator('header .intro p')).toContainText('hover the loss chart');
    expect(await page.evaluate(() => location.hash)).toBe('#surface=saddle&lang=en');

    await page.locator('#theme').selectOption('light');
    await expect.poll(() => background(page)).toBe(WHITE);
    expect(await widgetBackground(page)).toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => location.hash)).toBe('#surface=saddle&lang=en&theme=light');

    // An interaction keeps them in the hash.
    await pg.locator('button[data-layout="grid"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#surface=saddle&layout=grid&lang=en&theme=light');

    // The link, opened in the same Korean dark browser, wins over it.
    const other = await context.newPage();
    const copy = await openApp(other, 'surface=saddle&layout=grid&lang=en&theme=light');
    await expect(copy.locator('[part~="play"]')).toHaveAccessibleName('Play');
    expect(await background(other)).toBe(WHITE);
    // Grid layout, as in the first page: one panel per optimizer.
    const panels = await pg.locator('descent-surface').count();
    expect(panels).toBeGreaterThan(1);
    await expect(copy.locator('descent-surface')).toHaveCount(panels);
    await expect(other.locator('#lang')).toHaveValue('en');
    await expect(other.locator('#theme')).toHaveValue('light');
    expect(messages).toEqual([]);
  });
});

test.describe('an English browser in light mode', () => {
  test.use({ locale: 'en-US', colorScheme: 'light' });

  test('the page is English and light; a link with lang=ko&theme=dark makes it Korean and dark', async ({ page }) => {
    const messages = watchConsole(page);
    const pg = await openApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('Play');
    expect(await background(page)).toBe(WHITE);
    await expect(page.locator('#theme')).toHaveValue('auto');

    await page.evaluate(() => (location.hash = '#surface=ravine&lang=ko&theme=dark'));
    await expect(pg.locator('[part~="play"]')).toHaveAccessibleName('재생');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect.poll(() => background(page)).toBe(DARK);
    expect(await widgetBackground(page)).toBe(DARK);
    await expect(pg.locator('[part~="contours"]')).toHaveAttribute('data-surface', 'ravine');
    await expect(page.locator('#lang')).toHaveValue('ko');

    // Reloaded, it stays so.
    await page.reload();
    await expect(page.locator('descent-playground [part~="play"]')).toHaveAccessibleName('재생');
    expect(await background(page)).toBe(DARK);

    // Back to auto: the light system scheme again, and the theme leaves the hash... as auto.
    await page.locator('#theme').selectOption('auto');
    await expect.poll(() => background(page)).toBe(WHITE);
    expect(await page.evaluate(() => location.hash)).toBe('#surface=ravine&lang=ko&theme=auto');
    expect(messages).toEqual([]);
  });
});
