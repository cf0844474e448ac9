/**
 * Rules over the whole parameter vector, with the surface at hand: L-BFGS (several evaluations of
 * f and ∇f per step, a history of past steps, a line search), Adafactor (norms over the vector),
 * Newton and saddle-free Newton (the Hessian), SAM (a gradient at an ascent point). The
 * per-coordinate definitions of rule.ts, the loops generated from them and the basin maps'
 * compiled loops have none of that, so these rules are written as one plain `step` over the two
 * coordinates, which `wholeLoop` (core/whole-loop.ts) runs in place of the step loop: the same
 * iterates, divergence and convergence tests, noise, mini-batches, schedules and recording.
 * The basin maps run them through `trajectory()` per cell, as they do under a strict CSP.
 */
import type { Hyper, HyperSpecInput, RuleDefinition, UpdateRule } from './rule';
import { specWithDocs } from './rule';

/** What one step of a whole-vector rule sees and writes. */
export interface WholeStep {
  /** The iterate (x, y), written in place with the next. */
  readonly p: Float64Array;
  /** ∇f at `p`, the step's noise included (read only). */
  readonly g: Float64Array;
  /** f at `p`: the mini-batch loss with batches (what torch's closure returns there). */
  readonly loss: number;
  /**
   * f and ∇f at another point, as torch's closure computes them: on the step's mini-batch, with
   * the step's noise. Returns f and writes ∇f to `out`; the point is recorded among the step's
   * evaluations.
   */
  evaluate(x: number, y: number, out: Float64Array): number;
  /** ∇f alone at another point, as `evaluate` gives it (recorded likewise), for a rule that does not read f there. */
  gradient(x: number, y: number, out: Float64Array): void;
  /** The Hessian of f at (x, y) as [fxx, fxy, fyy] (rules with `hessian: true` only). */
  hessian(x: number, y: number, out: Float64Array): void;
  /** The step size the step applied to each coordinate (recorded as `effectiveLr`). */
  readonly eff: Float64Array;
}

export interface WholeRuleDefinition<H extends Hyper, S> {
  /** The class name of the rule in torch.optim, or in its reference. */
  readonly name: string;
  readonly defaults: H;
  readonly spec: { readonly [P in keyof H]: HyperSpecInput };
  /** Throws for combinations the reference refuses. */
  check?(h: H): void;
  /** Whether a step reads the Hessian (the surface's own, or its expression's). */
  readonly hessian?: boolean;
  /** The state vectors recorded with `record: 'state'` (x and y each), by the reference's names. */
  readonly tensors: readonly string[];
  /** Those these options create (default: all). */
  present?(h: H): readonly string[];
  /** A fresh state. */
  init(h: H): S;
  /** One step (`t` is 1-based, as torch's step count). */
  step(c: WholeStep, s: S, t: number, h: H): void;
  /** Writes a recorded vector's x and y to out[at], out[at + 1]. */
  read(s: S, tensor: string, out: Float64Array, at: number): void;
}

/** A whole-vector rule as `trajectory()` runs it (see `UpdateRule.whole`). */
export type WholeRule = WholeRuleDefinition<Hyper, unknown>;

/**
 * The runtime rule. Its per-coordinate members are stand-ins (no state slots, no `coordinate`, no
 * compiled loop): `trajectory()` runs it in the portable loop's place, which hands it to
 * core/whole-loop.ts.
 */
export function defineWholeRule<H extends Hyper, S>(definition: WholeRuleDefinition<H, S>): UpdateRule<H> {
  const { name, defaults, spec, check, tensors, present } = definition;
  return {
    name,
    defaults,
    spec: specWithDocs(name, spec),
    ...(check ? { check } : {}),
    tensors: (h) => present?.(h) ?? tensors,
    stateSize: () => 0,
    init() {},
    // The portable loop's `step` argument: it carries the rule to core/whole-loop.ts, which runs it.
    step: Object.assign(
      () => {
        throw new Error(`${name} steps over the whole vector: trajectory() runs it`);
      },
      { whole: definition },
    ),
    definition: { name, defaults, spec, tensors, coordinate() {} } as unknown as RuleDefinition<H>,
    whole: definition as unknown as WholeRule,
  };
}
