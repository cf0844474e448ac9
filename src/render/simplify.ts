/**
 * Trajectory path simplification, in a module of its own so that the single-file bundle loads
 * it lazily (see `simplifierReady` in paths.ts): the first picture draws every iterate, and
 * redraws from then on draw only the ones the simplification keeps.
 */

/**
 * Indices of the iterates 0..last to draw, such that every iterate lies within `tolerance` of
 * the polyline through them: a streaming sector ("sleeve") simplification in O(n), no trig.
 *
 * From an anchor A (the last kept iterate), a later iterate P at distance r > tolerance allows
 * the segment's direction to lie within asin(tolerance / r) of A→P; the directions allowed by
 * every iterate since A form an arc [lo, hi]. The next iterate B may end the segment if its
 * direction is in that arc and it is at least as far from A as every iterate before it: then
 * each of those projects onto A→B between A and B, within `tolerance` of it. Iterates within
 * `tolerance` of A before the first candidate constrain nothing. When B may not end the segment, the last one that could
 * is kept and becomes the new anchor.
 */
// The arrays a drag reuses come in this chunk too: like the simplifier, only redraws want them.
export { nextMove } from './drag-buffers';

export function simplify(px: Float64Array, py: Float64Array, last: number, tolerance: number): Int32Array {
  const kept = new Int32Array(last + 1);
  let count = 0;
  kept[count++] = 0;
  const tol2 = tolerance * tolerance;
  let ax = px[0];
  let ay = py[0];
  let candidate = -1; // the furthest iterate that may end the current segment
  let maxR2 = 0;
  // The arc of allowed directions, as two edge vectors (counterclockwise from lo to hi).
  let loX = 0;
  let loY = 0;
  let hiX = 0;
  let hiY = 0;
  for (let k = 1; k <= last; k++) {
    let vx = px[k] - ax;
    let vy = py[k] - ay;
    let r2 = vx * vx + vy * vy;
    // Near A and before any candidate: within tolerance of whatever segment leaves A. (After
    // one, such an iterate is nearer than the candidate and fails the test below, so the
    // segment ends: its projection onto the segment, where the dash reveals it, must be near.)
    if (r2 <= tol2 && candidate < 0) continue;
    if (candidate >= 0 && !(r2 >= maxR2 && loX * vy - loY * vx >= 0 && vx * hiY - vy * hiX >= 0)) {
      kept[count++] = candidate;
      ax = px[candidate];
      ay = py[candidate];
      candidate = -1;
      maxR2 = 0;
      vx = px[k] - ax;
      vy = py[k] - ay;
      r2 = vx * vx + vy * vy;
      if (r2 <= tol2) continue;
    }
    // k may end the segment; its own arc narrows the allowed directions.
    const sin = tolerance / Math.sqrt(r2);
    const cos = Math.sqrt(1 - sin * sin);
    const lx = vx * cos + vy * sin; // v turned clockwise by asin(tolerance / r)
    const ly = vy * cos - vx * sin;
    const ux = vx * cos - vy * sin; // and counterclockwise
    const uy = vy * cos + vx * sin;
    if (candidate < 0) {
      loX = lx;
      loY = ly;
      hiX = ux;
      hiY = uy;
    } else {
      if (loX * ly - loY * lx > 0) {
        loX = lx;
        loY = ly;
      }
      if (ux * hiY - uy * hiX > 0) {
        hiX = ux;
        hiY = uy;
      }
    }
    candidate = k;
    maxR2 = r2;
  }
  if (candidate >= 0) kept[count++] = candidate;
  if (kept[count - 1] !== last) kept[count++] = last;
  return kept.subarray(0, count);
}
