import { LitElement } from 'lit';
import type { HyperValue } from '../../core/optimizers/index';
import type { OptimizerEntry } from '../../state/config';
import { hyperKey, optionFailure, parseHyperValue, parseNoise, parsePresetId } from '../../state/parse';
import { parseErrorText, type Lang } from '../../i18n/index';
import { define } from '../shared/define';
import { styles } from './descent-optimizer.styles';

/** Attributes that are never hyperparameters. */
const IGNORED = new Set(['kind', 'label', 'disabled', 'noise', 'id', 'class', 'style', 'slot', 'title', 'lang', 'dir', 'hidden']);

/**
 * A declarative child of `<descent-playground>` naming one optimizer, its label and its
 * hyperparameters; renders nothing. Every attribute other than `kind`, `label` and `disabled` is a
 * hyperparameter of the preset, in kebab-case or camelCase (`lr`, `momentum`, `beta1`,
 * `weight-decay`, `nesterov="false"`, ...). The same `kind` may appear more than once.
 *
 * ```html
 * <descent-playground surface="rosenbrock">
 *   <descent-optimizer kind="adam" lr="0.05" label="Adam, lr 0.05"></descent-optimizer>
 *   <descent-optimizer kind="adam" lr="0.2"></descent-optimizer>
 * </descent-playground>
 * ```
 *
 * @element descent-optimizer
 *
 * @attr {string} kind - A preset id: sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, amsgrad, adamw, adamax, nadam, radam.
 * @attr {string} label - Shown in legends and as the trajectory's `data-optimizer`.
 * @attr {boolean} disabled - Listed but not running until switched on.
 * @attr {string} lr - Learning rate (and likewise every other hyperparameter of the preset).
 * @attr {number} noise - Standard deviation of Gaussian noise added to each gradient component,
 *   a stand-in for mini-batch gradients (seeded: the same settings replay the same path).
 */
export class DescentOptimizer extends LitElement {
  static override styles = styles;

  static override properties = {
    kind: { type: String, reflect: true },
    label: { type: String },
    disabled: { type: Boolean, reflect: true },
  };

  declare kind: string;
  declare label: string | undefined;
  declare disabled: boolean;

  constructor() {
    super();
    this.kind = '';
    this.disabled = false;
  }

  /**
   * The entry this element describes, and a message per attribute that could not be used.
   * @internal `<descent-playground>` reads its children with it.
   */
  readEntry(lang: Lang = 'en'): { entry?: OptimizerEntry; errors: string[] } {
    const errors: string[] = [];
    const kindText = this.getAttribute('kind') ?? '';
    const kind = parsePresetId(kindText);
    if (!kind.ok) {
      errors.push(`<descent-optimizer kind="${kindText}">: kind ${parseErrorText(kind, lang)}`);
      return { errors };
    }
    const hyper: Record<string, HyperValue> = {};
    for (const { name, value } of Array.from(this.attributes)) {
      if (IGNORED.has(name) || name.startsWith('data-') || name.startsWith('aria-')) continue;
      const key = hyperKey(kind.value, name);
      if (!key) {
        errors.push(`<descent-optimizer kind="${kind.value}">: ${name} ${parseErrorText(optionFailure(kind.value), lang)}`);
        continue;
      }
      const parsed = parseHyperValue(kind.value, key, value);
      if (parsed.ok) hyper[key] = parsed.value;
      else errors.push(`<descent-optimizer kind="${kind.value}" ${name}="${value}">: ${parseErrorText(parsed, lang)}`);
    }
    const label = this.getAttribute('label');
    let noise: number | undefined;
    const noiseText = this.getAttribute('noise');
    if (noiseText !== null) {
      const parsed = parseNoise(noiseText);
      if (parsed.ok) noise = parsed.value || undefined;
      else errors.push(`<descent-optimizer kind="${kind.value}" noise="${noiseText}">: ${parseErrorText(parsed, lang)}`);
    }
    return {
      entry: {
        kind: kind.value,
        hyper,
        enabled: !this.hasAttribute('disabled'),
        ...(label ? { label } : {}),
        ...(noise !== undefined ? { noise } : {}),
      },
      errors,
    };
  }

  protected override render() {
    return null;
  }
}

define('descent-optimizer', DescentOptimizer);

declare global {
  interface HTMLElementTagNameMap {
    'descent-optimizer': DescentOptimizer;
  }
}
