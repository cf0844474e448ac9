/**
 * A figure of a race as plain data (no DOM): the contour map(s) with their critical points, each
 * run's path up to a step with its head, the start, axes, a legend of the runs, an optional loss
 * chart and a caption line. Two writers read it: `figureSvg` here (a standalone SVG document, in
 * Node as in the page) and the page's canvas writer (export/canvas.ts: PNG, GIF and video
 * frames). Items are marked `still` (the same at every step: contours, axes, legend) or not (paths,
 * heads, caption), so an animation draws the still ones once.
 */
import type { CriticalPoint, Domain } from '../core/types';
import { contourRings, type ContourBand } from './contours';
import { sampleGrid } from './grid';
import { contourLevels } from './levels';
import { lossPath, lossScale } from './loss';
import { criticalSymbol } from './markers';
import { polylinePath, tenths, trajectoryGeometry } from './paths';
import { headPath, KEY_AREA } from './run-markers';
import { panelHeight, panelScales, scaleLinear } from './scales';
import { axisTicks, logTicks } from './ticks';
import { lightContourStops } from './colors';

/** One run as drawn: its label, colour and marker (its place in the list), and its iterates. */
export interface FigureRun {
  readonly label: string;
  readonly color: string;
  /** Its place in the race: picks its head marker (render/run-markers). */
  readonly index: number;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** f at each iterate (the loss chart's curve). */
  readonly loss?: ArrayLike<number>;
}

/** The colours of a figure; every one a plain CSS colour an SVG editor reads (#rrggbb or rgb()). */
export interface FigurePalette {
  /** The contour band colour for t in [0, 1] (0: the lowest band). */
  readonly band: (t: number) => string;
  readonly line: string;
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly markerFill: string;
  readonly markerStroke: string;
}

export interface FigureSpec {
  readonly surface: { readonly f: (x: number, y: number) => number; readonly domain: Domain; readonly critical: readonly CriticalPoint[] };
  /** The contour levels and bands (computed from f on a 200 × 200 grid when not given). */
  readonly contours?: { readonly thresholds: readonly number[]; readonly bands: readonly ContourBand[] };
  /**
   * Contours as a picture instead of polygons (a corrugated surface, painted per pixel on screen):
   * an `image` item `contours` per panel, for the writer to fill in.
   */
  readonly rasterContours?: boolean;
  /** One entry per panel: the runs drawn in it (overlay: one panel with every run). */
  readonly panels: readonly (readonly FigureRun[])[];
  /** A title per panel, written in its top-left corner (grid and map layouts). */
  readonly titles?: readonly string[];
  /** An `image` item `basins` per panel under its paths (the map layout), for the writer to fill in. */
  readonly basins?: boolean;
  readonly start: readonly [number, number];
  /** The step shown: each path is drawn up to it (or to its last finite iterate). */
  readonly step: number;
  /** The figure's width in CSS pixels. */
  readonly width: number;
  /** Panels per row (default: 1 for one panel, 2 up to four, 3 beyond). */
  readonly columns?: number;
  /** A legend of the runs above the map(s) (default true). */
  readonly legend?: boolean;
  /** A loss chart under the map(s), the step on x, f on y (default false). */
  readonly lossChart?: boolean;
  /** The caption line under everything; `{step}` in it is replaced by the step shown. */
  readonly caption?: string;
  /** Axis labels of the loss chart. */
  readonly labels?: { readonly step: string; readonly loss: string };
  readonly palette?: Partial<FigurePalette>;
  /** Only the items that change with the step (for the frames of an animation). */
  readonly movingOnly?: boolean;
  /** The width of `text` at `size` px in FIGURE_FONT (a canvas's measureText; default: an estimate). */
  readonly measure?: (text: string, size: number) => number;
  /**
   * render/simplify's `simplify`, for the contour rings (descent-lab/figure exports it; without it
   * every traced point is kept: a larger SVG, the same picture).
   */
  readonly simplify?: typeof import('./simplify').simplify;
}

export type FigureItem =
  | {
      readonly kind: 'path';
      readonly d: string;
      readonly fill?: string;
      readonly stroke?: string;
      readonly width?: number;
      readonly opacity?: number;
      readonly evenodd?: boolean;
      /** Drawn at this offset (markers are centred on the origin). */
      readonly at?: readonly [number, number];
      readonly role?: 'contour' | 'trajectory' | 'ghost' | 'halo' | 'head' | 'critical' | 'start' | 'loss' | 'axis';
      readonly run?: string;
      readonly still: boolean;
    }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly fill: string;
      readonly bold?: boolean;
      /** A halo of the background colour behind the text (titles drawn over the map). */
      readonly halo?: string;
      readonly still: boolean;
    }
  | { readonly kind: 'image'; readonly name: 'contours' | 'basins'; readonly panel: number; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly still: true }
  | { readonly kind: 'clip'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly items: readonly FigureItem[]; readonly still: boolean };

export interface Figure {
  readonly width: number;
  readonly height: number;
  readonly background: string;
  readonly items: readonly FigureItem[];
}

/** The light theme's look (the elements' defaults). */
export const lightFigurePalette: FigurePalette = {
  band: hexRamp(lightContourStops),
  line: 'rgba(40,40,60,0.22)',
  background: '#ffffff',
  text: '#222222',
  muted: '#555555',
  markerFill: '#ffffff',
  markerStroke: '#222222',
};

/** The text's fonts: the system UI font, then Korean-capable ones. */
export const FIGURE_FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

/** The margins of a map panel around its plot area (the elements' own, with axes). */
const AXES = { top: 6, right: 16, bottom: 30, left: 42 };
const GAP = 12;
const LEGEND_ROW = 20;
const CAPTION = 22;
const LOSS_H = 164;
const LOSS_M = { top: 22, right: 16, bottom: 30, left: 52 };

/** A rough width of `text` at `size` px: Hangul and other wide characters count double. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1 : 0.6;
  return w * size;
}

/** `text` broken into lines at most `width` wide, at spaces (a word longer than that gets a line of its own). */
export function wrapText(text: string, size: number, width: number, measure: (text: string, size: number) => number = textWidth): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A circle as path text (both SVG and canvas Path2D read it). */
export function circlePath(r: number): string {
  return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
}

/** `stops` (#rrggbb) mixed in sRGB for t in [0, 1], as the page's color-mix() does, as #rrggbb. */
export function hexRamp(stops: readonly string[]): (t: number) => string {
  const rgb = stops.map((s) => [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)));
  const last = rgb.length - 1;
  return (t) => {
    const x = (t > 0 ? Math.min(1, t) : 0) * last;
    const i = Math.min(last - 1, Math.floor(x));
    const p = Math.round((1 - (x - i)) * 1e4) / 1e4;
    const c = rgb[i].map((v, k) => Math.round(v * p + rgb[i + 1][k] * (1 - p)));
    return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
  };
}

/** Lays out the figure for `spec`. */
export function figure(spec: FigureSpec): Figure {
  const pal: FigurePalette = { ...lightFigurePalette, ...spec.palette };
  const { surface, panels, width } = spec;
  const items: FigureItem[] = [];
  const moving = !spec.movingOnly;
  const measure = spec.measure ?? textWidth;
  const all = panels.flat();
  // The legend: one entry per run (first panel order), wrapped into rows.
  let y = 4;
  if (spec.legend !== false && all.length) {
    let x = 4;
    const seen = new Set<string>();
    for (const run of all) {
      if (seen.has(run.label)) continue;
      seen.add(run.label);
      const w = 26 + measure(run.label, 12) + 14;
      if (x > 4 && x + w > width) {
        x = 4;
        y += LEGEND_ROW;
      }
      if (moving) {
        items.push({ kind: 'path', d: 'M0,0h18', stroke: run.color, width: 2, at: [x, y + 9], still: true });
        items.push({ kind: 'path', d: headPath(run.index, KEY_AREA), fill: run.color, stroke: pal.markerFill, width: 1.2, evenodd: true, at: [x + 9, y + 9], still: true });
        items.push({ kind: 'text', x: x + 24, y: y + 13, text: run.label, size: 12, anchor: 'start', fill: pal.text, still: true });
      }
      x += w;
    }
    y += LEGEND_ROW + 2;
  }
  // The panels, in rows.
  const n = panels.length;
  const columns = Math.max(1, Math.min(n, spec.columns ?? (n <= 1 ? 1 : n <= 4 ? 2 : 3)));
  const panelW = Math.floor((width - GAP * (columns - 1)) / columns);
  const plotW = Math.max(40, panelW - AXES.left - AXES.right);
  const plotH = panelHeight(surface.domain, plotW);
  const panelH = plotH + AXES.top + AXES.bottom;
  const scales = panelScales(surface.domain, plotW, plotH);
  const contours = spec.rasterContours ? undefined : (spec.contours ?? (moving ? computeContours(surface) : undefined));
  // The contours, once for every panel (they are all one size). Each band filled and outlined at
  // once: a band lies inside the one below it, so its fill never covers the outline before it.
  const contourItems: FigureItem[] | undefined = contours && moving ? [{ kind: 'path', d: `M0,0H${plotW}V${plotH}H0Z`, fill: pal.band(0), role: 'contour', still: true }] : undefined;
  contours?.bands.forEach((band, k, bands) => {
    const d = moving ? bandPath(band, scales.x, scales.y, spec.simplify) : '';
    if (d) contourItems?.push({ kind: 'path', d, fill: pal.band(bands.length > 1 ? (k + 1) / bands.length : 1), stroke: pal.line, width: 0.6, evenodd: true, role: 'contour', still: true });
  });
  for (let p = 0; p < n; p++) {
    const left = (p % columns) * (panelW + GAP) + AXES.left;
    const top = y + Math.floor(p / columns) * (panelH + GAP) + AXES.top;
    const inner: FigureItem[] = [];
    if (moving) {
      if (contourItems) {
        inner.push(...contourItems);
      } else {
        inner.push({ kind: 'image', name: 'contours', panel: p, x: 0, y: 0, width: plotW, height: plotH, still: true });
      }
      if (spec.basins) inner.push({ kind: 'image', name: 'basins', panel: p, x: 0, y: 0, width: plotW, height: plotH, still: true });
      for (const c of surface.critical) {
        inner.push({ kind: 'path', d: criticalSymbol(c.kind), fill: pal.markerFill, stroke: pal.markerStroke, width: 1.2, at: [scales.x(c.x), scales.y(c.y)], role: 'critical', still: true });
      }
    }
    const runs = panels[p];
    const geometries = runs.map((r) => trajectoryGeometry(r.x, r.y, scales.x, scales.y, { width: plotW, height: plotH }));
    runs.forEach((r, k) => {
      const g = geometries[k];
      if (g.last < 0) return;
      inner.push({ kind: 'path', d: g.d, stroke: r.color, width: 1, opacity: 0.35, role: 'ghost', run: r.label, still: true });
    });
    runs.forEach((r, k) => {
      const g = geometries[k];
      const last = Math.min(spec.step, g.last);
      if (last < 0) return;
      const d = polylinePath(g.px, g.py, last);
      if (runs.length > 1) inner.push({ kind: 'path', d, stroke: pal.background, width: 3.6, opacity: 0.85, role: 'halo', run: r.label, still: false });
      inner.push({ kind: 'path', d, stroke: r.color, width: 1.8, role: 'trajectory', run: r.label, still: false });
    });
    runs.forEach((r, k) => {
      const g = geometries[k];
      const at = Math.min(spec.step, g.last);
      if (at < 0) return;
      const stopped = spec.step > g.last && g.last < r.x.length - 1;
      inner.push({ kind: 'path', d: headPath(r.index), fill: stopped ? pal.markerFill : r.color, stroke: stopped ? r.color : pal.markerFill, width: stopped ? 2 : 1.5, evenodd: true, at: [g.px[at], g.py[at]], role: 'head', run: r.label, still: false });
    });
    const [sx, sy] = [scales.x(spec.start[0]), scales.y(spec.start[1])];
    // (Drawn with every frame, so that it stays above the paths.)
    inner.push({ kind: 'path', d: circlePath(7), fill: pal.markerFill, stroke: pal.markerStroke, width: 1.5, opacity: 0.9, at: [sx, sy], role: 'start', still: false });
    inner.push({ kind: 'path', d: circlePath(2.5), fill: pal.markerStroke, at: [sx, sy], role: 'start', still: false });
    const title = spec.titles?.[p];
    if (title && moving) inner.push({ kind: 'text', x: 6, y: 16, text: title, size: 12, anchor: 'start', fill: pal.text, bold: true, halo: pal.background, still: true });
    const kept = moving ? inner : inner.filter((i) => !i.still);
    items.push({ kind: 'clip', x: left, y: top, width: plotW, height: plotH, items: kept, still: false });
    if (moving) items.push(...axes(left, top, plotW, plotH, scales, pal, 'x', 'y'));
  }
  y += Math.ceil(n / columns) * (panelH + GAP) - GAP;
  if (spec.lossChart && all.length) {
    y += GAP;
    items.push(...lossChart(all, spec, width, y, pal, moving));
    y += LOSS_H;
  }
  if (spec.caption) {
    // Laid out for the longest step number, so that every frame of an animation has the same lines.
    const longest = wrapText(spec.caption.replace('{step}', '0'.repeat(String(Math.max(spec.step, 9999)).length)), 11, width - 8, measure);
    const lines = wrapText(spec.caption.replace('{step}', String(spec.step)), 11, width - 8, measure);
    lines.forEach((text, i) => items.push({ kind: 'text', x: 4, y: y + 16 + 14 * i, text, size: 11, anchor: 'start', fill: pal.muted, still: false }));
    y += CAPTION + 14 * (Math.max(lines.length, longest.length) - 1);
  }
  return { width, height: Math.ceil(y + 4), background: pal.background, items };
}

/** Tolerance of the contour rings' simplification, in pixels (the lines are 0.6 px wide). */
const RING_TOLERANCE = 0.25;

/**
 * A band's rings in pixels, simplified to within RING_TOLERANCE (render/simplify's sleeve, as
 * paths are, when the spec gives it) and written with relative moves in tenths of a pixel: a fraction of ringsPath's size.
 */
function bandPath(band: ContourBand, sx: (v: number) => number, sy: (v: number) => number, simplify: FigureSpec['simplify']): string {
  let d = '';
  for (const polygon of band.polygons) {
    for (const ring of polygon) {
      const n = ring.length / 2;
      if (n < 3) continue;
      const px = new Float64Array(n);
      const py = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        px[k] = sx(ring[2 * k]);
        py[k] = sy(ring[2 * k + 1]);
      }
      const kept = simplify ? simplify(px, py, n - 1, RING_TOLERANCE) : Int32Array.from({ length: n }, (_, k) => k);
      if (kept.length < 3) continue;
      let x = Math.round(px[kept[0]] * 10);
      let y = Math.round(py[kept[0]] * 10);
      d += `M${tenths(x)},${tenths(y)}`;
      for (let j = 1; j < kept.length; j++) {
        const nx = Math.round(px[kept[j]] * 10);
        const ny = Math.round(py[kept[j]] * 10);
        if (nx === x && ny === y) continue;
        d += `l${tenths(nx - x)}${ny - y < 0 ? '' : ','}${tenths(ny - y)}`;
        x = nx;
        y = ny;
      }
      d += 'z';
    }
  }
  return d;
}

function computeContours(surface: FigureSpec['surface']): { thresholds: readonly number[]; bands: readonly ContourBand[] } {
  const grid = sampleGrid(surface, 200, 200);
  const { thresholds } = contourLevels(grid.values);
  return { thresholds, bands: contourRings(grid, thresholds) };
}

/** The ticks and labels of a plot at (left, top), and its frame. */
function axes(
  left: number,
  top: number,
  w: number,
  h: number,
  s: { x: (v: number) => number; y: (v: number) => number } & { x: { domain(): number[] }; y: { domain(): number[] } },
  pal: FigurePalette,
  xLabel: string,
  yLabel: string,
  yTicks = axisTicks(s.y as never, Math.max(2, Math.round(h / 70))),
): FigureItem[] {
  const out: FigureItem[] = [];
  const xt = axisTicks(s.x as never, Math.max(2, Math.round(w / 90)));
  let d = `M${left},${top}h${w}v${h}h${-w}Z`;
  for (const t of xt) d += `M${left + t.offset},${top + h}v4`;
  for (const t of yTicks) d += `M${left},${top + t.offset}h-4`;
  out.push({ kind: 'path', d, stroke: pal.muted, width: 1, role: 'axis', still: true });
  for (const t of xt) out.push({ kind: 'text', x: left + t.offset, y: top + h + 15, text: t.label, size: 10, anchor: 'middle', fill: pal.muted, still: true });
  for (const t of yTicks) out.push({ kind: 'text', x: left - 6, y: top + t.offset + 3.5, text: t.label, size: 10, anchor: 'end', fill: pal.muted, still: true });
  out.push({ kind: 'text', x: left + w / 2, y: top + h + 28, text: xLabel, size: 11, anchor: 'middle', fill: pal.text, still: true });
  if (yLabel) out.push({ kind: 'text', x: left - 36, y: top + h / 2 + 4, text: yLabel, size: 11, anchor: 'middle', fill: pal.text, still: true });
  return out;
}

/** The loss of every run against the step (log scale over f* where the surface has one). */
function lossChart(runs: readonly FigureRun[], spec: FigureSpec, width: number, top: number, pal: FigurePalette, moving: boolean): FigureItem[] {
  const w = width - LOSS_M.left - LOSS_M.right;
  const h = LOSS_H - LOSS_M.top - LOSS_M.bottom;
  const left = LOSS_M.left;
  const y0 = top + LOSS_M.top;
  const losses = runs.map((r) => r.loss ?? []);
  const steps = Math.max(1, ...losses.map((l) => l.length - 1));
  const minimum = spec.surface.critical.find((c) => c.kind === 'global-min')?.f;
  const ys = lossScale(losses, h, minimum);
  const sx = scaleLinear([0, steps], [0, w]);
  const out: FigureItem[] = [];
  if (moving) {
    const yTicks = ys.kind === 'log' ? logTicks(ys.scale as never, Math.max(2, Math.round(h / 40))) : axisTicks(ys.scale as never, Math.max(2, Math.round(h / 40)));
    out.push(...axes(left, y0, w, h, { x: sx, y: ys.scale } as never, pal, spec.labels?.step ?? 'step', '', yTicks));
    out.push({ kind: 'text', x: left, y: y0 - 8, text: spec.labels?.loss ?? ys.label, size: 11, anchor: 'start', fill: pal.text, still: true });
  }
  const inner: FigureItem[] = [];
  runs.forEach((r) => {
    const loss = r.loss;
    if (!loss?.length) return;
    const upTo = Array.prototype.slice.call(loss, 0, Math.min(loss.length, spec.step + 1)) as number[];
    const d = lossPath(upTo, sx, ys);
    if (d) inner.push({ kind: 'path', d, stroke: r.color, width: 1.6, role: 'loss', run: r.label, still: false });
  });
  // The cursor at the shown step.
  inner.push({ kind: 'path', d: `M${sx(Math.min(spec.step, steps))},0v${h}`, stroke: pal.muted, width: 1, opacity: 0.6, role: 'axis', still: false });
  out.push({ kind: 'clip', x: left, y: y0, width: w, height: h, items: inner, still: false });
  return out;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number) => String(Math.round(v * 100) / 100);

/**
 * A standalone SVG document: vector contours and paths, text as text, no external references (a
 * picture item is embedded as a data URL by `image`, or left out when it gives none).
 */
export function figureSvg(fig: Figure, image?: (item: Extract<FigureItem, { kind: 'image' }>) => string | undefined, title?: string): string {
  const out: string[] = [];
  const defs: string[] = [];
  const shared = new Map<string, string>();
  const write = (item: FigureItem): void => {
    if (item.kind === 'clip') {
      // A nested svg's viewport clips its content (no clipPath). Panels of one size share their
      // contours: written once, then used by each (an id within the file, no external reference).
      out.push(`<svg x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" overflow="hidden">`);
      const contours = item.items.filter((i) => i.kind === 'path' && i.role === 'contour');
      if (contours.length) {
        const at = out.length;
        contours.forEach(write);
        const group = out.splice(at).join('');
        let id = shared.get(group);
        if (!id) {
          id = `descent-contours-${shared.size + 1}`;
          shared.set(group, id);
          defs.push(`<g id="${id}">${group}</g>`);
        }
        // (xlink:href as well as href: older SVG editors read only the former.)
        out.push(`<use href="#${id}" xlink:href="#${id}"/>`);
      }
      item.items.filter((i) => !contours.includes(i)).forEach(write);
      out.push('</svg>');
    } else if (item.kind === 'image') {
      const href = image?.(item);
      if (href) out.push(`<image x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" preserveAspectRatio="none" href="${href}" xlink:href="${href}"/>`);
    } else if (item.kind === 'text') {
      const attrs = `x="${num(item.x)}" y="${num(item.y)}" font-size="${item.size}"${item.anchor === 'start' ? '' : ` text-anchor="${item.anchor}"`}${item.bold ? ' font-weight="600"' : ''}`;
      // A halo is a second text under the first (not paint-order, which older editors ignore).
      if (item.halo) out.push(`<text ${attrs} fill="${item.halo}" stroke="${item.halo}" stroke-width="3" stroke-linejoin="round">${escapeXml(item.text)}</text>`);
      out.push(`<text ${attrs} fill="${item.fill}">${escapeXml(item.text)}</text>`);
    } else {
      let a = `d="${item.d}"`;
      a += ` fill="${item.fill ?? 'none'}"`;
      if (item.evenodd) a += ' fill-rule="evenodd"';
      if (item.stroke) a += ` stroke="${item.stroke}" stroke-width="${item.width ?? 1}"`;
      if (item.stroke && (item.role === 'trajectory' || item.role === 'halo' || item.role === 'loss' || item.role === 'ghost')) a += ' stroke-linejoin="round" stroke-linecap="round"';
      if (item.opacity !== undefined) a += ` opacity="${item.opacity}"`;
      if (item.at) a += ` transform="translate(${num(item.at[0])},${num(item.at[1])})"`;
      if (item.role) a += ` class="${item.role}"`;
      if (item.run) a += ` data-run="${escapeXml(item.run)}"`;
      out.push(`<path ${a}/>`);
    }
  };
  fig.items.forEach(write);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${defs.length || out.some((o) => o.startsWith('<image')) ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : ''} width="${fig.width}" height="${fig.height}" viewBox="0 0 ${fig.width} ${fig.height}" font-family="${FIGURE_FONT.replace(/"/g, "'")}">` +
    (title ? `<title>${escapeXml(title)}</title>` : '') +
    (defs.length ? `<defs>${defs.join('')}</defs>` : '') +
    `<rect width="100%" height="100%" fill="${fig.background}"/>` +
    out.join('') +
    '</svg>\n'
  );
}
