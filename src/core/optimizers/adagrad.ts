import { defineRule, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './rule';

/**
 * Adagrad (Duchi et al., 2011), as `torch.optim.Adagrad`.
 *
 * ```text
 * input: lr, lrDecay η, weightDecay λ, initialAccumulatorValue s₀, eps ε, maximize
 * s ← s₀
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   γ̃ ← lr / (1 + (t − 1) η)
 *   s ← s + g²
 *   p ← p − γ̃ g / (√s + ε)
 * ```
 *
 * Where torch differs: ε sits outside the square root (Keras puts it outside too, but starts
 * the accumulator at 0.1 rather than 0); the paper has no lrDecay.
 *
 * State: `sum` (s). Effective step size: lr / (1 + (t − 1) η) / (√s + ε), applied to g.
 */
export const adagrad = defineRule({
  name: 'Adagrad',
  defaults: { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false },
  spec: {
    lr: lrSpec,
    lrDecay: { kind: 'number', min: 0 },
    weightDecay: weightDecaySpec,
    initialAccumulatorValue: { kind: 'number', min: 0 },
    eps: epsSpec,
    maximize: maximizeSpec,
  },
  tensors: ['sum'],
  initial: (h) => ({ sum: h.initialAccumulatorValue }),
  perStep(h, t, k) {
    // Without decay, lr / (1 + (t − 1) · 0) is lr exactly.
    k.clr = h.lrDecay === 0 ? h.lr : h.lr / (1 + (t - 1) * h.lrDecay);
  },
  coordinate(h, _t, k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    c.sum += g * g;
    const d = Math.sqrt(c.sum) + h.eps;
    c.p -= (k.clr * g) / d;
    c.effectiveLr = k.clr / d;
  },
});
