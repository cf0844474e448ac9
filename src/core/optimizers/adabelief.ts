import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, weightDecaySpec } from './rule';

/**
 * AdaBelief (Zhuang et al., 2020, "AdaBelief Optimizer: Adapting Stepsizes by the Belief in
 * Observed Gradients"), as the authors' adabelief-pytorch 0.2.1 computes it, with its defaults:
 * Adam whose second moment is the variance of the gradient around its mean m, not its raw
 * square, so the step is large where the gradient is as predicted and small where it surprises;
 * rectified like RAdam.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, amsgrad, weightDecouple, fixedDecay,
 *        rectify, degeneratedToSgd
 * m ← 0, s ← 0, ρ∞ ← 2 / (1 − β₂) − 1
 * for t = 1, 2, ...
 *   g ← ∇f(p)
 *   if weightDecouple: p ← p (1 − γλ)  (p (1 − λ) with fixedDecay), else g ← g + λ p
 *   m ← β₁ m + (1 − β₁) g
 *   s ← β₂ s + (1 − β₂) (g − m)² + ε   (ε kept in s, as the package's in-place add leaves it)
 *   ŝ ← max(ŝ, s) with amsgrad, else s
 *   if not rectify:  p ← p − γ / (1 − β₁ᵗ) · m / (√ŝ / √(1 − β₂ᵗ) + ε)
 *   else  ρₜ ← ρ∞ − 2t β₂ᵗ / (1 − β₂ᵗ)
 *     if ρₜ ≥ 5: rₜ ← √((1 − β₂ᵗ)(ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
 *                p ← p − γ rₜ / (1 − β₁ᵗ) · m / (√s + ε)
 *     else if degeneratedToSgd: p ← p − γ / (1 − β₁ᵗ) · m
 * ```
 *
 * Not in torch.optim. Where implementations differ: the paper adds ε inside s (the package
 * keeps it there, step after step); the package's older 0.0.5 and the TensorFlow package default
 * to ε 1e-8, no decoupling and no rectification; RAdam (torch) rectifies from ρₜ > 5, the package
 * from ρₜ ≥ 5. With amsgrad and rectify together, the rectified steps use s, not its maximum
 * (the package's code; kept).
 *
 * State: `expAvg` (m), `expAvgVar` (s), with amsgrad `maxExpAvgVar` (ŝ). Effective step size:
 * γ / (√ŝ / √(1 − β₂ᵗ) + ε) without rectify; rectified: γ rₜ / (√s + ε) (rₜ includes
 * √(1 − β₂ᵗ)), γ while degenerated to SGD, else 0; each applied to m̂ = m / (1 − β₁ᵗ).
 */
export const adabelief = defineRule({
  name: 'AdaBelief',
  defaults: {
    lr: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-16,
    weightDecay: 0,
    amsgrad: false,
    weightDecouple: true,
    fixedDecay: false,
    rectify: true,
    degeneratedToSgd: true,
  },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: beta2Spec,
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    amsgrad: { kind: 'boolean' },
    weightDecouple: { kind: 'boolean' },
    fixedDecay: { kind: 'boolean' },
    rectify: { kind: 'boolean' },
    degeneratedToSgd: { kind: 'boolean' },
  },
  tensors: ['expAvg', 'expAvgVar', 'maxExpAvgVar'],
  present: (h) => (h.amsgrad ? ['expAvg', 'expAvgVar', 'maxExpAvgVar'] : ['expAvg', 'expAvgVar']),
  perStep(h, t, k) {
    // As the package: β^t by pow of the current β (no running product).
    k.bc1 = 1 - h.beta1 ** t;
    const beta2T = h.beta2 ** t;
    k.bc2 = 1 - beta2T;
    const rhoInf = 2 / (1 - h.beta2) - 1;
    k.rho = rhoInf - (2 * t * beta2T) / (1 - beta2T);
    k.rect = k.rho >= 5 ? Math.sqrt((((((1 - beta2T) * (k.rho - 4)) / (rhoInf - 4)) * (k.rho - 2)) / k.rho) * rhoInf / (rhoInf - 2)) : 0;
    k.stepSize = k.rho >= 5 ? k.rect / k.bc1 : h.degeneratedToSgd ? 1 / k.bc1 : -1;
  },
  coordinate(h, _t, k, c) {
    let g = c.g;
    if (h.weightDecouple) c.p *= h.fixedDecay ? 1 - h.weightDecay : 1 - h.lr * h.weightDecay;
    else if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    c.expAvg = c.expAvg * h.beta1 + (1 - h.beta1) * g;
    const residual = g - c.expAvg;
    c.expAvgVar = c.expAvgVar * h.beta2 + (1 - h.beta2) * residual * residual + h.eps;
    let v = c.expAvgVar;
    if (h.amsgrad) {
      c.maxExpAvgVar = Math.max(c.maxExpAvgVar, c.expAvgVar);
      v = c.maxExpAvgVar;
    }
    if (!h.rectify) {
      const denom = Math.sqrt(v) / Math.sqrt(k.bc2) + h.eps;
      c.p -= (h.lr / k.bc1) * (c.expAvg / denom);
      c.effectiveLr = h.lr / denom;
    } else if (k.rho >= 5) {
      const d = Math.sqrt(c.expAvgVar) + h.eps;
      c.p -= k.stepSize * h.lr * (c.expAvg / d);
      c.effectiveLr = (h.lr * k.rect) / d;
    } else if (k.stepSize > 0) {
      c.p -= k.stepSize * h.lr * c.expAvg;
      c.effectiveLr = h.lr;
    } else {
      c.effectiveLr = 0;
    }
  },
});
