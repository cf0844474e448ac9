import { POWER_FLUSH } from './constants';
import type { Coordinate, Hyper } from './rule';
import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, maximizeSpec } from './rule';

export interface AdamHyper extends Hyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

export { POWER_FLUSH };

/**
 * Adam's definition, shared by Adam (L2 weight decay folded into the gradient) and AdamW (weight
 * decay applied to the parameter, decoupled).
 */
export function adamDefinition(decoupled: boolean) {
  return {
    constants: { POWER_FLUSH, decoupled },
    tensors: ['expAvg', 'expAvgSq', 'maxExpAvgSq'],
    present: (h: AdamHyper) => (h.amsgrad ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq']),
    carry: () => ({ beta1Power: 1, beta2Power: 1 }),
    perStep(h: AdamHyper, _t: number, k: AdamStep) {
      // β^t as running products: Math.pow every step costs more than the rest of the step, and
      // the products agree with torch's beta ** step to ~1e-13 relative. Flushed to 0 once
      // 1 − β^t is exactly 1 (see POWER_FLUSH), so they never turn subnormal.
      k.beta1Power *= h.beta1;
      k.beta2Power *= h.beta2;
      if (k.beta1Power <= POWER_FLUSH) k.beta1Power = 0;
      if (k.beta2Power <= POWER_FLUSH) k.beta2Power = 0;
      k.stepSize = h.lr / (1 - k.beta1Power);
      k.bc2Sqrt = Math.sqrt(1 - k.beta2Power);
    },
    coordinate(h: AdamHyper, _t: number, k: Readonly<AdamStep>, c: Coordinate<AdamTensor>) {
      let g = h.maximize ? -c.g : c.g;
      if (h.weightDecay !== 0) {
        if (decoupled) c.p *= 1 - h.lr * h.weightDecay;
        else g += h.weightDecay * c.p;
      }
      // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
      c.expAvg += (1 - h.beta1) * (g - c.expAvg);
      c.expAvgSq = h.beta2 * c.expAvgSq + (1 - h.beta2) * g * g;
      let vHat = c.expAvgSq;
      if (h.amsgrad) {
        vHat = Math.max(c.maxExpAvgSq, vHat);
        c.maxExpAvgSq = vHat;
      }
      const denom = Math.sqrt(vHat) / k.bc2Sqrt + h.eps;
      c.p -= (k.stepSize * c.expAvg) / denom;
      c.effectiveLr = h.lr / denom;
    },
  } as const;
}

type AdamTensor = 'expAvg' | 'expAvgSq' | 'maxExpAvgSq';
type AdamStep = { beta1Power: number; beta2Power: number; stepSize: number; bc2Sqrt: number };

export const adamSpec = {
  lr: lrSpec,
  beta1: beta1Spec,
  beta2: beta2Spec,
  eps: epsSpec,
  weightDecay: { kind: 'number', min: 0 },
  amsgrad: { kind: 'boolean' },
  maximize: maximizeSpec,
} as const;

/**
 * Adam (Kingma & Ba, 2015), with AMSGrad as an option, as `torch.optim.Adam`.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, amsgrad, maximize
 * m ← 0, v ← 0, v̂max ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   v̂ ← max(v̂max, v) (and v̂max ← v̂)  if amsgrad,  else v̂ ← v
 *   p ← p − γ / (1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * ```
 *
 * Where torch differs: the paper bias-corrects m and v and adds ε to √v̂ₜ; torch divides √v̂ by
 * √(1 − β₂ᵗ) before adding ε, which is the paper's Algorithm 1. Keras instead folds both
 * corrections into the learning rate and adds ε to the uncorrected √v ("epsilon hat"), so its
 * ε acts about √(1 − β₂ᵗ) times smaller early on. torch's AMSGrad keeps the maximum of the
 * uncorrected v, not of the corrected v̂ that Reddi et al. write.
 *
 * State: `expAvg` (m), `expAvgSq` (v) and, with amsgrad, `maxExpAvgSq` (v̂max); β₁ᵗ and β₂ᵗ are
 * carried as running products. Effective step size: γ / (√v̂ / √(1 − β₂ᵗ) + ε), applied to the
 * bias-corrected m̂ = m / (1 − β₁ᵗ).
 */
export const adam = defineRule<AdamHyper>({
  name: 'Adam',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false },
  spec: adamSpec,
  ...adamDefinition(false),
});
