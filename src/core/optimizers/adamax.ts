import { POWER_FLUSH } from './constants';
import { defineRule } from './rule';
import { adamaxHead } from './heads';
import type { Hyper } from './rule';

export interface AdamaxHyper extends Hyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  maximize: boolean;
}

/**
 * Adamax (Kingma & Ba, 2015, section 7.1), as `torch.optim.Adamax`: Adam with the infinity norm.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, maximize
 * m ← 0, u ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   m ← β₁ m + (1 − β₁) g
 *   u ← max(β₂ u, |g| + ε)
 *   p ← p − γ / (1 − β₁ᵗ) · m / u
 * ```
 *
 * Where torch differs: the paper has no ε; torch adds it to |g| inside the max so u > 0.
 *
 * State: `expAvg` (m) and `expInf` (u); β₁ᵗ is carried as a running product. Effective step size:
 * γ / u, applied to the bias-corrected m̂ = m / (1 − β₁ᵗ).
 */
export const adamax = defineRule<AdamaxHyper>({
  ...adamaxHead,
  constants: { POWER_FLUSH },
  tensors: ['expAvg', 'expInf'],
  carry: () => ({ beta1Power: 1 }),
  perStep(h, _t, k) {
    // β₁ᵗ as a running product, flushed to 0 as in adam.ts
    k.beta1Power *= h.beta1;
    if (k.beta1Power <= POWER_FLUSH) k.beta1Power = 0;
    k.clr = h.lr / (1 - k.beta1Power);
  },
  coordinate(h, _t, k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    c.expAvg += (1 - h.beta1) * (g - c.expAvg);
    c.expInf = Math.max(h.beta2 * c.expInf, Math.abs(g) + h.eps);
    c.p -= (k.clr * c.expAvg) / c.expInf;
    c.effectiveLr = h.lr / c.expInf;
  },
});
