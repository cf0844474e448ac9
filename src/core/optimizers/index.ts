import { OptionError } from '../errors';
import { CATALOG_IDS, presetsReady } from './lazy';
import { adadelta } from './adadelta';
import { adagrad } from './adagrad';
import { adam } from './adam';
import { rmsprop } from './rmsprop';
import type { Hyper, HyperValue, UpdateRule } from './rule';
import { sgd } from './sgd';

export type { Coordinate, Hyper, HyperSpec, HyperValue, RuleDefinition, RuleHead, RuleSource, UpdateRule } from './rule';
export { catalogHyper, loadOptimizers, pickerGroups, presetsReady, ruleReady, type PresetGroup } from './lazy';

export { adadelta, adagrad, adam, rmsprop, sgd };

/**
 * The update rules, keyed by torch.optim's class name in lower case: the default races' here, the
 * others (the catalog: AdamW, Adamax, NAdam, RAdam, Rprop, ASGD, Lion, ...) added by ./more.ts as it
 * loads (the library's entries import it up front; the one-file bundle on first use).
 */
export const rules: Record<string, UpdateRule> = { sgd, adagrad, adadelta, rmsprop, adam } as Record<string, UpdateRule>;
export type RuleId = string;

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

export function preset(id: string, label: string, ruleId: RuleId, overrides: Hyper = {}): OptimizerPreset {
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

/**
 * Every preset, in the order the notes introduce them, then the ones beyond the notes: here those
 * the default races use; ./more.ts adds the catalog's (`presetGroups` orders them for pickers).
 */
export const optimizers = {
  sgd: preset('sgd', 'SGD', 'sgd'),
  momentum: preset('momentum', 'Momentum', 'sgd', {
    momentum: 0.9,
  }),
  nesterov: preset('nesterov', 'Nesterov (NAG)', 'sgd', { momentum: 0.9, nesterov: true }),
  adagrad: preset('adagrad', 'Adagrad', 'adagrad'),
  adadelta: preset('adadelta', 'Adadelta', 'adadelta'),
  rmsprop: preset('rmsprop', 'RMSprop', 'rmsprop'),
  adam: preset('adam', 'Adam', 'adam'),
} as Record<PresetId, OptimizerPreset>;

/**
 * A preset's id: the default races' (here from the start) and the catalog's (./more.ts; in the
 * one-file bundle once `loadOptimizers()` has brought them: until then `optimizers` has no entry
 * for them and `getPreset` says they are loading).
 */
export type PresetId =
  | 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'adadelta' | 'rmsprop' | 'adam'
  | 'amsgrad' | 'adamw' | 'adamax' | 'nadam' | 'radam' | 'rprop' | 'asgd' | 'lbfgs' | 'adafactor'
  | 'newton' | 'saddle-free-newton'
  | 'lion' | 'adabelief' | 'yogi' | 'adan' | 'schedule-free-adamw' | 'sam';
/**
 * Every preset's id, the catalog's too, in the pickers' order. (In the one-file bundle a catalog
 * preset is in `optimizers` once `loadOptimizers()` has brought it: `isPresetId` says whether.)
 */
export const presetIds = [...Object.keys(optimizers), ...CATALOG_IDS] as readonly PresetId[];

export function isPresetId(id: unknown): id is PresetId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(optimizers, id);
}

/** Looks up a preset; throws an OptionError naming the bad id and the known ones. */
export function getPreset(id: unknown): OptimizerPreset {
  if (!isPresetId(id)) {
    // A catalog preset in the one-file bundle before its chunk (which this starts loading): what
    // trajectory() says of a rule still to load (the elements wait for it before they read a
    // configuration that names one).
    if (presetsReady(id)) throw new OptionError('optimizer', id, 'is loading: await loadOptimizers() first');
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

