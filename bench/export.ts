/**
 * `npx tsx bench/export.ts [--no-build] [--runs 5]` (or `npm run bench -- export`): the exports'
 * sizes and times in Chromium. The default race (Rosenbrock, seven runs, 1000 steps) as an
 * animated GIF at 600 px, 8 s at 12 frames a second: bytes (the same every run: the export is
 * deterministic) and time, against the same view's PNG (2×) made in the same page, paired run by
 * run (median and spread of the runs; one warm-up export of each first). Then every catalog
 * surface's default race as SVG: bytes, and as a video (WebM, 600 px, 8 s at 30 fps) for the
 * default race.
 */
import { chromium, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { serveApp } from '../scripts/app-server';
import { surfaceIds } from '../src/state/config';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

/** Makes the export in the page: its size, how long it took (ms) and the page's long tasks (over 50 ms) meanwhile. */
function timed(page: Page, options: Record<string, unknown>): Promise<{ bytes: number; ms: number; long: number[] }> {
  return page.evaluate(async (options) => {
    const long: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(Math.round(e.duration));
    });
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    const blob = await (document.querySelector('descent-playground') as HTMLElement & { exportFigure(o: unknown): Promise<Blob> }).exportFigure(options);
    const ms = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    return { bytes: blob.size, ms, long };
  }, options);
}

const longText = (long: number[]) => (long.length ? long.join(', ') + ' ms' : 'none');

export async function benchExport({ rebuild = true, runs = 5 }: { rebuild?: boolean; runs?: number } = {}): Promise<string> {
  const out: string[] = [];
  const server = await serveApp({ rebuild });
  const browser = await chromium.launch({ executablePath: (await findChromium()) as string, args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const open = async (hash: string) => {
      await page.goto(`${server.url}#${hash}`);
      await page.locator('descent-playground [part~="trajectory"]').first().waitFor({ state: 'attached' });
      await page.waitForTimeout(300);
    };
    await open('surface=rosenbrock&step=1000');
    const gifOptions = { format: 'gif', width: 600, fps: 12, duration: 8 };
    const pngOptions = { format: 'png', width: 600, scale: 2 };
    await timed(page, gifOptions);
    await timed(page, pngOptions);
    const gif: number[] = [];
    const png: number[] = [];
    const ratio: number[] = [];
    let gifBytes = 0;
    let pngBytes = 0;
    const long: number[] = [];
    for (let r = 0; r < runs; r++) {
      const g = await timed(page, gifOptions);
      const p = await timed(page, pngOptions);
      gif.push(g.ms);
      png.push(p.ms);
      ratio.push(g.ms / p.ms);
      gifBytes = g.bytes;
      pngBytes = p.bytes;
      long.push(...g.long, ...p.long);
    }
    out.push(`default race (Rosenbrock, 7 runs, 1000 steps), 600 px:`);
    out.push(`  GIF, 8 s at 12 fps (96 frames): ${(gifBytes / 1024).toFixed(0)} KB, ${median(gif).toFixed(0)} ms (${spread(gif)}) over ${runs} runs`);
    out.push(`  PNG 2× of the same view: ${(pngBytes / 1024).toFixed(0)} KB, ${median(png).toFixed(0)} ms (${spread(png)})`);
    out.push(`  GIF time / PNG time, paired: ${median(ratio).toFixed(1)}x (${Math.min(...ratio).toFixed(1)}–${Math.max(...ratio).toFixed(1)})`);
    out.push(`  long tasks during those GIF and PNG exports: ${longText(long)}`);
    const video = await timed(page, { format: 'video', width: 600, fps: 30, duration: 8 });
    out.push(`  video (WebM), 8 s at 30 fps: ${(video.bytes / 1024).toFixed(0)} KB, ${video.ms.toFixed(0)} ms (one run); long tasks: ${longText(video.long)}`);
    for (const format of ['svg', 'csv', 'json']) {
      const r = await timed(page, { format });
      out.push(`  ${format.toUpperCase()}: ${(r.bytes / 1024).toFixed(0)} KB, ${r.ms.toFixed(0)} ms; long tasks: ${longText(r.long)}`);
    }
    out.push('SVG of each catalog surface\'s default race at its shown width (bytes):');
    const rows: string[] = [];
    const svgLong: number[] = [];
    for (const id of surfaceIds) {
      await open(`surface=${id}`);
      const svg = await timed(page, { format: 'svg' });
      rows.push(`${id} ${(svg.bytes / 1024).toFixed(0)} KB`);
      svgLong.push(...svg.long);
    }
    out.push(`  ${rows.join(', ')}; long tasks: ${longText(svgLong)}`);
  } finally {
    await browser.close();
    await server.close();
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--runs');
  console.log(await benchExport({ rebuild: !process.argv.includes('--no-build'), runs: i >= 0 ? Number(process.argv[i + 1]) : 5 }));
}
