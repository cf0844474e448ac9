import { defineRule, lrSpec, maximizeSpec, weightDecaySpec } from './rule';

/**
 * ASGD, averaged stochastic gradient descent (Polyak & Juditsky, 1992), as `torch.optim.ASGD`
 * (`_single_tensor_asgd`): SGD with a decaying step and a decay term, and beside the iterate an
 * average of the iterates from step t₀ on, which is what ASGD returns.
 *
 * ```text
 * input: lr γ, lambd λ, alpha α, t0 t₀, weightDecay w, maximize
 * ā ← 0, η₁ ← γ, μ₁ ← 1
 * for t = 1, 2, ...
 *   g ← ∇f(p)                          (−∇f(p) if maximize), + w p if w ≠ 0
 *   p ← p (1 − λ ηₜ) − ηₜ g
 *   ā ← ā + μₜ (p − ā) if μₜ ≠ 1, else p
 *   ηₜ₊₁ ← γ / (1 + λ γ t)^α
 *   μₜ₊₁ ← 1 / max(1, t − t₀)
 * ```
 *
 * Where torch differs: some releases' foreach form (taken by default for CUDA tensors) computed
 * γ / (1 + λ γ t^α) instead; this is the single-tensor form, the one CPU tensors take. torch
 * keeps η and μ as tensors of the default dtype (float32 unless set to float64): this computes
 * them in float64, as torch does with `torch.set_default_dtype(torch.float64)`.
 *
 * State: `ax` (ā); η and μ are carried (torch's `eta` and `mu`, one number each, not recorded).
 * Effective step size: ηₜ.
 */
export const asgd = defineRule({
  name: 'ASGD',
  defaults: { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false },
  spec: {
    lr: lrSpec,
    lambd: { kind: 'number', min: 0, log: true },
    alpha: { kind: 'number', min: 0 },
    t0: { kind: 'number', min: 0 },
    weightDecay: weightDecaySpec,
    maximize: maximizeSpec,
  },
  tensors: ['ax'],
  carry: (h) => ({ eta: h.lr, mu: 1 }),
  perStep(h, t, k) {
    // This step's η and μ; then the next step's, as torch writes them after the update.
    k.etaNow = k.eta;
    k.muNow = k.mu;
    k.eta = h.lr / (1 + h.lambd * h.lr * t) ** h.alpha;
    k.mu = 1 / Math.max(1, t - h.t0);
  },
  coordinate(h, _t, k, c) {
    let g = h.maximize ? -c.g : c.g;
    if (h.weightDecay !== 0) g += h.weightDecay * c.p;
    c.p *= 1 - h.lambd * k.etaNow;
    c.p -= k.etaNow * g;
    c.ax = k.muNow !== 1 ? c.ax + (c.p - c.ax) * k.muNow : c.p;
    c.effectiveLr = k.etaNow;
  },
});
