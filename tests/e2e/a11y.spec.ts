/**
 * Keyboard and screen-reader use: every control reachable by Tab with a visible focus ring, the
 * start handle as an ARIA slider, and a polite live region that announces convergence and
 * divergence once (with the matching descent-converge / descent-diverge events for scripts).
 */
import { expect, test, type Page } from '@playwright/test';
import { ORIGIN, pageWith, serve } from './embed-serve';

/** Booth from (-3, 5): "Slow" (SGD, lr 0.05) converges at step 196, "Fast" (SGD, lr 0.2) diverges at step 6. */
const RACE = `<descent-playground id="p" surface="booth" start="-3 5" steps="300">
  <descent-optimizer kind="sgd" lr="0.05" label="Slow"></descent-optimizer>
  <descent-optimizer kind="sgd" lr="0.2" label="Fast"></descent-optimizer>
</descent-playground>`;

async function open(page: Page, body: string, lang = 'en') {
  await serve(page, { 'a11y.html': { html: pageWith(body, { lang }) } });
  await page.goto(`${ORIGIN}a11y.html`);
  const pg = page.locator('descent-playground').first();
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  return pg;
}

/** The focused element, inside shadow roots: what it is and whether its focus ring shows. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const part = el.getAttribute('part');
    const name = part ?? el.getAttribute('aria-label') ?? el.getAttribute('data-layout') ?? el.tagName.toLowerCase();
    const style = getComputedStyle(el);
    const ring = el.querySelector('.handle-focus');
    const visible = ring ? getComputedStyle(ring).opacity === '1' : style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { name, visible };
  });
}

test('Tab reaches every control in order, each with a visible focus ring', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, RACE);
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f || f.name === 'body') break;
    expect(f.visible, `focus ring on ${f.name}`).toBe(true);
    seen.push(f.name);
    if (f.name === 'start-handle') break;
  }
  expect(seen).toEqual([
    'Surface',
    // Enabled: the race differs from the surface's default.
    'restore-race',
    'overlay',
    'grid',
    'map',
    'inspect-toggle',
    'copy-embed',
    'export-button',
    'play',
    'step-button',
    'reset',
    'timeline',
    'Speed in steps per second',
    'Steps per run',
    'Run Slow',
    'button',
    'More settings for Slow',
    'Remove Slow',
    'learning rate',
    'Run Fast',
    'button',
    'More settings for Fast',
    'Remove Fast',
    'learning rate',
    'Add an optimizer',
    // The run legend above the map: one button per run.
    'legend-entry',
    'legend-entry',
    'start-handle',
  ].map((n) => (n === 'learning rate' ? 'input' : n)));
});

test('the start handle is an ARIA slider: arrows, Page Up/Down, Home/End, and a value text with the loss', async ({ page }) => {
  const pg = await open(page, '<descent-playground surface="booth" start="1 2"></descent-playground>');
  const handle = pg.locator('[part~="start-handle"]');
  await expect(handle).toHaveAttribute('role', 'slider');
  await expect(handle).toHaveAttribute('tabindex', '0');
  const point = async () => {
    const text = (await handle.getAttribute('aria-valuetext')) ?? '';
    // d3-format writes a true minus sign (U+2212).
    expect(text).toMatch(/^x [−-]?[\d.]+, y [−-]?[\d.]+, loss [\d.e+−-]+$/);
    const [, x, y] = /^x (\S+), y (\S+),/.exec(text.replace(/−/g, '-')) ?? [];
    return [Number(x), Number(y)];
  };
  const min = Number(await handle.getAttribute('aria-valuemin'));
  const max = Number(await handle.getAttribute('aria-valuemax'));
  expect(await point()).toEqual([1, 2]);
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  const [x1, y1] = await point();
  expect(x1).toBeCloseTo(1 + (max - min) / 100, 6);
  expect(y1).toBe(2);
  await page.keyboard.press('PageUp');
  const [, y2] = await point();
  expect(y2).toBeGreaterThan(y1 + 0.5);
  await page.keyboard.press('PageDown');
  expect((await point())[1]).toBeCloseTo(y1, 6);
  await page.keyboard.press('Home');
  expect((await point())[0]).toBe(min);
  await expect(handle).toHaveAttribute('aria-valuenow', String(min));
  await page.keyboard.press('End');
  expect((await point())[0]).toBe(max);
  await page.keyboard.press('ArrowDown');
  expect((await point())[1]).toBeLessThan(y1);
});

test('a polite live region announces convergence and divergence once; the events fire each time with typed detail', async ({ page }) => {
  const pg = await open(page, RACE);
  const announcer = pg.locator('[part~="announcer"]');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(announcer).toHaveAttribute('role', 'status');
  await pg.evaluate((el) => {
    const w = window as unknown as { log: unknown[]; said: string[] };
    w.log = [];
    w.said = [];
    for (const type of ['descent-converge', 'descent-diverge', 'descent-step'])
      el.addEventListener(type, (e) => w.log.push({ type, ...(e as CustomEvent).detail }));
    const region = el.shadowRoot?.querySelector('[part~="announcer"]');
    if (region) new MutationObserver(() => w.said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
  const seek = (k: number) => pg.evaluate((el, step) => (el as unknown as { seek(k: number): void }).seek(step), k);
  await seek(10);
  await expect(announcer).toHaveText('Fast diverged at step 6');
  await seek(300);
  await expect(announcer).toHaveText('Slow converged at step 196');
  // Back to the start and through again: the events fire again, the announcements do not repeat.
  await seek(0);
  await pg.locator('[part~="timeline"]').focus();
  await page.keyboard.press('End');
  await expect.poll(() => page.evaluate(() => (window as unknown as { log: { type: string }[] }).log.filter((e) => e.type === 'descent-converge').length)).toBe(2);
  const { log, said } = await page.evaluate(() => {
    const w = window as unknown as { log: Record<string, unknown>[]; said: string[] };
    return { log: w.log, said: w.said };
  });
  expect(said).toEqual(['Fast diverged at step 6', 'Slow converged at step 196']);
  const diverge = log.filter((e) => e.type === 'descent-diverge');
  expect(diverge).toHaveLength(2);
  expect(diverge[0]).toMatchObject({ index: 1, kind: 'sgd', label: 'Fast', step: 6 });
  expect(Number.isFinite(diverge[0].x) && Number.isFinite(diverge[0].y)).toBe(true);
  const converge = log.find((e) => e.type === 'descent-converge');
  expect(converge).toMatchObject({ index: 0, kind: 'sgd', label: 'Slow', step: 196 });
  expect(converge?.x as number).toBeCloseTo(1, 4);
  expect(converge?.y as number).toBeCloseTo(3, 4);
  expect(log.filter((e) => e.type === 'descent-step').map((e) => e.step)).toEqual([10, 300, 0, 300]);
  expect(log.find((e) => e.type === 'descent-step')).toMatchObject({ step: 10, preview: false, steps: 300, playing: false });
});
