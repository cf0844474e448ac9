import { POWER_FLUSH } from './adam';
import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './rule';

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
 * State: m, v (2n slots), then Π, β₂ᵗ, 0.96^(tψ) and 0.96^ψ (4 slots; powers kept as running
 * products, as in adam.ts).
 */
export const nadam = defineRule({
  name: 'NAdam',
  defaults: {
    lr: 2e-3,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    momentumDecay: 4e-3,
    decoupledWeightDecay: false,
    maximize: false,
  },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: beta2Spec,
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    momentumDecay: { kind: 'number', doc: 'momentum decay ψ of the schedule μₜ', min: 0 },
    decoupledWeightDecay: { kind: 'boolean', doc: 'apply weight decay to p directly, as AdamW' },
    maximize: maximizeSpec,
  },
  stateSize: (n) => 2 * n + 4,
  init(s, n, h) {
    s[2 * n] = 1;
    s[2 * n + 1] = 1;
    s[2 * n + 2] = 1;
    s[2 * n + 3] = 0.96 ** h.momentumDecay;
  },
  step(p, g, s, t, h) {
    const { lr, beta1, beta2, eps, weightDecay, momentumDecay, decoupledWeightDecay, maximize } = h;
    const n = p.length;
    // Running products flushed to 0 where 1 − (product) is exactly 1 (POWER_FLUSH in adam.ts):
    // 1 − ½·decay and 1 − Π·μₜ₊₁ are 1 then too, since ½ and μₜ₊₁ are below 1.
    let beta2t = s[2 * n + 1] * beta2;
    let decay = s[2 * n + 2] * s[2 * n + 3]; // 0.96^(tψ)
    if (beta2t <= POWER_FLUSH) beta2t = 0;
    if (decay <= POWER_FLUSH) decay = 0;
    s[2 * n + 1] = beta2t;
    s[2 * n + 2] = decay;
    const bc2 = 1 - beta2t;
    const mu = beta1 * (1 - 0.5 * decay);
    const muNext = beta1 * (1 - 0.5 * decay * s[2 * n + 3]);
    let muProduct = s[2 * n] * mu;
    if (muProduct <= POWER_FLUSH) muProduct = 0;
    s[2 * n] = muProduct;
    const gradCoef = (lr * (1 - mu)) / (1 - muProduct);
    const mCoef = (lr * muNext) / (1 - muProduct * muNext);
    for (let i = 0; i < n; i++) {
      let gi = maximize ? -g[i] : g[i];
      if (weightDecay !== 0) {
        if (decoupledWeightDecay) p[i] *= 1 - lr * weightDecay;
        else gi += weightDecay * p[i];
      }
      const m = s[i] + (1 - beta1) * (gi - s[i]);
      const v = beta2 * s[n + i] + (1 - beta2) * gi * gi;
      s[i] = m;
      s[n + i] = v;
      const d = Math.sqrt(v / bc2) + eps;
      p[i] -= (gradCoef * gi) / d;
      p[i] -= (mCoef * m) / d;
    }
  },
  inline: (h, n) => ({
    pre: `
      let beta2t = s[${2 * n + 1}] * beta2;
      let decay = s[${2 * n + 2}] * s[${2 * n + 3}];
      if (beta2t <= ${POWER_FLUSH}) beta2t = 0;
      if (decay <= ${POWER_FLUSH}) decay = 0;
      s[${2 * n + 1}] = beta2t;
      s[${2 * n + 2}] = decay;
      const bc2 = 1 - beta2t;
      const mu = beta1 * (1 - 0.5 * decay);
      const muNext = beta1 * (1 - 0.5 * decay * s[${2 * n + 3}]);
      let muProduct = s[${2 * n}] * mu;
      if (muProduct <= ${POWER_FLUSH}) muProduct = 0;
      s[${2 * n}] = muProduct;
      const gradCoef = (lr * (1 - mu)) / (1 - muProduct);
      const mCoef = (lr * muNext) / (1 - muProduct * muNext);`,
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay === 0 ? '' : h.decoupledWeightDecay ? `${p} *= 1 - lr * weightDecay;` : `${g} += weightDecay * ${p};`}
      const m = s[${i}] + (1 - beta1) * (${g} - s[${i}]);
      const v = beta2 * s[${n + i}] + (1 - beta2) * ${g} * ${g};
      s[${i}] = m;
      s[${n + i}] = v;
      const d = Math.sqrt(v / bc2) + eps;
      ${p} -= (gradCoef * ${g}) / d;
      ${p} -= (mCoef * m) / d;`,
  }),
});
