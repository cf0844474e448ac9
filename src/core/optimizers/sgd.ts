import { OptionError } from '../errors';
import type { Hyper, UpdateRule } from './rule';
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
 * State: b (n slots).
 */
export const sgd = defineRule<SgdHyper>({
  name: 'SGD',
  defaults: { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false },
  spec: {
    lr: lrSpec,
    momentum: { kind: 'number', doc: 'momentum factor μ', min: 0 },
    dampening: { kind: 'number', doc: 'dampening τ for momentum' },
    weightDecay: weightDecaySpec,
    nesterov: { kind: 'boolean', doc: "Nesterov momentum (torch's reformulation)" },
    maximize: maximizeSpec,
  },
  check(h) {
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new OptionError('nesterov', h.nesterov, `needs momentum > 0 and dampening 0 (momentum is ${h.momentum}, dampening ${h.dampening})`);
    }
  },
  stateSize: (n, h) => (h.momentum !== 0 ? n : 0),
  fastStep(h) {
    // Constant flags let the JIT drop the unused branches once this inlines into the loop.
    if (h.maximize || h.weightDecay !== 0 || h.dampening !== 0) return undefined;
    if (h.momentum === 0) return plainStep;
    return h.nesterov ? nesterovStep : heavyBallStep;
  },
  step: (p, g, s, t, h) => sgdUpdate(p, g, s, t, h.lr, h.momentum, h.dampening, h.weightDecay, h.nesterov, h.maximize),
  // sgdUpdate's statements for one coordinate, with the flags decided here.
  inline: (h) => ({
    coordinate: (p, g, i) => `
      ${h.maximize ? `${g} = -${g};` : ''}
      ${h.weightDecay !== 0 ? `${g} += weightDecay * ${p};` : ''}
      ${h.momentum !== 0 ? `const b = t === 1 ? ${g} : momentum * s[${i}] + (1 - dampening) * ${g};
      s[${i}] = b;
      ${g} = ${h.nesterov ? `${g} + momentum * b` : 'b'};` : ''}
      ${p} -= lr * ${g};`,
  }),
});

type Step = UpdateRule<SgdHyper>['step'];
const plainStep: Step = (p, g, s, t, h) => sgdUpdate(p, g, s, t, h.lr, 0, 0, 0, false, false);
const heavyBallStep: Step = (p, g, s, t, h) => sgdUpdate(p, g, s, t, h.lr, h.momentum, 0, 0, false, false);
const nesterovStep: Step = (p, g, s, t, h) => sgdUpdate(p, g, s, t, h.lr, h.momentum, 0, 0, true, false);

/** The rule itself, with every hyperparameter an argument (see `fastStep`). */
function sgdUpdate(
  p: number[],
  g: readonly number[],
  s: Float64Array,
  t: number,
  lr: number,
  momentum: number,
  dampening: number,
  weightDecay: number,
  nesterov: boolean,
  maximize: boolean,
): void {
  for (let i = 0; i < p.length; i++) {
    let gi = maximize ? -g[i] : g[i];
    if (weightDecay !== 0) gi += weightDecay * p[i];
    if (momentum !== 0) {
      const b = t === 1 ? gi : momentum * s[i] + (1 - dampening) * gi;
      s[i] = b;
      gi = nesterov ? gi + momentum * b : b;
    }
    p[i] -= lr * gi;
  }
}
