import { expect, test } from '@playwright/test';
import { centre, distance, headPositions, openApp, pathStarts, shownStep, watchConsole } from './helpers';

const NOTES = ['SGD', 'Momentum', 'Nesterov (NAG)', 'Adagrad', 'Adadelta', 'RMSprop', 'Adam'];

test('index.html loads with no console errors or warnings and shows the default race', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page);
  const names = await pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));
  expect(names).toEqual(NOTES);
  await expect(pg.locator('[part~="head"]')).toHaveCount(7);
  await expect(pg.locator('[part~="contours"]')).toHaveAttribute('data-surface', /.+/);
  await expect(pg.locator('[part~="critical-point"]').first()).toBeAttached();
  for (const part of ['controls', 'play', 'timeline', 'loss-chart', 'start-handle', 'surface']) {
    await expect(pg.locator(`[part~="${part}"]`).first()).toBeVisible();
  }
  // The rule panel shows the rule's MathML (rendered at build time) once its chunk has loaded.
  await expect(pg.locator('[part~="rule"] math').first()).toBeAttached();
  await page.waitForTimeout(300);
  expect(messages).toEqual([]);
});

test('dragging the start handle with the mouse moves the start of every trajectory to the drop point', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const handle = pg.locator('[part~="start-handle"]');
  const before = await pathStarts(pg);
  const [hx, hy] = await centre(handle);
  for (const [name, p] of Object.entries(before)) expect(distance(p, [hx, hy]), name).toBeLessThan(1.5);

  const drop: [number, number] = [hx + 120, hy - 70];
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx + 40, hy - 20, { steps: 4 });
  // Live: the paths follow while the button is still down.
  const during = await pathStarts(pg);
  for (const p of Object.values(during)) expect(distance(p, [hx + 40, hy - 20])).toBeLessThan(1.5);
  await page.mouse.move(drop[0], drop[1], { steps: 6 });
  await page.mouse.up();

  const after = await pathStarts(pg);
  expect(Object.keys(after)).toEqual(NOTES);
  for (const [name, p] of Object.entries(after)) expect(distance(p, drop), name).toBeLessThan(1.5);
  expect(distance(await centre(handle), drop)).toBeLessThan(1.5);
  // Each path is recomputed, not translated: the second point moves differently from the first.
  const text = await handle.getAttribute('aria-valuetext');
  expect(text).toMatch(/^x -?[\d.−]+, y -?[\d.−]+, loss [\d.e−-]+$/);
});

test('while the handle is held the loss chart follows the drag (a frame behind the map), and ends where the drop puts it', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const handle = pg.locator('[part~="start-handle"]');
  const curves = () => pg.locator('[part~="loss-curve"]').evaluateAll((els) => els.map((e) => e.getAttribute('d')));
  // The curves of a start, measured as a settled page draws them (the drop of an earlier drag).
  const [hx, hy] = await centre(handle);
  const before = await curves();
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx + 60, hy - 30, { steps: 5 });
  // Still held: within a few frames the chart shows the new start's losses.
  await expect.poll(curves).not.toEqual(before);
  const held = await curves();
  await page.mouse.up();
  // Released where it was held: the final update draws the same curves.
  await page.waitForTimeout(100);
  expect(await curves()).toEqual(held);
  // And they are the curves of that start: the same start reached by a fresh page's link. The link
  // is written 150 ms after the drop (one write per burst of changes): wait for it.
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('start=');
  const hash = await page.evaluate(() => location.hash.slice(1));
  const fresh = await openApp(await page.context().newPage(), hash);
  await expect.poll(() => fresh.locator('[part~="loss-curve"]').evaluateAll((els) => els.map((e) => e.getAttribute('d')))).toEqual(held);
});

test('a drag move writes each head once: the map\'s and the chart\'s heads and the cursor are not written again with the same values', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const handle = pg.locator('[part~="start-handle"]');
  const runs = await pg.locator('[part~="trajectory"]').count();
  const [hx, hy] = await centre(handle);
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx + 5, hy + 5);
  await page.waitForTimeout(200);
  // Every attribute write in the playground's shadow trees, by part and attribute.
  await page.evaluate(() => {
    const counts: Record<string, number> = {};
    (window as unknown as { __writes: Record<string, number> }).__writes = counts;
    const observer = new MutationObserver((list) => {
      for (const m of list) {
        const key = `${(m.target as Element).getAttribute('part')} ${m.attributeName}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    });
    const pg = document.querySelector('descent-playground')!.shadowRoot!;
    observer.observe(pg, { subtree: true, attributes: true });
    for (const el of pg.querySelectorAll('descent-surface, descent-loss-chart')) observer.observe(el.shadowRoot!, { subtree: true, attributes: true });
  });
  const moves = 20;
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(hx + 5 + 3 * i, hy + 5 - 2 * i);
    // One move per frame and its chart catch-up (a frame behind), as a hand moves.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r)))));
  }
  await page.waitForTimeout(200);
  const writes = await page.evaluate(() => (window as unknown as { __writes: Record<string, number> }).__writes);
  await page.mouse.up();
  // Each move moves every head once, on the map and on the chart (which follows a frame behind).
  expect(writes['head transform']).toBe(runs * moves);
  expect(writes['loss-head transform']).toBe(runs * moves);
  // At step 0 the chart's cursor stays put: it is not written at all.
  expect(writes['cursor x1'] ?? 0).toBe(0);
});

test('the start handle is shared by every panel in grid layout', async ({ page }) => {
  const pg = await openApp(page, 'surface=two-wells&layout=grid');
  const panels = pg.locator('descent-surface');
  await expect(panels).toHaveCount(7);
  const handle = panels.nth(4).locator('[part~="start-handle"]');
  const [hx, hy] = await centre(handle);
  await page.mouse.move(hx, hy);
  await page.mouse.down();
  await page.mouse.move(hx - 30, hy + 25, { steps: 5 });
  await page.mouse.up();
  // In every panel the path starts where that panel's handle now is, at the same plot offset.
  const offsets: [number, number][] = [];
  for (let i = 0; i < 7; i++) {
    const panel = panels.nth(i);
    const [start] = Object.values(await pathStarts(panel));
    const own = await centre(panel.locator('[part~="start-handle"]'));
    expect(distance(start, own)).toBeLessThan(1.5);
    const box = await panel.locator('canvas[part~="contours"]').boundingBox();
    offsets.push([start[0] - (box?.x ?? 0), start[1] - (box?.y ?? 0)]);
  }
  for (const o of offsets) expect(distance(o, offsets[0])).toBeLessThan(1);
  expect(distance(offsets[4], [0, 0])).toBeGreaterThan(0);
});

test('the keyboard moves the start handle and the paths with it', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const handle = pg.locator('[part~="start-handle"]');
  await expect(handle).toHaveAttribute('role', 'slider');
  await expect(handle).toHaveAttribute('aria-label', 'Start point');
  const before = await centre(handle);
  const label = await handle.getAttribute('aria-valuetext');
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  const after = await centre(handle);
  expect(after[0]).toBeGreaterThan(before[0] + 2);
  expect(after[1]).toBeLessThan(before[1] - 20);
  expect(await handle.getAttribute('aria-valuetext')).not.toBe(label);
  for (const p of Object.values(await pathStarts(pg))) expect(distance(p, after)).toBeLessThan(1.5);
});

test('play advances the heads, pause stops them, reset returns them', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const start = await centre(pg.locator('[part~="start-handle"]'));
  const atStart = await headPositions(pg);
  for (const p of Object.values(atStart)) expect(distance(p, start)).toBeLessThan(1.5);

  const play = pg.locator('[part~="play"]');
  await play.click();
  await expect.poll(() => shownStep(pg)).toBeGreaterThan(10);
  await play.click(); // pause
  await expect(play).toHaveAccessibleName('Play');
  const paused = await headPositions(pg);
  const pausedStep = await shownStep(pg);
  const moved = Object.entries(paused).filter(([name, p]) => distance(p, atStart[name]) > 1);
  expect(moved.length).toBeGreaterThanOrEqual(5);
  await page.waitForTimeout(400);
  expect(await shownStep(pg)).toBe(pausedStep);
  expect(await headPositions(pg)).toEqual(paused);

  await pg.locator('[part~="reset"]').click();
  expect(await shownStep(pg)).toBe(0);
  for (const p of Object.values(await headPositions(pg))) expect(distance(p, start)).toBeLessThan(1.5);
});

test('the step button, the timeline and the loss chart all move every head', async ({ page }) => {
  const pg = await openApp(page, 'surface=two-wells&layout=grid');
  await pg.locator('[part~="step-button"]').click();
  expect(await shownStep(pg)).toBe(1);
  const timeline = pg.locator('[part~="timeline"]');
  await timeline.focus();
  await page.keyboard.press('End');
  const steps = Number(await timeline.getAttribute('max'));
  expect(await shownStep(pg)).toBe(steps);
  const atEnd = await headPositions(pg);

  // Hovering the loss chart previews a step in every panel; leaving restores the step.
  const chart = pg.locator('[part~="loss-chart"] [part~="chart"]');
  const box = await chart.boundingBox();
  if (!box) throw new Error('no loss chart');
  await page.mouse.move(box.x + 60, box.y + box.height / 2);
  const previewStep = await shownStep(pg);
  expect(previewStep).toBeGreaterThan(0);
  expect(previewStep).toBeLessThan(steps);
  const previewed = await headPositions(pg);
  expect(Object.keys(previewed).filter((k) => distance(previewed[k], atEnd[k]) > 1).length).toBeGreaterThanOrEqual(4);
  await page.mouse.move(box.x - 200, box.y - 200);
  expect(await shownStep(pg)).toBe(steps);
  // Pressing scrubs for good.
  await page.mouse.click(box.x + 60, box.y + box.height / 2);
  await page.mouse.move(box.x - 200, box.y - 200);
  expect(await shownStep(pg)).toBe(previewStep);
});

test('switching surface redraws the contours and the critical points', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  const contours = pg.locator('[part~="contours"]');
  const pixels = () => contours.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const markers = () =>
    pg.locator('[part~="critical-point"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}@${e.getAttribute('transform')}`));
  const before = { pixels: await pixels(), markers: await markers() };
  expect(before.markers).toEqual([expect.stringMatching(/^global-min@/)]);
  await expect(contours).toHaveAttribute('data-spacing', 'log');

  await pg.getByLabel('Surface').selectOption('himmelblau');
  await expect(contours).toHaveAttribute('data-surface', 'himmelblau');
  const after = { pixels: await pixels(), markers: await markers() };
  expect(after.pixels).not.toBe(before.pixels);
  expect(after.markers.filter((m) => m.startsWith('global-min@'))).toHaveLength(4);
  expect(after.markers).toContainEqual(expect.stringMatching(/^saddle@/));
  expect(after.markers).toContainEqual(expect.stringMatching(/^local-max@/));
  // The legend lists the kinds shown.
  await expect(pg.getByLabel('Critical points')).toContainText('saddle point');
});

test('a learning rate that diverges shows the badge while the other paths keep going', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock&speed=30');
  // Sgd's learning-rate slider to its maximum (10): it blows up within a few steps.
  const lr = pg.getByLabel('lr', { exact: true }).first();
  await lr.focus();
  await page.keyboard.press('End');
  await expect(pg.locator('li.opt').first().locator('output')).toHaveText('10');
  await pg.locator('[part~="play"]').click();
  const badge = pg.locator('[part~="badge"][data-optimizer="SGD"]').first();
  await expect(badge).toBeVisible();
  await expect(badge).toHaveText(/^diverged at step \d+$/);
  const early = await headPositions(pg);
  await expect.poll(async () => {
    const later = await headPositions(pg);
    return ['Adam', 'RMSprop', 'Adagrad'].filter((n) => distance(later[n], early[n]) > 2).length;
  }).toBeGreaterThanOrEqual(2);
  const sgdLater = (await headPositions(pg)).SGD;
  expect(distance(sgdLater, early.SGD)).toBeLessThan(0.5);
  await expect(pg.locator('[part~="badge"][data-optimizer="SGD"]')).toHaveCount(2); // in the list and on the map
});

test('the URL hash round-trips the configuration', async ({ page, context }) => {
  const pg = await openApp(page, 'surface=saddle');
  await pg.getByLabel('Surface').selectOption('two-wells');
  await pg.locator('button[data-layout="grid"]').click();
  await pg.getByLabel('Add an optimizer').selectOption('adam');
  const lrs = pg.getByLabel('lr', { exact: true });
  await lrs.last().focus();
  await page.keyboard.press('ArrowLeft');
  const handle = pg.locator('descent-surface').first().locator('[part~="start-handle"]');
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  await pg.locator('[part~="step-button"]').click();
  await pg.locator('[part~="step-button"]').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/step=2/);
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toMatch(/^#surface=two-wells&start=[-\d.]+,[-\d.]+&layout=grid&step=2&opt=.*adam\(lr=[\d.]+\)$/);

  const snapshot = async (p: typeof pg) => ({
    surface: await p.getByLabel('Surface').inputValue(),
    layout: await p.locator('button[data-layout][aria-pressed="true"]').getAttribute('data-layout'),
    handle: await p.locator('[part~="start-handle"]').first().getAttribute('aria-valuetext'),
    step: await shownStep(p),
    lrs: await p.locator('li.opt output').allTextContents(),
    paths: await p.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('d'))),
  });
  const original = await snapshot(pg);
  expect(original.lrs).toHaveLength(8);

  const other = await context.newPage();
  const restored = await openApp(other, hash.slice(1));
  expect(await snapshot(restored)).toEqual(original);
  // Reloading restores it too.
  await page.reload();
  expect(await snapshot(page.locator('descent-playground'))).toEqual(original);
});

test('"Copy link" copies the address with the configuration in its hash', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const pg = await openApp(page, 'surface=ravine');
  await pg.locator('button[data-layout="grid"]').click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('#copy-link')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).hash).toBe('#surface=ravine&layout=grid');
});

test('each optimizer can be switched off, tuned, explained and added twice', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  await pg.getByLabel('Run Adagrad').uncheck();
  await expect(pg.locator('[part~="trajectory"]')).toHaveCount(6);
  await pg.getByLabel('Add an optimizer').selectOption('adam');
  const names = await pg.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));
  expect(names).toHaveLength(7);
  // The two copies differ in nothing: the second is numbered (labels say what differs, when anything does).
  expect(names.filter((n) => n?.startsWith('Adam'))).toEqual(['Adam', 'Adam #2']);
  // The rule of the selected optimizer is rendered math (a <math> per side of each row), with
  // torch's Nesterov note.
  await pg.getByRole('button', { name: 'Nesterov (NAG)', exact: true }).click();
  const rule = pg.locator('[part~="rule"]');
  await expect(rule.locator('math').first()).toBeAttached();
  await expect(rule.locator('.math')).toHaveAttribute('data-rule', 'sgd+nesterov');
  await expect(rule).toContainText('look-ahead');
  // More settings: momentum of Nesterov edited in place; a bad value gives a message.
  await pg.getByLabel('More settings for Nesterov (NAG)').click();
  const momentum = pg.locator('li.opt', { hasText: 'Nesterov' }).getByLabel('momentum', { exact: true });
  // Each field's name carries its tooltip (the English ones come with the settings).
  await expect(pg.locator('li.opt', { hasText: 'Nesterov' }).locator('label', { hasText: /^momentum$/ })).toHaveAttribute('title', 'momentum factor μ');
  await momentum.fill('-1');
  await momentum.press('Enter');
  await expect(pg.locator('[part~="field-error"]')).toContainText('option "momentum" must be a number >= 0, got -1');
});

test('bad attributes give a visible, specific message and a warning, and the rest still works', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<descent-playground id="bad" surface="nope" optimizers="sgd adamm" start="1" layout="tiles"></descent-playground>',
    );
  });
  const bad = page.locator('#bad');
  const error = bad.locator('[part~="error"]');
  await expect(error).toContainText('Attribute surface="nope" is not a catalog surface; use one of saddle, ');
  await expect(error).toContainText('Attribute optimizers="sgd adamm" names "adamm", which is not an optimizer');
  await expect(error).toContainText('Attribute start="1" must be two numbers "x y"');
  await expect(error).toContainText('Attribute layout="tiles" must be overlay, grid or map');
  await expect(bad.locator('[part~="trajectory"]')).toHaveCount(1);
  await expect(bad.locator('[part~="contours"]')).toHaveAttribute('data-surface', 'rosenbrock');
  expect(messages.filter((m) => m.startsWith('warning: descent-playground: Attribute'))).toHaveLength(4);
});

test('<descent-optimizer> children set the race, the same kind twice with its own label', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML(
      'afterbegin',
      `<descent-playground id="kids" surface="ravine" optimizers="sgd" layout="grid" steps="120">
        <descent-optimizer kind="adam" lr="0.05" label="Adam, lr 0.05"></descent-optimizer>
        <descent-optimizer kind="adam" lr="0.3" beta1="0.5"></descent-optimizer>
        <descent-optimizer kind="momentum" lr="0.01" weight-decay="0.1"></descent-optimizer>
      </descent-playground>`,
    );
  });
  const kids = page.locator('#kids');
  await expect(kids.locator('descent-surface')).toHaveCount(3);
  const names = await kids.locator('[part~="trajectory"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-optimizer')));
  // The unlabelled copy says what differs from the other Adam (its own label kept as written).
  expect(names).toEqual(['Adam, lr 0.05', 'Adam, lr 0.3, β₁ 0.5', 'Momentum']);
  await expect(kids.locator('[part~="timeline"]')).toHaveAttribute('max', '120');
  // Changing a child re-runs the race.
  await page.evaluate(() => document.querySelector('#kids descent-optimizer')?.setAttribute('label', 'Renamed'));
  await expect(kids.locator('[part~="trajectory"]').first()).toHaveAttribute('data-optimizer', 'Renamed');
});

test('nothing animates while the playground is offscreen', async ({ page }) => {
  const pg = await openApp(page, 'surface=rosenbrock');
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.prepend(spacer);
    window.scrollTo(0, 0);
  });
  await pg.evaluate((el: HTMLElement & { play(): void }) => el.play());
  await page.waitForTimeout(500);
  expect(await shownStep(pg)).toBe(0);
  await pg.evaluate((el) => el.scrollIntoView());
  await expect.poll(() => shownStep(pg)).toBeGreaterThan(0);
});

test('<descent-surface> works on its own: runs its optimizers and follows its handle', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    document.querySelector('main')?.insertAdjacentHTML(
      'afterbegin',
      '<descent-surface id="solo" surface="saddle" optimizers="sgd adam" style="display:block;width:360px"></descent-surface>',
    );
  });
  const solo = page.locator('#solo');
  await expect(solo.locator('[part~="trajectory"]')).toHaveCount(2);
  await expect(solo.locator('[part~="critical-point"][data-kind="saddle"]')).toHaveCount(1);
  const events: unknown[] = [];
  await page.exposeFunction('recordStart', (d: unknown) => events.push(d));
  await page.evaluate(() =>
    document.querySelector('#solo')?.addEventListener('descent-start-change', (e) =>
      (window as unknown as { recordStart(d: unknown): void }).recordStart((e as CustomEvent).detail),
    ),
  );
  const handle = solo.locator('[part~="start-handle"]');
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => events.length).toBe(1);
  expect(events[0]).toEqual({ start: [1.76, 0.05], source: 'keyboard', final: true });
  const after = await centre(handle);
  for (const p of Object.values(await pathStarts(solo))) expect(distance(p, after)).toBeLessThan(1.5);
});
