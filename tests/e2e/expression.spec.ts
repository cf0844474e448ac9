/**
 * Typed-in surfaces in the playground: the expression field (live surface, critical points, errors
 * underlined, the last good surface kept), mathjs loaded only when needed, the URL hash, and the
 * `expression` / `domain` attributes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { compileSurface } from '../../src/core/expression/index';
import type { Domain } from '../../src/core/types';
import { centre, distance, openApp, pathStarts, watchConsole } from './helpers';

const EXPR = 'sin(x)*cos(y) + 0.1*(x^2+y^2)';
const DOMAIN: Domain = { x: [-4, 4], y: [-4, 4] };
/** The expression chunk (the expression module and mathjs) of the built app. */
const EXPRESSION_CHUNK = /\/assets\/expression-[\w-]+\.js$|mathjs/;

/** Picks "Custom expression…" and types `expr` over `domain` into the field. */
async function typeSurface(pg: Locator, expr: string, domain?: Domain): Promise<void> {
  const input = pg.locator('[part~="expression-input"]');
  if (!(await input.isVisible())) await pg.getByLabel('Surface').selectOption('custom');
  await expect(input).toBeVisible();
  if (domain) {
    const values = [domain.x[0], domain.x[1], domain.y[0], domain.y[1]];
    const bounds = ['x-min', 'x-max', 'y-min', 'y-max'];
    for (let i = 0; i < 4; i++) await pg.locator(`[data-bound="${bounds[i]}"]`).fill(String(values[i]));
  }
  await input.fill(expr);
}

/** What is on screen: contour pixels, critical-point markers, trajectory paths. */
async function screenState(pg: Locator) {
  return {
    surface: await pg.locator('canvas[part~="contours"]').getAttribute('data-surface'),
    pixels: await pg.locator('canvas[part~="contours"]').evaluate((c: HTMLCanvasElement) => c.toDataURL()),
    markers: await pg
      .locator('[part~="critical-point"]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}@${e.getAttribute('transform')}`)),
    paths: await pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d'))),
  };
}

/** Critical-point markers as { kind, x, y } in viewport pixels (each is drawn around its origin). */
async function markerPositions(pg: Locator) {
  return pg.locator('[part~="critical-point"]').evaluateAll((els) =>
    els.map((el) => {
      const p = new DOMPoint(0, 0).matrixTransform((el as SVGGraphicsElement).getScreenCTM() ?? undefined);
      return { kind: el.getAttribute('data-kind'), x: p.x, y: p.y };
    }),
  );
}

async function waitForSurface(pg: Locator, id: string): Promise<void> {
  await expect(pg.locator('canvas[part~="contours"]')).toHaveAttribute('data-surface', id);
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
}

/**
 * The screen once it has stopped changing (two reads 200 ms apart agree): the custom mode's
 * field row changes the map's size as the surface arrives, and the map follows its resize
 * observer a frame or two later, so a state read at once can be of the size before.
 */
async function settledState(pg: Locator) {
  let last = JSON.stringify(await screenState(pg));
  for (let k = 0; k < 20; k++) {
    await pg.page().waitForTimeout(200);
    const now = JSON.stringify(await screenState(pg));
    if (now === last) return JSON.parse(now) as Awaited<ReturnType<typeof screenState>>;
    last = now;
  }
  throw new Error('the map kept changing for 4 s');
}

test('typing an expression shows its surface and critical points; a broken one is underlined and the last good surface stays', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=rosenbrock');
  const before = await screenState(pg);
  expect(before.surface).toBe('rosenbrock');

  await typeSurface(pg, EXPR, DOMAIN);
  const expected = compileSurface(EXPR, { domain: DOMAIN });
  await waitForSurface(pg, expected.id);
  const good = await settledState(pg);
  expect(good.pixels).not.toBe(before.pixels);
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(7);
  await expect(pg.locator('[part~="expression-input"]')).toHaveAttribute('aria-invalid', 'false');
  await expect(pg.getByLabel('Surface')).toHaveValue('custom');

  // Every critical point compileSurface lists, minima included, is marked where it lies.
  expect(expected.critical.some((c) => c.kind === 'global-min')).toBe(true);
  expect(expected.critical.some((c) => c.kind === 'local-min')).toBe(true);
  const box = await pg.locator('canvas[part~="contours"]').boundingBox();
  if (!box) throw new Error('no contour canvas');
  const toScreen = (x: number, y: number): [number, number] => [
    box.x + ((x - DOMAIN.x[0]) / (DOMAIN.x[1] - DOMAIN.x[0])) * box.width,
    box.y + ((DOMAIN.y[1] - y) / (DOMAIN.y[1] - DOMAIN.y[0])) * box.height,
  ];
  const markers = await markerPositions(pg);
  expect(markers).toHaveLength(expected.critical.length);
  for (const c of expected.critical) {
    const hit = markers.find((m) => m.kind === c.kind && distance([m.x, m.y], toScreen(c.x, c.y)) < 1.5);
    expect(hit, `${c.kind} at (${c.x}, ${c.y})`).toBeTruthy();
  }
  await expect(pg.getByLabel('Critical points')).toContainText('global minimum');

  // A missing parenthesis: message, a mark just past the end, aria-invalid; nothing else changes.
  const input = pg.locator('[part~="expression-input"]');
  const error = pg.locator('[part~="expression-error"]');
  const mark = pg.locator('[part~="expression-underline"]');
  await input.fill('sin(x)*cos(y');
  await expect(error).toHaveText('Parenthesis ) expected at the end of the expression');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toHaveAttribute('aria-live', 'polite');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(mark).toHaveAttribute('data-start', '12');
  const parenMark = await mark.boundingBox();
  expect(await screenState(pg)).toEqual(good);

  // An unknown function: its three characters are marked.
  await input.fill('foo(x)');
  await expect(error).toContainText('unknown function "foo" at characters 1–3');
  await expect(mark).toHaveText('foo');
  await expect(mark).toHaveAttribute('data-start', '0');
  await expect(mark).toHaveAttribute('data-end', '3');
  const fooMark = await mark.boundingBox();
  const inputBox = await input.boundingBox();
  if (!fooMark || !parenMark || !inputBox) throw new Error('no boxes');
  // The underline sits under the characters: "foo" at the text's start, the ")" mark 12 characters on.
  const charWidth = fooMark.width / 3;
  expect(Math.abs(fooMark.x - (inputBox.x + 9))).toBeLessThan(2);
  expect(Math.abs(parenMark.x - (fooMark.x + 12 * charWidth))).toBeLessThan(2);
  expect(await screenState(pg)).toEqual(good);

  // Empty is an error too; the domain's errors name the bound.
  await input.fill('');
  await expect(error).toHaveText('Type an expression in x and y.');
  await input.fill(EXPR);
  await expect(input).toHaveAttribute('aria-invalid', 'false');
  await expect(error).toHaveText('');
  const xMax = pg.locator('[data-bound="x-max"]');
  await xMax.fill('-9');
  await expect(error).toHaveText('x max must be greater than x min (−4), got −9.');
  await expect(xMax).toHaveAttribute('aria-invalid', 'true');
  // A second bad bound: once checked (after the typing pause), the first one that is not a
  // number is named. (Right after the keystroke the old message still shows; asserting that
  // raced the 150 ms pause on a busy machine.)
  await pg.locator('[data-bound="y-min"]').fill('abc');
  await expect(error).toHaveText('y min must be a number, got "abc".');
  await xMax.fill('4');
  await expect(error).toHaveText('y min must be a number, got "abc".');
  await expect(pg.locator('[data-bound="y-min"]')).toHaveAttribute('aria-invalid', 'true');
  expect(await screenState(pg)).toEqual(good);
  expect(messages).toEqual([]);
});

test('a page with catalog surfaces never downloads mathjs; choosing a custom expression does', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const pg = await openApp(page, 'surface=two-wells');
  await pg.getByLabel('Surface').selectOption('himmelblau');
  await waitForSurface(pg, 'himmelblau');
  await pg.locator('[part~="play"]').click();
  await pg.locator('[part~="play"]').click();
  await page.waitForLoadState('networkidle');
  expect(requests.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(0);
  expect(requests.filter((u) => EXPRESSION_CHUNK.test(u))).toEqual([]);

  const loaded = page.waitForRequest(EXPRESSION_CHUNK);
  await pg.getByLabel('Surface').selectOption('custom');
  await loaded;
  // The field opens on the surface's own formula, typed in.
  await expect(pg.locator('[part~="expression-input"]')).toHaveValue('(x^2 + y - 11)^2 + (x + y^2 - 7)^2');
  await expect(pg.locator('[part~="expression-input"]')).toBeFocused();
  const himmelblau = compileSurface('(x^2 + y - 11)^2 + (x + y^2 - 7)^2', { domain: { x: [-5, 5], y: [-5, 5] } });
  await waitForSurface(pg, himmelblau.id);
});

test('the URL hash round-trips a typed-in surface', async ({ page, context }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  await typeSurface(pg, EXPR, DOMAIN);
  const expected = compileSurface(EXPR, { domain: DOMAIN });
  await waitForSurface(pg, expected.id);
  const handle = pg.locator('[part~="start-handle"]');
  const [hx, hy] = await centre(handle);
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx + 60, hy + 40, { steps: 4 });
  await page.mouse.up();
  await pg.locator('button[data-layout="grid"]').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/layout=grid/);
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toMatch(/^#expr=sin\(x\)\*cos\(y\)%20%2B%200\.1\*\(x%5E2%2By%5E2\)&domain=-4,4,-4,4&start=[-\d.]+,[-\d.]+&/);
  expect(decodeURIComponent(/expr=([^&]*)/.exec(hash)?.[1] ?? '')).toBe(EXPR);

  const snapshot = async (p: Locator) => ({
    surface: await p.locator('canvas[part~="contours"]').first().getAttribute('data-surface'),
    expression: await p.locator('[part~="expression-input"]').inputValue(),
    bounds: await p.locator('[part~="domain-input"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    picker: await p.getByLabel('Surface').inputValue(),
    lrs: await p.locator('li.opt output').allTextContents(),
    starts: await pathStarts(p.locator('descent-surface').first()),
    paths: await p.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d'))),
  });
  const original = await snapshot(pg);
  expect(original.bounds).toEqual(['-4', '4', '-4', '4']);
  expect(original.picker).toBe('custom');

  const other = await context.newPage();
  await other.goto(`./${hash}`);
  const restored = other.locator('descent-playground');
  await waitForSurface(restored.locator('descent-surface').first(), expected.id);
  expect(await snapshot(restored)).toEqual(original);
  await page.reload();
  const reloaded = page.locator('descent-playground');
  await waitForSurface(reloaded.locator('descent-surface').first(), expected.id);
  expect(await snapshot(reloaded)).toEqual(original);
});

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: a link with a typed-in surface never shows the default race first: the page says it is loading until the surface is there`, async ({ page }) => {
    const messages = watchConsole(page);
    // Every animation frame from the first: what the map shows, whether the playground is
    // visible, and the page's loading line.
    await page.addInitScript(() => {
      const frames: { surface: string; visible: boolean; note: string }[] = [];
      (window as unknown as { __frames: typeof frames }).__frames = frames;
      const poll = () => {
        const pg = document.querySelector('descent-playground');
        const canvas = pg?.shadowRoot?.querySelector('descent-surface')?.shadowRoot?.querySelector('canvas[part~="contours"]') as HTMLElement | null;
        frames.push({
          surface: canvas?.dataset.surface ?? '',
          visible: !!pg && getComputedStyle(pg).visibility === 'visible',
          note: document.querySelector('.link-loading')?.textContent ?? '',
        });
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    });
    await page.goto(`./#expr=${encodeURIComponent(EXPR)}&domain=-4,4,-4,4&opt=adam(lr=0.1),momentum(lr=0.02)&lang=${lang}`);
    const pg = page.locator('descent-playground');
    const expected = compileSurface(EXPR, { domain: DOMAIN });
    await waitForSurface(pg, expected.id);
    await expect(page.locator('.link-loading')).toHaveCount(0);
    await expect(pg).toBeVisible();
    await expect(pg).not.toHaveAttribute('aria-busy');
    const frames = await page.evaluate(() => (window as unknown as { __frames: { surface: string; visible: boolean; note: string }[] }).__frames);
    // While it loads, the line shows, in the page's language.
    const waiting = frames.filter((f) => f.note !== '');
    expect(waiting.length).toBeGreaterThan(0);
    expect(new Set(waiting.map((f) => f.note))).toEqual(new Set([lang === 'ko' ? '이 링크에 입력된 곡면을 불러오는 중…' : 'Loading the surface this link types in…']));
    // No frame shows another surface: whatever the playground drew before, it was hidden.
    expect(frames.filter((f) => f.visible && f.surface !== '' && f.surface !== expected.id)).toEqual([]);
    expect(frames.some((f) => f.visible && f.surface === expected.id)).toBe(true);
    expect(messages).toEqual([]);
  });
}

test('a link with a broken expression says why and shows the catalog surface', async ({ page }) => {
  const messages = watchConsole(page);
  await page.goto('./#expr=foo(x)&steps=50');
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="error"]')).toContainText('expr=foo(x) in the link: unknown function "foo" at characters 1–3');
  await waitForSurface(pg, 'rosenbrock');
  // The loading line is gone and the playground shown, with its message.
  await expect(page.locator('.link-loading')).toHaveCount(0);
  await expect(pg).toBeVisible();
  expect(messages.some((m) => m.startsWith('warning: descent-lab link: expr=foo(x)'))).toBe(true);
});

async function insertPlayground(page: Page, html: string): Promise<void> {
  await page.evaluate((h) => document.body.insertAdjacentHTML('beforeend', h), html);
}

test('the expression and domain attributes set a typed-in surface; a bad one falls back with a message', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page);
  await insertPlayground(
    page,
    `<descent-playground id="typed" expression="${EXPR}" domain="-4 4 -4 4" optimizers="sgd adam"></descent-playground>
     <descent-playground id="bad" expression="sin(x)*cos(y" surface="saddle"></descent-playground>`,
  );
  const typed = page.locator('#typed');
  const expected = compileSurface(EXPR, { domain: DOMAIN });
  await waitForSurface(typed, expected.id);
  await expect(typed.locator('[part~="trajectory"]')).toHaveCount(2);
  await expect(typed.locator('[part~="expression-input"]')).toHaveValue(EXPR);
  await expect(typed.getByLabel('Surface')).toHaveValue('custom');
  await expect(typed.locator('[part~="critical-point"]')).toHaveCount(expected.critical.length);
  await expect(typed.locator('[part~="error"]')).toHaveCount(0);

  const bad = page.locator('#bad');
  await expect(bad.locator('[part~="error"]')).toHaveText(
    'Attribute expression="sin(x)*cos(y": Parenthesis ) expected at the end of the expression.',
  );
  await waitForSurface(bad, 'saddle');
  await expect(bad.locator('[part~="expression-input"]')).toHaveCount(0);
  expect(messages.filter((m) => m.startsWith('warning: descent-playground: Attribute expression="sin(x)*cos(y"'))).toHaveLength(1);

  // Changing the attribute re-reads it.
  await page.evaluate(() => document.querySelector('#bad')?.setAttribute('expression', 'x^2 - y^2'));
  await waitForSurface(bad, compileSurface('x^2 - y^2').id);
  await expect(bad.locator('[part~="error"]')).toHaveCount(0);
});
