/**
 * Contours are computed once per surface (grid, levels, rings, in the surface's coordinates) and
 * painted once per surface and pixel size into an offscreen canvas; every panel of that size
 * copies the bitmap. Dragging and animating never touch them.
 */
import type { Surface } from '../../core/types';
import { lightContourStops } from '../../render/colors';
import { inShortTasks, runToEnd } from '../../core/pause';
import { contourRingsSteps, ringsPath, type ContourBand } from '../../render/contours';
import { sampleGridSteps, type SurfaceGrid } from '../../render/grid';
import { contourLevels, type ContourLevels } from '../../render/levels';
import { panelScales } from '../../render/scales';
import { contourBands } from './theme';

export interface SurfaceContours {
  readonly levels: ContourLevels;
  /** The filled bands as polygons; none when `raster`. */
  readonly bands: readonly ContourBand[];
  /**
   * The surface corrugates faster than the grid (its `ripple` gets fewer than SAMPLES_PER_RIPPLE
   * samples): its contours from the grid would be a sawtooth, so they are painted pixel by pixel
   * instead (contour-raster.ts with render/raster.ts, a lazy chunk).
   */
  readonly raster: boolean;
  /**
   * For a surface found to corrugate (it gives no `ripple`), once prepareContours has run: f
   * sampled on a lattice and interpolated (contour-raster.ts's latticeSteps), which the per-pixel
   * painter reads instead of f, so painting costs the same however costly f is.
   */
  readonly sample?: (x: number, y: number) => number;
}

/** Samples per axis: fine enough for Rastrigin's ten ripples, quick enough to build on a switch. */
export const GRID_SIZE = 200;

/**
 * Grid samples a ripple needs for smooth contour rings (Rastrigin and Ackley get 20 and look
 * smooth; Lévi N.13 would get 3, a sawtooth): below it, the map is painted per pixel.
 */
export const SAMPLES_PER_RIPPLE = 8;

/** The per-pixel painter, once its chunk is here. */
let raster: typeof import('./contour-raster') | undefined;
let rasterLoading: Promise<typeof import('./contour-raster')> | undefined;

/**
 * Keyed by f (a typed-in surface and the same surface with its race share it), then by domain:
 * the grid depends on nothing else.
 */
const contoursByF = new WeakMap<Surface['f'], Map<string, SurfaceContours>>();
const paintings = new WeakMap<Surface, Map<string, HTMLCanvasElement>>();
/** Paintings still being painted in strips, with whom to tell when they are done. */
const painting = new Map<HTMLCanvasElement, Set<() => void>>();

function domainKey(surface: Surface): string {
  return `${surface.domain.x.join()},${surface.domain.y.join()}`;
}

export function cachedContours(surface: Surface): SurfaceContours | undefined {
  return contoursByF.get(surface.f)?.get(domainKey(surface));
}

export function surfaceContours(surface: Surface): SurfaceContours {
  return cachedContours(surface) ?? runToEnd(contourSteps(surface));
}

/**
 * The contours of a surface, pausing after each row of samples and each level's rings. A surface
 * without a `ripple` of its own that `corrugated` finds so (its grid) is left to be painted per
 * pixel (contour-prepare.ts, for typed-in surfaces).
 */
export function* contourSteps(
  surface: Surface,
  corrugated?: (grid: SurfaceGrid) => boolean,
): Generator<void, SurfaceContours, undefined> {
  const grid = yield* sampleGridSteps(surface, GRID_SIZE, GRID_SIZE);
  const levels = contourLevels(grid.values);
  yield;
  const { x } = surface.domain;
  let c: SurfaceContours;
  if (surface.ripple !== undefined) {
    const corrugated = GRID_SIZE * surface.ripple < SAMPLES_PER_RIPPLE * (x[1] - x[0]);
    c = { levels, bands: corrugated ? [] : yield* contourRingsSteps(grid, levels.thresholds), raster: corrugated };
  } else if (corrugated?.(grid)) {
    c = { levels, bands: [], raster: true };
  } else {
    c = { levels, bands: yield* contourRingsSteps(grid, levels.thresholds), raster: false };
  }
  remember(surface, c);
  return c;
}

export function remember(surface: Surface, c: SurfaceContours): void {
  let byDomain = contoursByF.get(surface.f);
  if (!byDomain) contoursByF.set(surface.f, (byDomain = new Map()));
  byDomain.set(domainKey(surface), c);
  if (byDomain.size > 4) byDomain.delete(byDomain.keys().next().value as string);
}

export function loadRaster(): Promise<typeof import('./contour-raster')> {
  rasterLoading ??= import('./contour-raster').then((m) => (raster = m));
  return rasterLoading;
}


/**
 * Ring points beyond which a painting is spread over short tasks: tracing and filling a few
 * hundred thousand points (sin(10x)·cos(10y), 2 MB of path text) takes a tenth of a second.
 */
const SYNC_RING_POINTS = 60_000;

function ringPoints(bands: readonly ContourBand[]): number {
  let points = 0;
  for (const band of bands) for (const polygon of band.polygons) for (const ring of polygon) points += ring.length / 2;
  return points;
}

/** Ring points traced, filled or stroked between two pauses of a painting. */
const POINTS_PER_STEP = 6000;

/**
 * Fills the bands over a base colour, then strokes their outlines; pauses every
 * POINTS_PER_STEP ring points or so (a band's polygons are disjoint, so a band can be filled
 * a few polygons at a time; each polygon's holes stay with it for the even-odd rule).
 */
function* paintBandsSteps(
  ctx: CanvasRenderingContext2D,
  bands: readonly ContourBand[],
  scales: { x: (v: number) => number; y: (v: number) => number },
  width: number,
  height: number,
  ratio: number,
  palette: ContourPalette,
): Generator<void, void, undefined> {
  ctx.scale(ratio, ratio);
  const n = bands.length;
  ctx.fillStyle = palette.band(0);
  ctx.fillRect(0, 0, width, height);
  const paths: Path2D[] = [];
  for (let k = 0; k < n; k++) {
    ctx.fillStyle = palette.band(n > 1 ? (k + 1) / n : 1);
    const { value, polygons } = bands[k];
    for (let from = 0; from < polygons.length; ) {
      let to = from;
      let points = 0;
      while (to < polygons.length && (to === from || points < POINTS_PER_STEP)) {
        for (const ring of polygons[to]) points += ring.length / 2;
        to++;
      }
      const path = new Path2D(ringsPath({ value, polygons: polygons.slice(from, to) }, scales.x, scales.y));
      paths.push(path);
      ctx.fill(path, 'evenodd');
      from = to;
      yield;
    }
  }
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = palette.line;
  for (const path of paths) {
    ctx.stroke(path);
    yield;
  }
}

/** Colours of a painting: the band colour for t in [0, 1] and the level lines; `key` names them. */
export interface ContourPalette {
  readonly key: string;
  readonly band: (t: number) => string;
  readonly line: string;
}

let lightBands: ((t: number) => string) | undefined;

/** The light theme's palette: the lightened viridis of render/colors (checked at the first paint). */
export const defaultPalette: ContourPalette = {
  key: '',
  band: (t) => (lightBands ??= contourBands(lightContourStops))(t),
  line: 'rgba(40, 40, 60, 0.22)',
};

/**
 * A canvas `width` × `height` CSS pixels at `ratio` device pixels each, with the filled bands and
 * thin level lines of `surface`. Cached: at most a few sizes (and palettes) per surface are kept.
 * A corrugated surface (`raster`) waits for the per-pixel painter's chunk: until then the canvas
 * is blank (and not cached), and `ready` is called once the chunk is here; then it is painted in
 * strips over short tasks, and `ready` is called again when the last strip is in.
 */
export function contourPainting(
  surface: Surface,
  width: number,
  height: number,
  ratio: number,
  palette: ContourPalette = defaultPalette,
  ready?: () => void,
): HTMLCanvasElement {
  const key = `${width}x${height}@${ratio}|${palette.key}`;
  let bySize = paintings.get(surface);
  if (!bySize) paintings.set(surface, (bySize = new Map()));
  const cached = bySize.get(key);
  if (cached) {
    if (ready) painting.get(cached)?.add(ready);
    return cached;
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  const contours = surfaceContours(surface);
  if (contours.raster && !raster) {
    void loadRaster().then(ready, () => undefined);
    return canvas;
  }
  if (ctx) {
    const steps =
      raster && contours.raster
        ? raster.paintRasterSteps(ctx, contours.sample ?? surface.f, surface.domain, contours.levels.thresholds, ratio, palette)
        : paintBandsSteps(ctx, contours.bands, panelScales(surface.domain, width, height), width, height, ratio, palette);
    if (contours.raster || ringPoints(contours.bands) > SYNC_RING_POINTS) {
      // Painted over short tasks (the canvas fills in meanwhile); `ready` once done.
      const waiting = new Set(ready ? [ready] : []);
      painting.set(canvas, waiting);
      void inShortTasks(steps).then(
        () => {
          painting.delete(canvas);
          for (const callback of waiting) callback();
        },
        () => painting.delete(canvas),
      );
    } else {
      runToEnd(steps);
    }
  }
  if (bySize.size > 6) bySize.delete(bySize.keys().next().value as string);
  bySize.set(key, canvas);
  return canvas;
}
