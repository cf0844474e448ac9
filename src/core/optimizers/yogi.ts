import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec } from './rule';

/**
 * Yogi (Zaheer et al., 2018, "Adaptive Methods for Nonconvex Optimization"), as TensorFlow
 * Addons' `Yogi` computes it (`_resource_apply_dense`, activation 'sign'): Adam whose second
 * moment changes additively, by at most (1 − β₂) g² a step, so it cannot forget a large gradient
 * as fast as Adam's multiplicative average does.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, initialAccumulatorValue v₀
 * m ← 0, v ← v₀
 * for t = 1, 2, ...
 *   g ← ∇f(p)
 *   m ← β₁ m + (1 − β₁) g              (m = g when β₁ = 0: TFA keeps no m then)
 *   v ← v + (1 − β₂) sign(g² − v) g²
 *   p ← p − γ √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε)
 * ```
 *
 * Not in torch.optim. Where implementations differ: ε is 1e-3 (not Adam's 1e-8) in the paper and
 * TFA; the paper starts v at the squared gradient of a large first mini-batch, TFA (as here) at
 * v₀ = 1e-6; pytorch-optimizer's Yogi starts m and v at 1e-6 and adds ε after bias-correcting √v.
 * TFA's l1/l2 regularization and its 'tanh' activation are not offered.
 *
 * State: `expAvg` (m, with β₁ ≠ 0) and `expAvgSq` (v). Effective step size:
 * γ √(1 − β₂ᵗ) / (√v + ε), applied to m̂ = m / (1 − β₁ᵗ).
 */
export const yogi = defineRule({
  name: 'Yogi',
  defaults: { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-3, initialAccumulatorValue: 1e-6 },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: beta2Spec,
    eps: epsSpec,
    initialAccumulatorValue: { kind: 'number', min: 0, log: true },
  },
  tensors: ['expAvg', 'expAvgSq'],
  present: (h) => (h.beta1 !== 0 ? ['expAvg', 'expAvgSq'] : ['expAvgSq']),
  initial: (h) => ({ expAvgSq: h.initialAccumulatorValue }),
  perStep(h, t, k) {
    // As TFA: β^t by pow of the current β.
    k.root = Math.sqrt(1 - h.beta2 ** t);
    k.lrT = (h.lr * k.root) / (1 - h.beta1 ** t);
  },
  coordinate(h, _t, k, c) {
    let m = c.g;
    if (h.beta1 !== 0) {
      c.expAvg = c.expAvg * h.beta1 + c.g * (1 - h.beta1);
      m = c.expAvg;
    }
    const gradSq = c.g * c.g;
    c.expAvgSq += (1 - h.beta2) * Math.sign(gradSq - c.expAvgSq) * gradSq;
    const d = Math.sqrt(c.expAvgSq) + h.eps;
    c.p -= (k.lrT / d) * m;
    c.effectiveLr = (h.lr * k.root) / d;
  },
});
