/**
 * examples/strict-csp.html, as built into dist/app/examples/: the page carries
 * `Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'` in a <meta>,
 * and here it is also served with that header (page.route), as a strict site would send it.
 * No inline script or style, no eval: descent-lab must render without any of them, and its
 * generated code (step loops, typed-in surfaces) must fall back to the interpreter silently.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchConsole } from './helpers';
import { expectWidgetsDrawn } from './pages';

const PAGE = 'examples/strict-csp.html';
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";

/** Answers the page itself with the policy as an HTTP header too. */
async function withHeader(page: Page): Promise<void> {
  await page.route(`**/${PAGE}`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': POLICY } });
  });
}

for (const how of ['meta', 'meta and header'] as const) {
  test(`strict CSP (${how}): the catalog and typed-in widgets render, critical points marked, no console errors`, async ({ page }) => {
    const messages = watchConsole(page);
    // Every refusal the policy makes, from the first script on.
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
      );
    });
    if (how === 'meta and header') await withHeader(page);
    const response = await page.goto(PAGE);
    if (how === 'meta and header') expect(response?.headers()['content-security-policy']).toBe(POLICY);

    const widgets = await expectWidgetsDrawn(page, [3, 3]);
    const [catalog, typed] = [widgets.nth(0), widgets.nth(1)];

    // The panels have their size (set from script, which the policy must not block) and paint.
    for (const widget of [catalog, typed]) {
      const box = await widget.locator('[part~="surface"]').first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.height ?? 0).toBeGreaterThan(150);
      await expect(widget.locator('[part~="head"]').first()).toBeVisible();
    }
    await expect(catalog.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', 'two-wells');

    // The typed-in surface compiled (mathjs came from beside the bundle, same origin) and its
    // minima, saddles and maximum are marked.
    await expect(typed.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', /^expr:/);
    const kinds = await typed
      .locator('[part~="critical-point"]')
      .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-kind')))].sort());
    expect(kinds).toEqual(['global-min', 'local-max', 'local-min', 'saddle']);
    await expect(typed.locator('[part~="error"]')).toHaveCount(0);

    // The policy is in force: generated code is refused, and the expression compiler fell back.
    const backend = await page.evaluate(async () => {
      const url = new URL('../dist/bundle/descent-lab.js', location.href).href;
      const lab = await import(url);
      const { compileExpression } = await lab.loadExpressions();
      return compileExpression('x^2 + 3*y^2').backend as string;
    });
    expect(backend).toBe('interpreter');
    // Twenty more typed-in surfaces: the refusal was remembered, nothing asks (and is reported) again.
    const backends = await page.evaluate(async () => {
      const url = new URL('../dist/bundle/descent-lab.js', location.href).href;
      const lab = await import(url);
      const { compileExpression } = await lab.loadExpressions();
      return Array.from({ length: 20 }, (_, k) => compileExpression(`x^2 + ${k + 2}*y^2 + sin(${k}*x)`).backend as string);
    });
    expect(new Set(backends)).toEqual(new Set(['interpreter']));

    // Rendered rules work too (the build-time MathML needs no inline style).
    await expect(catalog.locator('[part~="rule"] math').first()).toBeAttached();

    await page.waitForTimeout(300);
    // The only refusals are of eval (generated code, which falls back by design); they reach no
    // console. Anything else (an inline style, a script or chunk from elsewhere) is a bug.
    expect(violations.filter((v) => !/^script-src eval\b/.test(v))).toEqual([]);
    expect(violations.length).toBeGreaterThan(0);
    // One refusal per page (reported once by each policy in force: the meta's, and the header's):
    // the first is remembered by the step loops and the compiler alike.
    expect(violations.filter((v) => /^script-src eval\b/.test(v)).length).toBe(how === 'meta' ? 1 : 2);
    expect(messages).toEqual([]);
  });
}

test('strict CSP: the map layout computes its basin maps (in Workers, which the policy allows from this site)', async ({ page }) => {
  const messages = watchConsole(page);
  await withHeader(page);
  await page.goto(PAGE);
  const widgets = await expectWidgetsDrawn(page, [3, 3]);
  const catalog = widgets.nth(0);
  await catalog.evaluate((el) => el.setAttribute('layout', 'map'));
  await expect(catalog.locator('[part~="map-percent"]')).toHaveText('100%', { timeout: 30_000 });
  await expect(catalog.locator('canvas[part~="basins"]').first()).toBeAttached();
  expect(await page.evaluate(() => (globalThis as unknown as { descentMapSlicesHere?: number }).descentMapSlicesHere ?? 0)).toBe(0);
  expect(messages).toEqual([]);
});
