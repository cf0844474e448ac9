/**
 * Mini-batches (core/batch.ts, `trajectory({ batch })`): a run replayed from its `samples` by the
 * DataLoader rule (shuffle, drop_last=False) with gradients and an SGD step written here; the
 * permutations; the mini-batch losses; full batch; the refusals; the compiled and portable loops
 * alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors';
import { trajectory, useSharedLoop } from '../../src/core/trajectory';
import { dataSurfaces } from '../../surfaces/index';
// The portable loop and every rule, as the library's entries have them.
import '../../src/core/optimizers/more';

const linear = dataSurfaces['linear-regression'];
const net = dataSurfaces['tiny-net'];

afterEach(() => useSharedLoop(false));

/** Batch k's indices by the DataLoader rule: epoch ⌊k / B⌋ of the drawn permutations, its (k mod B)-th run of `size`. */
function batchOf(samples: Int32Array, n: number, size: number, k: number): Int32Array {
  const perEpoch = Math.ceil(n / size);
  const epoch = Math.floor(k / perEpoch);
  const from = epoch * n + (k % perEpoch) * size;
  return samples.subarray(from, Math.min(from + size, (epoch + 1) * n));
}

/** The linear model's mean squared error and gradient over a batch, from the formula. */
function linearBatch(w: number, b: number, idx: ArrayLike<number>): { loss: number; g: [number, number] } {
  const { inputs: u, targets: t } = linear.data!;
  let loss = 0;
  let gw = 0;
  let gb = 0;
  for (let j = 0; j < idx.length; j++) {
    const e = w * u[idx[j]] + b - t[idx[j]];
    loss += e * e;
    gw += 2 * e * u[idx[j]];
    gb += 2 * e;
  }
  return { loss: loss / idx.length, g: [gw / idx.length, gb / idx.length] };
}

describe('mini-batches', () => {
  const steps = 60;
  const size = 10; // 128 samples: 12 batches of 10, then one of 8
  const run = () => trajectory({ surface: 'linear-regression', optimizer: 'sgd', hyper: { lr: 0.02 }, start: [3.5, 1.5], steps, batch: { size, seed: 3 } });

  it('replays from `samples`: each step is SGD on the mean gradient of its batch', () => {
    const t = run();
    const { n } = linear.data!;
    let [w, b] = [3.5, 1.5];
    for (let k = 0; k < steps; k++) {
      const idx = batchOf(t.samples!, n, size, k);
      expect(idx.length).toBe(k % 13 === 12 ? 8 : 10);
      const { loss, g } = linearBatch(w, b, idx);
      expect(t.batchLoss![k]).toBeCloseTo(loss, 12);
      w -= 0.02 * g[0];
      b -= 0.02 * g[1];
      expect(t.x[k + 1]).toBeCloseTo(w, 12);
      expect(t.y[k + 1]).toBeCloseTo(b, 12);
      // `loss` stays the full-data loss the contours show.
      expect(t.loss[k + 1]).toBe(linear.f(t.x[k + 1], t.y[k + 1]));
    }
  });

  it('draws a fresh permutation of 0..n−1 each epoch, seeded', () => {
    const t = run();
    const { n } = linear.data!;
    // 61 batches (60 steps and the gradient at the last iterate) of 13 per epoch: 5 epochs.
    expect(t.samples!.length).toBe(5 * n);
    const epochs = [0, 1, 2, 3, 4].map((e) => [...t.samples!.subarray(e * n, (e + 1) * n)]);
    for (const e of epochs) expect([...e].sort((a, c) => a - c)).toEqual([...Array(n).keys()]);
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(run().samples).toEqual(t.samples);
    const other = trajectory({ surface: 'linear-regression', optimizer: 'sgd', hyper: { lr: 0.02 }, start: [3.5, 1.5], steps, batch: { size, seed: 4 } });
    expect(other.samples).not.toEqual(t.samples);
    expect(other.x).not.toEqual(t.x);
  });

  it('a batch of n or more is full-batch gradient descent', () => {
    const full = trajectory({ surface: 'tiny-net', optimizer: 'momentum', hyper: { lr: 0.1 }, start: [-2, 2.2], steps: 80, batch: { size: 1000 } });
    const plain = trajectory({ surface: 'tiny-net', optimizer: 'momentum', hyper: { lr: 0.1 }, start: [-2, 2.2], steps: 80 });
    for (let k = 0; k <= 80; k++) {
      expect(full.x[k]).toBeCloseTo(plain.x[k], 12);
      expect(full.y[k]).toBeCloseTo(plain.y[k], 12);
    }
    expect(full.batchLoss![80]).toBeCloseTo(net.f(full.x[80], full.y[80]), 12);
  });

  it('is the same in the compiled and the portable loop, recording or not; the recorded gradient is the batch’s', () => {
    const opts = { surface: 'logistic-regression', optimizer: 'adam', hyper: { lr: 0.05 }, start: [-1, 4] as [number, number], steps: 200, batch: { size: 16, seed: 9 } } as const;
    const compiled = trajectory({ ...opts, record: 'state' });
    useSharedLoop(true);
    const portable = trajectory(opts);
    expect(portable.x).toEqual(compiled.x);
    expect(portable.y).toEqual(compiled.y);
    expect(portable.batchLoss).toEqual(compiled.batchLoss);
    useSharedLoop(false);
    const data = dataSurfaces['logistic-regression'].data!;
    const k = 37;
    const idx = batchOf(compiled.samples!, data.n, 16, k);
    const g = [0, 0];
    const one = [0, 0];
    for (const i of idx) {
      data.sample(i, compiled.x[k], compiled.y[k], one);
      g[0] += one[0];
      g[1] += one[1];
    }
    expect(compiled.grad[2 * k]).toBeCloseTo(g[0] / idx.length, 14);
    expect(compiled.grad[2 * k + 1]).toBeCloseTo(g[1] / idx.length, 14);
  });

  it('refuses a batch on a surface without data, and bad sizes, naming the option', () => {
    const refused = (batch: unknown, surface: string, option: string) => {
      let error: unknown;
      try {
        trajectory({ surface, optimizer: 'sgd', start: [1, 1], steps: 5, batch: batch as never });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OptionError);
      expect((error as OptionError).message).toContain(option);
    };
    refused({ size: 8 }, 'rosenbrock', 'batch');
    refused({ size: 0 }, 'tiny-net', 'batch.size');
    refused({ size: 2.5 }, 'tiny-net', 'batch.size');
    refused({ size: 8, seed: 0.5 }, 'tiny-net', 'batch.seed');
    refused({ size: 8, sice: 2 }, 'tiny-net', 'batch.sice');
    refused(8, 'tiny-net', 'batch');
  });
});
