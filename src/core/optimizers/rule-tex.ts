/**
 * Each preset's own update rule as TeX, written as rows `lhs = rhs` (no `cases`, no branches on
 * options the shown rule does not use), with the symbols of its controls: γ = lr, μ = momentum,
 * τ = dampening, λ = weightDecay, ε = eps, β₁ = beta1, ... A rule's options that change its form
 * (SGD's momentum and nesterov, RMSprop's centered and momentum, Adam's amsgrad, decoupled weight
 * decay, AdaBelief's rectify, Adan's noProx, schedule-free AdamW's warmup, decayAtZ and
 * innerMomentum, L-BFGS's strongWolfe and maxEval, Adafactor's weight decay, SAM's adaptive,
 * momentum and nesterov) pick one of a few variants, so what is shown is always the rule the run
 * uses.
 *
 * The rows are plain TeX, so `optimizers[id].rule` (`\begin{aligned} … \end{aligned}`) renders with
 * KaTeX or MathJax; the playground shows them as MathML rendered when the package is built
 * (scripts/render-rules.ts writes src/generated/rules.mathml.ts), one `<math>` per side of a row
 * in a grid aligned on the relation, because MathML Core does not align `mtable` columns.
 */
import type { HyperValue } from './rule';
import { provideRuleTex } from './index';

type Hyper = Readonly<Record<string, HyperValue>>;

/** One row, `lhs &= rhs`: `&` marks where the rows align (before the relation), as in `aligned`. */
export type RuleRow = string;

const tex = String.raw;

/** A symbol the rule uses and the control (hyperparameter) it stands for. */
export interface RuleSymbol {
  /** As plain text, for the legend under the rule: `γ`, `β₁`. */
  readonly text: string;
  /** The hyperparameter, camelCase as in `hyper`: `lr`. */
  readonly key: string;
}

export interface RuleVariant {
  /** `sgd`, `sgd+momentum`, `rmsprop+centered+momentum`, ... */
  readonly key: string;
  readonly rows: readonly RuleRow[];
  /** The controls the rows use, in the order the legend lists them. */
  readonly symbols: readonly RuleSymbol[];
  /** torch's form is the paper's (plain SGD): the rule's note on where they differ does not apply. */
  readonly asPaper?: true;
}

const sym = (text: string, key: string): RuleSymbol => ({ text, key });
const LR = sym('γ', 'lr');
const WD = sym('λ', 'weightDecay');
const EPS = sym('ε', 'eps');
const B1 = sym('β₁', 'beta1');
const B2 = sym('β₂', 'beta2');

const G_L2: RuleRow = tex`g_t &= \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}`;
const G: RuleRow = tex`g_t &= \nabla f(\theta_{t-1})`;
const M: RuleRow = tex`m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t`;
const V: RuleRow = tex`v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2`;
const M_HAT: RuleRow = tex`\hat m_t &= m_t / (1-\beta_1^t)`;
/** Decoupled weight decay (AdamW), applied after the gradient is taken, as torch does. */
const DECAY: RuleRow = tex`\theta_{t-1} &\leftarrow (1-\gamma\lambda)\,\theta_{t-1}`;
/** θₜ = θₜ₋₁ − `step`, under condition `when`. */
const theta = (step: string, when = ''): RuleRow =>
  tex`\theta_t &= \theta_{t-1} - ${step}${when ? tex`\quad (${when})` : ''}`;
/** The gradient row, or with decoupled weight decay the plain gradient and the decay. */
const grad = (decoupled: boolean): RuleRow[] => (decoupled ? [G, DECAY] : [G_L2]);

function sgd(h: Hyper): RuleVariant {
  if (h.nesterov) {
    return {
      key: 'sgd+nesterov',
      rows: [
        G_L2,
        tex`b_t &= \mu\, b_{t-1} + g_t, \quad b_0 = 0`,
        theta(tex`\gamma\,(g_t + \mu\, b_t)`),
      ],
      symbols: [LR, sym('μ', 'momentum'), WD],
    };
  }
  if (Number(h.momentum) > 0) {
    return {
      key: 'sgd+momentum',
      rows: [
        G_L2,
        tex`b_1 &= g_1`,
        tex`b_t &= \mu\, b_{t-1} + (1-\tau)\, g_t \quad (t > 1)`,
        theta(tex`\gamma\, b_t`),
      ],
      symbols: [LR, sym('μ', 'momentum'), sym('τ', 'dampening'), WD],
    };
  }
  return { key: 'sgd', rows: [G_L2, theta(tex`\gamma\, g_t`)], symbols: [LR, WD], asPaper: true };
}

function adagrad(): RuleVariant {
  return {
    key: 'adagrad',
    rows: [
      G_L2,
      tex`\tilde\gamma_t &= \gamma / \bigl(1 + (t-1)\,\eta\bigr)`,
      tex`s_t &= s_{t-1} + g_t^2`,
      theta(tex`\tilde\gamma_t\, \frac{g_t}{\sqrt{s_t} + \epsilon}`),
    ],
    symbols: [LR, sym('η', 'lrDecay'), sym('s₀', 'initialAccumulatorValue'), EPS, WD],
  };
}

function adadelta(): RuleVariant {
  return {
    key: 'adadelta',
    rows: [
      G_L2,
      tex`v_t &= \rho\, v_{t-1} + (1-\rho)\, g_t^2`,
      tex`\Delta_t &= \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t`,
      tex`u_t &= \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2`,
      theta(tex`\gamma\, \Delta_t`),
    ],
    symbols: [LR, sym('ρ', 'rho'), EPS, WD],
  };
}

function rmsprop(h: Hyper): RuleVariant {
  const centered = h.centered === true;
  const momentum = Number(h.momentum) > 0;
  const rows: RuleRow[] = [G_L2, tex`v_t &= \alpha\, v_{t-1} + (1-\alpha)\, g_t^2`];
  if (centered) {
    rows.push(
      tex`\bar g_t &= \alpha\, \bar g_{t-1} + (1-\alpha)\, g_t`,
      tex`d_t &= \sqrt{v_t - \bar g_t^2} + \epsilon`,
    );
  } else {
    rows.push(tex`d_t &= \sqrt{v_t} + \epsilon`);
  }
  if (momentum) {
    rows.push(tex`b_t &= \mu\, b_{t-1} + g_t / d_t`, theta(tex`\gamma\, b_t`));
  } else {
    rows.push(theta(tex`\gamma\, g_t / d_t`));
  }
  return {
    key: `rmsprop${centered ? '+centered' : ''}${momentum ? '+momentum' : ''}`,
    rows,
    symbols: [LR, sym('α', 'alpha'), EPS, ...(momentum ? [sym('μ', 'momentum')] : []), WD],
  };
}

/** Adam and AdamW: torch's step written with the bias-corrected m̂ and v̂ (the same numbers). */
function adam(h: Hyper, decoupled: boolean): RuleVariant {
  const amsgrad = h.amsgrad === true;
  const rows: RuleRow[] = [...grad(decoupled), M, V];
  rows.push(
    amsgrad
      ? tex`\hat v_t &= \max_{i \le t} v_i \,/\, (1-\beta_2^t)` // torch keeps the max of the uncorrected v
      : tex`\hat v_t &= v_t / (1-\beta_2^t)`,
  );
  rows.push(M_HAT, theta(tex`\gamma\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}`));
  return {
    key: `${decoupled ? 'adamw' : 'adam'}${amsgrad ? '+amsgrad' : ''}`,
    rows,
    symbols: [LR, B1, B2, EPS, WD],
  };
}

/**
 * The rule a run of update rule `ruleId` with hyperparameters `hyper` follows, as rows and the
 * controls they use; undefined for a rule this file does not know yet (its preset then shows the
 * rule's own `UpdateRule.rule` TeX, if any, and no rendered math; a unit test lists such rules).
 */
export function ruleVariant(ruleId: string, hyper: Readonly<Record<string, HyperValue>>): RuleVariant | undefined {
  switch (ruleId) {
    case 'sgd':
      return sgd(hyper);
    case 'adagrad':
      return adagrad();
    case 'adadelta':
      return adadelta();
    case 'rmsprop':
      return rmsprop(hyper);
    case 'adam':
    case 'adamw':
      return adam(hyper, ruleId === 'adamw');
  }
  return more?.variant(ruleId, hyper);
}

/** The default races' rules, whose variants this file states (the catalog's: rule-tex-more.ts). */
export const CORE_RULES: readonly string[] = ['sgd', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'adamw'];

/** The catalog's rules' variants and the options that pick their forms (rule-tex-more.ts). */
export interface MoreRules {
  readonly ids: readonly string[];
  variant(ruleId: string, hyper: Readonly<Record<string, HyperValue>>): RuleVariant | undefined;
  /** Per rule, the option values that reach each of its forms, where the common flags do not. */
  readonly forms: Readonly<Record<string, readonly Readonly<Record<string, HyperValue>>[]>>;
}

let more: MoreRules | undefined;

/** The catalog's rules, once rule-tex-more.ts is here. */
export const moreRuleIds = (): readonly string[] => more?.ids ?? [];

/** The catalog's rules (rule-tex-more.ts's `moreRules`), handed over by whoever loads them. */
export function provideMoreRules(rules: MoreRules): void {
  more = rules;
}

/** The catalog's prose (rule-prose-more.ts), once it is here. */
export function provideMoreProse(prose: { readonly summary: Readonly<Record<string, string>>; readonly differs: Readonly<Record<string, string>> }): void {
  Object.assign(SUMMARY, prose.summary);
  Object.assign(DIFFERS, prose.differs);
}

/** The variant's rows as one TeX `aligned` block, aligned on the relations. */
export function variantTex(variant: RuleVariant): string {
  return `\\begin{aligned}\n${variant.rows.join(' \\\\\n')}\n\\end{aligned}`;
}

/** Every combination of the given options' values. */
function combos(options: Readonly<Record<string, readonly HyperValue[]>>): Record<string, HyperValue>[] {
  return Object.entries(options).reduce<Record<string, HyperValue>[]>(
    (out, [key, values]) => out.flatMap((h) => values.map((v) => ({ ...h, [key]: v }))),
    [{}],
  );
}

/**
 * Every variant `ruleVariant` can return for the rules `ids` (all it knows: the default races'
 * and, once rule-tex-more.ts has loaded, the catalog's), keyed by `key`: what the build renders
 * (a boolean option on and off, momentum zero and not).
 */
export function allRuleVariants(ids: readonly string[] = [...CORE_RULES, ...(more?.ids ?? [])]): Map<string, RuleVariant> {
  const out = new Map<string, RuleVariant>();
  const flags: Readonly<Record<string, HyperValue>>[] = [
    {},
    { momentum: 0.9 },
    { momentum: 0.9, nesterov: true },
    { centered: true },
    { centered: true, momentum: 0.9 },
    { amsgrad: true },
    { decoupledWeightDecay: true },
  ];
  for (const id of ids) {
    for (const h of more?.forms[id] ?? flags) {
      const v = ruleVariant(id, h);
      if (v) out.set(v.key, v);
    }
  }
  return out;
}

// The presets' one-line summaries (in the words of the notes this project grew from) and where
// each rule's torch form differs from the paper or from Keras: prose for the rule panel, here
// rather than in the registry so that the one-file bundle loads it with the rules' MathML.
const SUMMARY: Record<string, string> = {
  sgd: "Steps straight down the gradient.",
  momentum: "Remembers the previous direction and keeps moving.",
  nesterov: "Looks where momentum is about to carry it, so it brakes before overshooting.",
  adagrad: "A learning rate per coordinate from the sum of squared gradients; steps shrink towards zero.",
  adadelta: "A moving average instead of the sum, scaled by past step sizes: no learning rate needed.",
  rmsprop: "Adadelta's moving average with a learning rate put back.",
  adam: "RMSprop's per-coordinate scaling plus momentum's average of gradients.",
  amsgrad: "Adam that never lets its scaling v shrink (running maximum).",
  adamw: "Adam with weight decay applied to the parameters, not the gradient.",
};

const DIFFERS: Record<string, string> = {
  sgd: "With momentum, torch applies lr after the buffer (b ← μb + g, p ← p − γb), not inside it as Sutskever et al. do (v ← μv − γg, p ← p + v): the same path while γ is constant. With nesterov, it takes the gradient at the current point, not at the look-ahead point: an equivalent reformulation whose iterates are the look-ahead points.",
  adagrad: "The paper has no lrDecay and no initialAccumulatorValue (its sum starts at 0, torch's default; Keras starts at 0.1); torch's ε, like the paper's δ, sits outside the square root.",
  adadelta: "The paper has no learning rate; torch's lr (default 1.0) scales the paper's step.",
  rmsprop: "torch adds ε outside the square root, TensorFlow inside; with momentum, torch accumulates g / d.",
  adam: "ε is added after dividing √v by √(1 − β₂ᵗ) (Keras adds it to the uncorrected √v); AMSGrad keeps the max of the uncorrected v.",
  adamw: "torch scales the decoupled decay by lr (p ← p − γλp); the paper uses a separate schedule.",
};

// The registry's `OptimizerPreset.rule` reads its TeX from here (this module is loaded with the
// registry by the library's entries, and with the rules' MathML by the one-file bundle).
provideRuleTex(
  (ruleId, hyper) => {
    const variant = ruleVariant(ruleId, hyper);
    return variant && variantTex(variant);
  },
  { summary: SUMMARY, differs: DIFFERS },
);
