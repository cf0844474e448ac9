/**
 * The README's exported figures, made as a reader makes them: the app's exportFigure() (the
 * Export menu's) on the default race. Writes docs/figures/rosenbrock-race.gif (600 px, 8 s at
 * 12 frames a second, the last frame held), docs/figures/rosenbrock-race.png (2×), and the GIF in
 * Korean for the Korean example post (rosenbrock-race-ko.gif). The SVG and CSV figures come from
 * Node: examples/node-figures.mjs.
 *
 *   npx tsx scripts/export-figures.ts [--no-build]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium } from './chromium.mjs';
import { serveApp } from './app-server';

const server = await serveApp({ rebuild: !process.argv.includes('--no-build') });
const browser = await chromium.launch({ executablePath: (await findChromium()) as string, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  mkdirSync('docs/figures', { recursive: true });
  for (const [file, options, lang] of [
    ['rosenbrock-race.gif', { format: 'gif', width: 600, fps: 12, duration: 8 }, 'en'],
    ['rosenbrock-race.png', { format: 'png', width: 600, scale: 2 }, 'en'],
    ['rosenbrock-race-ko.gif', { format: 'gif', width: 600, fps: 12, duration: 8 }, 'ko'],
  ] as const) {
    await page.goto(`${server.url}#surface=rosenbrock&step=1000&lang=${lang}`);
    await page.locator('descent-playground [part~="trajectory"]').first().waitFor({ state: 'attached' });
    const b64 = await page.evaluate(async (options) => {
      const blob = await (document.querySelector('descent-playground') as HTMLElement & { exportFigure(o: unknown): Promise<Blob> }).exportFigure(options);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    }, options);
    const bytes = Buffer.from(b64, 'base64');
    writeFileSync(`docs/figures/${file}`, bytes);
    console.log(`docs/figures/${file}: ${(bytes.length / 1024).toFixed(0)} KB`);
  }
} finally {
  await browser.close();
  await server.close();
}
