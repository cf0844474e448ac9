/** Helpers for the pages-*.spec.ts tests: the example pages and embed.html, as built into dist/app. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Every `<descent-playground>` on the page is upgraded and has drawn `counts[i]` trajectories. */
export async function expectWidgetsDrawn(page: Page, counts: readonly number[]): Promise<Locator> {
  const widgets = page.locator('descent-playground');
  await expect(widgets).toHaveCount(counts.length);
  const upgraded = await widgets.evaluateAll((els) => els.map((el) => el.shadowRoot !== null && el.matches(':defined')));
  expect(upgraded).toEqual(counts.map(() => true));
  for (const [i, count] of counts.entries()) {
    const paths = widgets.nth(i).locator('[part~="trajectory"]');
    await expect(paths, `widget ${i + 1}`).toHaveCount(count);
    const ds = await paths.evaluateAll((els) => els.map((el) => el.getAttribute('d') ?? ''));
    for (const d of ds) expect(d, `widget ${i + 1}`).toMatch(/^M-?[\d.]+/);
  }
  return widgets;
}

/** The step a playground shows, from its step readout ("step k / n", whatever the language). */
export async function readStep(widget: Locator): Promise<number> {
  const text = (await widget.locator('[part~="step-readout"]').textContent()) ?? '';
  const m = /(\d+)\s*\/\s*\d+/.exec(text);
  return m ? Number(m[1]) : NaN;
}

/** The step every playground on the page shows, in document order. */
export async function readSteps(page: Page): Promise<number[]> {
  return page.locator('descent-playground').evaluateAll((els) =>
    els.map((el) => {
      const text = el.shadowRoot?.querySelector('[part~="step-readout"]')?.textContent ?? '';
      const m = /(\d+)\s*\/\s*\d+/.exec(text);
      return m ? Number(m[1]) : NaN;
    }),
  );
}

/** Indexes of the playgrounds that intersect the viewport, and of those wholly outside it. */
export async function onScreen(page: Page): Promise<{ visible: number[]; offscreen: number[] }> {
  return page.locator('descent-playground').evaluateAll((els) => {
    const visible: number[] = [];
    const offscreen: number[] = [];
    els.forEach((el, i) => {
      const r = el.getBoundingClientRect();
      (r.bottom > 0 && r.top < innerHeight ? visible : offscreen).push(i);
    });
    return { visible, offscreen };
  });
}
