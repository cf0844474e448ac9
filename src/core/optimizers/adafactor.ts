import { lrSpec, maximizeSpec, weightDecaySpec } from './rule';
import type { Hyper } from './rule';
import { defineWholeRule } from './whole';

export interface AdafactorHyper extends Hyper {
  lr: number;
  beta2Decay: number;
  eps1: number;
  eps2: number;
  d: number;
  weightDecay: number;
  maximize: boolean;
}

interface AdafactorState {
  readonly variance: Float64Array;
}

/** torch's CPU `lerp`: the form it takes depends on the weight (for accuracy near 1). */
const lerp = (from: number, to: number, w: number) => (Math.abs(w) < 0.5 ? from + w * (to - from) : to - (to - from) * (1 - w));

/**
 * Adafactor, as `torch.optim.Adafactor` (torch 2.5+, `_single_tensor_adafactor`) for a vector
 * parameter, which it does not factor: V̂ is a per-coordinate second moment, as Adam's.
 *
 * ```text
 * input: lr γ, beta2Decay τ, eps1 ε₁, eps2 ε₂, d, weightDecay λ, maximize
 * for t = 1, 2, ...
 *   G ← ∇f(θ)                              (−∇f(θ) if maximize)
 *   β̂₂ ← 1 − t^τ,  ρ ← min(γ, 1/√t)
 *   α ← max(ε₂, RMS(θ)) ρ                  (RMS(θ) = ‖θ‖₂ / √n, before the decay)
 *   θ ← θ (1 − γλ)                          if λ ≠ 0
 *   V̂ ← lerp(V̂, G², t^τ)                  (V̂ ← β̂₂ V̂ + (1 − β̂₂) G²)
 *   U ← G / √max(V̂, ε₁²)
 *   Û ← U / max(1, RMS(U) / d)
 *   θ ← θ − α Û
 * ```
 *
 * Where torch differs from the paper (Shazeer and Stern 2018): the paper has no lr (ρ's cap is
 * the constant 0.01; torch's lr is that cap and the decoupled weight decay's factor), and ε₁
 * clamps V̂ rather than being added to G²; torch's eps1 = None means the dtype's machine
 * epsilon, which the default here states (float64's, 2⁻⁵²).
 *
 * The norms make the step depend on both coordinates at once, so it is written over the whole
 * vector. State: `variance` (V̂). Effective step size per coordinate: α / (max(1, RMS(U)/d)
 * √max(V̂, ε₁²)).
 */
export const adafactor = defineWholeRule<AdafactorHyper, AdafactorState>({
  name: 'Adafactor',
  defaults: { lr: 1e-2, beta2Decay: -0.8, eps1: 2.220446049250313e-16, eps2: 1e-3, d: 1, weightDecay: 0, maximize: false },
  spec: {
    lr: lrSpec,
    beta2Decay: { kind: 'number', max: 0 },
    eps1: { kind: 'number', min: 0, log: true },
    eps2: { kind: 'number', min: 0, log: true },
    d: { kind: 'number', min: 1 },
    weightDecay: weightDecaySpec,
    maximize: maximizeSpec,
  },
  tensors: ['variance'],
  init: () => ({ variance: new Float64Array(2) }),
  step(c, s, t, h) {
    const { p, eff } = c;
    const v = s.variance;
    const g0 = h.maximize ? -c.g[0] : c.g[0];
    const g1 = h.maximize ? -c.g[1] : c.g[1];
    const w = t ** h.beta2Decay;
    const rho = Math.min(h.lr, 1 / t ** 0.5);
    const alpha = Math.max(h.eps2, Math.sqrt(p[0] * p[0] + p[1] * p[1]) / 2 ** 0.5) * rho;
    if (h.weightDecay !== 0) {
      p[0] *= 1 - h.lr * h.weightDecay;
      p[1] *= 1 - h.lr * h.weightDecay;
    }
    v[0] = lerp(v[0], g0 * g0, w);
    v[1] = lerp(v[1], g1 * g1, w);
    const floor = h.eps1 * h.eps1;
    const r0 = 1 / Math.sqrt(Math.max(v[0], floor));
    const r1 = 1 / Math.sqrt(Math.max(v[1], floor));
    const u0 = r0 * g0;
    const u1 = r1 * g1;
    const denom = Math.max(1, Math.sqrt(u0 * u0 + u1 * u1) / (2 ** 0.5 * h.d));
    p[0] += u0 * (-alpha / denom);
    p[1] += u1 * (-alpha / denom);
    eff[0] = (alpha / denom) * r0;
    eff[1] = (alpha / denom) * r1;
  },
  read: (s, _tensor, out, at) => {
    out[at] = s.variance[0];
    out[at + 1] = s.variance[1];
  },
});
