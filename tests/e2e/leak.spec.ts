import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

/**
 * Adding and removing an optimizer over and over must not grow Chromium's DOM node and listener
 * counts (issue #10). Two things kept removed nodes: lit's `repeat()` left each removed item's
 * end marker comment in the DOM (5 per cycle on the overlay map), and a map's
 * `clip-path="url(#plot-clip)"` kept removed grid panels alive (hundreds to thousands of nodes
 * and tens of listeners per 100 cycles). The counts come from the DevTools protocol after a
 * full collection, so they include detached nodes that are still retained.
 */

interface Counters {
  nodes: number;
  listeners: number;
}

async function counters(page: Page): Promise<Counters> {
  const cdp = await page.context().newCDPSession(page);
  // Twice: the first collection can free objects whose finalizers release more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await cdp.send('Memory.getDOMCounters');
  await cdp.detach();
  return { nodes: c.nodes, listeners: c.jsEventListeners };
}

/**
 * Adds an Adam and removes it again, `n` times, through the list's own controls, each time
 * waiting until the map shows the new run (and then no longer shows it).
 */
async function cycles(page: Page, n: number): Promise<void> {
  await page.evaluate(async (n) => {
    const pg = document.querySelector('descent-playground') as HTMLElement & { updateComplete: Promise<unknown> };
    const root = pg.shadowRoot as ShadowRoot;
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const drawn = () =>
      [...root.querySelectorAll('descent-surface')].reduce(
        (sum, s) => sum + (s.shadowRoot?.querySelectorAll('[part~="trajectory"]').length ?? 0),
        0,
      );
    const until = async (count: number) => {
      for (let i = 0; i < 200; i++) {
        await pg.updateComplete;
        await frame();
        if (drawn() === count) return;
      }
      throw new Error(`the map never showed ${count} trajectories (it shows ${drawn()})`);
    };
    const base = drawn();
    for (let i = 0; i < n; i++) {
      const select = root.querySelector('select[aria-label="Add an optimizer"]') as HTMLSelectElement;
      select.value = 'adam';
      select.dispatchEvent(new Event('change'));
      await until(base + 1);
      const remove = [...root.querySelectorAll<HTMLButtonElement>('li.opt button[aria-label^="Remove"]')].at(-1);
      remove?.click();
      await until(base);
    }
  }, n);
}

/** Growth of the counters per 100 cycles, after a warm-up, with the counts it comes from. */
async function growth(page: Page, n: number): Promise<Counters & { counts: string }> {
  await cycles(page, 20); // warm-up: template caches, lazy chunks, first-use allocations
  const before = await counters(page);
  await cycles(page, n);
  const after = await counters(page);
  const per100 = (a: number, b: number) => Math.round(((b - a) * 100) / n);
  return {
    nodes: per100(before.nodes, after.nodes),
    listeners: per100(before.listeners, after.listeners),
    counts: `${n} cycles: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
  };
}

test('adding and removing an optimizer on the overlay map keeps the node and listener counts flat', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, 'surface=himmelblau');
  const grown = await growth(page, 150);
  expect(grown.nodes, `DOM nodes per 100 cycles (${grown.counts})`).toBeLessThan(20);
  expect(grown.listeners, `event listeners per 100 cycles (${grown.counts})`).toBeLessThan(20);
});

test('adding and removing an optimizer in the grid keeps the node and listener counts flat', async ({ page }) => {
  test.setTimeout(60_000);
  await openApp(page, 'surface=himmelblau&layout=grid');
  const grown = await growth(page, 100);
  expect(grown.nodes, `DOM nodes per 100 cycles (${grown.counts})`).toBeLessThan(20);
  expect(grown.listeners, `event listeners per 100 cycles (${grown.counts})`).toBeLessThan(20);
});
