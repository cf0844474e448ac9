/**
 * Mini-batches on a data surface, drawn as PyTorch's DataLoader draws them with `shuffle=True`
 * and `drop_last=False`: each epoch a fresh random permutation of the n samples, cut into
 * consecutive batches of `size` (the last one smaller when `size` does not divide n); each step's
 * gradient is the mean of its batch's sample gradients, and its loss the mean of their losses.
 *
 * The permutations come from this project's generator, not torch's: mulberry32 (core/random.ts)
 * seeded with `seed`, and a Fisher–Yates shuffle of 0..n−1 from the last position down,
 * position i swapped with j = ⌊u·(i + 1)⌋ for the next uniform u. The drawn permutations are
 * returned (`samples`), so a run can be replayed anywhere, by torch too, batch by batch.
 */
import { OptionError } from './errors';
import { nextState, uniform } from './random';
import { provideBatches } from './trajectory';
import type { Surface, SurfaceData } from './types';

/** `trajectory()`'s `batch` option. */
export interface BatchOptions {
  /** Samples per batch; n or more is full-batch gradient descent. */
  readonly size: number;
  /** Seed of the shuffles; the same seed gives the same batches. Default 1. */
  readonly seed?: number;
}

/** What a batched run adds to its trajectory. */
export interface BatchRecord {
  /**
   * The permutations drawn, one epoch (n indices) after another: batch k (0-based) is entries
   * e·n + b·size up to e·n + min((b + 1)·size, n) with e = ⌊k / B⌋, b = k mod B, B = ⌈n / size⌉.
   * Step i + 1 used batch i; the epochs listed cover batches 0..steps (the last for the gradient
   * recorded at the last iterate) or up to where a diverged run stopped.
   */
  readonly samples: Int32Array;
  /** The mini-batch loss at each iterate, on the batch of the step that follows it (length steps + 1). */
  readonly batchLoss: Float64Array;
}

const BATCH_OPTIONS: readonly string[] = ['size', 'seed'];

/** Checks `batch` against the surface; returns its size (at most n) and seed. */
export function readBatch(batch: unknown, surface: Surface): { size: number; seed: number; data: SurfaceData } {
  if (!batch || typeof batch !== 'object') throw new OptionError('batch', batch, 'must be { size: a whole number >= 1, seed?: an integer }');
  for (const key of Object.keys(batch)) {
    if (!BATCH_OPTIONS.includes(key)) {
      throw new OptionError(`batch.${key}`, (batch as Record<string, unknown>)[key], `is not an option of batch; its options are ${BATCH_OPTIONS.join(', ')}`);
    }
  }
  const { size, seed } = batch as BatchOptions;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) throw new OptionError('batch.size', size, 'must be a whole number >= 1');
  if (seed !== undefined && !Number.isInteger(seed)) throw new OptionError('batch.seed', seed, 'must be an integer');
  const { data } = surface;
  if (!data) {
    throw new OptionError('batch', batch, `needs a data surface (linear-regression, logistic-regression, tiny-net); ${surface.id} has no samples`);
  }
  return { size: Math.min(size, data.n), seed: (seed ?? 1) | 0, data };
}

/**
 * A view of a data surface whose gradient is the next mini-batch's: call k of `grad` (0-based)
 * returns the mean gradient of batch k at the given point and stores that batch's mean loss in
 * `batchLoss[k]`. `f` stays the full-data loss. The step loop calls `grad` once per iterate, in
 * order, so step k + 1 gets batch k; `sameBatch` evaluates on the batch last drawn.
 */
export function batchedSurface(
  surface: Surface,
  data: SurfaceData,
  size: number,
  seed: number,
  steps: number,
): { view: Surface; batchLoss: Float64Array; record(): BatchRecord } {
  const { n } = data;
  const perEpoch = Math.ceil(n / size);
  const epochs = Math.ceil((steps + 1) / perEpoch);
  const samples = new Int32Array(epochs * n);
  const batchLoss = new Float64Array(steps + 1).fill(NaN);
  let rng = seed;
  let drawn = 0; // epochs shuffled so far
  let call = 0;
  const g = new Float64Array(2);
  const grad = (x: number, y: number, out: Float64Array | number[]) => {
    const epoch = Math.floor(call / perEpoch);
    if (epoch >= drawn) {
      // Fisher–Yates on a fresh 0..n−1.
      const base = drawn * n;
      for (let i = 0; i < n; i++) samples[base + i] = i;
      for (let i = n - 1; i > 0; i--) {
        rng = nextState(rng);
        const j = Math.floor(uniform(rng) * (i + 1));
        const swap = samples[base + i];
        samples[base + i] = samples[base + j];
        samples[base + j] = swap;
      }
      drawn++;
    }
    const l = mean(call, x, y, out);
    if (call <= steps) batchLoss[call] = l;
    call++;
  };
  // Batch k's mean loss at (x, y), its mean gradient written to out.
  const mean = (k: number, x: number, y: number, out: Float64Array | number[]) => {
    const epoch = Math.floor(k / perEpoch);
    const from = epoch * n + (k % perEpoch) * size;
    const to = Math.min(from + size, (epoch + 1) * n);
    let l = 0;
    let g0 = 0;
    let g1 = 0;
    for (let j = from; j < to; j++) {
      l += data.sample(samples[j], x, y, g);
      g0 += g[0];
      g1 += g[1];
    }
    const m = to - from;
    out[0] = g0 / m;
    out[1] = g1 / m;
    return l / m;
  };
  // The surface with its gradient replaced (not a copy: a spread would run getters such as `expr`).
  // `sameBatch`: f and ∇f on the batch last drawn, for the whole-vector rules' further evaluations
  // within a step (core/whole-loop.ts), as torch's closure takes them on the step's batch.
  const view: Surface = Object.create(surface, {
    grad: { value: grad },
    valueAndGrad: { value: undefined },
    sameBatch: { value: (x: number, y: number, out: Float64Array) => mean(call - 1, x, y, out) },
    batchLoss: { value: batchLoss },
  });
  return { view, batchLoss, record: () => ({ samples: samples.slice(0, drawn * n), batchLoss }) };
}

/** `trajectory()`'s batch option on a surface: the batched view and what it records. */
export function batchRun(batch: unknown, surface: Surface, steps: number) {
  const { size, seed, data } = readBatch(batch, surface);
  return batchedSurface(surface, data, size, seed, steps);
}

provideBatches(batchRun);
