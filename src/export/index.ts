/**
 * `exportFigure()` of `<descent-playground>` and `<descent-surface>` (a lazy chunk, loaded on the
 * first export): the view as it stands, from the same state as the link, as PNG, SVG, an animated
 * GIF, a video (WebM, where the browser encodes one) or the numbers as CSV or JSON. Figures are
 * laid out by render/figure.ts (no screen capture: the same state gives the same bytes) and
 * written by figureSvg or the canvas writer (canvas.ts).
 */
import type { Surface } from '../core/types';
import { getPreset } from '../core/optimizers/index';
import { FIGURE_FONT, figure, figureSvg, hexRamp, lightFigurePalette, textWidth, type Figure, type FigureItem, type FigurePalette, type FigureRun, type FigureSpec } from '../render/figure';
import { formatNumber } from '../render/ticks';
import { simplifierReady } from '../render/paths';
import { runsCsv, runsJson, type TableRun } from '../render/table';
import { loadRaster, surfaceContours } from '../components/shared/contour-cache';
import { inShortTasks } from '../core/pause';
import { contourStops } from '../components/shared/theme';
import type { PanelRun } from '../components/shared/types';
import type { EntryRun } from '../components/descent-playground/optimizer-list';
import { langOf, surfaceText, t, addStrings, type Lang } from '../i18n/index';
import { VERSION } from '../state/embed';
import type { Config } from '../state/config';
import { drawFigure, pause, type FigureImages } from './canvas';
import { openWorker } from './worker-client';
import { enExport } from '../i18n/en-export';

addStrings('en', enExport);

export type ExportFormat = 'png' | 'svg' | 'gif' | 'video' | 'csv' | 'json';
export const exportFormats: readonly ExportFormat[] = ['png', 'svg', 'gif', 'video', 'csv', 'json'];

export interface ExportOptions {
  readonly format: ExportFormat;
  /** PNG: device pixels per CSS pixel (1, 2 or 3; default 2). */
  readonly scale?: number;
  /** The figure's width in CSS pixels (default: as shown; GIF and video: 600). */
  readonly width?: number;
  /** GIF and video: frames per second (default 12 for GIF, 30 for video). */
  readonly fps?: number;
  /** GIF and video: seconds from the first step to the last (default 6); the last frame is then held 1.5 s. */
  readonly duration?: number;
  /** The step range: GIF and video animate from `from` to `to`, CSV and JSON hold it (default: 0 to the step shown; CSV and JSON: every step). */
  readonly from?: number;
  readonly to?: number;
  /** The caption line (surface, runs with their settings, start, step); default true. */
  readonly caption?: boolean;
  /** The loss chart under the map(s); default true for the playground, false for a surface. */
  readonly lossChart?: boolean;
  /** Stops a long export (GIF, video): the promise rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** Called with the fraction done (0 to 1) as a GIF or a video is made. */
  readonly onProgress?: (fraction: number) => void;
}

/** What the element hands over: the runs it draws, and for a playground its entries. */
export interface ExportSource {
  readonly runs?: readonly PanelRun[];
  readonly surface?: Surface;
  /** The playground's runs with their entries (hyperparameters, noise, batch, schedule). */
  readonly entryRuns?: readonly EntryRun[];
}

export class ExportError extends Error {
  override name = 'ExportError';
}

type SurfaceEl = HTMLElement & {
  readonly resolvedSurface: Surface;
  readonly resolvedStart: readonly [number, number];
  readonly step: number;
  readonly runs?: readonly PanelRun[];
  readonly basins?: HTMLCanvasElement;
  readonly scales?: { readonly width: number; readonly height: number };
};

let probe: CanvasRenderingContext2D | null | undefined;

/** A CSS colour as the canvas reads it (#rrggbb, or rgba() with alpha), `var(--x, fallback)` resolved against `el`. */
export function plainColor(el: Element, color: string): string {
  let c = color.trim();
  const v = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.*))?\)$/.exec(c);
  if (v) c = getComputedStyle(el).getPropertyValue(v[1]).trim() || (v[2] ?? '').trim() || '#000';
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return c;
  probe.fillStyle = '#000';
  probe.fillStyle = c;
  return String(probe.fillStyle);
}

/** Text widths as the canvas writer will draw them. */
function measure(text: string, size: number): number {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return textWidth(text, size);
  probe.font = `${size}px ${FIGURE_FONT}`;
  return probe.measureText(text).width;
}

/** The element's look as plain colours: its theme's contour colours, text, background and markers. */
function paletteOf(el: HTMLElement): FigurePalette {
  const style = getComputedStyle(el);
  const prop = (name: string, fallback: string) => plainColor(el, style.getPropertyValue(name).trim() || fallback);
  const stops = contourStops(el)?.map((s) => plainColor(el, s));
  const line = style.getPropertyValue('--descent-contour-line').trim();
  return {
    band: stops && stops.every((s) => /^#[0-9a-f]{6}$/i.test(s)) ? hexRamp(stops) : lightFigurePalette.band,
    line: line ? plainColor(el, line) : lightFigurePalette.line,
    background: prop('--descent-bg', '#ffffff'),
    text: prop('--descent-text', '#222222'),
    muted: prop('--descent-muted', '#555555'),
    markerFill: prop('--descent-marker-fill', '#ffffff'),
    markerStroke: prop('--descent-marker-stroke', '#222222'),
  };
}

/** The picture items of a figure (clips opened). */
const pictures = (items: readonly FigureItem[]): Extract<FigureItem, { kind: 'image' }>[] =>
  items.flatMap((i) => (i.kind === 'clip' ? pictures(i.items) : i.kind === 'image' ? [i] : []));

/** A playground's configuration (undefined for a surface). */
const configOf = (el: HTMLElement): Config | undefined => (el as HTMLElement & { config?: Config }).config;

/** The panels of a playground as drawn (one in overlay; one per run in grid and map), or the surface itself. */
function panelsOf(el: HTMLElement): SurfaceEl[] {
  if (el.localName === 'descent-surface') return [el as SurfaceEl];
  return [...(el.shadowRoot?.querySelectorAll<SurfaceEl>('descent-surface[part~="panel"]') ?? [])];
}

/** Panels per row as laid out on screen (those on the first one's row). */
function columnsOf(panels: readonly HTMLElement[]): number {
  const top = panels[0]?.offsetTop;
  return Math.max(1, panels.filter((p) => p.offsetTop === top).length);
}

/** "lr 0.01, momentum 0.9": the settings that differ from the preset's defaults (lr always). */
function settingsText(run: PanelRun, lang: Lang): string {
  const { optimizer, hyper } = run.trajectory;
  const defaults = getPreset(optimizer).defaults as Record<string, unknown>;
  return Object.entries(hyper)
    .filter(([k, v]) => k === 'lr' || defaults[k] !== v)
    // (A no-break space between a name and its value: a caption line breaks between settings.)
    .map(([k, v]) => `${k === 'lr' ? t(lang, 'lr') : k}\u00a0${typeof v === 'number' ? formatNumber(v) : v}`)
    .join(', ');
}

function captionOf(surface: Surface, runs: readonly PanelRun[], start: readonly [number, number], lang: Lang): string {
  const name = surfaceText(surface, lang).label;
  const list = runs.map((r) => `${r.label} (${settingsText(r, lang)})`).join('; ');
  return t(lang, 'exportCaption', { surface: name, runs: list, x: formatNumber(start[0]), y: formatNumber(start[1]) });
}

interface Prepared {
  readonly spec: FigureSpec;
  readonly images: FigureImages;
  /** Paints the figure's pictures that are not on screen already (a corrugated surface's contours at its size). */
  readonly paintPictures: (fig: Figure) => Promise<void>;
  /** A picture of the figure (raster contours, a basin map) as a data URL, encoded off the page where it can be. */
  readonly svgImage: (item: { name: 'contours' | 'basins'; panel: number; width: number; height: number }) => Promise<string | undefined>;
  readonly runs: readonly PanelRun[];
  readonly surface: Surface;
  readonly start: readonly [number, number];
  readonly step: number;
  readonly lang: Lang;
}

function prepare(el: HTMLElement, source: ExportSource, options: ExportOptions, simplify: FigureSpec['simplify']): Prepared {
  const panels = panelsOf(el);
  if (!panels.length) throw new ExportError(t(langOf(el), 'exportNothing'));
  const first = panels[0];
  const lang = langOf(el);
  const surface = source.surface ?? first.resolvedSurface;
  const start = first.resolvedStart;
  const panelRuns = el === first ? [source.runs ?? []] : panels.map((p) => p.runs ?? []);
  const runs = panelRuns.flat();
  const last = Math.max(0, ...runs.map((r) => r.trajectory.x.length - 1));
  // The step the panels show (Infinity: the last), or the one asked for.
  const step = Math.max(0, Math.min(last, Math.round(options.to ?? first.step)));
  const columns = columnsOf(panels);
  const shownWidth = el === first ? first.offsetWidth : columns * first.offsetWidth + (columns - 1) * 12;
  const width = Math.round(options.width ?? (options.format === 'gif' || options.format === 'video' ? 600 : shownWidth || 600));
  if (!(width >= 120 && width <= 4000)) throw new ExportError(t(lang, 'exportWidth', { value: String(options.width) }));
  const toRun = (r: PanelRun): FigureRun => ({ label: r.label, color: plainColor(el, r.color), index: r.index ?? 0, x: r.trajectory.x, y: r.trajectory.y, loss: r.trajectory.loss });
  const contours = surfaceContours(surface);
  const grid = panels.length > 1;
  const basins = panels.map((p) => p.basins);
  const palette = paletteOf(first);
  const spec: FigureSpec = {
    surface,
    contours: contours.raster ? undefined : { thresholds: contours.levels.thresholds, bands: contours.bands },
    rasterContours: contours.raster,
    panels: panelRuns.map((rs) => rs.map(toRun)),
    titles: grid ? panelRuns.map((rs) => rs[0]?.label ?? '') : undefined,
    basins: basins.some(Boolean),
    start,
    step,
    width,
    columns: grid ? columns : 1,
    legend: !grid,
    lossChart: options.lossChart ?? el !== first,
    caption: options.caption === false ? undefined : `${captionOf(surface, runs, start, lang)} · ${t(lang, 'exportStep')}`,
    labels: { step: t(lang, 'exportStepAxis'), loss: 'f(x, y)' },
    palette,
    measure,
    simplify,
  };
  // Pictures: the contours of a corrugated surface (painted per pixel; see paintPictures), and the basin maps.
  const painted = new Map<string, HTMLCanvasElement>();
  const picture = (item: { name: 'contours' | 'basins'; panel: number; width: number; height: number }): HTMLCanvasElement | undefined =>
    item.name === 'basins' ? basins[item.panel] : painted.get(`${Math.round(item.width)}x${Math.round(item.height)}`);
  return {
    spec,
    images: (item) => picture(item),
    // Paints the corrugated contours at the figure's plot size, per pixel, in short tasks (2×).
    paintPictures: async (fig) => {
      const items = pictures(fig.items).filter((i) => i.name === 'contours');
      if (!items.length) return;
      const raster = await loadRaster();
      for (const item of items) {
        const key = `${Math.round(item.width)}x${Math.round(item.height)}`;
        if (painted.has(key)) continue;
        const canvas = document.createElement('canvas');
        canvas.width = 2 * Math.round(item.width);
        canvas.height = 2 * Math.round(item.height);
        const ctx = canvas.getContext('2d');
        if (!ctx) continue;
        await inShortTasks(raster.paintRasterSteps(ctx, contours.sample ?? surface.f, surface.domain, contours.levels.thresholds, 2, { key: 'export', band: palette.band, line: palette.line }));
        painted.set(key, canvas);
      }
    },
    svgImage: async (item) => {
      const c = picture(item);
      if (!c?.width) return undefined;
      // A basin map is flat colour (PNG); a surface painted per pixel is a smooth field a PNG
      // cannot pack (4 MB for Lévi N.13 at 2×): JPEG, as SVG editors read it too.
      const blob = await pngOf(c, item.name === 'contours' ? 'image/jpeg' : 'image/png');
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error ?? new ExportError('the picture could not be read'));
        reader.readAsDataURL(blob);
      });
    },
    runs,
    surface,
    start,
    step,
    lang,
  };
}

/** The canvas as a PNG file, encoded in a Worker where the page may have one (a large figure takes the page ~50 ms). */
async function pngOf(canvas: HTMLCanvasElement, type = 'image/png'): Promise<Blob> {
  const worker = typeof OffscreenCanvas === 'function' ? await openWorker() : undefined;
  if (worker) {
    try {
      const bitmap = await createImageBitmap(canvas);
      return (await worker.ask<{ blob: Blob }>({ png: bitmap, type }, [bitmap])).blob;
    } finally {
      worker.close();
    }
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new ExportError('the canvas gave no image'))), type, 0.9));
}

/** Table runs: the entries' own options where the playground gives them, else the trajectory's. */
function tableRuns(runs: readonly PanelRun[], source: ExportSource): TableRun[] {
  return runs.map((r) => {
    const e = source.entryRuns?.find((x) => x.trajectory === r.trajectory && x.label === r.label);
    const base = { optimizer: r.trajectory.optimizer, hyper: r.trajectory.hyper };
    // As runs.ts runs them: each noisy entry its own seed (its place + 1), batches with the default seed.
    const options = e
      ? {
          ...base,
          ...(e.entry.noise ? { noise: { sd: e.entry.noise, seed: e.index + 1 } } : {}),
          ...(e.entry.batch ? { batch: { size: e.entry.batch } } : {}),
          ...(e.entry.schedule ? { schedule: e.entry.schedule } : {}),
        }
      : base;
    return { label: r.label, options, trajectory: r.trajectory };
  });
}

/**
 * The element's figure or numbers. `runs` are what a surface draws, or a playground's runs with
 * their entries (`EntryRun`s: hyperparameters, noise, batch, schedule), and `surface` the one a
 * playground shows.
 */
export async function exportFigure(el: HTMLElement, options: ExportOptions, runs: readonly (PanelRun | EntryRun)[] = [], surface?: Surface): Promise<Blob> {
  const playground = el.localName !== 'descent-surface';
  const source: ExportSource = playground ? { surface, entryRuns: runs as EntryRun[] } : { runs: runs as PanelRun[] };
  const lang = langOf(el);
  if (!options || !exportFormats.includes(options.format)) {
    throw new ExportError(t(lang, 'exportFormat', { value: String(options?.format), formats: exportFormats.join(', ') }));
  }
  const scale = options.scale ?? 2;
  if (options.format === 'png' && ![1, 2, 3].includes(scale)) throw new ExportError(t(lang, 'exportScale', { value: String(options.scale) }));
  // The paths' simplifier (loaded with the first paths), for the contour rings too.
  await simplifierReady;
  const { simplify } = await import('../render/simplify');
  const p = prepare(el, source, options, simplify);
  const { format } = options;
  if (format === 'csv' || format === 'json') {
    const c = configOf(el);
    const meta = {
      version: VERSION,
      surface: c?.expr !== undefined ? { expr: c.expr, domain: p.surface.domain } : p.surface.id,
      start: p.start,
      steps: Math.max(0, ...p.runs.map((r) => r.trajectory.x.length - 1)),
    };
    const runs = tableRuns(p.runs, source);
    const text = format === 'csv' ? runsCsv(meta, runs, options.from, options.to) : runsJson(meta, runs, options.from, options.to);
    return new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' });
  }
  if (format === 'svg') {
    const fig = figure(p.spec);
    const title = p.spec.caption?.replace('{step}', String(p.step));
    // The pictures first (each one PNG, encoded in a Worker where the page may have one).
    const urls = new Map<string, string | undefined>();
    await p.paintPictures(fig);
    for (const item of pictures(fig.items)) urls.set(`${item.name}|${item.panel}`, await p.svgImage(item));
    return new Blob([figureSvg(fig, (item) => urls.get(`${item.name}|${item.panel}`), title)], { type: 'image/svg+xml' });
  }
  if (format === 'png') {
    const fig = figure(p.spec);
    await p.paintPictures(fig);
    await pause();
    return pngOf(await drawFigure(fig, scale, p.images));
  }
  const { animate } = await import('./animate');
  await p.paintPictures(figure({ ...p.spec, step: 0 }));
  return animate(p.spec, p.images, { ...options, from: options.from ?? 0, to: p.step }, lang);
}

/**
 * Whether this browser has WebCodecs' video encoder (the Video choice shows only then). Not
 * VideoEncoder.isConfigSupported(): in Chromium it blocks the page for about 100 ms; a codec the
 * encoder refuses is reported by the export instead.
 */
export function canExportVideo(): boolean {
  return typeof VideoEncoder === 'function' && typeof VideoFrame === 'function';
}

/** A file name for the export: descent-lab-<surface>-step-<n>.<ext>. */
export function exportFileName(el: HTMLElement, format: ExportFormat, step: number): string {
  const surface = panelsOf(el)[0]?.resolvedSurface.id ?? 'figure';
  const ext = format === 'video' ? 'webm' : format;
  return `descent-lab-${surface.replace(/[^\w-]+/g, '-')}-step-${step}.${ext}`;
}
