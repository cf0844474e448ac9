/**
 * `npm run bench -- batch`: mini-batch SGD on `tiny-net` (n = 256) with batches of 1, 32 and 256,
 * ns per step of `trajectory({ ..., batch })` against a hand-written loop over the same data
 * doing the same work: the same shuffles (Fisher–Yates on mulberry32), the batch's mean gradient,
 * the mini-batch loss, the SGD step, and the full-data loss at every iterate (what `loss` holds and
 * the contours show: n samples a step, which for small batches is most of the work, on both
 * sides). Checked to give the same path before timing. CPU time, warmed up, paired rounds
 * alternating which side goes first; the table gives the median ratio and the spread.
 */
import { trajectory } from '../src/core/index';
import { nextState, uniform } from '../src/core/random';
import { dataSurfaces } from '../surfaces/index';
import { nsPerUnit, table } from './util';

const surface = dataSurfaces['tiny-net'];
const { inputs: u, targets: y, n } = surface.data!;
const start: [number, number] = [-2, 2.2];
const steps = 2000;
const lr = 0.05;
const seed = 7;

/** The same run written out by hand: x, y, full loss and batch loss per iterate. */
function handWritten(size: number) {
  const perEpoch = Math.ceil(n / size);
  const perm = new Int32Array(n);
  const xs = new Float64Array(steps + 1);
  const ys = new Float64Array(steps + 1);
  const loss = new Float64Array(steps + 1);
  const batchLoss = new Float64Array(steps + 1);
  let rng = seed;
  let w1 = start[0];
  let w2 = start[1];
  const full = (a: number, b: number) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const e = b * Math.tanh(a * u[i]) - y[i];
      l += e * e;
    }
    return l / n;
  };
  xs[0] = w1;
  ys[0] = w2;
  loss[0] = full(w1, w2);
  for (let k = 0; k <= steps; k++) {
    if (k % perEpoch === 0) {
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i > 0; i--) {
        rng = nextState(rng);
        const j = Math.floor(uniform(rng) * (i + 1));
        const s = perm[i];
        perm[i] = perm[j];
        perm[j] = s;
      }
    }
    const from = (k % perEpoch) * size;
    const to = Math.min(from + size, n);
    let l = 0;
    let g1 = 0;
    let g2 = 0;
    for (let j = from; j < to; j++) {
      const i = perm[j];
      const h = Math.tanh(w1 * u[i]);
      const e = w2 * h - y[i];
      l += e * e;
      g1 += 2 * e * w2 * (1 - h * h) * u[i];
      g2 += 2 * e * h;
    }
    const m = to - from;
    batchLoss[k] = l / m;
    if (k === steps) break;
    w1 -= lr * (g1 / m);
    w2 -= lr * (g2 / m);
    xs[k + 1] = w1;
    ys[k + 1] = w2;
    loss[k + 1] = full(w1, w2);
  }
  return { xs, ys, loss, batchLoss };
}

export function benchBatch(rounds = 11): string {
  const rows: (string | number)[][] = [];
  for (const size of [1, 32, 256]) {
    const ours = () => trajectory({ surface, optimizer: 'sgd', hyper: { lr }, start, steps, batch: { size, seed } });
    const base = () => handWritten(size);
    // The baseline must compute the same run, or the comparison means nothing.
    const a = ours();
    const b = base();
    for (let k = 0; k <= steps; k++) {
      const off = Math.abs(a.x[k] - b.xs[k]) + Math.abs(a.y[k] - b.ys[k]) + Math.abs(a.loss[k] - b.loss[k]) + Math.abs(a.batchLoss![k] - b.batchLoss[k]);
      if (!(off < 1e-9)) throw new Error(`batch ${size}: step ${k} differs from the hand-written loop by ${off}`);
    }
    for (let i = 0; i < 5; i++) (ours(), base()); // warm up both
    const ratios: number[] = [];
    const o: number[] = [];
    const h: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const first = r % 2 === 0;
      const x = first ? nsPerUnit(ours, steps, 80) : 0;
      const y2 = nsPerUnit(base, steps, 80);
      const z = first ? x : nsPerUnit(ours, steps, 80);
      o.push(z);
      h.push(y2);
      ratios.push(z / y2);
    }
    const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
    rows.push([
      size === n ? `${size} (full)` : String(size),
      String(Math.ceil(n / size)),
      med(o).toFixed(0),
      med(h).toFixed(0),
      `${med(ratios).toFixed(2)}x`,
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
      (1e9 / med(o)).toExponential(2),
    ]);
  }
  return [
    `tiny-net, n = ${n}, SGD lr ${lr}, ${steps} steps from (${start}), shuffle seed ${seed}; CPU time per step; ${rounds} paired rounds`,
    '',
    table(['batch size', 'batches / epoch', 'trajectory() ns/step', 'hand-written ns/step', 'ours / hand-written (median)', 'spread of rounds', 'steps / s'], rows),
  ].join('\n');
}
