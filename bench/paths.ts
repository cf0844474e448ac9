/**
 * `npm run bench -- paths`: time to build the trajectory paths of a drag (every preset on
 * Rosenbrock, 1000 and 5000 steps, a 640 × 400 panel; 12 presets when the README's figures were
 * taken, 24 since the catalog), against the path builder as it was
 * before issue #9 (every point closer than 1 px to the last drawn one skipped, coordinates
 * rounded to 0.1 and written as doubles). Paired rounds; medians and the spread of the ratio.
 */
import { loadExpressions, presetIds, trajectory } from '../src/core/index';
import { simplifierReady, trajectoryGeometry, type Axis } from '../src/render/paths';
import { round1 } from '../src/render/contours';
import { scaleLinear } from '../src/render/scales';
import { surfaces } from '../surfaces/index';
import { table } from './util';

/** The path string of the builder before issue #9, for comparison. */
function previousPath(xs: Float64Array, ys: Float64Array, sx: Axis, sy: Axis): string {
  let d = '';
  let lastX = NaN;
  let lastY = NaN;
  for (let k = 0; k < xs.length; k++) {
    const x = sx(xs[k]);
    const y = sy(ys[k]);
    if (!(x - x === 0 && y - y === 0)) break;
    const rx = round1(x);
    const ry = round1(y);
    if (k === 0) {
      d = `M${rx},${ry}`;
      lastX = rx;
      lastY = ry;
      continue;
    }
    const ddx = rx - lastX;
    const ddy = ry - lastY;
    if (ddx * ddx + ddy * ddy >= 1 || k === xs.length - 1) {
      d += 'L' + rx + ',' + ry;
      lastX = rx;
      lastY = ry;
    }
  }
  return d;
}

export async function benchPaths(rounds = 15): Promise<string> {
  await simplifierReady;
  await loadExpressions(); // Newton's and saddle-free Newton's Hessian of Rosenbrock
  const { domain } = surfaces.rosenbrock;
  const sx = scaleLinear(domain.x, [0, 640]);
  const sy = scaleLinear(domain.y, [400, 0]);
  // The scales' own arithmetic, as trajectoryGeometry reads it from them.
  const kx = 640 / (domain.x[1] - domain.x[0]);
  const ky = -400 / (domain.y[1] - domain.y[0]);
  const fx = (v: number) => (v - domain.x[0]) * kx;
  const fy = (v: number) => 400 + (v - domain.y[0]) * ky;
  const rows: (string | number)[][] = [];
  for (const steps of [1000, 5000]) {
    const runs = presetIds.map((optimizer) => trajectory({ surface: 'rosenbrock', optimizer, start: [-1.5, 2], steps }));
    let chars = [0, 0];
    let points = [0, 0];
    const now = () => {
      let total = 0;
      for (const r of runs) {
        const d = trajectoryGeometry(r.x, r.y, sx, sy, { width: 640, height: 400 }).d;
        total += d.length;
      }
      return total;
    };
    const before = () => {
      let total = 0;
      for (const r of runs) total += previousPath(r.x, r.y, fx, fy).length;
      return total;
    };
    for (const r of runs) {
      const a = trajectoryGeometry(r.x, r.y, sx, sy, { width: 640, height: 400 }).d;
      const b = previousPath(r.x, r.y, fx, fy);
      chars = [chars[0] + a.length, chars[1] + b.length];
      points = [points[0] + a.split(/[ML]/).length - 1, points[1] + b.split(/[ML]/).length - 1];
    }
    const time = (fn: () => number) => {
      const t0 = performance.now();
      let reps = 0;
      do {
        fn();
        reps++;
      } while (performance.now() - t0 < 60);
      return (performance.now() - t0) / reps;
    };
    for (let i = 0; i < 20; i++) (now(), before());
    const a: number[] = [];
    const b: number[] = [];
    const ratio: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const x = i % 2 ? time(now) : NaN;
      const y = time(before);
      const z = i % 2 ? x : time(now);
      a.push(z);
      b.push(y);
      ratio.push(y / z);
    }
    const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
    const sorted = [...ratio].sort((p, q) => p - q);
    rows.push([
      `${presetIds.length} × ${steps}`,
      `${points[0]} / ${points[1]}`,
      `${chars[0]} / ${chars[1]}`,
      med(a).toFixed(3),
      med(b).toFixed(3),
      `${med(ratio).toFixed(1)}x (${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)})`,
    ]);
  }
  return [
    table(['runs × steps', 'vertices now / before', 'characters now / before', 'ms now', 'ms before', 'before / now (spread)'], rows),
    '',
    `Median of ${rounds} paired rounds in Node ${process.version} (the browser bench measures the whole frame).`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchPaths());
