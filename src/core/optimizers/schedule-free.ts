import { beta1Spec, beta2Spec, defineRule, epsSpec, lrSpec, weightDecaySpec } from './rule';

/**
 * Schedule-free AdamW (Defazio et al., 2024, "The Road Less Scheduled"), as the authors'
 * reference implementation computes it (facebookresearch/schedule_free,
 * `AdamWScheduleFreeReference.step` in train mode): no learning-rate schedule, instead three
 * sequences. z takes AdamW's steps; x is a weighted average of the z's (what to evaluate and
 * keep); the gradient is taken at y, between the two. The trajectory is y (the parameter torch
 * holds while training); x is recorded with the state.
 *
 * ```text
 * input: lr γ, beta1 β₁, beta2 β₂, eps ε, weightDecay λ, warmupSteps T, r, weightLrPower q,
 *        decayAtZ, innerMomentum β
 * z ← y, x ← y, v ← 0, m ← 0, Σ ← 0, γmax ← −1
 * for t = 1, 2, ...
 *   g ← ∇f(y)
 *   γₜ ← γ · min(1, t / T)              (γ if T = 0)
 *   γmax ← max(γmax, γₜ);  wₜ ← tʳ γmax^q;  Σ ← Σ + wₜ;  cₜ ← wₜ / Σ (0 if Σ = 0)
 *   z ← z − γₜ λ y  (γₜ λ z with decayAtZ)
 *   v ← β₂ v + (1 − β₂) g²
 *   u ← g, or with β ≠ 0: m ← β m + (1 − β) g, u ← m / (1 − βᵗ)
 *   z ← z − γₜ u / (√(v / (1 − β₂ᵗ)) + ε)
 *   x ← (1 − cₜ) x + cₜ z
 *   y ← β₁ x + (1 − β₁) z
 * ```
 *
 * Not in torch.optim. Where implementations differ: the package's faster `AdamWScheduleFree`
 * keeps y in the parameter through an equivalent rearrangement (the same iterates up to
 * rounding); releases up to 1.2.7 (the reference class too) also multiplied the learning rate by
 * √(1 − β₂ᵗ). The reference as it is today is followed here. The paper's β₁ is this interpolation between x
 * and z, not a momentum.
 *
 * State: `z`, `expAvgSq` (v), `x`, and `expAvg` (m) with innerMomentum ≠ 0; y is the parameter.
 * Σ and γmax are carried. Effective step size: γₜ / (√(v / (1 − β₂ᵗ)) + ε), z's step.
 */
export const adamwScheduleFree = defineRule({
  name: 'AdamWScheduleFree',
  defaults: {
    lr: 0.0025,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    warmupSteps: 0,
    r: 0,
    weightLrPower: 2,
    decayAtZ: false,
    innerMomentum: 0,
  },
  spec: {
    lr: lrSpec,
    beta1: beta1Spec,
    beta2: beta2Spec,
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    warmupSteps: { kind: 'number', min: 0 },
    r: { kind: 'number', min: 0 },
    weightLrPower: { kind: 'number', min: 0 },
    decayAtZ: { kind: 'boolean' },
    innerMomentum: beta1Spec,
  },
  tensors: ['z', 'expAvgSq', 'x', 'expAvg'],
  present: (h) => (h.innerMomentum !== 0 ? ['z', 'expAvgSq', 'x', 'expAvg'] : ['z', 'expAvgSq', 'x']),
  carry: () => ({ lrMax: -1, weightSum: 0 }),
  perStep(h, t, k) {
    k.lrT = h.lr * (t - 1 < h.warmupSteps ? t / h.warmupSteps : 1);
    k.bc2 = 1 - h.beta2 ** t;
    k.bc1 = 1 - h.innerMomentum ** t;
    k.lrMax = Math.max(k.lrT, k.lrMax);
    const weight = t ** h.r * k.lrMax ** h.weightLrPower;
    k.weightSum += weight;
    k.ckp1 = k.weightSum !== 0 ? weight / k.weightSum : 0;
  },
  coordinate(h, t, k, c) {
    if (t === 1) {
      c.z = c.p;
      c.x = c.p;
    }
    if (h.weightDecay !== 0) c.z -= k.lrT * h.weightDecay * (h.decayAtZ ? c.z : c.p);
    c.expAvgSq = c.expAvgSq * h.beta2 + (1 - h.beta2) * c.g * c.g;
    const denom = Math.sqrt(c.expAvgSq / k.bc2) + h.eps;
    let u = c.g;
    if (h.innerMomentum !== 0) {
      c.expAvg = c.expAvg * h.innerMomentum + c.g * (1 - h.innerMomentum);
      u = c.expAvg / k.bc1;
    }
    c.z -= k.lrT * (u / denom);
    c.x = c.x * (1 - k.ckp1) + c.z * k.ckp1;
    c.p = c.x * h.beta1 + c.z * (1 - h.beta1);
    c.effectiveLr = k.lrT / denom;
  },
});
