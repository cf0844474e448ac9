/**
 * Prints how tall embed.html's figure is at common frame widths, for docs/EMBEDDING.md's
 * fixed-height table (hosts that bar scripts cannot size the frame from its height message).
 *
 *   npx tsx scripts/embed-heights.ts              (builds the bundle and the app first)
 *   npx tsx scripts/embed-heights.ts --no-build   (use the existing dist/app)
 */
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium, howToGetChromium } from './chromium.mjs';
import { serveApp } from './app-server';

const widths = [360, 480, 640, 720, 800, 1000, 1280];
const hashes = ['surface=two-wells&opt=sgd,momentum', 'surface=rosenbrock&layout=grid', 'surface=ravine'];

async function main(): Promise<void> {
  const executablePath = (await findChromium()) as string | undefined;
  if (!executablePath) throw new Error(howToGetChromium);
  const server = await serveApp({ rebuild: !process.argv.includes('--no-build') });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    console.log(`| frame width | ${hashes.map((h) => `\`#${h}\``).join(' | ')} |`);
    console.log(`|---|${hashes.map(() => '---|').join('')}`);
    for (const width of widths) {
      const row: number[] = [];
      for (const hash of hashes) {
        // A tall viewport, so no scrollbar takes width from the figure (a sized frame has none).
        const page = await browser.newPage({ viewport: { width, height: 3000 } });
        await page.goto(new URL(`embed.html#${hash}`, server.url).href);
        await page.locator('descent-playground [part~="trajectory"]').first().waitFor();
        await page.waitForTimeout(200);
        row.push(await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)));
        await page.close();
      }
      console.log(`| ${width} px | ${row.map((h) => `${h} px`).join(' | ')} |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
