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
 * State: s (n slots).
 */
export const adagrad = defineRule({
  name: 'Adagrad',
  defaults: { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false },
  spec: {
    lr: lrSpec,
    lrDecay: { kind: 'number', doc: 'learning-rate decay η: lr / (1 + (t − 1) η)', min: 0 },
    weightDecay: weightDecaySpec,
    initialAccumulatorValue: { kind: 'number', doc: 'starting value s₀ of the sum of squared gradients', min: 0 },
    eps: epsSpec,
    maximize: maximizeSpec,
  },
  stateSize: (n) => n,
  init(s, n, h) {
    s.fill(h.initialAccumulatorValue, 0, n);
  },
  step(p, g, s, t, h) {
    const { lr, lrDecay, weightDecay, eps, maximize } = h;
    const clr = lr / (1 + (t - 1) * lrDecay);
    for (let i = 0; i < p.length; i++) {
      let gi = maximize ? -g[i] : g[i];
      if (weightDecay !== 0) gi += weightDecay * p[i];
      const si = s[i] + gi * gi;
      s[i] = si;
      p[i] -= (clr * gi) / (Math.sqrt(si) + eps);
    }
  },
  inline: (h) => ({
    // Without decay, lr / (1 + (t − 1) · 0) is lr exactly.
    pre: h.lrDecay === 0 ? 'const clr = lr;' : 'const clr = lr / (1 + (t - 1) * lrDecay);',
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay !== 0 ? `${g} += weightDecay * ${p};` : ''}
      const si = s[${i}] + ${g} * ${g};
      s[${i}] = si;
      ${p} -= (clr * ${g}) / (Math.sqrt(si) + eps);`,
  }),
});
