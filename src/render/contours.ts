/**
 * Filled contour bands: d3-contour's marching squares on a SurfaceGrid, returned in the
 * surface's own coordinates so one computation serves every panel size; `ringsPath` turns them
 * into pixel path strings (canvas Path2D or SVG `d`).
 */
import { contours } from 'd3-contour';
import { runToEnd } from '../core/pause';
import type { SurfaceGrid } from './grid';

/** Polygons (outer ring, then holes) of the region where f ≥ `value`, in domain coordinates. */
export interface ContourBand {
  readonly value: number;
  readonly polygons: readonly (readonly Float64Array[])[];
}

/**
 * The regions above each threshold, for painting in ascending order over a base colour.
 * Rings are flat [x0, y0, x1, y1, ...] arrays in the surface's coordinates.
 */
export function contourRings(grid: SurfaceGrid, thresholds: readonly number[]): ContourBand[] {
  return runToEnd(contourRingsSteps(grid, thresholds));
}

/** contourRings as a computation that pauses (yields) after each threshold. */
export function* contourRingsSteps(grid: SurfaceGrid, thresholds: readonly number[]): Generator<void, ContourBand[], undefined> {
  const { nx, ny, domain } = grid;
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const sx = (x1 - x0) / (nx - 1);
  const sy = (y1 - y0) / (ny - 1);
  // d3-contour places sample (i, j) at (i + 0.5, j + 0.5) and spans [0, nx] × [0, ny]; clamp the
  // half-cell border to the domain's edge.
  const toX = (u: number) => Math.min(x1, Math.max(x0, x0 + (u - 0.5) * sx));
  const toY = (v: number) => Math.min(y1, Math.max(y0, y0 + (v - 0.5) * sy));
  const generator = contours().size([nx, ny]);
  const bands: ContourBand[] = [];
  for (const value of thresholds) {
    const multi = generator.contour(grid.values as unknown as number[], value);
    const polygons = multi.coordinates.map((polygon) =>
      polygon.map((ring) => {
        const flat = new Float64Array(ring.length * 2);
        for (let k = 0; k < ring.length; k++) {
          flat[2 * k] = toX(ring[k][0]);
          flat[2 * k + 1] = toY(ring[k][1]);
        }
        return flat;
      }),
    );
    bands.push({ value, polygons });
    yield;
  }
  return bands;
}

/** A path string for one band, through the given coordinate maps, rounded to 0.1 px. */
export function ringsPath(band: ContourBand, px: (x: number) => number, py: (y: number) => number): string {
  let d = '';
  for (const polygon of band.polygons) {
    for (const ring of polygon) {
      for (let k = 0; k < ring.length; k += 2) {
        d += `${k === 0 ? 'M' : 'L'}${round1(px(ring[k]))},${round1(py(ring[k + 1]))}`;
      }
      d += 'Z';
    }
  }
  return d;
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
