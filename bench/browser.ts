/**
 * Browser benchmark: in Chromium, with all 12 presets racing for 1000 (and 5000) steps each, how long does
 *   - a pointer move on the start handle take to be handled (all 12 trajectories recomputed, every
 *     path rebuilt) and to reach a painted frame, and
 *   - one animation frame take (script in the rAF tick, and the frame's whole main-thread work),
 * each against the 16.7 ms budget of a 60 Hz frame, in the overlay and in the grid layout.
 *
 * Everything is timed inside the page with performance.now(), never across the CDP boundary:
 *   - drag: a capturing pointermove listener on window (first to run) stamps t0; a bubbling one
 *     (last to run, after the microtask checkpoints in which lit re-renders) stamps "handled";
 *     a requestAnimationFrame + MessageChannel pair stamps "painted" (a task posted from rAF runs
 *     after that frame's style, layout and paint).
 *   - animation: requestAnimationFrame is wrapped so each frame's callbacks are timed, plus the
 *     microtasks they queue (lit's updates), and the same rAF → message pair gives the frame's work.
 *   - long animation frames (> 50 ms) are counted with a PerformanceObserver.
 *
 * Each configuration is measured in several runs (a fresh page each, one warm-up drag, then the
 * measured drag and animation); the table gives the median of the runs' medians and their
 * spread (lowest–highest run median), plus the 95th percentile of all samples pooled.
 *
 *   npx tsx bench/browser.ts              (builds the app into dist/app first)
 *   npx tsx bench/browser.ts --no-build   (measure the existing dist/app)
 *   options: --steps 1000,5000 (steps per run, default both)  --runs 3 (default 3)
 *            --views overlay,grid,inspect (default overlay,grid; inspect: the overlay with
 *            "Show inner state" on, every run recording its state and drawing its marks)
 */
import { readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { presetIds } from '../src/core/optimizers/index';
import { defaultConfig, newEntry, type Config } from '../src/state/config';
import { encodeHash } from '../src/state/hash';
import { serveApp } from '../scripts/app-server';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium, howToGetChromium } from '../scripts/chromium.mjs';
import { table } from './util';

const BUDGET = 16.7;
const TARGET = { drag: 8, frame: 4 };
const SURFACE = 'rosenbrock';

/**
 * Instruments the page before any of its scripts run. Plain JavaScript in a string: a function
 * compiled by tsx would carry esbuild's helpers, which do not exist in the page.
 */
const INSTRUMENT = `(() => {
  const probe = { drag: [], frames: [], longFrames: 0, recordFrames: false };
  window.__bench = probe;
  const raf = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  const afterPaint = [];
  channel.port1.onmessage = () => { const fn = afterPaint.shift(); if (fn) fn(); };
  const whenPainted = (fn) => raf(() => { afterPaint.push(fn); channel.port2.postMessage(0); });

  let pending;
  window.addEventListener('pointermove', () => {
    if (pending) return; // one measurement per frame: later moves are coalesced into it
    const t0 = performance.now();
    pending = { t0, handled: t0 };
    whenPainted(() => {
      if (!pending) return;
      probe.drag.push({ script: pending.handled - pending.t0, frame: performance.now() - pending.t0 });
      pending = undefined;
    });
  }, { capture: true });
  window.addEventListener('pointermove', () => { if (pending) pending.handled = performance.now(); });

  let frameScript = 0;
  let lastStamp = NaN;
  window.requestAnimationFrame = (cb) => raf((stamp) => {
    if (probe.recordFrames && stamp !== lastStamp) {
      lastStamp = stamp;
      frameScript = 0;
      const started = performance.now();
      afterPaint.push(() => {
        if (probe.recordFrames) probe.frames.push({ script: frameScript, work: performance.now() - started });
      });
      channel.port2.postMessage(0);
    }
    const t = performance.now();
    cb(stamp);
    // Lit updates nest a few microtasks deep (playground, then panels and chart): wait them out.
    let hops = 8;
    const hop = () => { if (--hops > 0) queueMicrotask(hop); else frameScript += performance.now() - t; };
    queueMicrotask(hop);
  });

  new PerformanceObserver((list) => { probe.longFrames += list.getEntries().length; })
    .observe({ type: 'long-animation-frame', buffered: false });
})();`;

interface Probe {
  drag: { script: number; frame: number }[];
  frames: { script: number; work: number }[];
  longFrames: number;
  recordFrames: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] : NaN;
};

function raceOfTwelve(layout: Config['layout'], steps: number): Config {
  const base = defaultConfig(SURFACE);
  return {
    ...base,
    steps,
    speed: 250,
    layout,
    optimizers: presetIds.map((id) => newEntry(id, SURFACE)),
  };
}

async function measureDrag(page: Page): Promise<Probe['drag']> {
  const handle = page.locator('descent-playground [part~="start-handle"]').first();
  const box = await handle.boundingBox();
  if (!box) throw new Error('no start handle');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.evaluate(() => ((window as unknown as { __bench: Probe }).__bench.drag = []));
  const radius = Math.min(60, box.x);
  for (let i = 1; i <= 150; i++) {
    const a = (i / 150) * 4 * Math.PI;
    await page.mouse.move(cx + radius * Math.sin(a), cy + (radius / 2) * (1 - Math.cos(a)));
  }
  await page.mouse.up();
  await page.waitForTimeout(100);
  return page.evaluate(() => (window as unknown as { __bench: Probe }).__bench.drag);
}

async function measureAnimation(page: Page): Promise<{ frames: Probe['frames']; longFrames: number }> {
  const pg = page.locator('descent-playground');
  await pg.locator('[part~="reset"]').click();
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: Probe }).__bench;
    b.frames = [];
    b.longFrames = 0;
    b.recordFrames = true;
  });
  await pg.locator('[part~="play"]').click();
  await page.waitForTimeout(2500);
  await pg.locator('[part~="play"]').click();
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: Probe }).__bench;
    b.recordFrames = false;
    return { frames: b.frames.slice(2), longFrames: b.longFrames };
  });
}

/** One table row from several runs' samples: median of run medians, their spread, pooled p95. */
function row(name: string, runs: number[][], target: number): (string | number)[] {
  const medians = runs.map(median);
  const m = median(medians);
  const all = runs.flat();
  return [
    name,
    `${runs.length} × ${Math.round(all.length / runs.length)}`,
    m.toFixed(2),
    `${Math.min(...medians).toFixed(2)}–${Math.max(...medians).toFixed(2)}`,
    p95(all).toFixed(2),
    `${((m / BUDGET) * 100).toFixed(0)}%`,
    `< ${target}`,
    m < target ? 'yes' : 'NO',
  ];
}

export interface BrowserBenchOptions {
  /** Build dist/app first (default true). */
  readonly rebuild?: boolean;
  /** Steps per run, one table block each (default 1000 and 5000). */
  readonly steps?: readonly number[];
  /** Runs per configuration, each on a fresh page (default 3). */
  readonly runs?: number;
  /** Which views (default overlay and grid; `inspect`: the overlay with the inner state shown). */
  readonly views?: readonly View[];
}

type View = 'overlay' | 'grid' | 'inspect';

/** Runs the benchmark; returns the table to print. */
export async function benchBrowser({ rebuild = true, steps = [1000, 5000], runs = 3, views = ['overlay', 'grid'] }: BrowserBenchOptions = {}): Promise<string> {
  const executablePath = (await findChromium()) as string | undefined;
  if (!executablePath) throw new Error(howToGetChromium);
  const server = await serveApp({ rebuild });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  try {
    for (const n of steps) {
      // Dragging gets its own target per length: 8 ms at 1000 steps, one 60 Hz frame at 5000.
      const dragTarget = n <= 1000 ? TARGET.drag : BUDGET - 0.7;
      for (const view of views) {
        const layout = view === 'grid' ? 'grid' : 'overlay';
        const samples = { handled: [] as number[][], painted: [] as number[][], script: [] as number[][], work: [] as number[][] };
        let longFrames = 0;
        for (let r = 0; r < runs; r++) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          await page.addInitScript(INSTRUMENT);
          page.on('pageerror', (e) => notes.push(`page error: ${e.message}`));
          await page.goto(`${server.url}#${encodeHash({ ...raceOfTwelve(layout, n), ...(view === 'inspect' ? { inspect: true } : {}) })}`);
          if (view === 'inspect') await page.locator('descent-playground descent-surface').first().locator('path.i-step').first().waitFor({ state: 'attached' });
          await page.locator('descent-playground [part~="trajectory"]').nth(11).waitFor({ state: 'attached' });
          await page.waitForTimeout(300);
          // Warm up (JIT, caches), then measure.
          await measureDrag(page);
          const drag = await measureDrag(page);
          const anim = await measureAnimation(page);
          samples.handled.push(drag.map((d) => d.script));
          samples.painted.push(drag.map((d) => d.frame));
          samples.script.push(anim.frames.map((f) => f.script));
          samples.work.push(anim.frames.map((f) => f.work));
          longFrames += anim.longFrames;
          await page.close();
        }
        const label = `${view === 'overlay' ? 'overlay (1 panel)' : view === 'grid' ? 'grid (12 panels)' : 'overlay, inner state shown'}, ${n} steps`;
        rows.push(row(`drag, ${label}: move → handled`, samples.handled, dragTarget));
        rows.push(row(`drag, ${label}: move → painted`, samples.painted, dragTarget));
        rows.push(row(`animation, ${label}: script / frame`, samples.script, TARGET.frame));
        rows.push(row(`animation, ${label}: main-thread work / frame`, samples.work, TARGET.frame * 2));
        notes.push(`${label}: ${longFrames} long animation frames (> 50 ms) while playing, over ${runs} runs`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const version = browser.version();
  return [
    `Browser benchmark: ${presetIds.length} presets × ${steps.join(' / ')} steps on ${SURFACE}, Chromium ${version}, 1280×800, software rendering`,
    `(ms; median of ${runs} runs' medians, the spread of those medians, p95 of all samples pooled;`,
    `"budget" = median as a share of the ${BUDGET} ms frame at 60 Hz; load average at the end: ${loadAverage()})`,
    '',
    table(['measurement', 'runs × n', 'median', 'spread of runs', 'p95', 'budget', 'target', 'met'], rows),
    '',
    ...notes,
    '"handled" = pointer event to the end of its handlers and lit updates (12 trajectories + paths);',
    '"painted" = to the end of the frame that shows it, including style, layout and paint.',
  ].join('\n');
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const steps = option('--steps')?.split(',').map(Number);
  const runs = option('--runs') ? Number(option('--runs')) : undefined;
  const views = option('--views')?.split(',') as View[] | undefined;
  console.log(await benchBrowser({ rebuild: !process.argv.includes('--no-build'), steps, runs, views }));
}
