import type { Hyper, InlineStep, UpdateRule } from './rule';
import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, maximizeSpec } from './rule';

export interface AdamHyper extends Hyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * Running products β^t (β in [0, 1)) at or below this are stored as 0. In double arithmetic
 * 1 − x is exactly 1 for every x ≤ 2⁻⁵⁴ (1 − 2⁻⁵⁴ lies halfway between 1 − 2⁻⁵³ and 1 and
 * rounds to the even one, 1), and once a product is that small it only shrinks, so every bias
 * correction 1 − β^t, √(1 − β^t), 1 − Π is the same bit for bit whether the product is kept or
 * flushed. Kept, it would sink into subnormal numbers (below 2⁻¹⁰²², after ~6,700 steps at
 * β = 0.9), where each multiply takes a slow microcode path and a step costs 1.3–1.8× more.
 */
export const POWER_FLUSH = 2 ** -54;

/**
 * Adam's moment updates and bias-corrected step, shared by Adam (L2 weight decay folded into
 * the gradient) and AdamW (weight decay applied to the parameter, decoupled).
 * State layout: m, v, v̂max (3n slots), then β₁ᵗ and β₂ᵗ (2 slots).
 */
function adamUpdate(
  p: number[],
  g: readonly number[],
  s: Float64Array,
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
  amsgrad: boolean,
  maximize: boolean,
  decoupled: boolean,
): void {
  const n = p.length;
  // β^t as running products in the state: Math.pow every step costs more than the rest of
  // the step, and the products agree with torch's beta ** step to ~1e-13 relative. Flushed to
  // 0 once 1 − β^t is exactly 1 (see POWER_FLUSH), so they never turn subnormal.
  let b1t = s[3 * n] * beta1;
  let b2t = s[3 * n + 1] * beta2;
  if (b1t <= POWER_FLUSH) b1t = 0;
  if (b2t <= POWER_FLUSH) b2t = 0;
  s[3 * n] = b1t;
  s[3 * n + 1] = b2t;
  const bc1 = 1 - b1t;
  const bc2Sqrt = Math.sqrt(1 - b2t);
  const stepSize = lr / bc1;
  for (let i = 0; i < n; i++) {
    let gi = maximize ? -g[i] : g[i];
    if (weightDecay !== 0) {
      if (decoupled) p[i] *= 1 - lr * weightDecay;
      else gi += weightDecay * p[i];
    }
    // torch: exp_avg.lerp_(grad, 1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2)
    const m = s[i] + (1 - beta1) * (gi - s[i]);
    const v = beta2 * s[n + i] + (1 - beta2) * gi * gi;
    s[i] = m;
    s[n + i] = v;
    let vHat = v;
    if (amsgrad) {
      vHat = Math.max(s[2 * n + i], v);
      s[2 * n + i] = vHat;
    }
    const denom = Math.sqrt(vHat) / bc2Sqrt + eps;
    p[i] -= (stepSize * m) / denom;
  }
}

/**
 * Adam's step for the common case (no weight decay, no maximize), with the flags as constants
 * so the JIT drops the unused branches once it inlines this into the step loop.
 */
function fastAdam(h: AdamHyper): Step | undefined {
  if (h.maximize || h.weightDecay !== 0) return undefined;
  return h.amsgrad ? amsgradStep : plainAdamStep;
}

type Step = UpdateRule<AdamHyper>['step'];
const plainAdamStep: Step = (p, g, s, t, h) =>
  adamUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, 0, false, false, false);
const amsgradStep: Step = (p, g, s, t, h) =>
  adamUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, 0, true, false, false);

/**
 * adamUpdate's statements, with the flags decided here and n fixed (state indices as literals).
 * With AMSGrad, √v̂ of each coordinate is carried from step to step and taken again only when
 * the running maximum moves: it mostly stays put, so the step need not wait for this step's v
 * and its square root (the same number either way, since v̂ itself is the same).
 */
function inlineAdam(h: AdamHyper, n: number, decoupled: boolean): InlineStep {
  const roots = Array.from({ length: n }, (_, i) => `let vHatRoot${i} = Math.sqrt(s[${2 * n + i}]);`);
  return {
    setup: h.amsgrad ? roots.join(' ') : undefined,
    pre: `
      let b1t = s[${3 * n}] * beta1;
      let b2t = s[${3 * n + 1}] * beta2;
      if (b1t <= ${POWER_FLUSH}) b1t = 0;
      if (b2t <= ${POWER_FLUSH}) b2t = 0;
      s[${3 * n}] = b1t;
      s[${3 * n + 1}] = b2t;
      const bc1 = 1 - b1t;
      const bc2Sqrt = Math.sqrt(1 - b2t);
      const stepSize = lr / bc1;`,
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay === 0 ? '' : decoupled ? `${p} *= 1 - lr * weightDecay;` : `${g} += weightDecay * ${p};`}
      const m = s[${i}] + (1 - beta1) * (${g} - s[${i}]);
      const v = beta2 * s[${n + i}] + (1 - beta2) * ${g} * ${g};
      s[${i}] = m;
      s[${n + i}] = v;
      ${h.amsgrad
        ? `const vMax = s[${2 * n + i}];
      const vHat = Math.max(vMax, v);
      s[${2 * n + i}] = vHat;
      if (vHat !== vMax) vHatRoot${i} = Math.sqrt(vHat);
      const denom = vHatRoot${i} / bc2Sqrt + eps;`
        : 'const denom = Math.sqrt(v) / bc2Sqrt + eps;'}
      ${p} -= (stepSize * m) / denom;`,
  };
}

function initPowers(s: Float64Array, n: number): void {
  s[3 * n] = 1;
  s[3 * n + 1] = 1;
}

const adamSpec = {
  lr: lrSpec,
  beta1: beta1Spec,
  beta2: beta2Spec,
  eps: epsSpec,
  weightDecay: { kind: 'number', doc: 'weight decay λ', min: 0 },
  amsgrad: { kind: 'boolean', doc: 'AMSGrad: divide by the running maximum of v (Reddi et al., 2018)' },
  maximize: maximizeSpec,
} as const;

/**
 * Adam (Kingma & Ba, 2015), with AMSGrad as an option, as `torch.optim.Adam`.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, amsgrad, maximize
 * m ← 0, v ← 0, v̂max ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   v̂ ← max(v̂max, v) (and v̂max ← v̂)  if amsgrad,  else v̂ ← v
 *   p ← p − γ / (1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * ```
 *
 * Where torch differs: the paper bias-corrects m and v and adds ε to √v̂ₜ; torch divides √v̂ by
 * √(1 − β₂ᵗ) before adding ε, which is the paper's Algorithm 1. Keras instead folds both
 * corrections into the learning rate and adds ε to the uncorrected √v ("epsilon hat"), so its
 * ε acts about √(1 − β₂ᵗ) times smaller early on. torch's AMSGrad keeps the maximum of the
 * uncorrected v, not of the corrected v̂ that Reddi et al. write.
 */
export const adam = defineRule<AdamHyper>({
  name: 'Adam',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false },
  spec: adamSpec,
  stateSize: (n) => 3 * n + 2,
  init: initPowers,
  fastStep: (h) => fastAdam(h),
  inline: (h, n) => inlineAdam(h, n, false),
  step: (p, g, s, t, h) =>
    adamUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.amsgrad, h.maximize, false),
});

/**
 * AdamW (Loshchilov & Hutter, 2019), as `torch.optim.AdamW`: Adam whose weight decay shrinks
 * the parameter directly instead of adding λp to the gradient.
 *
 * ```text
 * for t = 1, 2, ...
 *   p ← p − γ λ p
 *   then Adam's step with g = ∇f(p) (no L2 term)
 * ```
 *
 * Where torch differs: the paper scales the decay by a schedule multiplier ηₜ and not by the
 * learning rate; torch multiplies it by lr (default weightDecay 1e-2, not 0).
 */
export const adamw = defineRule<AdamHyper>({
  name: 'AdamW',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false },
  spec: { ...adamSpec, weightDecay: { kind: 'number', doc: 'decoupled weight decay λ: p ← p − γλp', min: 0 } },
  stateSize: (n) => 3 * n + 2,
  init: initPowers,
  fastStep: (h) => fastAdam(h),
  inline: (h, n) => inlineAdam(h, n, true),
  step: (p, g, s, t, h) =>
    adamUpdate(p, g, s, t, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.amsgrad, h.maximize, true),
});
