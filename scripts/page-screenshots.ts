/**
 * Screenshots of the example blog post (examples/blog-post.html, as built into dist/app) for the
 * docs, every widget paused at its last step so each race shows how it ends:
 *
 * - docs/screenshots/blog-post-desktop.png: 1280 wide, full page;
 * - docs/screenshots/blog-post-mobile.png: 360 wide, full page;
 * - docs/screenshots/embed-fallback-booth.png: the first widget as a picture, 760 px wide (the
 *   post's column), which the post shows in its place until the script runs and where scripts
 *   never do (the <figure> inside that <descent-playground>; its img's width and height are this
 *   picture's).
 *
 *   npx tsx scripts/page-screenshots.ts              (builds the bundle and the app first)
 *   npx tsx scripts/page-screenshots.ts --no-build   (use the existing dist/app)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium, howToGetChromium } from './chromium.mjs';
import { serveApp } from './app-server';

const outDir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');

/** Waits for every widget to draw, then shows each one's last step. */
async function settle(page: Page): Promise<void> {
  const widgets = page.locator('descent-playground');
  const count = await widgets.count();
  for (let i = 0; i < count; i++) await widgets.nth(i).locator('[part~="trajectory"]').first().waitFor();
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('descent-playground')) el.config = { ...el.config, step: el.config.steps };
  });
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  const executablePath = (await findChromium()) as string | undefined;
  if (!executablePath) throw new Error(howToGetChromium);
  const server = await serveApp({ rebuild: !process.argv.includes('--no-build') });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const url = new URL('examples/blog-post.html', server.url).href;
  try {
    mkdirSync(outDir, { recursive: true });
    for (const [name, width] of [
      ['desktop', 1280],
      ['mobile', 360],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      await page.goto(url);
      await settle(page);
      const file = resolve(outDir, `blog-post-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      if (name === 'desktop') {
        const fallback = resolve(outDir, 'embed-fallback-booth.png');
        const widget = page.locator('descent-playground').first();
        await widget.screenshot({ path: fallback });
        console.log(`wrote ${fallback}`);
        // The post's <img> reserves the picture's size before it loads: keep its attributes equal.
        const png = readFileSync(fallback);
        const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
        const post = readFileSync(resolve(import.meta.dirname, '..', 'examples', 'blog-post.html'), 'utf8');
        if (!post.includes(`embed-fallback-booth.png" width="${w}" height="${h}"`)) {
          console.warn(`examples/blog-post.html: set the fallback <img> to width="${w}" height="${h}"`);
        }
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
