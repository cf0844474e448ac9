/**
 * The playground's map layout (a lazy chunk, loaded the first time `layout="map"` is shown): one
 * panel per run, each with the map of where every start leads under the run's path (its basins
 * of attraction, core/convergence-map.ts), computed in Workers (core/map/pool.ts) in bands that
 * are drawn as they arrive: a coarse map first (a quarter of the resolution, in a moment), then
 * the fine one, with the panel's size deciding the resolution (about one cell per 3 px).
 *
 * A colour per minimum, the same in every panel and in the legend; lighter where a run took
 * longer to settle there (the lightest: it arrived at the last step); pale grey where a run ends
 * near no minimum; dark hatching where it diverged. A change of surface, start window, steps or
 * a run's settings cancels that run's map at once (no band of the old one is drawn) and starts
 * it again; a map already computed for the same settings is kept.
 */
import { css, html, nothing, svg } from 'lit';
import { computeMap, type MapBand } from '../../core/map/pool';
import type { Surface } from '../../core/types';
import { criticalSymbol } from '../../render/markers';
import { formatNumber } from '../../render/ticks';
import type { Config } from '../../state/config';
import { addStrings, t, type Lang } from '../../i18n/index';
import { enMap } from '../../i18n/en-map';
import { adopt } from '../shared/lazy-chunk';
import type { PanelRun } from '../shared/types';
import type { EntryRun } from './optimizer-list';

addStrings('en', enMap);

const styles = css`
  .map-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
    margin: 0 0 6px;
    font-size: 12px;
    color: var(--descent-muted);
  }
  .map-head progress {
    width: 90px;
    height: 8px;
  }
  .basin-key {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .basin-key svg {
    flex: none;
  }
  .basin-key path {
    stroke: var(--descent-text, #222);
    stroke-width: 1;
  }
`;

/** Basin colours (Tableau 10), minimum k of the surface's list of minima taking colour k. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];
const NOWHERE = [214, 214, 214];
const HATCH_DARK = [40, 40, 44];
const HATCH_LIGHT = [86, 86, 92];
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** What the map of one run is, and how far it has come. */
interface Job {
  readonly key: string;
  /** The run's key (its panel's). */
  readonly run: string;
  readonly canvas: HTMLCanvasElement;
  readonly controller: AbortController;
  readonly nx: number;
  readonly ny: number;
  /** Rows drawn, of the coarse and the fine pass (2·ny in all, counting the coarse pass's rows at full size). */
  done: number;
  failed?: string;
}

/** Per playground: its runs' maps by run key. */
const jobsOf = new WeakMap<object, Map<string, Job>>();

/** Per playground: how many maps it has started (the head's `data-started`: a new one shows there at once). */
const startedOf = new WeakMap<object, number>();

/** Maps with bands not yet on screen, and whether a frame will draw them. */
const dirty = new Set<Job>();
let flushing = false;

/** The maps' progress, in percent of their rows (both passes). */
function progress(jobs: Iterable<Job>): number {
  let total = 0;
  let done = 0;
  for (const j of jobs) {
    total += 2 * j.ny;
    done += Math.min(2 * j.ny, j.done);
  }
  return total ? Math.floor((100 * done) / total) : 0;
}

/** Draws the maps' new bands into their panels' canvases and moves the progress, in place. */
function flush(host: HTMLElement): void {
  flushing = false;
  const root = host.shadowRoot;
  if (!root) return;
  for (const panel of root.querySelectorAll<HTMLElement & { runs?: readonly PanelRun[] }>('descent-surface[part~="panel"]')) {
    const key = panel.runs?.[0]?.key;
    const job = [...dirty].find((j) => j.run === key);
    const canvas = panel.shadowRoot?.querySelector<HTMLCanvasElement>('canvas[part~="basins"]');
    if (!job || !canvas) continue;
    // A canvas is cleared (and its memory given back) by setting its size: only when it changes.
    if (canvas.width !== job.canvas.width || canvas.height !== job.canvas.height) {
      canvas.width = job.canvas.width;
      canvas.height = job.canvas.height;
    }
    const ctx = canvas.getContext('2d');
    ctx?.clearRect(0, 0, canvas.width, canvas.height);
    ctx?.drawImage(job.canvas, 0, 0);
  }
  dirty.clear();
  const jobs = jobsOf.get(host);
  const pct = jobs ? progress(jobs.values()) : 0;
  root.querySelector('[part~="map-head"]')?.setAttribute('data-started', String(startedOf.get(host) ?? 0));
  const bar = root.querySelector<HTMLProgressElement>('[part~="map-progress"]');
  if (bar) bar.value = pct;
  const text = root.querySelector('[part~="map-percent"]');
  if (text && text.textContent !== `${pct}%`) text.textContent = `${pct}%`;
}

/** The cell size in CSS pixels that the resolution aims at. */
const CELL_PX = 3;

/** The minima of a surface: indices into `critical`, in order; colour k for the k-th. */
const minimaOf = (surface: Surface) => surface.critical.flatMap((p, k) => (p.kind === 'global-min' || p.kind === 'local-min' ? [k] : []));

/** Paints a band into the job's canvas (row 0 of the map at the bottom, the canvas's at the top). */
function paint(job: Job, band: MapBand, steps: number, colours: Map<number, number[]>): void {
  const ctx = job.canvas.getContext('2d');
  if (!ctx) return;
  const { nx } = job;
  const [from, to] = band.rows;
  const image = ctx.createImageData(nx, to - from);
  const data = image.data;
  for (let j = from; j < to; j++) {
    for (let i = 0; i < nx; i++) colour(band, (j - from) * nx + i, i, j, steps, colours, data, 4 * ((to - 1 - j) * nx + i));
  }
  ctx.putImageData(image, 0, job.ny - to);
}

/**
 * Writes a cell's colour (opaque RGBA) at `o` of `out`: its minimum's, lighter the later it
 * settled; pale grey for none; hatched dark where it diverged. No allocation: a map has up to
 * 65 536 cells, and the bands are painted on the page while it animates.
 */
function colour(band: MapBand, c: number, i: number, j: number, steps: number, colours: Map<number, number[]>, out: Uint8ClampedArray, o: number): void {
  const b = band.basin[c];
  const base = b === -2 ? ((i + j) % 4 < 2 ? HATCH_DARK : HATCH_LIGHT) : b < 0 ? NOWHERE : (colours.get(b) ?? NOWHERE);
  // Up to 65% towards white when it settled only at the last step.
  const k = b >= 0 ? 0.65 * Math.min(1, Math.max(0, band.steps[c] / steps)) : 0;
  for (let n = 0; n < 3; n++) out[o + n] = Math.round(base[n] + (255 - base[n]) * k);
  out[o + 3] = 255;
}

export function parts(host: HTMLElement & { requestUpdate(): void; readonly shadowRoot: ShadowRoot | null }, config: Config, surface: Surface, entryRuns: readonly EntryRun[], lang: Lang) {
  adopt(host.shadowRoot, styles.styleSheet);
  let jobs = jobsOf.get(host);
  if (!jobs) jobsOf.set(host, (jobs = new Map()));
  const minima = minimaOf(surface);
  const colours = new Map(minima.map((k, n) => [k, rgb(PALETTE[n % PALETTE.length])]));
  const seen = new Set<string>();
  const surfaceInput = config.expr !== undefined ? { expr: config.expr, domain: surface.domain } : surface.id;

  const basins = (run: PanelRun, width: number): HTMLCanvasElement | undefined => {
    seen.add(run.key);
    const entry = entryRuns[run.index ?? Number(run.key)]?.entry;
    const tr = run.trajectory;
    const { x, y } = surface.domain;
    const nx = Math.max(16, Math.min(256, Math.round(width / CELL_PX)));
    const ny = Math.max(16, Math.min(256, Math.round((nx * (y[1] - y[0])) / (x[1] - x[0]))));
    const steps = tr.x.length - 1;
    const options = {
      surface: surfaceInput,
      optimizer: tr.optimizer,
      hyper: { ...tr.hyper },
      steps: config.steps,
      domain: surface.domain,
      ...(entry?.batch ? { batch: { size: entry.batch } } : {}),
      ...(entry?.schedule ? { schedule: entry.schedule } : {}),
    };
    const key = JSON.stringify({ ...options, nx, ny, steps });
    let job = jobs.get(run.key);
    if (job?.key === key) return job.canvas;
    job?.controller.abort();
    const canvas = document.createElement('canvas');
    canvas.width = nx;
    canvas.height = ny;
    const next: Job = { key, run: run.key, canvas, controller: new AbortController(), nx, ny, done: 0 };
    jobs.set(run.key, next);
    startedOf.set(host, (startedOf.get(host) ?? 0) + 1);
    // Each band is drawn into the panel's canvas directly, once per frame: the playground is not
    // rendered again for it (only when a map fails).
    const redraw = () => {
      if (jobs.get(run.key) !== next) return;
      dirty.add(next);
      if (!flushing) {
        flushing = true;
        requestAnimationFrame(() => flush(host));
      }
    };
    // Coarse (a quarter of the resolution), then fine: the first picture comes in a moment.
    const cx = Math.max(4, Math.ceil(nx / 4));
    const cy = Math.max(4, Math.ceil(ny / 4));
    const coarse = computeMap(
      { ...options, grid: { nx: cx, ny: cy } },
      {
        signal: next.controller.signal,
        onBand: (band) => {
          paintCoarse(next, band, cx, cy, config.steps, colours);
          next.done += ((band.rows[1] - band.rows[0]) * ny) / cy;
          redraw();
        },
      },
    );
    coarse
      .then(() =>
        computeMap(
          { ...options, grid: { nx, ny } },
          {
            signal: next.controller.signal,
            onBand: (band) => {
              paint(next, band, config.steps, colours);
              next.done += band.rows[1] - band.rows[0];
              redraw();
            },
          },
        ),
      )
      .catch((error: unknown) => {
        if (next.controller.signal.aborted) return;
        next.failed = error instanceof Error ? error.message : String(error);
        host.requestUpdate();
      });
    job = next;
    return job.canvas;
  };

  // After this render: runs no longer shown lose their maps (and stop computing them).
  queueMicrotask(() => {
    for (const [key, job] of jobs) {
      if (!seen.has(key)) {
        job.controller.abort();
        jobs.delete(key);
      }
    }
  });

  const all = [...jobs.values()];
  const pct = progress(all);
  const failed = all.find((j) => j.failed)?.failed;
  const header = html`<div class="map-head" part="map-head" data-started=${startedOf.get(host) ?? 0}>
    <span>${t(lang, 'mapProgress')}</span>
    <progress part="map-progress" max="100" .value=${pct} aria-label=${t(lang, 'mapProgress')}></progress>
    <span part="map-percent" .textContent=${`${pct}%`}></span>
    ${minima.map((k, n) => {
      const p = surface.critical[k];
      return html`<span class="basin-key" part="basin-key" data-index=${k}
        ><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true"
          ><path d=${criticalSymbol(p.kind, 'key')} fill=${PALETTE[n % PALETTE.length]}></path></svg
        >(${formatNumber(p.x)}, ${formatNumber(p.y)})</span
      >`;
    })}
    <span class="basin-key"><svg width="14" height="14" aria-hidden="true">${svg`<rect width="14" height="14" fill="rgb(214,214,214)"></rect>`}</svg>${t(lang, 'mapNowhere')}</span>
    <span class="basin-key"><svg width="14" height="14" aria-hidden="true">${svg`<rect width="14" height="14" fill="#3a3a3e"></rect>`}</svg>${t(lang, 'mapDiverged')}</span>
    ${failed ? html`<span part="error">${failed}</span>` : nothing}
  </div>`;
  return { basins, header };
}

/** The coarse pass's band, each cell painted over the fine cells it covers (one image, no per-cell draw call). */
function paintCoarse(job: Job, band: MapBand, cx: number, cy: number, steps: number, colours: Map<number, number[]>): void {
  const ctx = job.canvas.getContext('2d');
  if (!ctx) return;
  const { nx, ny } = job;
  const [from, to] = band.rows;
  // The fine rows this band covers: coarse row j spans fine rows [j·ny/cy, (j+1)·ny/cy).
  const top = Math.floor((from * ny) / cy);
  const bottom = Math.min(ny, Math.floor((to * ny) / cy));
  if (bottom <= top) return;
  const image = ctx.createImageData(nx, bottom - top);
  const data = image.data;
  for (let r = top; r < bottom; r++) {
    const j = Math.min(to - 1, Math.floor((r * cy) / ny));
    for (let i = 0; i < nx; i++) {
      const ci = Math.min(cx - 1, Math.floor((i * cx) / nx));
      colour(band, (j - from) * cx + ci, ci, j, steps, colours, data, 4 * ((bottom - 1 - r) * nx + i));
    }
  }
  ctx.putImageData(image, 0, ny - bottom);
}
