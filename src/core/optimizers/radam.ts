import { POWER_FLUSH, RHO_FLUSH } from './constants';
import { defineRule } from './rule';
import { radamHead } from './heads';
import type { Hyper } from './rule';

export interface RAdamHyper extends Hyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  decoupledWeightDecay: boolean;
  maximize: boolean;
}

/**
 * RAdam (Liu et al., 2020), as `torch.optim.RAdam`: Adam whose adaptive step is switched on
 * only once the variance of the adaptive learning rate is tractable, and rectified after.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, decoupledWeightDecay, maximize
 * m ← 0, v ← 0, ρ∞ ← 2 / (1 − β₂) − 1
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  p ← p − γλp if decoupledWeightDecay, else g ← g + λ p
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   m̂ ← m / (1 − β₁ᵗ)
 *   ρₜ ← ρ∞ − 2 t β₂ᵗ / (1 − β₂ᵗ)
 *   if ρₜ > 5:
 *     r ← √((ρₜ − 4)(ρₜ − 2) ρ∞ / ((ρ∞ − 4)(ρ∞ − 2) ρₜ))
 *     p ← p − γ m̂ r √(1 − β₂ᵗ) / (√v + ε)
 *   else:
 *     p ← p − γ m̂                         (plain momentum SGD)
 * ```
 *
 * Where torch differs: the paper switches at ρₜ > 4; torch uses 5, as the authors' code does.
 * With the default β₂ = 0.999 the first five steps are un-rectified momentum steps.
 *
 * State: `expAvg` (m) and `expAvgSq` (v); β₁ᵗ and β₂ᵗ are carried as running products. Effective
 * step size: γ · rₜ · √(1 − β₂ᵗ) / (√v + ε) once ρₜ > 5, else γ, applied to m̂ = m / (1 − β₁ᵗ).
 */
export const radam = defineRule<RAdamHyper>({
  ...radamHead,
  constants: { POWER_FLUSH, RHO_FLUSH },
  tensors: ['expAvg', 'expAvgSq'],
  carry: () => ({ beta1Power: 1, beta2Power: 1 }),
  perStep(h, t, k) {
    const rhoInf = 2 / (1 - h.beta2) - 1;
    // β^t as running products, flushed to 0 as in adam.ts; β₂ᵗ only once ρₜ is ρ∞ exactly too
    // (RHO_FLUSH).
    k.beta1Power *= h.beta1;
    k.beta2Power *= h.beta2;
    if (k.beta1Power <= POWER_FLUSH) k.beta1Power = 0;
    if (k.beta2Power <= POWER_FLUSH && t * (1 - h.beta2) > 1 && 2 * t * k.beta2Power < rhoInf * RHO_FLUSH) k.beta2Power = 0;
    k.bc1 = 1 - k.beta1Power;
    const bc2 = 1 - k.beta2Power;
    k.rhoT = rhoInf - (2 * t * k.beta2Power) / bc2;
    k.rect = k.rhoT > 5 ? Math.sqrt(((k.rhoT - 4) * (k.rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * k.rhoT)) : 0;
    k.bc2Sqrt = Math.sqrt(bc2);
  },
  coordinate(h, _t, k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) {
      if (h.decoupledWeightDecay) c.p *= 1 - h.lr * h.weightDecay;
      else g += h.weightDecay * c.p;
    }
    c.expAvg += (1 - h.beta1) * (g - c.expAvg);
    c.expAvgSq = h.beta2 * c.expAvgSq + (1 - h.beta2) * g * g;
    const mHat = c.expAvg / k.bc1;
    // torch: the rectified, adaptive step once ρₜ > 5, else an un-adapted momentum step.
    if (k.rhoT > 5) {
      const adaptive = k.bc2Sqrt / (Math.sqrt(c.expAvgSq) + h.eps);
      c.p += mHat * h.lr * adaptive * k.rect * -1;
      c.effectiveLr = h.lr * adaptive * k.rect;
    } else {
      c.p += mHat * h.lr * -1;
      c.effectiveLr = h.lr;
    }
  },
});
