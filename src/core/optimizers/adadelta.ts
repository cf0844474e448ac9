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
 * State: `squareAvg` (v) and `accDelta` (u). Effective step size: lr · √(u + ε) / √(v + ε) (u
 * before this step's update), applied to g.
 */
export const adadelta = defineRule({
  name: 'Adadelta',
  defaults: { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false },
  spec: {
    lr: { kind: 'number', min: 0, log: true },
    rho: { kind: 'number', min: 0, max: 1 },
    eps: epsSpec,
    weightDecay: { kind: 'number', min: 0 },
    maximize: maximizeSpec,
  },
  tensors: ['squareAvg', 'accDelta'],
  coordinate(h, _t, _k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    c.squareAvg = h.rho * c.squareAvg + (1 - h.rho) * g * g;
    const scale = Math.sqrt(c.accDelta + h.eps) / Math.sqrt(c.squareAvg + h.eps);
    const delta = scale * g;
    c.accDelta = h.rho * c.accDelta + (1 - h.rho) * delta * delta;
    c.p -= h.lr * delta;
    c.effectiveLr = h.lr * scale;
  },
});
