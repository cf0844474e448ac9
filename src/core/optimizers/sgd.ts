import { OptionError } from '../errors';
import type { Hyper } from './rule';
import { defineRule, lrSpec, maximizeSpec, weightDecaySpec } from './rule';

export interface SgdHyper extends Hyper {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, as `torch.optim.SGD`.
 *
 * ```text
 * input: lr, momentum μ, dampening τ, weightDecay λ, nesterov, maximize
 * for t = 1, 2, ...
 *   g ← ∇f(p)                        (−∇f(p) if maximize)
 *   if λ ≠ 0:  g ← g + λ p
 *   if μ ≠ 0:
 *     b ← g                 if t = 1
 *     b ← μ b + (1 − τ) g   otherwise
 *     g ← g + μ b           if nesterov
 *     g ← b                 otherwise
 *   p ← p − lr g
 * ```
 *
 * Where torch differs: Sutskever et al. write momentum as v ← μ v − lr g, p ← p + v; torch puts
 * lr outside the buffer, which is the same path while lr is constant. Its Nesterov form does not
 * evaluate the gradient at the look-ahead point p + μ v as the paper does; it uses the
 * equivalent reformulation in the shifted variable p' = p + μ v, so the iterates are the
 * paper's look-ahead points (the same idea as Keras's `nesterov=True`).
 *
 * State: `momentumBuffer` (b), with momentum only. Effective step size: lr (applied to g, or to b
 * with momentum).
 */
export const sgd = defineRule<SgdHyper>({
  name: 'SGD',
  defaults: { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false },
  spec: {
    lr: lrSpec,
    momentum: { kind: 'number', min: 0 },
    dampening: { kind: 'number' },
    weightDecay: weightDecaySpec,
    nesterov: { kind: 'boolean' },
    maximize: maximizeSpec,
  },
  check(h) {
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new OptionError('nesterov', h.nesterov, `needs momentum > 0 and dampening 0 (momentum is ${h.momentum}, dampening ${h.dampening})`);
    }
  },
  tensors: ['momentumBuffer'],
  // torch creates the buffer only with momentum.
  present: (h) => (h.momentum !== 0 ? ['momentumBuffer'] : []),
  coordinate(h, t, _k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    if (h.momentum !== 0) {
      const b = t === 1 ? g : h.momentum * c.momentumBuffer + (1 - h.dampening) * g;
      c.momentumBuffer = b;
      g = h.nesterov ? g + h.momentum * b : b;
    }
    c.p -= h.lr * g;
    c.effectiveLr = h.lr;
  },
});
