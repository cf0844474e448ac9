import { defineRule, lrSpec, weightDecaySpec } from './rule';

/**
 * Lion, EvoLved Sign Momentum (Chen et al., 2023, "Symbolic Discovery of Optimization
 * Algorithms", Algorithm 2), as the authors' reference and lucidrains/lion-pytorch write it: the
 * step is only the sign of a mix of momentum and gradient, so every coordinate moves by exactly
 * the learning rate; the momentum is then updated with a slower β₂.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, weightDecay λ
 * m ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)
 *   p ← p (1 − γλ)                     (decoupled, as AdamW)
 *   c ← β₁ m + (1 − β₁) g
 *   p ← p − γ sign(c)
 *   m ← β₂ m + (1 − β₂) g
 * ```
 *
 * Not in torch.optim. Where implementations differ: lion-pytorch's `decoupled_weight_decay=True`
 * divides λ by the initial lr (off by default, and not offered here); optax's `lion` is the
 * paper's. The defaults (lr 1e-4, β (0.9, 0.99)) are the paper's: its lr is 3-10x below AdamW's,
 * since a sign step is as long as the learning rate.
 *
 * State: `expAvg` (m). Effective step size: γ (each coordinate moves ±γ, or 0 where c is 0).
 */
export const lion = defineRule({
  name: 'Lion',
  defaults: { lr: 1e-4, beta1: 0.9, beta2: 0.99, weightDecay: 0 },
  spec: {
    lr: lrSpec,
    beta1: { kind: 'number', min: 0, max: 1 },
    beta2: { kind: 'number', min: 0, max: 1 },
    weightDecay: weightDecaySpec,
  },
  tensors: ['expAvg'],
  coordinate(h, _t, _k, c) {
    if (h.weightDecay !== 0) c.p *= 1 - h.lr * h.weightDecay;
    c.p -= h.lr * Math.sign(c.expAvg * h.beta1 + (1 - h.beta1) * c.g);
    c.expAvg = c.expAvg * h.beta2 + (1 - h.beta2) * c.g;
    c.effectiveLr = h.lr;
  },
});
