/**
 * The optimizer catalog in the single-file bundle (issue #15): the presets no default race runs
 * (AMSGrad, AdamW, Adamax, NAdam, RAdam, Rprop, ASGD, Lion, AdaBelief, Yogi, Adan, schedule-free
 * AdamW) come in a chunk of their own. A page that names one (attribute, child, config) waits for
 * it and draws the runs with no message; the picker fetches it when focused and then lists every
 * preset in groups; a catalog rule's panel fetches its MathML when first shown. A first visit that
 * names none fetches none of it.
 */
import { expect, test, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

/** The catalog's chunks the page fetched (its rules; its rules' MathML). */
function watchCatalog(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const m = /\/descent-lab-(more-rules|rules-more\.mathml|ko-prose-more)-[\w-]+\.js$/.exec(r.url().split(/[?#]/)[0]);
    if (m) files.push(m[1]);
  });
  return files;
}

const labels = (page: Page, host = 'descent-playground') =>
  page.locator(host).locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));

test('an optimizers attribute naming catalog presets waits for the catalog and draws every run, with no message', async ({ page }) => {
  const messages = watchConsole(page);
  const chunks = watchCatalog(page);
  await serve(page, { 'p.html': { html: pageWith('<descent-playground optimizers="sgd lion rprop schedule-free-adamw"></descent-playground>') } });
  await page.goto(`${ORIGIN}p.html`);
  await expect.poll(() => labels(page)).toEqual(['SGD', 'Lion', 'Rprop', 'Schedule-free AdamW']);
  await expect(page.locator('descent-playground [part~="error"]')).toHaveCount(0);
  // Each run is the core's own: the drawn path's end is the run's last iterate (read back through
  // the page's own bundle once the catalog is here).
  const ends = await page.evaluate(async () => {
    const script = document.querySelector<HTMLScriptElement>('script[type="module"][src]')!;
    const lab = await import(script.src);
    const pg = document.querySelector('descent-playground') as unknown as { config: { optimizers: { kind: string; hyper: object }[]; start: [number, number]; steps: number } };
    const { optimizers, start, steps } = pg.config;
    return optimizers.map((e) => {
      const t = lab.trajectory({ surface: 'rosenbrock', optimizer: e.kind, hyper: e.hyper, start, steps });
      return { kind: e.kind, status: t.status as string, moved: Math.hypot(t.x[steps] - start[0], t.y[steps] - start[1]) };
    });
  });
  expect(ends.map((e) => e.kind)).toEqual(['sgd', 'lion', 'rprop', 'schedule-free-adamw']);
  for (const e of ends) {
    expect(e.status, e.kind).not.toBe('diverged');
    expect(e.moved, e.kind).toBeGreaterThan(0.05);
  }
  expect(chunks).toEqual(['more-rules']);
  expect(messages).toEqual([]);
});

test('a child <descent-optimizer kind> of the catalog, and a typo beside it: the run is drawn, the typo named', async ({ page }) => {
  const messages = watchConsole(page);
  await serve(page, {
    'p.html': {
      html: pageWith(`<descent-playground>
        <descent-optimizer kind="adabelief" lr="0.05"></descent-optimizer>
        <descent-optimizer kind="adam" lr="0.1"></descent-optimizer>
      </descent-playground>
      <descent-playground id="typo" optimizers="adam lino"></descent-playground>`),
    },
  });
  await page.goto(`${ORIGIN}p.html`);
  await expect.poll(() => labels(page, 'descent-playground:not(#typo)')).toEqual(['AdaBelief', 'Adam']);
  await expect.poll(() => labels(page, '#typo')).toEqual(['Adam']);
  const error = page.locator('#typo [part~="error"]');
  await expect(error).toContainText('"lino"');
  // The message lists the ids it knows, the catalog's among them.
  await expect(error).toContainText('schedule-free-adamw');
  // The attribute error is also a console warning, once.
  expect(messages.filter((m) => !/lino/.test(m))).toEqual([]);
});

for (const lang of ['en', 'ko'] as const) {
  test(`the picker fetches the catalog when focused, then lists every preset in four groups; Lion added runs and shows its rule (${lang})`, async ({ page }) => {
    const messages = watchConsole(page);
    const chunks = watchCatalog(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await serve(page, { 'p.html': { html: pageWith(`<descent-playground lang="${lang}"></descent-playground>`, { lang }) } });
    await page.goto(`${ORIGIN}p.html`);
    const pg = page.locator('descent-playground');
    await expect(pg.locator('[part~="trajectory"]')).toHaveCount(7);
    await page.waitForLoadState('networkidle');
    expect(chunks).toEqual([]);
    const add = pg.locator('label.add select');
    // Before: the default races' presets only, no groups.
    expect(await add.locator('optgroup').count()).toBe(0);
    await add.focus();
    await expect(add.locator('optgroup')).toHaveCount(4);
    const groups = await add.locator('optgroup').evaluateAll((els) =>
      els.map((g) => ({ label: g.getAttribute('label'), ids: [...g.querySelectorAll('option')].map((o) => o.getAttribute('value')) })),
    );
    expect(groups.map((g) => g.label)).toEqual(
      lang === 'en' ? ['From the notes', 'More of torch.optim', 'Second-order', 'Modern'] : ['노트의 일곱 가지', 'torch.optim의 나머지', '2차 방법', '최근의 옵티마이저'],
    );
    expect(groups[0].ids).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam']);
    expect(groups.flatMap((g) => g.ids)).toHaveLength(24);
    expect(groups[2].ids).toEqual(['newton', 'saddle-free-newton']);
    expect(chunks).toEqual(['more-rules']);

    await add.selectOption('lion');
    await expect(pg.locator('[part~="trajectory"]')).toHaveCount(8);
    await expect(pg.locator('[part~="trajectory"][data-optimizer="Lion"]')).toHaveCount(1);
    // The new run is selected: its rule panel fetches the catalog's MathML and shows Lion's rows.
    const rule = pg.locator('[part~="rule"] [data-rule="lion"]');
    await expect(rule.locator('math').first()).toBeVisible();
    expect(await rule.locator('math').count()).toBeGreaterThanOrEqual(6);
    // Not torch.optim's: the implementation it follows, and where implementations differ.
    await expect(pg.locator('[part~="rule"] h3')).toContainText('lion-pytorch');
    // Its summary in the page's language (the catalog's Korean comes with it, on first use).
    await expect(pg.locator('[part~="rule"] > p').first()).toContainText(lang === 'en' ? 'sign' : '부호');
    await expect(pg.locator('[part~="rule"] .differs strong')).toHaveText(lang === 'en' ? 'Where implementations differ:' : '구현마다 다른 점:');
    expect(chunks).toEqual(lang === 'en' ? ['more-rules', 'rules-more.mathml'] : ['more-rules', 'rules-more.mathml', 'ko-prose-more']);
    await page.screenshot({ path: `test-results/catalog-picker-${lang}.png` });
    expect(messages).toEqual([]);
  });
}
