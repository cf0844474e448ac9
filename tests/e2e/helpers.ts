import { expect, type Locator, type Page } from '@playwright/test';

/** Collects console errors and warnings (and uncaught errors) of a page. */
export function watchConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  return messages;
}

/** Opens index.html at `hash` and waits for the trajectories to be drawn. */
export async function openApp(page: Page, hash = ''): Promise<Locator> {
  await page.goto(`./${hash ? `#${hash}` : ''}`);
  const playground = page.locator('descent-playground').first();
  await expect(playground.locator('[part~="trajectory"]').first()).toBeAttached();
  return playground;
}

/** The first point of every trajectory path, in viewport pixels, keyed by data-optimizer. */
export async function pathStarts(scope: Locator): Promise<Record<string, [number, number]>> {
  const paths = scope.locator('[part~="trajectory"]');
  const out: Record<string, [number, number]> = {};
  for (const path of await paths.all()) {
    const [name, point] = await path.evaluate((el: SVGPathElement) => {
      const m = /^M(-?[\d.e+-]+),(-?[\d.e+-]+)/.exec(el.getAttribute('d') ?? '');
      if (!m) return [el.dataset.optimizer ?? '', [NaN, NaN]] as const;
      const p = new DOMPoint(Number(m[1]), Number(m[2])).matrixTransform(el.getScreenCTM() ?? undefined);
      return [el.dataset.optimizer ?? '', [p.x, p.y]] as const;
    });
    out[name] = [point[0], point[1]];
  }
  return out;
}

/** Every head's centre in viewport pixels, keyed by data-optimizer. */
export async function headPositions(scope: Locator): Promise<Record<string, [number, number]>> {
  const out: Record<string, [number, number]> = {};
  for (const head of await scope.locator('[part~="head"]').all()) {
    const [name, point] = await head.evaluate((el: SVGGraphicsElement) => {
      // A head is a marker shape centred on its origin, placed by its transform (which the
      // screen CTM includes).
      const p = new DOMPoint(0, 0).matrixTransform(el.getScreenCTM() ?? undefined);
      return [el.dataset.optimizer ?? '', [p.x, p.y]] as const;
    });
    out[name] = [point[0], point[1]];
  }
  return out;
}

/** Centre of an element's box in viewport pixels. */
export async function centre(locator: Locator): Promise<[number, number]> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** The step the playground shows, from its readout "step k / n". */
export async function shownStep(playground: Locator): Promise<number> {
  const text = (await playground.locator('[part~="step-readout"]').textContent()) ?? '';
  const m = /step (\d+)/.exec(text);
  return m ? Number(m[1]) : NaN;
}

export function distance(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
