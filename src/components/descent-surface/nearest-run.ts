/**
 * Which run's path the pointer is on: the run whose polyline (every step, as the faint whole
 * path shows it) passes nearest to a point, within a few pixels. Paths are thin and drawn with
 * a dash that reveals them step by step, so hit-testing the SVG strokes would miss most of them;
 * this looks at the geometry instead (one pass over the steps: a few thousand segments).
 */
import type { TrajectoryGeometry } from '../../render/paths';

/** Squared distance from (x, y) to the segment a–b. */
function segment2(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
  const ex = ax + t * dx - x;
  const ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}

/** The key of the run whose path passes within `within` px of (x, y) (the nearest), or null. */
export function nearestRun(
  runs: Iterable<readonly [string, Pick<TrajectoryGeometry, 'px' | 'py' | 'last'>]>,
  x: number,
  y: number,
  within = 6,
): string | null {
  let best = within * within;
  let key: string | null = null;
  for (const [k, g] of runs) {
    const { px, py, last } = g;
    if (last === 0 && segment2(x, y, px[0], py[0], px[0], py[0]) <= best) {
      best = segment2(x, y, px[0], py[0], px[0], py[0]);
      key = k;
    }
    for (let i = 1; i <= last; i++) {
      // Cheap reject: both ends far on one side.
      const ax = px[i - 1];
      const bx = px[i];
      if ((ax - x > within && bx - x > within) || (x - ax > within && x - bx > within)) continue;
      const d = segment2(x, y, ax, py[i - 1], bx, py[i]);
      if (d <= best) {
        best = d;
        key = k;
      }
    }
  }
  return key;
}
