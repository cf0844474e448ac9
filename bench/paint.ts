/**
 * Paint benchmark: what examples/many-widgets.html (twenty autoplaying widgets) costs the main
 * thread per second, scrolled to the top, against a page holding only the widgets visible there.
 * Offscreen widgets run no script (the clock ticks only the ones on screen), so the twenty-widget
 * page should cost what its visible widgets cost: the ratio many / visible should be near 1.
 *
 * Each run loads the three pages in fresh pages of one Chromium, in turn (alone, many, boxes,
 * alone, ...), 1280×800: waits until every widget has drawn its paths and the page has settled,
 * scrolls to the top, then records a Chromium trace (devtools.timeline) over ~3 s while the
 * visible race plays, and sums the page's renderer main thread: Paint, PrePaint, Layout, style
 * (UpdateLayoutTree), script (rAF callbacks, timers, events, observers) and all its tasks (busy).
 * Events of one kind nested in another of the same kind are counted once (interval union).
 * Reports ms of main-thread time per second of trace: the median of the runs with the spread
 * (lowest–highest run), and the per-run ratio many / visible (median and spread).
 *
 * Two pages stand for "its visible widgets", both many-widgets.html itself (same style sheet, bundle
 * and widgets): "alone" without the sections whose widget lies wholly below the fold at the top
 * (served in place of examples/visible-widgets.html), and "boxes" with each of those widgets
 * replaced by an empty box of its height (examples/placeheld-widgets.html): the same headings,
 * length and scroll, so the ratio 20 / boxes is what the offscreen widgets themselves cost.
 *
 *   npx tsx bench/paint.ts              (builds the app into dist/app first)
 *   npx tsx bench/paint.ts --no-build   (measure the existing dist/app)
 *   options: --runs 5 (default 5)  --seconds 3 (trace length, default 3)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { serveApp } from '../scripts/app-server';
// @ts-expect-error plain ESM helper, no types
import { chromiumArgs, findChromium, howToGetChromium } from '../scripts/chromium.mjs';
import { table } from './util';

const VIEWPORT = { width: 1280, height: 800 };
const MANY = 'examples/many-widgets.html';
const VISIBLE = 'examples/visible-widgets.html';
const PLACEHELD = 'examples/placeheld-widgets.html';

/** Trace event names summed per row; a row's events are merged as intervals (no double counting). */
const ROWS: readonly (readonly [string, readonly string[]])[] = [
  ['Paint', ['Paint']],
  ['PrePaint', ['PrePaint']],
  ['Layout', ['Layout']],
  ['Layerize + Commit', ['Layerize', 'Commit']],
  ['style (UpdateLayoutTree)', ['UpdateLayoutTree', 'RecalcStyle', 'ScheduleStyleRecalculation']],
  ['script', ['FunctionCall', 'EvaluateScript', 'FireAnimationFrame', 'TimerFire', 'EventDispatch', 'FireIdleCallback', 'V8.Execute', 'RunMicrotasks']],
  ['main thread busy (all tasks)', ['ThreadControllerImpl::RunTask', 'RunTask']],
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: { processId: number; url: string; parent?: string }[] } };
}

/** Sum of the union of [ts, ts + dur) intervals, in µs. */
function unionLength(spans: [number, number][]): number {
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/** ms per second of trace for each row, on the renderer main thread of the page at `path`. */
function summarize(events: TraceEvent[], path: string): number[] {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => !f.parent && f.url.includes(path));
  if (!frame) throw new Error(`no frame for ${path} in the trace: ${JSON.stringify(started?.args)}`);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === frame.processId && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const timed = events.filter((e) => e.ts > 0);
  const span = (Math.max(...timed.map((e) => e.ts + (e.dur ?? 0))) - Math.min(...timed.map((e) => e.ts))) / 1e6;
  const ours = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
  return ROWS.map(([, names]) => {
    const spans = ours.filter((e) => names.includes(e.name)).map((e): [number, number] => [e.ts, e.ts + (e.dur ?? 0)]);
    return unionLength(spans) / 1000 / span;
  });
}

/** The step the first widget shows (its readout, "step k / n"). */
const FIRST_STEP = `Number(/(\\d+)\\s*\\//.exec(document.querySelector('descent-playground').shadowRoot.querySelector('[part~="step-readout"]').textContent)?.[1])`;

/**
 * Loads `path` in a fresh context (served `body` when given), waits for every widget's paths and
 * a quiet second at the top of the page, and traces it. Also says whether the first race advanced
 * during the trace (it should: the numbers are those of a playing widget).
 */
async function measure(browser: Browser, url: string, path: string, seconds: number, body?: string): Promise<{ ms: number[]; played: boolean }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (body !== undefined) await context.route(`**/${path}`, (r) => r.fulfill({ contentType: 'text/html', body }));
  const page = await context.newPage();
  try {
    await page.goto(url + path);
    await settle(page);
    const before = (await page.evaluate(FIRST_STEP)) as number;
    // (the disabled-by-default category brings TracingStartedInBrowser, which names the page's process)
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
    await page.waitForTimeout(seconds * 1000);
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const after = (await page.evaluate(FIRST_STEP)) as number;
    return { ms: summarize(events, path), played: after > before };
  } finally {
    await context.close();
  }
}

async function settle(page: Page): Promise<void> {
  const widgets = page.locator('descent-playground');
  const n = await widgets.count();
  for (let i = 0; i < n; i++) await widgets.nth(i).locator('[part~="trajectory"]').first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(1000);
}

/** Indexes of the widgets that intersect the viewport at the top of the page, and every widget's height. */
async function visibleAtTop(browser: Browser, url: string): Promise<{ visible: number[]; heights: number[] }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    await page.goto(url + MANY);
    await settle(page);
    return await page.evaluate(`(() => {
      const rects = [...document.querySelectorAll('descent-playground')].map((el) => el.getBoundingClientRect());
      return {
        visible: rects.flatMap((r, i) => (r.bottom > 0 && r.top < innerHeight ? [i] : [])),
        heights: rects.map((r) => r.height),
      };
    })()`);
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
const cell = (xs: number[], digits = 0) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export interface PaintBenchOptions {
  /** Build dist/app first (default true). */
  readonly rebuild?: boolean;
  /** Runs of each page, alternating (default 5). */
  readonly runs?: number;
  /** Length of each trace in seconds (default 3). */
  readonly seconds?: number;
}

/** Runs the benchmark; returns the table to print. */
export async function benchPaint({ rebuild = true, runs = 5, seconds = 3 }: PaintBenchOptions = {}): Promise<string> {
  const executablePath = (await findChromium()) as string | undefined;
  if (!executablePath) throw new Error(howToGetChromium);
  const server = await serveApp({ rebuild });
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const many: number[][] = [];
  const few: number[][] = [];
  const held: number[][] = [];
  const notes: string[] = [];
  let visible: number[] = [];
  try {
    const top = await visibleAtTop(browser, server.url);
    visible = top.visible;
    const html = readFileSync(resolve(import.meta.dirname, '../dist/app', MANY), 'utf8');
    // The same page without the sections of the widgets below the fold.
    let section = -1;
    const kept = html.replace(/\s*<section>[\s\S]*?<\/section>/g, (s) => (visible.includes(++section) ? s : ''));
    // The same page with each widget below the fold replaced by an empty box of its height: the
    // same headings, length and scroll, and only the visible widgets.
    let widget = -1;
    const placeheld = html.replace(/<descent-playground[\s\S]*?<\/descent-playground>/g, (s) =>
      visible.includes(++widget) ? s : `<div style="height: ${top.heights[widget]}px"></div>`,
    );
    for (let r = 0; r < runs; r++) {
      for (const [path, into, body] of [[VISIBLE, few, kept], [MANY, many, undefined], [PLACEHELD, held, placeheld]] as const) {
        const { ms, played } = await measure(browser, server.url, path, seconds, body);
        into.push(ms);
        if (!played) notes.push(`run ${r + 1}, ${path}: the first race did not advance during the trace`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const rows = ROWS.map(([name], k) => {
    const m = many.map((run) => run[k]);
    const f = few.map((run) => run[k]);
    const h = held.map((run) => run[k]);
    return [name, cell(m), cell(f), cell(h), cell(m.map((x, i) => x / f[i]), 2), cell(m.map((x, i) => x / h[i]), 2)];
  });
  return [
    `Paint benchmark: ${MANY} (20 widgets) scrolled to the top against the ${visible.length} widget(s) visible there (#${visible.map((i) => i + 1).join(', #')}) alone,`,
    `Chromium ${browser.version()}, ${VIEWPORT.width}×${VIEWPORT.height}, software rendering, ${seconds} s traces while the visible race plays;`,
    `ms of renderer main-thread time per second: median of ${runs} runs (lowest–highest run); load average at the end: ${loadAverage()}`,
    '',
    table(['main thread, ms/s', '20 widgets', `${visible.length} visible alone`, 'offscreen ones as empty boxes', 'ratio 20 / alone', 'ratio 20 / boxes'], rows),
    ...(notes.length ? ['', ...notes] : []),
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
  const runs = option('--runs') ? Number(option('--runs')) : undefined;
  const seconds = option('--seconds') ? Number(option('--seconds')) : undefined;
  console.log(await benchPaint({ rebuild: !process.argv.includes('--no-build'), runs, seconds }));
}
