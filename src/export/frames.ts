/** The frames of an animated export: which steps they show, and how long the last one is held. */

/** The last frame is held this long (ms) before the animation starts again. */
export const HOLD_MS = 1500;

/** The steps of the frames: `count` steps from `from` to `to`, evenly spaced, both ends included. */
export function frameSteps(from: number, to: number, count: number): number[] {
  if (count <= 1 || to <= from) return [to];
  return Array.from({ length: count }, (_, i) => Math.round(from + ((to - from) * i) / (count - 1)));
}
