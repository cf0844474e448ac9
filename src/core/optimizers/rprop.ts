import { OptionError } from '../errors';
import { defineRule, lrSpec, maximizeSpec } from './rule';

/**
 * Rprop (Riedmiller & Braun, 1993), as `torch.optim.Rprop` (`_single_tensor_rprop`): a step size
 * per coordinate that grows while the gradient keeps its sign and shrinks when it flips; only the
 * gradient's sign moves the parameter.
 *
 * ```text
 * input: lr γ, etaMinus η₋, etaPlus η₊, stepSizeMin Δmin, stepSizeMax Δmax, maximize
 * g₀ ← 0, Δ₀ ← γ
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize)
 *   s ← sign(g · gₜ₋₁)
 *   Δₜ ← clamp(Δₜ₋₁ · (η₊ if s > 0, η₋ if s < 0, else 1), Δmin, Δmax)
 *   if s < 0: g ← 0                    (no move this step; the next compares with 0)
 *   p ← p − Δₜ sign(g)
 *   gₜ ← g
 * ```
 *
 * Where torch differs: this is Igel & Hüsken's iRprop−. Riedmiller & Braun's original also treats
 * the gradient as 0 after a sign change, but first undoes the previous step (weight-backtracking);
 * torch only skips this one. The step sizes start at
 * lr and then live in the state, so a learning-rate schedule changes only the first (torch reads
 * lr when it creates the state, as here: at the start).
 *
 * State: `prev` (gₜ₋₁) and `stepSize` (Δ), torch's `prev` and `step_size`. Effective step size:
 * Δₜ, the length of the coordinate's move (0 at a sign change), not a factor of the gradient.
 */
export const rprop = defineRule({
  name: 'Rprop',
  defaults: { lr: 1e-2, etaMinus: 0.5, etaPlus: 1.2, stepSizeMin: 1e-6, stepSizeMax: 50, maximize: false },
  spec: {
    lr: lrSpec,
    etaMinus: { kind: 'number', min: 0, max: 1, maxExclusive: true },
    etaPlus: { kind: 'number', min: 1 },
    stepSizeMin: { kind: 'number', min: 0, log: true },
    stepSizeMax: { kind: 'number', min: 0, log: true },
    maximize: maximizeSpec,
  },
  check(h) {
    // torch: `0.0 < etaminus < 1.0 < etaplus` (its `etas` tuple).
    if (!(h.etaMinus > 0)) throw new OptionError('etaMinus', h.etaMinus, 'must be a number in (0, 1)');
    if (!(h.etaPlus > 1)) throw new OptionError('etaPlus', h.etaPlus, 'must be a number > 1');
  },
  tensors: ['prev', 'stepSize'],
  initial: (h) => ({ stepSize: h.lr }),
  coordinate(h, _t, _k, c) {
    let g = h.maximize ? -c.g : c.g;
    const agree = g * c.prev;
    // torch: the factor by sign(g · prev), then clamp_(min, max) (max wins where min > max).
    c.stepSize = Math.min(Math.max(c.stepSize * (agree > 0 ? h.etaPlus : agree < 0 ? h.etaMinus : 1), h.stepSizeMin), h.stepSizeMax);
    if (agree < 0) g = 0;
    c.p -= Math.sign(g) * c.stepSize;
    c.prev = g;
    c.effectiveLr = c.stepSize;
  },
});
