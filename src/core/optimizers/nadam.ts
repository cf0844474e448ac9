import { POWER_FLUSH } from './constants';
import { defineRule } from './rule';
import { nadamHead } from './heads';

/**
 * NAdam (Dozat, 2016), as `torch.optim.NAdam`: Adam with Nesterov momentum and a momentum
 * schedule.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, momentumDecay ψ,
 *        decoupledWeightDecay, maximize
 * m ← 0, v ← 0, Π ← 1
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  p ← p − γλp if decoupledWeightDecay, else g ← g + λ p
 *   μₜ   ← β₁ (1 − ½ · 0.96^(t ψ))
 *   μₜ₊₁ ← β₁ (1 − ½ · 0.96^((t + 1) ψ))
 *   Π ← Π μₜ
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   d ← √(v / (1 − β₂ᵗ)) + ε
 *   p ← p − γ (1 − μₜ) / (1 − Π) · g / d − γ μₜ₊₁ / (1 − Π μₜ₊₁) · m / d
 * ```
 *
 * Where torch differs: the running average m uses the constant β₁ while the step uses the
 * scheduled μₜ (as in Dozat's paper, unlike Keras's older Nadam, which scheduled m as well).
 *
 * State: `expAvg` (m) and `expAvgSq` (v); Π (torch's `mu_product`, not recorded), β₂ᵗ and
 * 0.96^(tψ) are carried as running products, as in adam.ts. Effective step size: γ / (√v̂ + ε)
 * with v̂ = v / (1 − β₂ᵗ), applied to the mix of g and m above.
 */
export const nadam = defineRule({
  ...nadamHead,
  constants: { POWER_FLUSH },
  tensors: ['expAvg', 'expAvgSq'],
  carry: (h) => ({ muProduct: 1, beta2Power: 1, decay: 1, decayFactor: 0.96 ** h.momentumDecay }),
  perStep(h, _t, k) {
    // Running products flushed to 0 where 1 − (product) is exactly 1 (POWER_FLUSH in adam.ts):
    // 1 − ½·decay and 1 − Π·μₜ₊₁ are 1 then too, since ½ and μₜ₊₁ are below 1.
    k.beta2Power *= h.beta2;
    k.decay *= k.decayFactor; // 0.96^(tψ)
    if (k.beta2Power <= POWER_FLUSH) k.beta2Power = 0;
    if (k.decay <= POWER_FLUSH) k.decay = 0;
    k.bc2 = 1 - k.beta2Power;
    const mu = h.beta1 * (1 - 0.5 * k.decay);
    const muNext = h.beta1 * (1 - 0.5 * k.decay * k.decayFactor);
    k.muProduct *= mu;
    if (k.muProduct <= POWER_FLUSH) k.muProduct = 0;
    k.gradCoef = (h.lr * (1 - mu)) / (1 - k.muProduct);
    k.mCoef = (h.lr * muNext) / (1 - k.muProduct * muNext);
  },
  coordinate(h, _t, k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) {
      if (h.decoupledWeightDecay) c.p *= 1 - h.lr * h.weightDecay;
      else g += h.weightDecay * c.p;
    }
    c.expAvg += (1 - h.beta1) * (g - c.expAvg);
    c.expAvgSq = h.beta2 * c.expAvgSq + (1 - h.beta2) * g * g;
    const d = Math.sqrt(c.expAvgSq / k.bc2) + h.eps;
    c.p -= (k.gradCoef * g) / d;
    c.p -= (k.mCoef * c.expAvg) / d;
    c.effectiveLr = h.lr / d;
  },
});
