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
 * State: v, ḡ, b (3n slots; ḡ and b stay zero when unused).
 */
export const rmsprop = defineRule({
  name: 'RMSprop',
  defaults: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false },
  spec: {
    lr: lrSpec,
    alpha: { kind: 'number', doc: 'smoothing constant α of the running average of g²', min: 0 },
    eps: epsSpec,
    weightDecay: weightDecaySpec,
    momentum: { kind: 'number', doc: 'momentum factor μ applied to the scaled step', min: 0 },
    centered: { kind: 'boolean', doc: 'divide by an estimate of the gradient variance instead' },
    maximize: maximizeSpec,
  },
  stateSize: (n) => 3 * n,
  step(p, g, s, _t, h) {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = h;
    const n = p.length;
    for (let i = 0; i < n; i++) {
      let gi = maximize ? -g[i] : g[i];
      if (weightDecay !== 0) gi += weightDecay * p[i];
      const v = alpha * s[i] + (1 - alpha) * gi * gi;
      s[i] = v;
      let d: number;
      if (centered) {
        // torch: grad_avg.lerp_(grad, 1 - alpha)
        const gAvg = s[n + i] + (1 - alpha) * (gi - s[n + i]);
        s[n + i] = gAvg;
        d = Math.sqrt(v - gAvg * gAvg) + eps;
      } else {
        d = Math.sqrt(v) + eps;
      }
      if (momentum > 0) {
        const b = momentum * s[2 * n + i] + gi / d;
        s[2 * n + i] = b;
        p[i] -= lr * b;
      } else {
        p[i] -= (lr * gi) / d;
      }
    }
  },
  inline: (h, n) => ({
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay !== 0 ? `${g} += weightDecay * ${p};` : ''}
      const v = alpha * s[${i}] + (1 - alpha) * ${g} * ${g};
      s[${i}] = v;
      ${h.centered
        ? `const gAvg = s[${n + i}] + (1 - alpha) * (${g} - s[${n + i}]);
      s[${n + i}] = gAvg;
      const d = Math.sqrt(v - gAvg * gAvg) + eps;`
        : 'const d = Math.sqrt(v) + eps;'}
      ${h.momentum > 0
        ? `const b = momentum * s[${2 * n + i}] + ${g} / d;
      s[${2 * n + i}] = b;
      ${p} -= lr * b;`
        : `${p} -= (lr * ${g}) / d;`}`,
  }),
});
