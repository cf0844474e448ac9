/**
 * The elements under `Content-Security-Policy: default-src 'self'; script-src 'self'; style-src
 * 'self'` (no unsafe-inline, no unsafe-eval), sent as a header with a page written here: a
 * catalog widget and an expression widget render, and every template path that sizes or colours
 * something (grid panels, optimizer rows, rule swatches, the narrow layout's sheets, dark theme,
 * Korean, a typed-in expression) runs without a single refusal other than of eval, which the
 * core's generated code falls back from silently.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';
import { ORIGIN, pageWith, serve } from './embed-serve';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";

async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  return violations;
}

const BODY = `
<descent-playground id="catalog" surface="two-wells" layout="grid" theme="dark">
  <descent-optimizer kind="sgd" lr="0.05"></descent-optimizer>
  <descent-optimizer kind="momentum" lr="0.02" label="Momentum 0.02"></descent-optimizer>
  <descent-optimizer kind="adam" lr="0.1"></descent-optimizer>
</descent-playground>
<div lang="ko"><descent-playground id="typed" expression="sin(x)*cos(y) + 0.1*(x^2+y^2)" domain="-4 4 -4 4" optimizers="sgd adam"></descent-playground></div>
<descent-surface id="solo" surface="saddle" optimizers="sgd adam"></descent-surface>`;

test('strict CSP header: catalog and expression widgets render and respond; the only refusals are of eval; no console errors', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const messages = watchConsole(page);
  const violations = await recordViolations(page);
  await serve(page, { 'strict.html': { html: pageWith(BODY), headers: { 'content-security-policy': POLICY } } });
  const response = await page.goto(`${ORIGIN}strict.html`);
  expect(response?.headers()['content-security-policy']).toBe(POLICY);

  const catalog = page.locator('#catalog');
  const typed = page.locator('#typed');
  await expect(catalog.locator('[part~="trajectory"]')).toHaveCount(3);
  await expect(typed.locator('[part~="trajectory"]')).toHaveCount(2);
  await expect(page.locator('#solo [part~="trajectory"]')).toHaveCount(2);
  await expect(typed.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', /^expr:/);
  await expect(typed.locator('[part~="play"]')).toHaveAccessibleName('재생');

  // Sizes and colours set from script reached the DOM (CSSOM, not style attributes).
  const panel = await catalog.locator('descent-surface').first().boundingBox();
  expect(panel?.width ?? 0).toBeGreaterThan(100);
  const stroke = await catalog.locator('[part~="trajectory"]').first().evaluate((el) => getComputedStyle(el).stroke);
  expect(stroke).toBe('rgb(240, 240, 240)'); // the dark theme's --descent-color-sgd
  const swatch = await catalog.locator('li.opt').nth(1).locator('.swatch').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(swatch).toBe('rgb(230, 159, 0)'); // Momentum's colour, through --c

  // Interaction: settings, the start handle, a typed-in expression, the narrow layout's sheets.
  await catalog.getByRole('button', { name: 'More settings for SGD' }).click();
  await catalog.locator('descent-surface').first().locator('[part~="start-handle"]').focus();
  await page.keyboard.press('ArrowRight');
  await catalog.getByLabel('Surface', { exact: true }).selectOption('custom');
  const input = catalog.locator('[part~="expression-input"]');
  await input.fill('x^2 + 3*y^2 + sin(3*x)');
  await expect(catalog.locator('canvas[part~="contours"]').first()).toHaveAttribute('data-surface', /^expr:/);
  await input.fill('x^2 + (');
  await expect(catalog.locator('[part~="expression-underline"]')).toBeAttached();
  await page.setViewportSize({ width: 400, height: 900 });
  await catalog.locator('[part~="disclosure"][data-sheet="optimizers"]').click();
  await expect(catalog.locator('.sheet li.opt').first()).toBeVisible();
  await catalog.locator('[part~="disclosure"][data-sheet="details"]').click();
  await expect(catalog.locator('.sheet [part~="loss-chart"]')).toBeVisible();
  await expect(catalog.locator('[part~="rule"] math').first()).toBeAttached();

  await page.waitForTimeout(300);
  expect(violations.filter((v) => !/^script-src eval\b/.test(v))).toEqual([]);
  expect(messages).toEqual([]);
});
