/**
 * A typed-in surface's map worked out ahead, in short tasks (a costly f takes a second over the
 * grid), with the one check the catalog surfaces do not need: whether it corrugates faster than
 * the grid can trace (it gives no `ripple` of its own), and then the lattice it is painted from.
 * Lazy, with the expression field: nothing here is needed for a catalog surface.
 */
import { inShortTasks } from '../../core/pause';
import type { Surface } from '../../core/types';
import type { SurfaceGrid } from '../../render/grid';
import { cachedContours, contourSteps, GRID_SIZE, loadRaster, remember, SAMPLES_PER_RIPPLE } from './contour-cache';

/**
 * Local extrema along a row or column of the grid beyond which a surface without a `ripple` of
 * its own counts as corrugated: two per ripple, so a ripple of fewer than SAMPLES_PER_RIPPLE
 * samples (sin(50x) over ten units: 80 ripples, 2.5 samples each, and marching squares would
 * trace hundreds of thousands of ring points, seconds of work).
 */
const CORRUGATED_EXTREMA = (2 * GRID_SIZE) / SAMPLES_PER_RIPPLE;

/** The most strict local extrema along any of 9 rows and 9 columns spread over the grid. */
function mostExtrema(grid: SurfaceGrid): number {
  const { nx, ny, values } = grid;
  let most = 0;
  const count = (start: number, stride: number, n: number) => {
    let extrema = 0;
    for (let k = 1; k < n - 1; k++) {
      const a = values[start + (k - 1) * stride];
      const b = values[start + k * stride];
      const c = values[start + (k + 1) * stride];
      if ((b > a && b > c) || (b < a && b < c)) extrema++;
    }
    most = Math.max(most, extrema);
  };
  for (let r = 1; r <= 9; r++) {
    count(Math.floor((r * (ny - 1)) / 10) * nx, 1, nx);
    count(Math.floor((r * (nx - 1)) / 10), nx, ny);
  }
  return most;
}

/**
 * Computes a surface's contours in short tasks, and for one found to corrugate the lattice it is
 * painted from, so that surfaceContours then answers at once and painting costs the same however
 * costly f is.
 */
export async function prepareContours(surface: Surface, signal?: AbortSignal): Promise<void> {
  const c = cachedContours(surface) ?? (await inShortTasks(contourSteps(surface, (grid) => mostExtrema(grid) > CORRUGATED_EXTREMA), signal));
  if (c.raster && !c.sample && surface.ripple === undefined) {
    const painter = await loadRaster();
    remember(surface, { ...c, sample: await inShortTasks(painter.latticeSteps(surface), signal) });
  }
}
