import { html, LitElement, nothing } from 'lit';
import type { HyperValue } from '../../core/optimizers/index';
import type { OptimizerEntry } from '../../state/config';
import { hyperKey, optionFailure, parseHyperValue, parsePresetId, readRunOptions } from '../../state/parse';
import { isLoaded, langOf, messageText, whenLoaded, type Lang } from '../../i18n/index';
import { define } from '../shared/define';
import { styles } from './descent-optimizer.styles';

/** Attributes that are never hyperparameters. */
const IGNORED = new Set(['kind', 'label', 'disabled', 'noise', 'batch', 'schedule', 'id', 'class', 'style', 'slot', 'title', 'lang', 'dir', 'hidden']);

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
 * @attr {string} kind - A preset id: sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, amsgrad, adamw, adamax, nadam, radam, rprop, asgd, lbfgs, adafactor, newton, saddle-free-newton, lion, adabelief, yogi, adan, schedule-free-adamw, sam.
 * @attr {string} label - Shown in legends and as the trajectory's `data-optimizer`.
 * @attr {boolean} disabled - Listed but not running until switched on.
 * @attr {string} lr - Learning rate (and likewise every other hyperparameter of the preset).
 * @attr {number} noise - Standard deviation of Gaussian noise added to each gradient component,
 *   a stand-in for mini-batch gradients (seeded: the same settings replay the same path).
 * @attr {number} batch - On a data surface (linear-regression, logistic-regression, tiny-net):
 *   samples per mini-batch, drawn as torch's DataLoader with shuffle draws them (seed 1); absent,
 *   the full data's gradient.
 * @attr {string} schedule - A learning-rate schedule of torch.optim.lr_scheduler in its text
 *   form: `CosineAnnealingLR:tMax=300`, `StepLR:stepSize=100:gamma=0.5`, warm-up then decay
 *   `LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=270` (SequentialLR).
 *
 * @csspart error - Messages about attributes it cannot use (an unknown kind or option, a value out
 *   of range), when the element stands outside a playground; each also warned once on the
 *   console. Inside `<descent-playground>` (which shows no children) there is none: the
 *   playground's own `error` part shows them, and it warns.
 */
export class DescentOptimizer extends LitElement {
  static override styles = styles;

  static override properties = {
    kind: { reflect: true },
    label: {},
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
      errors.push(`<descent-optimizer kind="${kindText}">: kind ${messageText(kind, lang)}`);
      return { errors };
    }
    const hyper: Record<string, HyperValue> = {};
    for (const { name, value } of Array.from(this.attributes)) {
      if (IGNORED.has(name) || name.startsWith('data-') || name.startsWith('aria-')) continue;
      const key = hyperKey(kind.value, name);
      if (!key) {
        errors.push(`<descent-optimizer kind="${kind.value}">: ${name} ${messageText(optionFailure(kind.value), lang)}`);
        continue;
      }
      const parsed = parseHyperValue(kind.value, key, value);
      if (parsed.ok) hyper[key] = parsed.value;
      else errors.push(`<descent-optimizer kind="${kind.value}" ${name}="${value}">: ${messageText(parsed, lang)}`);
    }
    const label = this.getAttribute('label');
    return {
      entry: {
        kind: kind.value,
        hyper,
        enabled: !this.hasAttribute('disabled'),
        ...(label ? { label } : {}),
        ...readRunOptions(
          (key) => this.getAttribute(key) ?? undefined,
          (key, value, why) => errors.push(`<descent-optimizer kind="${kind.value}" ${key}=${value}>: ${messageText(why, lang)}`),
        ),
      },
      errors,
    };
  }

  #attributeObserver: MutationObserver | undefined;
  #warned = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    // Every attribute but kind, label and disabled is an option: any change is checked again.
    this.#attributeObserver ??= new MutationObserver(() => this.requestUpdate());
    this.#attributeObserver.observe(this, { attributes: true });
    // Moved into or out of a playground: whether it shows its messages changes.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#attributeObserver?.disconnect();
  }

  protected override render() {
    // Inside a playground, the playground shows and warns its children's messages.
    if (this.parentElement?.localName === 'descent-playground') return nothing;
    const lang = langOf(this);
    if (!isLoaded(lang)) void whenLoaded(lang).then(() => this.requestUpdate());
    const { errors } = this.readEntry(lang);
    for (const e of errors) {
      if (!this.#warned.has(e)) {
        console.warn(e);
        this.#warned.add(e);
      }
    }
    return errors.length ? html`<div part="error" role="alert">${errors.map((e) => html`<div>${e}</div>`)}</div>` : nothing;
  }
}

define('descent-optimizer', DescentOptimizer);

declare global {
  interface HTMLElementTagNameMap {
    'descent-optimizer': DescentOptimizer;
  }
}
