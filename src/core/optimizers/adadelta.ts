import { defineRule, epsSpec, maximizeSpec, weightDecaySpec } from './rule';

/**
 * Adadelta (Zeiler, 2012), as `torch.optim.Adadelta`.
 *
 * ```text
 * input: lr, rho ρ, eps ε, weightDecay λ, maximize
 * v ← 0, u ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   v ← ρ v + (1 − ρ) g²
 *   Δ ← √(u + ε) / √(v + ε) · g
 *   u ← ρ u + (1 − ρ) Δ²
 *   p ← p − lr Δ
 * ```
 *
 * Where torch differs: the paper has no learning rate (the ratio of running averages sets the
 * step's units); torch multiplies by `lr`, default 1.0, which is the paper's rule.
 *
 * State: v then u (2n slots).
 */
export const adadelta = defineRule({
  name: 'Adadelta',
  defaults: { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false },
  spec: {
    lr: { kind: 'number', doc: 'coefficient that scales Δ before it is applied (1 = the paper)', min: 0, log: true },
    rho: { kind: 'number', doc: 'decay ρ of both running averages', min: 0, max: 1 },
    eps: epsSpec,
    weightDecay: { kind: 'number', doc: 'weight decay: adds weightDecay * p to the gradient', min: 0 },
    maximize: maximizeSpec,
  },
  stateSize: (n) => 2 * n,
  step(p, g, s, _t, h) {
    const { lr, rho, eps, weightDecay, maximize } = h;
    const n = p.length;
    for (let i = 0; i < n; i++) {
      let gi = maximize ? -g[i] : g[i];
      if (weightDecay !== 0) gi += weightDecay * p[i];
      const v = rho * s[i] + (1 - rho) * gi * gi;
      s[i] = v;
      const delta = (Math.sqrt(s[n + i] + eps) / Math.sqrt(v + eps)) * gi;
      s[n + i] = rho * s[n + i] + (1 - rho) * delta * delta;
      p[i] -= lr * delta;
    }
  },
  inline: (h, n) => ({
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay !== 0 ? `${g} += weightDecay * ${p};` : ''}
      const v = rho * s[${i}] + (1 - rho) * ${g} * ${g};
      s[${i}] = v;
      const delta = (Math.sqrt(s[${n + i}] + eps) / Math.sqrt(v + eps)) * ${g};
      s[${n + i}] = rho * s[${n + i}] + (1 - rho) * delta * delta;
      ${p} -= lr * delta;`,
  }),
});
