/**
 * The update-rule panel: each preset shows its own rule (MathML rendered when the package was
 * built), the legend ties its symbols to the controls with their current values, nothing is cut
 * in the narrowest column the panel appears in, and no TeX source ever shows, even while the
 * rules' chunk is on its way. Pages are written here and load the single-file bundle
 * (dist/bundle, from `npm run build`).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

/** Every preset, and the rule (variant) each must show with its defaults, written out by hand. */
const PRESETS: ReadonlyArray<readonly [id: string, rule: string]> = [
  ['sgd', 'sgd'],
  ['momentum', 'sgd+momentum'],
  ['nesterov', 'sgd+nesterov'],
  ['adagrad', 'adagrad'],
  ['adadelta', 'adadelta'],
  ['rmsprop', 'rmsprop'],
  ['adam', 'adam'],
  ['amsgrad', 'adam+amsgrad'],
  ['adamw', 'adamw'],
  ['adamax', 'adamax'],
  ['nadam', 'nadam'],
  ['radam', 'radam'],
  ['rprop', 'rprop'],
  ['asgd', 'asgd'],
  ['lion', 'lion'],
  ['adabelief', 'adabelief+rectify+decoupled'],
  ['yogi', 'yogi'],
  ['adan', 'adan'],
  ['schedule-free-adamw', 'adamwschedulefree'],
  ['lbfgs', 'lbfgs'],
  ['adafactor', 'adafactor'],
  ['newton', 'newton'],
  ['saddle-free-newton', 'saddlefreenewton'],
  ['sam', 'sam'],
];
const ALL = PRESETS.map(([id]) => id).join(' ');

async function open(page: Page, body: string, lang = 'en', routes?: () => Promise<void>): Promise<Locator> {
  await serve(page, { 'rules.html': { html: pageWith(body, { lang }) } });
  // Routes added after serve's run first (Playwright runs the last registered first).
  await routes?.();
  await page.goto(`${ORIGIN}rules.html`);
  const pg = page.locator('descent-playground').first();
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

/**
 * Selects optimizer row `i` (its name button, whatever the language); where the list is behind
 * its disclosure button (the medium band), opens it and closes it again.
 */
async function select(pg: Locator, i: number): Promise<void> {
  const button = pg.locator('li.opt').nth(i).locator('button[aria-pressed]');
  const disclosure = pg.locator('[part~="disclosure"][data-sheet="optimizers"]');
  const hidden = !(await button.isVisible());
  if (hidden) await disclosure.click();
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  if (hidden) await disclosure.click();
}

/** The rule panel's math, once rendered: the variant's key and the text of its MathML. */
async function shownRule(pg: Locator): Promise<{ key: string; text: string }> {
  const math = pg.locator('[part~="rule"] .math');
  await expect(math.locator('math').first()).toBeAttached();
  return math.evaluate((el: HTMLElement) => ({
    key: el.dataset.rule ?? '',
    text: [...el.querySelectorAll('math')].map((m) => (m.textContent ?? '').replace(/\s/g, '')).join(' | '),
  }));
}

/**
 * Elements from the rule's math container up to the document whose content is wider than their
 * box (scrollWidth > clientWidth), and <math> cells sticking out of the container; empty when
 * nothing is cut or scrolls sideways.
 */
async function clipped(pg: Locator): Promise<string[]> {
  return pg.locator('[part~="rule"] .math').evaluate((math: HTMLElement) => {
    const out: string[] = [];
    let node: Element | null = math;
    while (node) {
      if (node.clientWidth > 0 && node.scrollWidth > node.clientWidth) {
        out.push(`${node.tagName.toLowerCase()}.${node.className}: scrollWidth ${node.scrollWidth} > clientWidth ${node.clientWidth}`);
      }
      const parent: Element | null = node.parentElement;
      node = parent ?? ((node.parentNode as ShadowRoot | null)?.host ?? null);
    }
    const box = math.getBoundingClientRect();
    for (const cell of math.querySelectorAll('math')) {
      const r = cell.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        out.push(`<math> ${cell.textContent} spans ${r.left.toFixed(1)}–${r.right.toFixed(1)}, box ${box.left.toFixed(1)}–${box.right.toFixed(1)}`);
      }
    }
    return out;
  });
}

for (const lang of ['en', 'ko']) {
  for (const width of [760, 1100]) {
    test(`${lang}, ${width} px page: every preset's rule fits the rule column (no scrollbar, nothing cut)`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width, height: 900 });
      const pg = await open(page, `<descent-playground optimizers="${ALL}"></descent-playground>`, lang);
      // The width band is measured by a ResizeObserver that re-renders in the next frame, so the
      // column may be laid out a frame after the element appears: wait for it.
      const column = pg.locator('[part~="rule"] .math');
      await expect.poll(() => column.evaluate((el) => el.clientWidth)).toBeGreaterThan(200);
      // The narrowest columns the panel appears in: 260 px (medium band), 300 px (wide band).
      expect(await column.evaluate((el) => el.clientWidth)).toBeLessThanOrEqual(300);
      for (const [i, [id, rule]] of PRESETS.entries()) {
        await select(pg, i);
        expect((await shownRule(pg)).key, id).toBe(rule);
        expect.soft(await clipped(pg), id).toEqual([]);
      }
      expect(messages).toEqual([]);
    });
  }

  test(`${lang}, 760 px page: the forms the catalog's options pick fit too (L-BFGS's line search and maxEval, Adafactor's decay, SAM's ASAM with momentum)`, async ({ page }) => {
    const messages = watchConsole(page);
    await page.setViewportSize({ width: 760, height: 900 });
    const forms: ReadonlyArray<readonly [attributes: string, rule: string]> = [
      ['kind="lbfgs" strong-wolfe max-eval="30"', 'lbfgs+strongwolfe+maxeval'],
      ['kind="adafactor" weight-decay="0.01"', 'adafactor+weightdecay'],
      ['kind="sam" adaptive momentum="0.9"', 'sam+adaptive+momentum'],
    ];
    const children = forms.map(([attributes]) => `<descent-optimizer ${attributes}></descent-optimizer>`).join('');
    const pg = await open(page, `<descent-playground optimizers="lbfgs adafactor sam">${children}</descent-playground>`, lang);
    const column = pg.locator('[part~="rule"] .math');
    await expect.poll(() => column.evaluate((el) => el.clientWidth)).toBeGreaterThan(200);
    expect(await column.evaluate((el) => el.clientWidth)).toBeLessThanOrEqual(300);
    for (const [i, [, rule]] of forms.entries()) {
      await select(pg, i);
      expect((await shownRule(pg)).key).toBe(rule);
      expect.soft(await clipped(pg), rule).toEqual([]);
    }
    expect(messages).toEqual([]);
  });

  test(`${lang}, phone: the details sheet's rule fits (RAdam, the widest rule)`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const pg = await open(page, '<descent-playground optimizers="radam sgd"></descent-playground>', lang);
    await pg.locator('[part~="disclosure"][data-sheet="details"]').click();
    const math = pg.locator('.sheet [part~="rule"] .math');
    await expect(math).toBeVisible();
    expect(await math.evaluate((el) => el.clientWidth)).toBeLessThanOrEqual(300);
    expect((await shownRule(pg)).key).toBe('radam');
    expect(await clipped(pg)).toEqual([]);
  });
}

test("each preset shows its own rule: SGD has no buffer, Momentum no nesterov branch, AMSGrad a max", async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const pg = await open(page, `<descent-playground optimizers="${ALL}"></descent-playground>`);
  const shown: Record<string, string> = {};
  for (const [i, [id]] of PRESETS.entries()) {
    await select(pg, i);
    shown[id] = (await shownRule(pg)).text;
  }
  // Cells are "left side | relation and right side", rows in order.
  const lefts = (id: string) => shown[id].split(' | ').filter((_, k) => k % 2 === 0);
  expect(lefts('sgd')).toEqual(['gt', 'θt']);
  expect(shown.sgd).not.toMatch(/b|μ|τ/);
  expect(lefts('momentum')).toEqual(['gt', 'b1', 'bt', 'θt']);
  expect(shown.momentum).toContain('τ');
  expect(shown.momentum).not.toMatch(/nesterov|otherwise|\+μ/);
  expect(lefts('nesterov')).toEqual(['gt', 'bt', 'θt']);
  expect(shown.nesterov).toContain('(gt+μbt)');
  expect(shown.nesterov).not.toContain('τ');
  expect(shown.adam).not.toContain('max');
  expect(shown.amsgrad).toContain('max');
  // AdamW decays the parameter (its own row) instead of adding λθ to the gradient.
  expect(lefts('adamw')).toEqual(['gt', 'θt−1', 'mt', 'vt', 'v^t', 'm^t', 'θt']);
  expect(shown.adamw).not.toContain('+λθ');
  expect(shown.adam).toContain('+λθ');
  expect(shown.radam).toContain('(ρt>5)');
  // No piecewise braces or tables anywhere: MathML Core would not stretch or align them.
  const tables = await pg.locator('[part~="rule"] mtable').count();
  expect(tables).toBe(0);
});

test('a run whose options change the rule shows the rule it follows: SGD given momentum shows the buffer', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  const pg = await open(page, '<descent-playground optimizers="sgd adam"><descent-optimizer kind="sgd" momentum="0.5"></descent-optimizer><descent-optimizer kind="adam" amsgrad></descent-optimizer></descent-playground>');
  await select(pg, 0);
  expect((await shownRule(pg)).key).toBe('sgd+momentum');
  await expect(pg.locator('[part~="rule"] .symbols')).toContainText('μ = momentum = 0.5');
  await select(pg, 1);
  expect((await shownRule(pg)).key).toBe('adam+amsgrad');
});

for (const [lang, lrName] of [
  ['en', 'lr'],
  ['ko', '학습률'],
] as const) {
  test(`${lang}: the legend "γ = ${lrName} = …" follows the lr slider`, async ({ page }) => {
    await page.setViewportSize({ width: 1100, height: 900 });
    const pg = await open(page, '<descent-playground optimizers="sgd momentum"></descent-playground>', lang);
    await select(pg, 1);
    const legend = pg.locator('[part~="rule"] .symbols');
    const row = pg.locator('li.opt').nth(1);
    const before = (await row.locator('.lr output').textContent())?.trim() ?? '';
    await expect(legend).toContainText(`γ = ${lrName} = ${before}`);
    await expect(legend).toContainText('μ = momentum = 0.9');
    // The slider is log10(lr): -2 is lr 0.01.
    await row.locator('.lr input[type="range"]').fill('-2');
    await expect(row.locator('.lr output')).toHaveText('0.01');
    await expect(legend).toContainText(`γ = ${lrName} = 0.01`);
    expect(before).not.toBe('0.01');
  });
}

test('no TeX source shows while the rules load, nor after', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  // Hold the rules' chunk until the panel has been looked at.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const hold = async () => {
    await page.route(/descent-lab-rules-[\w-]+\.js$/, async (route) => {
      await held;
      await route.fallback();
    });
  };
  const pg = await open(page, '<descent-playground optimizers="adam momentum"></descent-playground>', 'en', hold);
  const rule = pg.locator('[part~="rule"]');
  await expect(rule).toBeVisible();
  await expect(rule.locator('.rows.pending')).toBeAttached();
  const tex = /\\[a-z]+|[_^]\{|\\\\|&=/;
  expect(await rule.innerText()).not.toMatch(tex);
  expect(await rule.locator('math').count()).toBe(0);
  // The reserved room: one line-ish per row, so the panel does not jump much when math arrives.
  expect(await rule.locator('.rows.pending').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(50);
  release();
  await expect(rule.locator('math').first()).toBeAttached();
  expect(await rule.innerText()).not.toMatch(tex);
  await select(pg, 1);
  await expect(rule.locator('.math')).toHaveAttribute('data-rule', 'sgd+momentum');
  expect(await rule.innerText()).not.toMatch(tex);
});
