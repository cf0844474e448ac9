/**
 * Screenshots of index.html for the README: three surfaces in both layouts at 1280 × 800, paused
 * at a step where the race tells its story. Writes docs/screenshots/<surface>-<layout>.png.
 *
 *   npx tsx scripts/screenshots.ts              (builds the app into dist/app first)
 *   npx tsx scripts/screenshots.ts --no-build   (use the existing dist/app)
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

const outDir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');

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
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
