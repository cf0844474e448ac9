import { POWER_FLUSH } from './adam';
import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './rule';
import type { Hyper, UpdateRule } from './rule';

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
 * State: m, v (2n slots), then β₁ᵗ and β₂ᵗ as running products (2 slots).
 */
/**
 * β₂ᵗ also enters ρₜ = ρ∞ − 2tβ₂ᵗ / (1 − β₂ᵗ), so it is flushed only once 2tβ₂ᵗ is below
 * ρ∞·2⁻⁵⁸ as well: ρ∞ − δ rounds to ρ∞ for any δ under ρ∞·2⁻⁵⁴ (half the spacing of doubles
 * just below ρ∞), and past t = 1/(1 − β₂) the exact 2tβ₂ᵗ only shrinks; the rounded product can
 * creep up by at most a factor 1 + 2⁻⁵³ a step, which the margin of 8 absorbs for ~2⁵⁴ steps.
 * So the flushed run computes the same ρₜ, bias corrections and iterates, bit for bit.
 */
const RHO_FLUSH = 2 ** -58;

export const radam = defineRule<RAdamHyper>({
  name: 'RAdam',
  defaults: {
    lr: 1e-3,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    decoupledWeightDecay: false,
    maximize: false,
  },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: beta2Spec,
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    decoupledWeightDecay: { kind: 'boolean', doc: 'apply weight decay to p directly, as AdamW' },
    maximize: maximizeSpec,
  },
  stateSize: (n) => 2 * n + 2,
  init(s, n) {
    s[2 * n] = 1;
    s[2 * n + 1] = 1;
  },
  fastStep: (h) => (h.maximize || h.weightDecay !== 0 ? undefined : commonStep),
  step: (p, g, s, t, h) =>
    radamUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.decoupledWeightDecay, h.maximize),
  // radamUpdate's statements, with the flags decided here and n fixed.
  inline: (h, n) => ({
    setup: 'const rhoInf = 2 / (1 - beta2) - 1;',
    pre: `
      let b1t = s[${2 * n}] * beta1;
      let beta2t = s[${2 * n + 1}] * beta2;
      if (b1t <= ${POWER_FLUSH}) b1t = 0;
      if (beta2t <= ${POWER_FLUSH} && t * (1 - beta2) > 1 && 2 * t * beta2t < rhoInf * ${RHO_FLUSH}) beta2t = 0;
      s[${2 * n}] = b1t;
      s[${2 * n + 1}] = beta2t;
      const bc1 = 1 - b1t;
      const bc2 = 1 - beta2t;
      const rhoT = rhoInf - (2 * t * beta2t) / bc2;
      const rect =
        rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
      const bc2Sqrt = Math.sqrt(bc2);`,
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay === 0 ? '' : h.decoupledWeightDecay ? `${p} *= 1 - lr * weightDecay;` : `${g} += weightDecay * ${p};`}
      const m = s[${i}] + (1 - beta1) * (${g} - s[${i}]);
      const v = beta2 * s[${n + i}] + (1 - beta2) * ${g} * ${g};
      s[${i}] = m;
      s[${n + i}] = v;
      const mHat = m / bc1;
      if (rhoT > 5) ${p} += mHat * lr * (bc2Sqrt / (Math.sqrt(v) + eps)) * rect * -1;
      else ${p} += mHat * lr * -1;`,
  }),
});


/** `step` without weight decay or maximize, flags constant so the JIT drops those branches. */
const commonStep: UpdateRule<RAdamHyper>['step'] = (p, g, s, t, k) => radamUpdate(p, g, s, t, k.lr, k.beta1, k.beta2, k.eps, 0, false, false);

/** The rule itself, with every hyperparameter an argument (see `fastStep`). */
function radamUpdate(
  p: number[],
  g: readonly number[],
  s: Float64Array,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  decoupledWeightDecay: boolean,
  maximize: boolean,
): void {
  const n = p.length;
  const rhoInf = 2 / (1 - beta2) - 1;
  // β^t as running products, flushed to 0 as in adam.ts; β₂ᵗ only once ρₜ is ρ∞ exactly too.
  let b1t = s[2 * n] * beta1;
  let beta2t = s[2 * n + 1] * beta2;
  if (b1t <= POWER_FLUSH) b1t = 0;
  if (beta2t <= POWER_FLUSH && t * (1 - beta2) > 1 && 2 * t * beta2t < rhoInf * RHO_FLUSH) beta2t = 0;
  s[2 * n] = b1t;
  s[2 * n + 1] = beta2t;
  const bc1 = 1 - b1t;
  const bc2 = 1 - beta2t;
  const rhoT = rhoInf - (2 * t * beta2t) / bc2;
  const rect =
    rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
  const bc2Sqrt = Math.sqrt(bc2);
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
    const mHat = m / bc1;
    if (rhoT > 5) p[i] += mHat * lr * (bc2Sqrt / (Math.sqrt(v) + eps)) * rect * -1;
    else p[i] += mHat * lr * -1;
  }
}
