/**
 * `npx tsx bench/map-frames.ts [--no-build] [--runs 3]` (or `npm run bench -- mapframes`): the
 * page's frames while the map layout computes Himmelblau's seven basin maps in Workers. Per run,
 * in a fresh page showing the grid layout: the frame intervals (requestAnimationFrame) and long
 * tasks from the click on "Basins" to 100%; then, as the baseline in the same page, the same
 * switch (grid, then Basins again) with the maps already made, over the same length of time. The
 * switch itself lays out and paints seven panels at a new size, computing or not; what the
 * computation adds is the difference. Prints each one's median, 95th percentile and longest
 * frame interval, every frame over 20 ms (and when, after the click) and the long tasks.
 */
import { chromium } from '@playwright/test';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { serveApp } from '../scripts/app-server';

export async function benchMapFrames({ rebuild = true, runs = 3 }: { rebuild?: boolean; runs?: number } = {}): Promise<string> {
  const out: string[] = [];
  const log = (line: string) => out.push(line);
  const server = await serveApp({ rebuild });
  const browser = await chromium.launch({ executablePath: (await findChromium()) as string, args: chromiumArgs });
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const fmt = (xs: number[]) => `median ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, longest ${Math.max(...xs).toFixed(1)} ms (${xs.length} frames)`;
  try {
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      // tsx names the functions it compiles with a helper the page does not have.
      await page.addInitScript('window.__name = (f) => f');
      await page.goto(`${server.url}#surface=himmelblau&layout=grid`);
      const pg = page.locator('descent-playground');
      await pg.locator('descent-surface[part~="panel"]').nth(6).waitFor();
      await page.waitForTimeout(1000);
      // Frame intervals and long tasks until `done()` says stop.
      const record = () =>
        page.evaluate(() => {
          const w = window as unknown as { rec: { frames: number[]; ends: number[]; long: number[]; stop: boolean } };
          w.rec = { frames: [], ends: [], long: [], stop: false };
          new PerformanceObserver((l) => {
            for (const e of l.getEntries()) w.rec.long.push(e.duration);
          }).observe({ type: 'longtask' });
          let last = performance.now();
          const tick = (now: number) => {
            w.rec.frames.push(now - last);
            w.rec.ends.push(now);
            last = now;
            if (!w.rec.stop) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
      const stop = () =>
        page.evaluate(() => {
          const w = window as unknown as { rec: { frames: number[]; ends: number[]; long: number[]; stop: boolean; at?: number } };
          w.rec.stop = true;
          return { frames: w.rec.frames.slice(1), ends: w.rec.ends.slice(1), long: w.rec.long, at: w.rec.at ?? 0 };
        });
      // Clicked in the page, so the click's time is known.
      const click = (layout: string) =>
        page.evaluate((layout) => {
          const w = window as unknown as { rec: { at?: number } };
          w.rec.at = performance.now();
          document.querySelector('descent-playground')?.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-layout="${layout}"]`)?.click();
        }, layout);
      const summary = (rec: { frames: number[]; ends: number[]; long: number[]; at: number }) => {
        const late = rec.frames
          .map((d, i) => [d, rec.ends[i] - rec.at] as const)
          .filter(([d]) => d > 20)
          .map(([d, t]) => `${d.toFixed(0)} ms at +${t.toFixed(0)}`);
        return `${fmt(rec.frames)}; frames over 20 ms: ${late.join(', ') || 'none'}; long tasks: ${rec.long.map((d) => d.toFixed(0)).join(', ') || 'none'}`;
      };
      await record();
      const t0 = Date.now();
      await click('map');
      await pg.locator('[part~="map-percent"]', { hasText: '100%' }).waitFor({ timeout: 60_000 });
      const computing = await stop();
      const ms = Date.now() - t0;
      // The baseline: the same switch (grid to map: seven panels laid out and painted at a new
      // size, canvases, legend) with the maps already computed, recorded over the same time.
      await click('grid');
      await page.waitForTimeout(1000);
      await record();
      await click('map');
      await page.waitForTimeout(ms);
      const cached = await stop();
      log(`run ${r + 1}: 7 maps in ${ms} ms`);
      log(`  switch and compute:        ${summary(computing)}`);
      log(`  switch, maps already made: ${summary(cached)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--runs');
  console.log(await benchMapFrames({ rebuild: !process.argv.includes('--no-build'), runs: i >= 0 ? Number(process.argv[i + 1]) : 3 }));
}
