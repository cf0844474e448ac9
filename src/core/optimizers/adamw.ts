import { adamDefinition, adamSpec, type AdamHyper } from './adam';
import { defineRule } from './rule';

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
 *
 * In the catalog (./more.ts): no default race runs it.
 */
export const adamw = defineRule<AdamHyper>({
  name: 'AdamW',
  defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false },
  spec: { ...adamSpec, weightDecay: { kind: 'number', min: 0 } },
  ...adamDefinition(true),
});
