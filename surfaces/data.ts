/**
 * What the data surfaces share: a seeded dataset generator and the full-data loss built from one
 * sample's loss. The map's (x, y) are a model's two weights; `f` is the mean of the samples'
 * losses (what the contours show) and `grad` the mean of their gradients, summed in sample order.
 */
// Mini-batches come with the data surfaces (trajectory()'s `batch`; a side effect: it registers).
import '../src/core/batch';
import { nextState, uniform } from '../src/core/random';
import type { SurfaceData } from '../src/core/types';

/**
 * A seeded stream of uniforms in [0, 1) and standard normals (Box–Muller, both of each pair
 * used), from the same mulberry32 generator as the core's noise: the datasets are generated,
 * not stored, and the same on every machine.
 */
export function randomStream(seed: number): { uniform(): number; normal(): number } {
  let state = seed | 0;
  let spare = NaN;
  const next = () => {
    state = nextState(state);
    return uniform(state);
  };
  return {
    uniform: next,
    normal() {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = NaN;
        return z;
      }
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const a = 2 * Math.PI * next();
      spare = r * Math.sin(a);
      return r * Math.cos(a);
    },
  };
}

/** The full-data loss of a dataset: the mean of `data.sample` over every sample, in order. */
export function fullData(data: SurfaceData): {
  f(x: number, y: number): number;
  grad(x: number, y: number, out: Float64Array | number[]): void;
  valueAndGrad(x: number, y: number, out: Float64Array | number[]): number;
} {
  const g = new Float64Array(2);
  const { n } = data;
  const valueAndGrad = (x: number, y: number, out: Float64Array | number[]) => {
    let l = 0;
    let g0 = 0;
    let g1 = 0;
    for (let i = 0; i < n; i++) {
      l += data.sample(i, x, y, g);
      g0 += g[0];
      g1 += g[1];
    }
    out[0] = g0 / n;
    out[1] = g1 / n;
    return l / n;
  };
  const scratch = new Float64Array(2);
  return {
    f: (x, y) => valueAndGrad(x, y, scratch),
    grad: (x, y, out) => {
      valueAndGrad(x, y, out);
    },
    valueAndGrad,
  };
}

/** A number as mathjs reads it back exactly (shortest round-trip form; parenthesised when negative). */
export const num = (v: number) => (v < 0 ? `(${v})` : String(v));
