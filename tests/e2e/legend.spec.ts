/**
 * Which line is which: the run legend (visible at every width, in English and Korean), the
 * highlight shared by the legend, the paths and the loss curves, the loss chart's tooltip and
 * axes, twelve runs told apart by colour and marker, labels of duplicate presets, and the
 * "diverged" badge naming its run.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

async function open(page: Page, body: string, lang = 'en') {
  await serve(page, { 'legend.html': { html: pageWith(body, { lang, head: '<style>body { margin: 0 }</style>' }) } });
  await page.goto(`${ORIGIN}legend.html`);
  const pg = page.locator('descent-playground, descent-surface').first();
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

const ROSENBROCK = '<descent-playground surface="rosenbrock"></descent-playground>';
const NOTES = ['SGD', 'Momentum', 'Nesterov (NAG)', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam'];

/** Sets the playground's optimizers (and optionally other config) by script. */
async function setOptimizers(pg: Locator, optimizers: unknown[], extra: Record<string, unknown> = {}) {
  await pg.evaluate(async (el, [optimizers, extra]) => {
    const p = el as HTMLElement & { config: Record<string, unknown>; updateComplete: Promise<unknown> };
    p.config = { ...p.config, optimizers, ...(extra as object) };
    // In the bundle the first config waits for its checker (a lazy chunk): applied by then.
    await p.updateComplete;
  }, [optimizers, extra] as const);
}

const names = (l: Locator) => l.evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));

for (const lang of ['en', 'ko']) {
  for (const width of [360, 760, 1280]) {
    test(`the run legend is visible, whole and complete at ${width}px (${lang})`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width, height: 900 });
      const pg = await open(page, ROSENBROCK, lang);
      const legend = pg.locator('[part~="run-legend"]');
      await expect(legend).toBeVisible();
      const entries = legend.locator('[part~="legend-entry"]');
      // One entry per run, in the runs' order, with their labels.
      expect(await names(entries)).toEqual(await names(pg.locator('[part~="trajectory"]')));
      expect(await entries.count()).toBe(7);
      await legend.scrollIntoViewIfNeeded();
      const viewport = page.viewportSize() ?? { width, height: 900 };
      const map = await pg.locator('descent-surface [part~="surface"]').first().boundingBox();
      for (const entry of await entries.all()) {
        const box = await entry.boundingBox();
        expect(box).not.toBeNull();
        if (!box || !map) continue;
        // Inside the viewport, above the map (not over it).
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.y + box.height).toBeLessThanOrEqual(map.y + 0.5);
        // Not clipped: the label is not cut off, and the entry is what is on top at its centre.
        const whole = await entry.evaluate((el) => {
          const label = el.querySelector('.legend-label') as HTMLElement;
          const r = el.getBoundingClientRect();
          const root = el.getRootNode() as ShadowRoot;
          const hit = root.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return label.scrollWidth <= label.clientWidth + 1 && !!hit && el.contains(hit);
        });
        expect(whole).toBe(true);
      }
      // The seven entries take at most two rows, at 360 px too.
      const rows = new Set(await entries.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top))));
      expect(rows.size).toBeLessThanOrEqual(2);
      expect(messages).toEqual([]);
    });
  }
}

test('a standalone <descent-surface> shows its own legend, and it highlights', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 700 });
  const surface = await open(page, '<descent-surface surface="himmelblau" optimizers="sgd momentum adam"></descent-surface>');
  const entries = surface.locator('[part~="legend-entry"]');
  expect(await names(entries)).toEqual(['SGD', 'Momentum', 'Adam']);
  await entries.nth(1).hover();
  const opacity = await surface.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => Number(getComputedStyle(e).opacity)));
  expect(opacity[1]).toBe(1);
  expect(opacity[0]).toBeLessThan(0.3);
  expect(opacity[2]).toBeLessThan(0.3);
});

/** Opacity and stroke width of each run's path and loss curve, by label. */
async function looks(pg: Locator) {
  const of = (l: Locator): Promise<Record<string, [number, number]>> =>
    l.evaluateAll((els) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute('data-optimizer') ?? '', [Number(getComputedStyle(e).opacity), parseFloat(getComputedStyle(e).strokeWidth)] as [number, number]]),
      ),
    );
  return { paths: await of(pg.locator('[part~="trajectory"]')), curves: await of(pg.locator('[part~="loss-curve"]')) };
}

function expectHighlighted(l: Awaited<ReturnType<typeof looks>>, name: string) {
  for (const kind of ['paths', 'curves'] as const) {
    for (const [run, [opacity, width]] of Object.entries(l[kind])) {
      if (run === name) {
        expect(opacity, `${kind} ${run}`).toBe(1);
        expect(width, `${kind} ${run}`).toBeGreaterThan(2.5);
      } else {
        expect(opacity, `${kind} ${run}`).toBeLessThan(0.3);
      }
    }
  }
}

test('pointing at or focusing a legend entry, a path or a loss curve highlights that run everywhere', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await open(page, ROSENBROCK);
  const entries = pg.locator('[part~="legend-entry"]');
  // Nothing highlighted: every path and curve at full opacity, normal width.
  const rest = await looks(pg);
  for (const kind of ['paths', 'curves'] as const) for (const [o, w] of Object.values(rest[kind])) expect([o, w < 2.5]).toEqual([1, true]);

  // Hover an entry.
  await entries.nth(6).hover();
  expectHighlighted(await looks(pg), 'Adam');
  await page.mouse.move(5, 5);
  expect(Object.values((await looks(pg)).paths).every(([o]) => o === 1)).toBe(true);

  // Keyboard focus (Tab from the entry before).
  await entries.nth(2).focus();
  await page.keyboard.press('Tab');
  expectHighlighted(await looks(pg), 'Adagrad');
  await page.keyboard.press('Shift+Tab');
  expectHighlighted(await looks(pg), 'Nesterov (NAG)');
  // Enter pins it (aria-pressed); leaving the legend keeps the pinned run highlighted.
  await page.keyboard.press('Enter');
  await expect(entries.nth(2)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expectHighlighted(await looks(pg), 'Nesterov (NAG)');
  await entries.nth(2).click();
  await expect(entries.nth(2)).toHaveAttribute('aria-pressed', 'false');
  await page.mouse.move(5, 5);

  // A point on a path (the one farthest from every other path): that run.
  const [px, py] = await pg.evaluate((el) => {
    const s = el.shadowRoot?.querySelector('descent-surface');
    const paths = [...(s?.shadowRoot?.querySelectorAll<SVGPathElement>('[part~="trajectory"]') ?? [])];
    const sample = (p: SVGPathElement, n: number) =>
      Array.from({ length: n + 1 }, (_, i) => p.getPointAtLength((p.getTotalLength() * i) / n).matrixTransform(p.getScreenCTM() ?? undefined));
    const adagrad = paths.find((p) => p.dataset.optimizer === 'Adagrad') as SVGPathElement;
    const others = paths.filter((p) => p !== adagrad).flatMap((p) => sample(p, 400));
    let best = { d: -1, x: 0, y: 0 };
    for (const q of sample(adagrad, 100)) {
      const d = Math.min(...others.map((o) => Math.hypot(o.x - q.x, o.y - q.y)));
      if (d > best.d) best = { d, x: q.x, y: q.y };
    }
    return [best.x, best.y];
  });
  await page.mouse.move(px, py);
  expectHighlighted(await looks(pg), 'Adagrad');
  await page.mouse.move(5, 5);

  // A point on a loss curve (at its last step, where the curves are far apart).
  const curve = pg.locator('[part~="loss-curve"][data-optimizer="Adadelta"]');
  const [cx, cy] = await curve.evaluate((el: SVGPathElement) => {
    const p = el.getPointAtLength(el.getTotalLength() * 0.9).matrixTransform(el.getScreenCTM() ?? undefined);
    return [p.x, p.y];
  });
  await page.mouse.move(cx, cy);
  // The first move over the chart fetches its hover chunk; that move counts once it is here.
  await expect(async () => expectHighlighted(await looks(pg), 'Adadelta')).toPass({ timeout: 5000 });
  await page.mouse.move(5, 5);
  expect(Object.values((await looks(pg)).curves).every(([o]) => o === 1)).toBe(true);
});

test('a tap on a legend entry toggles the highlight (touch)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const pg = await open(page, ROSENBROCK);
  const entry = pg.locator('[part~="legend-entry"]').nth(3);
  await entry.tap();
  await expect(entry).toHaveAttribute('aria-pressed', 'true');
  const paths = () => pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => Number(getComputedStyle(e).opacity)));
  expect((await paths()).map((o, i) => (i === 3 ? o === 1 : o < 0.3))).toEqual(Array(7).fill(true));
  await entry.tap();
  await expect(entry).toHaveAttribute('aria-pressed', 'false');
  expect((await paths()).every((o) => o === 1)).toBe(true);
  await context.close();
});

test("the loss chart's hover tooltip lists every run's name and its loss at that step", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await open(page, ROSENBROCK);
  const chart = pg.locator('descent-loss-chart');
  const svg = chart.locator('[part~="chart"]');
  const box = await svg.boundingBox();
  if (!box) throw new Error('no chart');
  for (const fraction of [0.1, 0.43, 0.8]) {
    await page.mouse.move(box.x + 46 + (box.width - 62) * fraction, box.y + box.height / 2);
    const tooltip = chart.locator('[part~="tooltip"]');
    await expect(tooltip).toBeVisible();
    const k = Number(/step (\d+)/.exec((await tooltip.locator('.tooltip-step').textContent()) ?? '')?.[1]);
    // The step under the pointer: 1000 steps across the plot.
    expect(Math.abs(k - 1000 * fraction)).toBeLessThanOrEqual(2);
    const rows = await tooltip.locator('.tooltip-row').evaluateAll((els) =>
      els.map((e) => [e.querySelector('.tooltip-name')?.textContent ?? '', e.querySelector('.tooltip-value')?.textContent ?? '']),
    );
    const losses = await chart.evaluate(
      (el, k) => (el as HTMLElement & { runs: { label: string; trajectory: { loss: Float64Array } }[] }).runs.map((r) => [r.label, r.trajectory.loss[k]] as const),
      k,
    );
    expect(rows.map((r) => r[0])).toEqual(NOTES);
    rows.forEach(([name, text], i) => {
      const shown = Number(text.replace('−', '-'));
      const [label, loss] = losses[i];
      expect(name).toBe(label);
      // Three significant digits.
      expect(Math.abs(shown - loss), `${name} at step ${k}: ${text} vs ${loss}`).toBeLessThanOrEqual(Math.abs(loss) * 5e-3 + 1e-300);
    });
  }
  await page.mouse.move(5, 5);
  await expect(chart.locator('[part~="tooltip"]')).toHaveCount(0);
});

test('twelve runs get twelve colours and twelve head shapes, also twelve copies of one preset', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await open(page, ROSENBROCK);
  const all = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam'];
  for (const kinds of [all, Array(12).fill('adam')]) {
    await setOptimizers(pg, kinds.map((kind, i) => ({ kind, hyper: { lr: 0.001 * (i + 1) }, enabled: true })));
    const heads = pg.locator('[part~="head"]');
    await expect(heads).toHaveCount(12);
    const seen = await heads.evaluateAll((els) => els.map((e) => [getComputedStyle(e).fill, e.getAttribute('d')]));
    expect(new Set(seen.map((s) => s[0])).size).toBe(12);
    expect(new Set(seen.map((s) => s[1])).size).toBe(12);
    // The legend shows the same shapes and colours.
    const keys = await pg.locator('[part~="legend-entry"] path').evaluateAll((els) => els.map((e) => [getComputedStyle(e).fill, e.getAttribute('d')]));
    expect(new Set(keys.map((s) => s[0])).size).toBe(12);
    expect(new Set(keys.map((s) => s[1])).size).toBe(12);
    expect(new Set(await names(pg.locator('[part~="legend-entry"]'))).size).toBe(12);
  }
});

test('two copies of a preset get labels that say what differs (English and Korean)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await open(page, ROSENBROCK);
  await setOptimizers(pg, [
    { kind: 'adam', hyper: { lr: 0.1 }, enabled: true },
    { kind: 'adam', hyper: { lr: 0.02 }, enabled: true },
    { kind: 'sgd', hyper: { lr: 0.001 }, enabled: true },
  ]);
  await expect.poll(() => names(pg.locator('[part~="legend-entry"]'))).toEqual(['Adam, lr 0.1', 'Adam, lr 0.02', 'SGD']);
  expect(await names(pg.locator('[part~="loss-curve"]'))).toEqual(['Adam, lr 0.1', 'Adam, lr 0.02', 'SGD']);
  await setOptimizers(pg, [
    { kind: 'adam', hyper: { lr: 0.1 }, enabled: true },
    { kind: 'adam', hyper: { lr: 0.1, beta1: 0.5 }, enabled: true },
  ]);
  await expect.poll(() => names(pg.locator('[part~="legend-entry"]'))).toEqual(['Adam, β₁ 0.9', 'Adam, β₁ 0.5']);
  await pg.evaluate((el) => el.setAttribute('lang', 'ko'));
  await setOptimizers(pg, [
    { kind: 'adam', hyper: { lr: 0.1 }, enabled: true },
    { kind: 'adam', hyper: { lr: 0.02 }, enabled: true },
  ]);
  await expect.poll(() => names(pg.locator('[part~="legend-entry"]'))).toEqual(['Adam, 학습률 0.1', 'Adam, 학습률 0.02']);
});

test('the "diverged" badge over the map names its run (English and Korean)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const pg = await open(page, ROSENBROCK);
  const runs = [
    { kind: 'sgd', hyper: { lr: 0.05 }, enabled: true },
    { kind: 'sgd', hyper: { lr: 0.001 }, enabled: true },
  ];
  await setOptimizers(pg, runs, { steps: 200, step: 200 });
  const k = await pg.locator('descent-loss-chart').evaluate(
    (el) => (el as HTMLElement & { runs: { trajectory: { divergedAt?: number } }[] }).runs[0].trajectory.divergedAt,
  );
  expect(k).toBeGreaterThan(0);
  const badge = pg.locator('.badges [part~="badge"]');
  await expect(badge).toHaveText(`SGD, lr 0.05 diverged at step ${k}`);
  await pg.evaluate((el) => el.setAttribute('lang', 'ko'));
  await expect(badge).toHaveText(`SGD, 학습률 0.05 발산: ${k}단계`);
});

for (const width of [360, 1280]) {
  test(`the loss chart's axis labels never overlap and its curves are clipped to the plot (${width}px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const pg = await open(page, ROSENBROCK);
    if (width < 640) await pg.locator('[part~="disclosure"][data-sheet="details"]').click();
    const chart = pg.locator('descent-loss-chart');
    await expect(chart.locator('[part~="loss-curve"]').first()).toBeAttached();
    const boxes = await chart.locator('svg text').evaluateAll((els) =>
      els.filter((e) => e.textContent?.trim()).map((e) => {
        const r = e.getBoundingClientRect();
        return { text: e.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
      }),
    );
    expect(boxes.map((b) => b.text)).toContain('step');
    expect(boxes.map((b) => b.text)).toContain('1000');
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `"${a.text}" and "${b.text}"`).toBe(false);
      }
    }
    // Every curve sits in a group clipped to the plot area (the frame's width, the plot's height).
    const clip = await chart.evaluate((el) => {
      const root = el.shadowRoot as ShadowRoot;
      const curves = [...root.querySelectorAll('[part~="loss-curve"]')];
      const groups = new Set(curves.map((c) => c.closest('[clip-path]')));
      const group = [...groups][0];
      const id = /url\(#(.+)\)/.exec(group?.getAttribute('clip-path') ?? '')?.[1];
      const rect = id ? root.getElementById(id)?.querySelector('rect') : null;
      const frame = root.querySelector('.frame-line') as SVGLineElement;
      // The clip rect is in the clipped group's user space (clipPathUnits userSpaceOnUse).
      const ctm = (group as SVGGraphicsElement | null)?.getScreenCTM() ?? undefined;
      const corner = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(ctm);
      const bb = rect?.getBBox();
      const [p0, p1] = bb ? [corner(bb.x, bb.y), corner(bb.x + bb.width, bb.y + bb.height)] : [];
      const r = p0 && p1 ? { left: p0.x, right: p1.x, top: p0.y, bottom: p1.y } : undefined;
      const f = frame.getBoundingClientRect();
      const cursor = (root.querySelector('[part~="cursor"]') as SVGLineElement).getBoundingClientRect();
      return { groups: groups.size, hasGroup: !!group, r: r && [r.left, r.right, r.top, r.bottom], f: [f.left, f.right, f.top], top: cursor.top };
    });
    expect(clip.groups).toBe(1);
    expect(clip.hasGroup).toBe(true);
    expect(clip.r).toBeDefined();
    const [l, r, t, b] = clip.r as number[];
    expect(Math.abs(l - clip.f[0])).toBeLessThan(1);
    expect(Math.abs(r - clip.f[1])).toBeLessThan(1);
    expect(Math.abs(b - clip.f[2])).toBeLessThan(1.5);
    expect(Math.abs(t - clip.top)).toBeLessThan(1.5);
  });
}

test('under a strict CSP (no inline styles) the legend, the highlight and the tooltip are styled, with no refusals', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.sample}`),
    );
  });
  await serve(page, {
    'csp.html': {
      html: pageWith(ROSENBROCK),
      headers: { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" },
    },
  });
  const messages = watchConsole(page);
  await page.goto(`${ORIGIN}csp.html`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  // Entry colours come through CSSOM: the marker is filled with its run's colour.
  const fill = await pg.locator('[part~="legend-entry"] path').first().evaluate((e) => getComputedStyle(e).fill);
  expect(fill).toBe('rgb(26, 26, 26)');
  await pg.locator('[part~="legend-entry"]').nth(1).hover();
  expect(await pg.locator('[part~="trajectory"]').first().evaluate((e) => Number(getComputedStyle(e).opacity))).toBeLessThan(0.3);
  const box = await pg.locator('descent-loss-chart [part~="chart"]').boundingBox();
  if (!box) throw new Error('no chart');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tooltip = pg.locator('[part~="tooltip"]');
  await expect(tooltip).toBeVisible();
  expect(await tooltip.evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
  // The only refusal is of eval (the core's generated step loop falls back from it silently).
  expect(violations.filter((v) => !v.startsWith('script-src'))).toEqual([]);
  expect(messages).toEqual([]);
});
