/**
 * Issue #10: typing an expression never blocks the page. The slow expressions of the issue took
 * seconds in one task (the critical-point search, the map's grid and contour rings of a
 * corrugated surface); now the search pauses and stops at a budget, the map is sampled and
 * painted in short tasks, and derivatives past 2000 operations are refused.
 *
 * Long tasks are read with a PerformanceObserver while the text is inserted through the input
 * method (CDP), and the page is polled with one cheap function, so that Playwright's own
 * selector engine (tens of milliseconds per query in a deep shadow tree) is not measured.
 */
import { expect, test, type Page } from '@playwright/test';

const SUM_240 = 'x' + ' + x'.repeat(240) + ' + y^2';
const MAX_160 = `max(${Array.from({ length: 160 }, (_, i) => `x+${i}`).join(',')},y)`;
const HYPOT_300 = `hypot(${Array(300).fill('x').join(', ')})`;
const SIN_50 = 'sin(50*x)*sin(50*y)';
const SIN_10 = 'sin(10*x)*cos(10*y)';

/**
 * The bound asserted: the test machine runs two browsers on two shared cores, so a task's wall
 * time stretches with the other's load. Before the fix these expressions ran tasks of 0.3 to 5.7
 * seconds (sin(10x)·cos(10y) 0.3 s, sum 3.7 s, max 0.9 s, hypot 5.7 s, sin(50x)·sin(50y) 1.1 s);
 * now mostly none over 50 ms (see the README's figures).
 */
const MAX_TASK_MS = 250;

/** What the map and the field show: the painted surface, the field's state, the notes. */
async function state(page: Page) {
  return page.evaluate(() => {
    const pg = document.querySelector('descent-playground')!.shadowRoot!;
    const canvas = pg.querySelector('descent-surface')?.shadowRoot?.querySelector('canvas');
    const input = pg.querySelector<HTMLInputElement>('[part~="expression-input"]');
    return {
      surface: canvas?.dataset.surface ?? '',
      busy: input?.getAttribute('aria-busy') ?? '',
      error: pg.querySelector('[part~="expression-error"]')?.textContent ?? '',
      note: pg.querySelector('descent-surface')?.shadowRoot?.querySelector('[part~="note"]')?.textContent ?? '',
    };
  });
}

/** Replaces the expression through the input method and waits until the map or the field has it. */
async function typeAndWait(page: Page, text: string, until: 'map' | 'error'): Promise<void> {
  const before = (await state(page)).surface;
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.waitForFunction(
    ([before, until]) => {
      const pg = document.querySelector('descent-playground')!.shadowRoot!;
      if (until === 'error') return (pg.querySelector('[part~="expression-error"]')?.textContent ?? '') !== '';
      const canvas = pg.querySelector('descent-surface')?.shadowRoot?.querySelector('canvas');
      return !!canvas?.dataset.surface?.startsWith('expr:') && canvas.dataset.surface !== before;
    },
    [before, until] as const,
    { polling: 100, timeout: 20_000 },
  );
  // The map's painting and the race finish in short tasks after the swap.
  await page.waitForTimeout(600);
}

test('typing the issue\'s slow expressions runs no long task: the search stops at its budget, the map paints in short tasks', async ({ page }) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => {
    const long: number[] = [];
    (window as unknown as { __long: number[] }).__long = long;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
    // What ran in them, for the log when the bound is missed (long animation frames name scripts).
    const frames: string[] = [];
    (window as unknown as { __frames: string[] }).__frames = frames;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { scripts?: { invoker: string; sourceFunctionName: string; duration: number }[] })[]) {
        const scripts = (e.scripts ?? []).filter((s) => s.duration > 10).map((s) => `${s.invoker}/${s.sourceFunctionName}:${Math.round(s.duration)}`);
        if (e.duration > 50) frames.push(`${Math.round(e.duration)} ms [${scripts.join(', ')}]`);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await page.goto('./');
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();
  await pg.getByLabel('Surface').selectOption('custom');
  const input = pg.locator('[part~="expression-input"]');
  await expect(input).toBeVisible();
  await input.focus();
  // The first expression warms the compiler up (loading its chunk is not typing).
  await typeAndWait(page, 'x^2 + 3*y^2', 'map');
  await page.evaluate(() => ((window as unknown as { __long: number[] }).__long.length = 0));

  const seen: Record<string, number[]> = {};
  const frames: Record<string, string[]> = {};
  type Probe = { __long: number[]; __frames: string[] };
  /**
   * Types `text` and records the long tasks until the map (or the error) has it. Over the bound,
   * once more with the same expression written differently (compiled and painted afresh, not
   * from a cache): on a shared machine the renderer can be descheduled mid-task, and a real
   * regression (seconds, as before) misses the bound both times.
   */
  const measure = async (name: string, text: string, until: 'map' | 'error') => {
    for (const variant of [text, `${text} + 0`]) {
      await page.evaluate(() => {
        (window as unknown as Probe).__long.length = 0;
        (window as unknown as Probe).__frames.length = 0;
      });
      await typeAndWait(page, variant, until);
      seen[name] = await page.evaluate(() => [...(window as unknown as Probe).__long]);
      frames[name] = await page.evaluate(() => [...(window as unknown as Probe).__frames]);
      if (Math.max(0, ...seen[name]) < MAX_TASK_MS) break;
    }
    return state(page);
  };

  // No critical point at all (its x-derivative is the constant 241): known without a search.
  expect((await measure('sum of 241 x', SUM_240, 'map')).note).toBe('');
  // A search that stops at its budget, and says so on the map.
  expect((await measure('max of 160', MAX_160, 'map')).note).toMatch(/^Partial: the critical-point search hit its budget/);
  // 6,000 operations for f and its derivatives: refused at once, naming the count.
  const refused = await measure('hypot of 300', HYPOT_300, 'error');
  expect(refused.error).toMatch(/too complex: f, its gradient and its Hessian take \d+ operations; at most 2000 are allowed/);
  // Corrugated: 80 ripples across the map, painted per pixel from a lattice, in strips.
  await measure('sin(50x) sin(50y)', SIN_50, 'map');
  await measure('sin(10x) cos(10y)', SIN_10, 'map');
  console.log('long tasks while typing (ms):', JSON.stringify(seen));
  console.log('long animation frames over 50 ms (scripts over 10 ms):', JSON.stringify(frames));
  for (const [name, tasks] of Object.entries(seen)) expect(Math.max(0, ...tasks), name).toBeLessThan(MAX_TASK_MS);

  // The corrugated map is painted (not left blank) once its strips are in.
  const painted = await pg.locator('canvas[part~="contours"]').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set<number>();
    for (let k = 0; k < data.length; k += 4 * 97) colours.add((data[k] << 16) | (data[k + 1] << 8) | data[k + 2]);
    return colours.size;
  });
  expect(painted).toBeGreaterThan(8);
});
