import { defineRule, epsSpec, lrSpec, weightDecaySpec } from './rule';

const betaSpec = { kind: 'number', min: 0, max: 1, maxExclusive: true } as const;

/**
 * Adan, adaptive Nesterov momentum (Xie et al., 2022, "Adan: Adaptive Nesterov Momentum
 * Algorithm for Faster Optimizing Deep Models"), as the authors' sail-sg/Adan computes it
 * (`_single_tensor_adan`, no gradient clipping): besides Adam's averages of g and of a squared
 * term, an average of the gradient's change g − gₜ₋₁, so the step anticipates where the gradient
 * is going (Nesterov's idea, without evaluating a second point).
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, beta3 β₃, eps ε, weightDecay λ, noProx
 * m ← 0, d ← 0, n ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p);  gₜ₋₁ ← g at t = 1
 *   m ← β₁ m + (1 − β₁) g
 *   d ← β₂ d + (1 − β₂) (g − gₜ₋₁)
 *   n ← β₃ n + (1 − β₃) (g + β₂ (g − gₜ₋₁))²
 *   η ← γ / (√n / √(1 − β₃ᵗ) + ε)
 *   p ← (p − η (m / (1 − β₁ᵗ) + β₂ d / (1 − β₂ᵗ))) / (1 + γλ)
 *       (noProx: p (1 − γλ) − η (…))
 * ```
 *
 * Not in torch.optim. Where implementations differ: the paper writes each β as 1 − β (its
 * β₁ = 0.02 is the code's 0.98); the code's `max_grad_norm` clipping (off by default) is not
 * offered; the paper's weight decay is the proximal form, the default here.
 *
 * State: `expAvg` (m), `expAvgSq` (n), `expAvgDiff` (d) and `negPreGrad` (−gₜ₋₁), the code's
 * `exp_avg`, `exp_avg_sq`, `exp_avg_diff` and `neg_pre_grad`. Effective step size: η, applied to
 * m̂ + β₂ d̂.
 */
export const adan = defineRule({
  name: 'Adan',
  defaults: { lr: 1e-3, beta1: 0.98, beta2: 0.92, beta3: 0.99, eps: 1e-8, weightDecay: 0, noProx: false },
  spec: {
    lr: lrSpec,
    beta1: betaSpec,
    beta2: betaSpec,
    beta3: betaSpec,
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    noProx: { kind: 'boolean' },
  },
  tensors: ['expAvg', 'expAvgSq', 'expAvgDiff', 'negPreGrad'],
  perStep(h, t, k) {
    // As the code: β^t by pow of the current β.
    k.bc1 = 1 - h.beta1 ** t;
    k.bc2 = 1 - h.beta2 ** t;
    k.bc3Root = Math.sqrt(1 - h.beta3 ** t);
  },
  coordinate(h, t, k, c) {
    const g = c.g;
    if (t === 1) c.negPreGrad = -g;
    let diff = c.negPreGrad + g;
    c.expAvg = c.expAvg * h.beta1 + g * (1 - h.beta1);
    c.expAvgDiff = c.expAvgDiff * h.beta2 + diff * (1 - h.beta2);
    diff = diff * h.beta2 + g;
    c.expAvgSq = c.expAvgSq * h.beta3 + (1 - h.beta3) * diff * diff;
    const denom = Math.sqrt(c.expAvgSq) / k.bc3Root + h.eps;
    if (h.noProx) c.p *= 1 - h.lr * h.weightDecay;
    c.p -= (h.lr / k.bc1) * (c.expAvg / denom);
    c.p -= ((h.lr * h.beta2) / k.bc2) * (c.expAvgDiff / denom);
    if (!h.noProx) c.p /= 1 + h.lr * h.weightDecay;
    c.negPreGrad = -g;
    c.effectiveLr = h.lr / denom;
  },
});
