import { defineRule, epsSpec, lrSpec, maximizeSpec, weightDecaySpec } from './rule';

/**
 * RMSprop (Hinton, Coursera lecture 6e), as `torch.optim.RMSprop`.
 *
 * ```text
 * input: lr, alpha α, eps ε, weightDecay λ, momentum μ, centered, maximize
 * v ← 0, ḡ ← 0, b ← 0
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   v ← α v + (1 − α) g²
 *   if centered:  ḡ ← α ḡ + (1 − α) g;   d ← √(v − ḡ²) + ε
 *   else:         d ← √v + ε
 *   if μ > 0:  b ← μ b + g / d;   p ← p − lr b
 *   else:      p ← p − lr g / d
 * ```
 *
 * Where torch differs: ε is added outside the square root (TensorFlow/Keras add it inside),
 * and momentum, when on, accumulates the already-scaled step g / d.
 *
 * State: `squareAvg` (v), `momentumBuffer` (b, with momentum) and `gradAvg` (ḡ, when centered).
 * Effective step size: lr / d with d = √v + ε (√(v − ḡ²) + ε centered), applied to g (inside b
 * with momentum).
 */
export const rmsprop = defineRule({
  name: 'RMSprop',
  defaults: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false },
  spec: {
    lr: lrSpec,
    alpha: { kind: 'number', min: 0 },
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    momentum: { kind: 'number', min: 0 },
    centered: { kind: 'boolean' },
    maximize: maximizeSpec,
  },
  tensors: ['squareAvg', 'momentumBuffer', 'gradAvg'],
  present: (h) => ['squareAvg', ...(h.momentum !== 0 ? ['momentumBuffer' as const] : []), ...(h.centered ? ['gradAvg' as const] : [])],
  coordinate(h, _t, _k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    const v = h.alpha * c.squareAvg + (1 - h.alpha) * g * g;
    c.squareAvg = v;
    let d: number;
    if (h.centered) {
      // torch: grad_avg.lerp_(grad, 1 - alpha)
      const gAvg = c.gradAvg + (1 - h.alpha) * (g - c.gradAvg);
      c.gradAvg = gAvg;
      d = Math.sqrt(v - gAvg * gAvg) + h.eps;
    } else {
      d = Math.sqrt(v) + h.eps;
    }
    // torch: if momentum > 0 (momentum is never negative)
    if (h.momentum !== 0) {
      const b = h.momentum * c.momentumBuffer + g / d;
      c.momentumBuffer = b;
      c.p -= h.lr * b;
    } else {
      c.p -= (h.lr * g) / d;
    }
    c.effectiveLr = h.lr / d;
  },
});
