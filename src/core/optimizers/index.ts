import { OptionError } from '../errors';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam, adamw } from './adam';
import type { AdamaxHyper } from './adamax';
import { adamaxHead, nadamHead, radamHead } from './heads';
import { ruleStandIn } from './lazy';
import type { RAdamHyper } from './radam';
import { rmsprop } from './rmsprop';
import type { Hyper, HyperValue, UpdateRule } from './rule';
import { sgd } from './sgd';

export type { Coordinate, Hyper, HyperSpec, HyperValue, RuleDefinition, RuleHead, RuleSource, UpdateRule } from './rule';
export { loadOptimizers, ruleReady } from './lazy';

// The rules no default race runs: their heads here, their definitions from ./more.ts (imported by
// the library's entries; the one-file bundle loads it on first use).
const adamax = ruleStandIn<AdamaxHyper>(adamaxHead);
const nadam = ruleStandIn(nadamHead);
const radam = ruleStandIn<RAdamHyper>(radamHead);

export { adadelta, adagrad, adam, adamax, adamw, nadam, radam, rmsprop, sgd };

/** The update rules, keyed by torch.optim's class name in lower case. */
export const rules = { sgd, adagrad, adadelta, rmsprop, adam, adamw, adamax, nadam, radam } as const;
export type RuleId = keyof typeof rules;

/** A named optimizer: an update rule plus default overrides, like an optax alias. */
export interface OptimizerPreset {
  readonly id: string;
  readonly label: string;
  /** The update rule's id in `rules`. */
  readonly ruleId: RuleId;
  readonly kernel: UpdateRule;
  /** torch's defaults with this preset's overrides applied. */
  readonly defaults: Hyper;
  /** What the preset changes from torch's defaults. */
  readonly overrides: Hyper;
  /**
   * This preset's own update rule as TeX (`aligned` rows, symbols of its controls: γ = lr,
   * μ = momentum, ...), for its defaults: Momentum's has no nesterov branch, SGD's no buffer.
   * Written in rule-tex.ts, which the library's entries load with the registry; the one-file
   * bundle loads it with the rules' MathML, when a rule is first shown (until then `rule` is the
   * rule's own `UpdateRule.rule`, if any, else '').
   */
  readonly rule: string;
  /**
   * Where torch differs from the paper or Keras. Like `rule`, written in rule-tex.ts (loaded with
   * the registry by the library's entries, with the rules' MathML by the one-file bundle).
   */
  readonly differs?: string;
  /** One line on the idea, in the words of the notes this project grew from (rule-tex.ts too). */
  readonly summary: string;
}

function preset(id: string, label: string, ruleId: RuleId, overrides: Hyper = {}): OptimizerPreset {
  const kernel = rules[ruleId] as unknown as UpdateRule;
  const defaults = Object.freeze({ ...kernel.defaults, ...overrides });
  const out = {
    id,
    label,
    ruleId,
    kernel,
    defaults,
    overrides: Object.freeze({ ...overrides }),
  };
  Object.defineProperties(out, {
    rule: { enumerable: true, get: () => ruleTex?.(ruleId, defaults) ?? kernel.rule ?? '' },
    summary: { enumerable: true, get: () => ruleProse?.summary[id] ?? '' },
    differs: { enumerable: true, get: () => ruleProse?.differs[ruleId] ?? kernel.differs },
  });
  return Object.freeze(out) as OptimizerPreset;
}

/** A preset's rule as TeX, from rule-tex.ts once it has loaded (see `OptimizerPreset.rule`). */
let ruleTex: ((ruleId: RuleId, hyper: Hyper) => string | undefined) | undefined;

/** The presets' one-line summaries and the rules' torch notes, from rule-tex.ts once it has loaded. */
let ruleProse: RuleProse | undefined;

export interface RuleProse {
  readonly summary: Readonly<Record<string, string>>;
  readonly differs: Readonly<Record<string, string>>;
}

/** Called by rule-tex.ts as it loads. */
export function provideRuleTex(texOf: (ruleId: RuleId, hyper: Hyper) => string | undefined, prose?: RuleProse): void {
  ruleProse = prose ?? ruleProse;
  ruleTex = texOf;
}

/** Every preset, in the order the notes introduce them, then the ones beyond the notes. */
export const optimizers = Object.freeze({
  sgd: preset('sgd', 'SGD', 'sgd'),
  momentum: preset('momentum', 'Momentum', 'sgd', {
    momentum: 0.9,
  }),
  nesterov: preset('nesterov', 'Nesterov (NAG)', 'sgd', { momentum: 0.9, nesterov: true }),
  adagrad: preset('adagrad', 'Adagrad', 'adagrad'),
  adadelta: preset('adadelta', 'Adadelta', 'adadelta'),
  rmsprop: preset('rmsprop', 'RMSprop', 'rmsprop'),
  adam: preset('adam', 'Adam', 'adam'),
  amsgrad: preset('amsgrad', 'AMSGrad', 'adam', {
    amsgrad: true,
  }),
  adamw: preset('adamw', 'AdamW', 'adamw'),
  adamax: preset('adamax', 'Adamax', 'adamax'),
  nadam: preset('nadam', 'NAdam', 'nadam'),
  radam: preset('radam', 'RAdam', 'radam'),
});

export type PresetId = keyof typeof optimizers;
export const presetIds = Object.freeze(Object.keys(optimizers)) as readonly PresetId[];

export function isPresetId(id: unknown): id is PresetId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(optimizers, id);
}

/** Looks up a preset; throws an OptionError naming the bad id and the known ones. */
export function getPreset(id: unknown): OptimizerPreset {
  if (!isPresetId(id)) {
    throw new OptionError('optimizer', id, `must be one of ${presetIds.join(', ')}`);
  }
  return optimizers[id];
}

/**
 * The hyperparameters a run uses: the preset's defaults, then `hyper` on top (explicit values
 * always win), validated against torch.optim's own checks. The result always has the rule's
 * keys in the rule's order, so every run of one rule sees objects of one shape.
 */
export function resolveHyper(presetId: unknown, hyper: Readonly<Record<string, unknown>> = {}): Hyper {
  const p = getPreset(presetId);
  if (hyper === null || typeof hyper !== 'object') throw new OptionError('hyper', hyper, 'must be an object');
  const { kernel } = p;
  for (const key of Object.keys(hyper)) {
    // Own keys only: `constructor`, `toString` or `__proto__` are no option of any rule.
    if (!Object.prototype.hasOwnProperty.call(kernel.defaults, key)) {
      throw new OptionError(
        key,
        hyper[key],
        `is not an option of ${kernel.name} (${p.id}); its options are ${Object.keys(kernel.defaults).join(', ')}`,
      );
    }
  }
  // A clone of the rule's own defaults object, then overwritten in place: every run of one rule
  // then passes the kernel objects of one hidden class, which keeps its step code monomorphic.
  const out: Record<string, HyperValue> = { ...kernel.defaults };
  for (const key of Object.keys(kernel.defaults)) {
    const value = hyper[key] === undefined ? p.defaults[key] : hyper[key];
    const spec = kernel.spec[key];
    if (spec.kind === 'boolean') {
      if (typeof value !== 'boolean') throw new OptionError(key, value, 'must be true or false');
    } else {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new OptionError(key, value, 'must be a finite number');
      }
      if (spec.min !== undefined && value < spec.min) {
        throw new OptionError(key, value, `must be a number >= ${spec.min}`);
      }
      if (spec.max !== undefined && (spec.maxExclusive ? value >= spec.max : value > spec.max)) {
        throw new OptionError(
          key,
          value,
          `must be a number in [${spec.min ?? '-inf'}, ${spec.max}${spec.maxExclusive ? ')' : ']'}`,
        );
      }
    }
    out[key] = value;
  }
  kernel.check?.(out);
  return out;
}

