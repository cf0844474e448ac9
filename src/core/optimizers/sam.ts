import { lrSpec, weightDecaySpec } from './rule';
import type { Hyper } from './rule';
import { sgd } from './sgd';
import { defineWholeRule } from './whole';

export interface SamHyper extends Hyper {
  lr: number;
  rho: number;
  adaptive: boolean;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
}

interface SamState {
  readonly momentumBuffer: Float64Array;
}

const ascent = new Float64Array(2);

/**
 * Sharpness-aware minimization (Foret et al. 2021), as the PyTorch implementation most use,
 * davda54/sam (`SAM.first_step`, `SAM.second_step`; unofficial: the authors' own code,
 * google-research/sam, is JAX), over torch.optim.SGD as its base optimizer:
 * the gradient the base rule steps with is taken at the worst point of a ρ-ball around θ, to first
 * order, so that it prefers wide minima.
 *
 * ```text
 * input: lr γ, rho ρ, adaptive, and SGD's momentum μ, dampening τ, weightDecay λ, nesterov
 * for t = 1, 2, ...
 *   g ← ∇f(θ)
 *   w ← |θ| if adaptive, else 1                 (ASAM, Kwon et al. 2021)
 *   ε ← (θ² if adaptive, else 1) ⊙ g · ρ / (‖w ⊙ g‖₂ + 10⁻¹²)
 *   g̃ ← ∇f(θ + ε)                                (the ascent point)
 *   θ ← SGD's step from θ with g̃ (torch.optim.SGD: λ, μ, τ, nesterov)
 * ```
 *
 * Where implementations differ: the paper's ε is ρ g/‖g‖ (no 10⁻¹², no adaptive form); some
 * implementations (and the paper's own JAX code) average the ascent over mini-batch shards.
 * The two gradients of a step are taken on the same mini-batch, with the same noise.
 *
 * State: SGD's `momentumBuffer` (with momentum). Effective step size: γ (applied to g̃ or b).
 */
export const sam = defineWholeRule<SamHyper, SamState>({
  name: 'SAM',
  defaults: { lr: 1e-3, rho: 0.05, adaptive: false, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false },
  spec: {
    lr: lrSpec,
    rho: { kind: 'number', min: 0 },
    adaptive: { kind: 'boolean' },
    momentum: { kind: 'number', min: 0 },
    dampening: { kind: 'number' },
    weightDecay: weightDecaySpec,
    nesterov: { kind: 'boolean' },
  },
  // The base SGD's checks (Nesterov needs momentum and no dampening).
  check: (h) => sgd.check?.({ ...h, maximize: false }),
  tensors: ['momentumBuffer'],
  present: (h) => (h.momentum !== 0 ? ['momentumBuffer'] : []),
  init: () => ({ momentumBuffer: new Float64Array(2) }),
  step(c, s, t, h) {
    const { p, g } = c;
    const w0 = h.adaptive ? Math.abs(p[0]) : 1;
    const w1 = h.adaptive ? Math.abs(p[1]) : 1;
    const scale = h.rho / (Math.sqrt((w0 * g[0]) ** 2 + (w1 * g[1]) ** 2) + 1e-12);
    const e0 = (h.adaptive ? p[0] ** 2 : 1) * g[0] * scale;
    const e1 = (h.adaptive ? p[1] ** 2 : 1) * g[1] * scale;
    c.gradient(p[0] + e0, p[1] + e1, ascent);
    const b = s.momentumBuffer;
    for (let i = 0; i < 2; i++) {
      let d = ascent[i];
      if (h.weightDecay !== 0) d += h.weightDecay * p[i];
      if (h.momentum !== 0) {
        b[i] = t === 1 ? d : h.momentum * b[i] + (1 - h.dampening) * d;
        d = h.nesterov ? d + h.momentum * b[i] : b[i];
      }
      p[i] -= h.lr * d;
      c.eff[i] = h.lr;
    }
  },
  read: (s, _tensor, out, at) => {
    out[at] = s.momentumBuffer[0];
    out[at + 1] = s.momentumBuffer[1];
  },
});
