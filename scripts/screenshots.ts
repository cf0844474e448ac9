/**
 * Screenshots of index.html for the README: three surfaces in both layouts at 1280 × 800, paused
 * at a step where the race tells its story, and a typed-in surface. Writes
 * docs/screenshots/<surface>-<layout>.png, docs/screenshots/custom-expression.png and the
 * training shots (docs/screenshots/training-*.png) and the map layout's (map-*.png).
 *
 *   npx tsx scripts/screenshots.ts              (builds the app into dist/app first)
 *   npx tsx scripts/screenshots.ts --no-build   (use the existing dist/app)
 *   npx tsx scripts/screenshots.ts --no-build custom-expression   (only the files named)
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium, howToGetChromium } from './chromium.mjs';
import { serveApp } from './app-server';

/** Surface and the step to pause at (late enough that every path has shown its character). */
export const shots: readonly { surface: string; step?: number }[] = [
  { surface: 'rosenbrock', step: 400 },
  { surface: 'saddle', step: 85 },
  { surface: 'two-wells', step: 120 },
];

/** A typed-in surface: the hash (as the playground writes it) and the step to pause at. */
export const customShot = {
  file: 'custom-expression',
  expr: 'sin(x)*cos(y) + 0.1*(x^2+y^2)',
  domain: '-4,4,-4,4',
  // Beside the local maximum at (2, 0): most paths climb away to the local minimum above,
  // Adadelta's slow start lets it slide down to the global one.
  start: '2,0.5',
  step: 150,
} as const;

/**
 * Training on the map: the data surfaces' races (batch sizes; the tiny net's saddle) and a
 * schedule beside the same run without it, with the data panel or the lr sparkline in view.
 */
export const trainingShots: readonly { file: string; hash: string }[] = [
  { file: 'training-linear-regression', hash: 'surface=linear-regression&step=400' },
  { file: 'training-tiny-net', hash: 'surface=tiny-net&step=90' },
  { file: 'training-tiny-net-ko', hash: 'surface=tiny-net&step=90&lang=ko' },
  {
    // Mini-batches of 4: Adam keeps wandering at a constant lr; warmed up, then decayed, it settles.
    file: 'training-adam-warmup-cosine',
    hash: 'surface=logistic-regression&opt=adam(lr=0.2,batch=4),adam(lr=0.2,batch=4,schedule=LinearLR:startFactor=0.1:totalIters=40@40:CosineAnnealingLR:tMax=360)&step=400',
  },
];

/** The map layout: basins of attraction, each panel's map computed in Workers (waited for to 100%). */
export const mapShots: readonly { file: string; hash: string }[] = [
  { file: 'map-himmelblau', hash: 'surface=himmelblau&layout=map&opt=sgd(lr=0.01),momentum(lr=0.003),adam(lr=0.03)' },
  { file: 'map-saddle', hash: 'surface=saddle&layout=map&opt=sgd(lr=0.005),momentum(lr=0.003),adam(lr=0.01)' },
  { file: 'map-rastrigin', hash: 'surface=rastrigin&layout=map&opt=sgd(lr=0.001),momentum(lr=0.001),adam(lr=1)' },
];

/** The language × device × theme matrix: the saddle race paused where its story shows. */
export const matrix = {
  surface: 'saddle',
  step: 85,
  langs: [
    { lang: 'en', locale: 'en-US' },
    { lang: 'ko', locale: 'ko-KR' },
  ],
  devices: [
    { device: 'desktop', options: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 } },
    {
      device: 'phone',
      options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
  themes: ['light', 'dark'],
} as const;

const outDir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const wanted = (file: string) => only.length === 0 || only.includes(file);

async function main(): Promise<void> {
  const executablePath = (await findChromium()) as string | undefined;
  if (!executablePath) throw new Error(howToGetChromium);
  const server = await serveApp({ rebuild: !process.argv.includes('--no-build') });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    mkdirSync(outDir, { recursive: true });
    for (const { surface, step } of shots) {
      for (const layout of ['overlay', 'grid']) {
        if (!wanted(`${surface}-${layout}`)) continue;
        const hash = `surface=${surface}&layout=${layout}&step=${step ?? 100000}`;
        await page.goto(`${server.url}#${hash}`);
        await page.reload();
        await page.locator('descent-playground').locator('[part~="trajectory"]').first().waitFor();
        await page.locator('descent-playground').locator('math').first().waitFor();
        await page.waitForTimeout(150);
        const file = resolve(outDir, `${surface}-${layout}.png`);
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
    }
    if (wanted(customShot.file)) {
      const { expr, domain, start, step } = customShot;
      await page.goto(`${server.url}#expr=${encodeURIComponent(expr)}&domain=${domain}&start=${start}&step=${step}`);
      await page.reload();
      const playground = page.locator('descent-playground');
      await playground.locator('canvas[part~="contours"][data-surface^="expr:"]').waitFor();
      await playground.locator('[part~="trajectory"]').first().waitFor();
      await playground.locator('math').first().waitFor();
      await page.waitForTimeout(150);
      const file = resolve(outDir, `${customShot.file}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    for (const { file, hash } of trainingShots) {
      if (!wanted(file)) continue;
      await page.goto(`${server.url}#${hash}`);
      await page.reload();
      const playground = page.locator('descent-playground');
      await playground.locator('[part~="trajectory"]').first().waitFor();
      await playground.locator('math').first().waitFor();
      await page.waitForTimeout(300);
      const path = resolve(outDir, `${file}.png`);
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
    }
    for (const { file, hash } of mapShots) {
      if (!wanted(file)) continue;
      await page.goto(`${server.url}#${hash}`);
      await page.reload();
      const playground = page.locator('descent-playground');
      await playground.locator('[part~="map-percent"]', { hasText: '100%' }).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      const path = resolve(outDir, `${file}.png`);
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
    }
    for (const { lang, locale } of matrix.langs) {
      for (const { device, options } of matrix.devices) {
        for (const theme of matrix.themes) {
          const name = `app-${lang}-${device}-${theme}`;
          if (!wanted(name)) continue;
          const context = await browser.newContext({ ...options, locale, colorScheme: theme });
          const p = await context.newPage();
          await p.goto(`${server.url}#surface=${matrix.surface}&step=${matrix.step}`);
          const playground = p.locator('descent-playground');
          await playground.locator('[part~="trajectory"]').first().waitFor();
          await p.waitForTimeout(300);
          const file = resolve(outDir, `${name}.png`);
          // Viewport only: a full-page capture drops the touch emulation's 'no hover' for a moment.
          await p.screenshot({ path: file });
          console.log(`wrote ${file}`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
