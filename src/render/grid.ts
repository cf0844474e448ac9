/**
 * Samples a surface on a regular lattice into a row-major Float64Array, the layout d3-contour
 * reads directly.
 */
import { runToEnd } from '../core/pause';
import type { Domain, Surface } from '../core/types';

export interface SurfaceGrid {
  /** Samples per row (along x) and per column (along y); corners of the domain included. */
  readonly nx: number;
  readonly ny: number;
  readonly domain: Domain;
  /** `values[i + j * nx]` = f(x_i, y_j), x_i = x0 + i dx, y_j = y0 + j dy; row 0 is the bottom. */
  readonly values: Float64Array;
  /** Smallest and largest finite sample (NaN when none is finite). */
  readonly min: number;
  readonly max: number;
}

/** Samples `f` on `nx` × `ny` points spanning the domain, edges included. */
export function sampleGrid(surface: Pick<Surface, 'f' | 'domain'>, nx: number, ny: number): SurfaceGrid {
  return runToEnd(sampleGridSteps(surface, nx, ny));
}

/** sampleGrid as a computation that pauses (yields) after each row of samples. */
export function* sampleGridSteps(surface: Pick<Surface, 'f' | 'domain'>, nx: number, ny: number): Generator<void, SurfaceGrid, undefined> {
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 2 || ny < 2) {
    throw new RangeError(`sampleGrid needs nx, ny integers >= 2, got ${nx}, ${ny}`);
  }
  const { f, domain } = surface;
  const [x0, x1] = domain.x;
  const [y0, y1] = domain.y;
  const dx = (x1 - x0) / (nx - 1);
  const dy = (y1 - y0) / (ny - 1);
  const values = new Float64Array(nx * ny);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0, k = 0; j < ny; j++) {
    const y = y0 + j * dy;
    for (let i = 0; i < nx; i++, k++) {
      const v = f(x0 + i * dx, y);
      values[k] = v;
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    yield;
  }
  if (min === Infinity) min = max = NaN;
  return { nx, ny, domain, values, min, max };
}
