/**
 * Contours are computed once per surface (grid, levels, rings, in the surface's coordinates) and
 * painted once per surface and pixel size into an offscreen canvas; every panel of that size
 * copies the bitmap. Dragging and animating never touch them.
 */
import type { Surface } from '../../core/types';
import { lightContourStops } from '../../render/colors';
import { contourRings, ringsPath, type ContourBand } from '../../render/contours';
import { sampleGrid } from '../../render/grid';
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
}

/** Samples per axis: fine enough for Rastrigin's ten ripples, quick enough to build on a switch. */
const GRID_SIZE = 200;

/**
 * Grid samples a ripple needs for smooth contour rings (Rastrigin and Ackley get 20 and look
 * smooth; Lévi N.13 would get 3, a sawtooth): below it, the map is painted per pixel.
 */
const SAMPLES_PER_RIPPLE = 8;

/** The per-pixel painter, once its chunk is here. */
let raster: typeof import('./contour-raster') | undefined;
let rasterLoading: Promise<unknown> | undefined;

const contoursBySurface = new WeakMap<Surface, SurfaceContours>();
const paintings = new WeakMap<Surface, Map<string, HTMLCanvasElement>>();

export function surfaceContours(surface: Surface): SurfaceContours {
  let c = contoursBySurface.get(surface);
  if (!c) {
    const grid = sampleGrid(surface, GRID_SIZE, GRID_SIZE);
    const levels = contourLevels(grid.values);
    const { x } = surface.domain;
    const corrugated = GRID_SIZE * (surface.ripple ?? x[1] - x[0]) < SAMPLES_PER_RIPPLE * (x[1] - x[0]);
    c = { levels, bands: corrugated ? [] : contourRings(grid, levels.thresholds), raster: corrugated };
    contoursBySurface.set(surface, c);
  }
  return c;
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
 * is blank (and not cached), and `ready` is called once the chunk is here.
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
  if (cached) return cached;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  const contours = surfaceContours(surface);
  if (contours.raster && !raster) {
    rasterLoading ??= import('./contour-raster').then((m) => (raster = m));
    void rasterLoading.then(ready, () => undefined);
    return canvas;
  }
  if (ctx && raster && contours.raster) {
    raster.paintRaster(ctx, surface, contours.levels.thresholds, ratio, palette);
  } else if (ctx) {
    const { bands } = contours;
    const { x, y } = panelScales(surface.domain, width, height);
    ctx.scale(ratio, ratio);
    const n = bands.length;
    ctx.fillStyle = palette.band(0);
    ctx.fillRect(0, 0, width, height);
    const paths = bands.map((band) => new Path2D(ringsPath(band, x, y)));
    paths.forEach((path, k) => {
      ctx.fillStyle = palette.band(n > 1 ? (k + 1) / n : 1);
      ctx.fill(path, 'evenodd');
    });
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = palette.line;
    for (const path of paths) ctx.stroke(path);
  }
  if (bySize.size > 6) bySize.delete(bySize.keys().next().value as string);
  bySize.set(key, canvas);
  return canvas;
}
