/**
 * The shape every update rule shares, in optax's spirit: a pure `init` / `step` pair over
 * explicit state. The run owns the state (one Float64Array), so a trajectory can be replayed,
 * scrubbed or snapshotted by copying numbers; a rule keeps nothing in closures.
 */

export type HyperValue = number | boolean;
export type Hyper = Readonly<Record<string, HyperValue>>;

/** What a hyperparameter is, for validation and for the UI's controls. */
export interface HyperSpec {
  readonly kind: 'number' | 'boolean';
  /** One line for a tooltip. */
  readonly doc: string;
  /** Inclusive bounds torch.optim enforces (it raises ValueError outside them). */
  readonly min?: number;
  readonly max?: number;
  /** True where the bound itself is excluded, as torch's `0.0 <= beta < 1.0`. */
  readonly maxExclusive?: boolean;
  /** Learning rates and epsilons are edited on a log scale. */
  readonly log?: boolean;
}

export interface UpdateRule<H extends Hyper = Hyper> {
  /** torch.optim class name, e.g. 'Adam'. */
  readonly name: string;
  /** torch.optim's defaults, camelCased. */
  readonly defaults: H;
  readonly spec: { readonly [K in keyof H]: HyperSpec };
  /**
   * The rule as TeX, only for a rule rule-tex.ts does not state yet: the presets' rules (shown in
   * the UI, rendered at build time) live there, one per variant.
   */
  readonly rule?: string;
  /** Where torch's form differs from the paper or from Keras, in one or two sentences. */
  readonly differs?: string;
  /** Throws for combinations torch.optim refuses (beyond per-option bounds). */
  check?(h: H): void;
  /** Number of Float64 state slots for `n` parameters. */
  stateSize(n: number, h: H): number;
  /** Writes the initial state (slots are zero-filled before this is called). */
  init?(state: Float64Array, n: number, h: H): void;
  /**
   * One update of `p` in place from gradient `g` at `p`. `t` is the 1-based step count
   * (torch's `state['step']` after its increment). Must not allocate or modify `g`.
   */
  step(p: number[], g: readonly number[], state: Float64Array, t: number, h: H): void;
  /**
   * Optionally, a `step` for the common case of `h` (no weight decay, no maximize, ...) with the
   * unused branches left out, as torch has fused and foreach variants of one rule. It must give
   * the same numbers as `step`; the rule's tests run both. Returns undefined if none applies.
   */
  fastStep?(h: H): UpdateRule<H>['step'] | undefined;
  /**
   * Optionally, the same step as source text for `n` coordinates, which `trajectory()` writes
   * into its compiled loop, as one would inline it by hand: no call, no loop over coordinates,
   * no lookups of `h` per step, and the iterate and gradient in registers. The state keeps its
   * layout in the run's Float64Array. It must give the same numbers as `step`, bit for bit (the
   * tests compare them over random options).
   *
   * It may branch on boolean options and on whether a numeric option is 0 (`trajectory()`
   * compiles one loop per preset and such shape of `h`); numeric values are read at run time,
   * by name. Returns undefined if it does not apply (the run then calls `step`).
   */
  inline?(h: H, n: number): InlineStep | undefined;
}

/**
 * Source text of one step (see `UpdateRule.inline`). In scope: each numeric option as a constant
 * of its own name, `t` (the 1-based step count) and `s` (the state, a Float64Array).
 */
export interface InlineStep {
  /** Statements run once per run, before the first step (names for the whole run). */
  readonly setup?: string;
  /** Statements run once per step, before the coordinates (bias corrections, β^t, ...). */
  readonly pre?: string;
  /**
   * Statements that update coordinate `i` in place: the variable named `p` from its gradient,
   * the variable named `g` (which they may reassign, as `step` may its own copy). Each
   * coordinate gets its own block, so the statements may declare names.
   */
  coordinate(p: string, g: string, i: number): string;
}

/** The rule's own typing helper: keeps `H` precise while checking the object's shape. */
export function defineRule<H extends Hyper>(rule: UpdateRule<H>): UpdateRule<H> {
  return rule;
}

export const lrSpec: HyperSpec = { kind: 'number', doc: 'learning rate', min: 0, log: true };
export const weightDecaySpec: HyperSpec = {
  kind: 'number',
  doc: 'weight decay: adds weightDecay * p to the gradient (an L2 penalty)',
  min: 0,
};
export const maximizeSpec: HyperSpec = {
  kind: 'boolean',
  doc: 'ascend instead of descend (torch negates the gradient)',
};
export const epsSpec: HyperSpec = {
  kind: 'number',
  doc: 'term added for numerical stability',
  min: 0,
  log: true,
};
export const beta1Spec: HyperSpec = {
  kind: 'number',
  doc: 'decay of the running average of gradients (torch: betas[0])',
  min: 0,
  max: 1,
  maxExclusive: true,
};
export const beta2Spec: HyperSpec = {
  kind: 'number',
  doc: 'decay of the running average of squared gradients (torch: betas[1])',
  min: 0,
  max: 1,
  maxExclusive: true,
};
