/**
 * The shape every update rule shares, in optax's spirit: a pure `init` / `step` pair over
 * explicit state. The run owns the state (one Float64Array), so a trajectory can be replayed,
 * scrubbed or snapshotted by copying numbers; a rule keeps nothing in closures. Each rule is
 * written once, as a `RuleDefinition`: see README.md in this folder.
 */

export type HyperValue = number | boolean;
export type Hyper = Readonly<Record<string, HyperValue>>;

/** What a hyperparameter is, for validation and for the UI's controls. */
export interface HyperSpec {
  readonly kind: 'number' | 'boolean';
  /**
   * One line for a tooltip (English), from hyper-docs.ts: the library's entries load it with the
   * registry; the one-file bundle with the settings ("More settings"), '' until then (as a preset's
   * `rule` and `summary`).
   */
  readonly doc: string;
  /** Inclusive bounds torch.optim enforces (it raises ValueError outside them). */
  readonly min?: number;
  readonly max?: number;
  /** True where the bound itself is excluded, as torch's `0.0 <= beta < 1.0`. */
  readonly maxExclusive?: boolean;
  /** Learning rates and epsilons are edited on a log scale. */
  readonly log?: boolean;
}

/** A hyperparameter as a rule's definition states it: its tooltip comes from hyper-docs.ts. */
export type HyperSpecInput = Omit<HyperSpec, 'doc'>;

/** The hyperparameters' tooltips by rule (torch's class name) and option, once hyper-docs.ts has loaded. */
let hyperDocs: ((rule: string, option: string) => string | undefined) | undefined;

/** Called by hyper-docs.ts as it loads. */
export function provideHyperDocs(lookup: (rule: string, option: string) => string | undefined): void {
  hyperDocs = lookup;
}

/**
 * One coordinate of the parameter, as a rule's `coordinate` sees it: the parameter `p`, its
 * gradient `g`, and the coordinate's entry of each of the rule's state tensors, by torch's name.
 * The rule writes `p` and its tensors, and `effectiveLr`: the step size it applied to this
 * coordinate (recorded with `record: 'state'`; each rule's file says what it is).
 */
export type Coordinate<T extends string> = { p: number; g: number; effectiveLr: number } & { [K in T]: number };

/**
 * An update rule as its author writes it, once: what torch.optim computes for one coordinate,
 * plus what it computes once per step for all coordinates. Every form the library runs (the
 * compiled step loops of `trajectory()`, with or without recording, and the portable `step`
 * that a strict Content Security Policy leaves) is derived from these two functions: see
 * README.md in this folder for the rules they follow.
 */
export interface RuleDefinition<H extends Hyper = Hyper, T extends string = string, K extends string = string> {
  /** torch.optim class name, e.g. 'Adam'. */
  readonly name: string;
  /** torch.optim's defaults, camelCased. */
  readonly defaults: H;
  readonly spec: { readonly [P in keyof H]: HyperSpecInput };
  /**
   * The rule as TeX, only for a rule rule-tex.ts does not state yet: the presets' rules (shown in
   * the UI, rendered at build time) live there, one per variant.
   */
  readonly rule?: string;
  /** Where torch differs from the paper or from Keras, in one or two sentences. */
  readonly differs?: string;
  /** Throws for combinations torch.optim refuses (beyond per-option bounds). */
  check?(h: H): void;
  /**
   * torch.optim's per-parameter state tensors, as torch names them in camelCase
   * (`exp_avg` → `expAvg`): every tensor any configuration creates.
   */
  readonly tensors: readonly T[];
  /** The tensors torch creates for these options (default: all of them). */
  present?(h: H): readonly T[];
  /** Each tensor's value before the first step, where it is not 0. */
  initial?(h: H): { readonly [P in T]?: number };
  /**
   * Numbers the rule carries from step to step besides torch's step count (running products
   * such as β₁ᵗ), with their values before the first step. `perStep` updates them as `k.<name>`.
   */
  carry?(h: H): Readonly<Record<string, number>>;
  /**
   * What the step computes once for all coordinates, before them: it updates the carried
   * numbers and sets the step's shared values (bias corrections, ...) on `k`. `t` is the
   * 1-based step count (torch's `state['step']` after its increment).
   */
  perStep?(h: H, t: number, k: { [P in K]: number }): void;
  /** One coordinate's update at step `t`, reading the step's shared values from `k`. */
  coordinate(h: H, t: number, k: { readonly [P in K]: number }, c: Coordinate<T>): void;
  /**
   * Every name from outside the two functions that they use (besides `Math`), with its value:
   * the compiled loops' source gets these as literals.
   */
  readonly constants?: Readonly<Record<string, number | boolean>>;
}

/** An update rule as the library runs it: its definition and what is derived from it. */
export interface UpdateRule<H extends Hyper = Hyper> {
  /** torch.optim class name, e.g. 'Adam'. */
  readonly name: string;
  /** torch.optim's defaults, camelCased. */
  readonly defaults: H;
  readonly spec: { readonly [K in keyof H]: HyperSpec };
  /** See `RuleDefinition.rule`. */
  readonly rule?: string;
  /** Where torch differs from the paper or from Keras, in one or two sentences. */
  readonly differs?: string;
  /** Throws for combinations torch.optim refuses (beyond per-option bounds). */
  check?(h: H): void;
  /** The state tensors torch creates for these options, in the order of the state's layout. */
  tensors(h: H): readonly string[];
  /**
   * Number of Float64 state slots for `n` parameters: tensor j of `tensors(h)` holds coordinate
   * i in slot j·n + i, then come the carried numbers (`RuleDefinition.carry`).
   */
  stateSize(n: number, h: H): number;
  /** Writes the initial state. */
  init(state: Float64Array, n: number, h: H): void;
  /**
   * One update of `p` in place from gradient `g` at `p`. `t` is the 1-based step count
   * (torch's `state['step']` after its increment). Does not modify `g`. With `effectiveLr`, writes
   * each coordinate's step size there. The portable form: `trajectory()` runs compiled loops
   * derived from the same definition, and this only where a Content Security Policy forbids them.
   */
  step(p: number[], g: readonly number[], state: Float64Array, t: number, h: H, effectiveLr?: number[]): void;
  /** What the rule was derived from. */
  readonly definition: RuleDefinition<H>;
  /**
   * Where a rule torch.optim does not have comes from (its reference implementation), shown under
   * its name where torch's rules show `torch.optim.<name>`; set by the catalog (more.ts).
   */
  readonly source?: string;
  /**
   * A rule over the whole vector with the surface at hand (L-BFGS, Adafactor, Newton, SAM: see
   * ./whole.ts): core/whole-loop.ts runs it, and the members above that describe a per-coordinate
   * rule are stand-ins.
   */
  readonly whole?: import('./whole').WholeRule;
}

/**
 * A rule's two functions as source text, generated at build time from its definition
 * (scripts/gen-rule-source.ts writes src/generated/rule-source.ts) for `trajectory()`'s
 * compiled loops: conditions on options decided by `h` (a loop is compiled per shape of `h`),
 * everything else the loop's locals (core/loop.ts names them).
 */
export interface RuleSource {
  /** Every name the two functions use on `k`. */
  readonly k: readonly string[];
  /** `perStep`'s statements. */
  perStep?(h: Hyper): string;
  /** `coordinate`'s statements for coordinate `i`; with `record`, also its effective step size. */
  coordinate(h: Hyper, i: number, record: boolean): string;
}

/** What a rule is before its definition: its torch name, defaults and options. */
export interface RuleHead<H extends Hyper = Hyper> {
  readonly name: string;
  readonly defaults: H;
  readonly spec: { readonly [K in keyof H]: HyperSpecInput };
}

/** A rule's options with their tooltips (`doc`, from hyper-docs.ts once it has loaded). */
export function specWithDocs<H extends Hyper>(name: string, spec: RuleHead<H>['spec']): UpdateRule<H>['spec'] {
  const withDocs = {} as Record<string, HyperSpec>;
  for (const [option, input] of Object.entries<HyperSpecInput>(spec)) {
    withDocs[option] = Object.freeze({
      ...input,
      get doc() {
        return hyperDocs?.(name, option) ?? '';
      },
    });
  }
  return withDocs as UpdateRule<H>['spec'];
}

/** Derives the runtime rule (state layout, initial state, portable `step`) from its definition. */
export function defineRule<H extends Hyper, T extends string = string, K extends string = string>(
  definition: RuleDefinition<H, T, K>,
): UpdateRule<H> {
  const { name, defaults, spec, rule, differs, check, tensors: all, present, initial, carry, perStep, coordinate } = definition;
  const tensorsOf = (h: H): readonly T[] => present?.(h) ?? all;
  const carriedNames = Object.keys(carry?.(defaults) ?? {}) as K[];
  // One view of a coordinate (every tensor present from the start, so its shape never changes)
  // and one of the step's numbers, reused by every call of `step`. (Accessors into the state
  // instead of copies measured faster for one rule alone and up to 30x slower once several
  // rules had run: their code is shared, and its call sites turn megamorphic.)
  const c = { p: 0, g: 0, effectiveLr: NaN } as Coordinate<T>;
  for (const tensor of all) (c as Record<string, number>)[tensor] = 0;
  const k = {} as { [P in K]: number };
  let layoutOf: H | undefined;
  let ts: readonly T[] = all;
  return {
    name,
    defaults,
    spec: specWithDocs(name, spec),
    ...(rule === undefined ? {} : { rule }),
    ...(differs === undefined ? {} : { differs }),
    ...(check ? { check } : {}),
    tensors: tensorsOf,
    stateSize: (size, h) => tensorsOf(h).length * size + carriedNames.length,
    init(s, size, h) {
      const present = tensorsOf(h);
      const first: { readonly [P in T]?: number } = initial?.(h) ?? {};
      present.forEach((tensor, j) => s.fill(first[tensor] ?? 0, j * size, (j + 1) * size));
      const start: Readonly<Record<string, number>> = carry?.(h) ?? {};
      carriedNames.forEach((number, j) => (s[present.length * size + j] = start[number]));
    },
    step(p, g, s, t, h, effectiveLr) {
      // The layout of the last options seen (a run passes the same object every step).
      if (h !== layoutOf) {
        layoutOf = h;
        ts = tensorsOf(h);
      }
      const n = p.length;
      const base = ts.length * n;
      const ks = carriedNames;
      for (let j = 0; j < ks.length; j++) k[ks[j]] = s[base + j];
      perStep?.(h, t, k);
      for (let j = 0; j < ks.length; j++) s[base + j] = k[ks[j]];
      const view = c as Record<string, number>;
      for (let i = 0; i < n; i++) {
        c.p = p[i];
        c.g = g[i];
        c.effectiveLr = NaN;
        for (let j = 0; j < ts.length; j++) view[ts[j]] = s[j * n + i];
        coordinate(h, t, k, c);
        p[i] = c.p;
        for (let j = 0; j < ts.length; j++) s[j * n + i] = view[ts[j]];
        if (effectiveLr) effectiveLr[i] = c.effectiveLr;
      }
    },
    definition: definition as unknown as RuleDefinition<H>,
  };
}

export const lrSpec: HyperSpecInput = { kind: 'number', min: 0, log: true };
export const weightDecaySpec: HyperSpecInput = { kind: 'number', min: 0 };
export const maximizeSpec: HyperSpecInput = { kind: 'boolean' };
export const epsSpec: HyperSpecInput = { kind: 'number', min: 0, log: true };
export const beta1Spec: HyperSpecInput = { kind: 'number', min: 0, max: 1, maxExclusive: true };
export const beta2Spec: HyperSpecInput = beta1Spec;
