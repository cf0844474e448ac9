import { POWER_FLUSH } from './adam';
import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './rule';
import type { Hyper, UpdateRule } from './rule';

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
 * State: m, u (2n slots), then β₁ᵗ as a running product (1 slot).
 */
export const adamax = defineRule<AdamaxHyper>({
  name: 'Adamax',
  defaults: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maximize: false },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: { ...beta2Spec, doc: 'decay of the running infinity norm (torch: betas[1])' },
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    maximize: maximizeSpec,
  },
  stateSize: (n) => 2 * n + 1,
  init(s, n) {
    s[2 * n] = 1;
  },
  fastStep: (h) => (h.maximize || h.weightDecay !== 0 ? undefined : commonStep),
  step: (p, g, s, t, h) => adamaxUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.maximize),
  // adamaxUpdate's statements, with the flags decided here and n fixed.
  inline: (h, n) => ({
    pre: `
      let b1t = s[${2 * n}] * beta1;
      if (b1t <= ${POWER_FLUSH}) b1t = 0;
      s[${2 * n}] = b1t;
      const clr = lr / (1 - b1t);`,
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay !== 0 ? `${g} += weightDecay * ${p};` : ''}
      const m = s[${i}] + (1 - beta1) * (${g} - s[${i}]);
      s[${i}] = m;
      const u = Math.max(beta2 * s[${n + i}], Math.abs(${g}) + eps);
      s[${n + i}] = u;
      ${p} -= (clr * m) / u;`,
  }),
});

/** `step` without weight decay or maximize, flags constant so the JIT drops those branches. */
const commonStep: UpdateRule<AdamaxHyper>['step'] = (p, g, s, t, k) => adamaxUpdate(p, g, s, t, k.lr, k.beta1, k.beta2, k.eps, 0, false);

/** The rule itself, with every hyperparameter an argument (see `fastStep`). */
function adamaxUpdate(
  p: number[],
  g: readonly number[],
  s: Float64Array,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  maximize: boolean,
): void {
  const n = p.length;
  let b1t = s[2 * n] * beta1; // β₁ᵗ as a running product, flushed to 0 as in adam.ts
  if (b1t <= POWER_FLUSH) b1t = 0;
  s[2 * n] = b1t;
  const clr = lr / (1 - b1t);
  for (let i = 0; i < n; i++) {
    let gi = maximize ? -g[i] : g[i];
    if (weightDecay !== 0) gi += weightDecay * p[i];
    const m = s[i] + (1 - beta1) * (gi - s[i]);
    s[i] = m;
    const u = Math.max(beta2 * s[n + i], Math.abs(gi) + eps);
    s[n + i] = u;
    p[i] -= (clr * m) / u;
  }
}
