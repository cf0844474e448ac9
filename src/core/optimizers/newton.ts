import { lrSpec } from './rule';
import type { Hyper } from './rule';
import { defineWholeRule } from './whole';

export interface NewtonHyper extends Hyper {
  lr: number;
  damping: number;
}

/** The state: the last step's direction, (H + δI)⁻¹∇f or its saddle-free form. */
interface NewtonState {
  readonly direction: Float64Array;
}

const hessian = new Float64Array(3);

/** What the two share: options, the Hessian, the state and how it is recorded. */
const common = {
  defaults: { lr: 1, damping: 0 },
  spec: { lr: lrSpec, damping: { kind: 'number', min: 0 } },
  hessian: true,
  tensors: ['direction'],
  init: () => ({ direction: new Float64Array(2) }),
  read: (s: NewtonState, _tensor: string, out: Float64Array, at: number) => {
    out[at] = s.direction[0];
    out[at + 1] = s.direction[1];
  },
} as const;

/**
 * Newton's method, the foil that shows what curvature buys: each step solves the local quadratic
 * model exactly. torch.optim has no Newton; this is the textbook rule with Levenberg's damping.
 *
 * ```text
 * input: lr γ, damping δ
 * for t = 1, 2, ...
 *   g ← ∇f(θ),  H ← ∇²f(θ)          (the surface's exact Hessian)
 *   d ← (H + δI)⁻¹ g
 *   θ ← θ − γ d
 * ```
 *
 * On a quadratic, γ = 1 lands on its stationary point in one step, whatever it is: at a saddle
 * (H indefinite) Newton jumps *into* it, and it halves the distance to the monkey saddle's
 * degenerate centre every step (f = x³ − 3xy² is homogeneous of degree 3, so H θ = 2∇f and
 * d = θ/2). With δ ≥ −λ_min the step is a descent direction again; δ = 0 is plain Newton, and a
 * singular H + δI gives a non-finite step (the run is marked diverged).
 *
 * State: `direction` (d). Effective step size: γ (applied to d, not to g).
 */
export const newton = defineWholeRule<NewtonHyper, NewtonState>({
  name: 'Newton',
  ...common,
  step(c, s, _t, h) {
    const { p, g } = c;
    c.hessian(p[0], p[1], hessian);
    const a = hessian[0] + h.damping;
    const b = hessian[1];
    const d = hessian[2] + h.damping;
    const det = a * d - b * b;
    s.direction[0] = (d * g[0] - b * g[1]) / det;
    s.direction[1] = (a * g[1] - b * g[0]) / det;
    p[0] -= h.lr * s.direction[0];
    p[1] -= h.lr * s.direction[1];
    c.eff[0] = c.eff[1] = h.lr;
  },
});

/**
 * Saddle-free Newton (Dauphin et al. 2014, "Identifying and attacking the saddle point problem in
 * high-dimensional non-convex optimization"): Newton's step with the Hessian's eigenvalues taken
 * by their absolute value, so that negative curvature pushes the iterate away from a saddle
 * instead of towards it. The paper approximates |H| in a Krylov subspace of a large network; in
 * two dimensions it is exact.
 *
 * ```text
 * input: lr γ, damping δ
 * for t = 1, 2, ...
 *   g ← ∇f(θ),  H ← ∇²f(θ) = V diag(λ₁, λ₂) Vᵀ
 *   d ← V diag(1 / (|λ₁| + δ), 1 / (|λ₂| + δ)) Vᵀ g
 *   θ ← θ − γ d
 * ```
 *
 * The eigenvectors are (cos φ, sin φ) and (−sin φ, cos φ) with φ = ½ atan2(2 f_xy, f_xx − f_yy).
 * State: `direction` (d). Effective step size: γ.
 */
export const saddleFreeNewton = defineWholeRule<NewtonHyper, NewtonState>({
  name: 'SaddleFreeNewton',
  ...common,
  step(c, s, _t, h) {
    const { p, g } = c;
    c.hessian(p[0], p[1], hessian);
    const [a, b, d] = hessian;
    const phi = 0.5 * Math.atan2(2 * b, a - d);
    const cos = Math.cos(phi);
    const sin = Math.sin(phi);
    const l1 = a * cos * cos + 2 * b * sin * cos + d * sin * sin;
    const l2 = a * sin * sin - 2 * b * sin * cos + d * cos * cos;
    // g in the eigenbasis, each component divided by |λ| + δ, and back.
    const u1 = (cos * g[0] + sin * g[1]) / (Math.abs(l1) + h.damping);
    const u2 = (-sin * g[0] + cos * g[1]) / (Math.abs(l2) + h.damping);
    s.direction[0] = cos * u1 - sin * u2;
    s.direction[1] = sin * u1 + cos * u2;
    p[0] -= h.lr * s.direction[0];
    p[1] -= h.lr * s.direction[1];
    c.eff[0] = c.eff[1] = h.lr;
  },
});
