/**
 * The selected optimizer's update rule as math, its one-line idea, where torch differs from the
 * paper, and a legend tying the rule's symbols to the controls with their current values
 * ("γ = lr = 0.005 · μ = momentum = 0.9").
 *
 * The rule shown is the one the run follows (rule-tex.ts: Momentum's has no nesterov branch; an
 * SGD run given momentum shows the buffer). Its MathML was rendered from TeX when the package was
 * built (src/generated/rules.mathml.ts), so no TeX engine runs in the page: the MathML is a small
 * lazy chunk, fetched when a rule is first shown. Until it arrives the panel keeps the rule's
 * room empty; it never shows TeX source.
 */
import { html, nothing } from 'lit';
import { styleProps } from '../shared/style-props';
import { getPreset, type HyperValue, type PresetId, type UpdateRule } from '../../core/optimizers/index';
import { t, type Lang } from '../../i18n/index';
import { lazyChunk } from '../shared/lazy-chunk';

/** The rules' chunk, if it is here; otherwise starts loading it and calls `ready` when it has arrived. */
const rulesChunk = lazyChunk(() => import('./rule-panel-view'));

/** Under the rule's name: `torch.optim.<name>`, or the implementation a rule torch lacks follows. */
export const sourceOf = (rule: UpdateRule): string => rule.source ?? `torch.optim.${rule.name}`;

export interface RulePanelRun {
  readonly kind: PresetId;
  readonly label: string;
  readonly color: string;
  readonly hyper?: Readonly<Record<string, HyperValue>>;
}

/**
 * The panel for `run`. `shown`: whether the panel is on screen (not in a closed sheet); the
 * rules' chunk is fetched only once it is, so a phone reader who never opens the details pays
 * nothing for it. Until it is here the panel shows its frame, the rule's room kept empty.
 * `values`: the inner-state view's values of the rule's symbols, under the rule.
 */
export function rulePanel(
  run: RulePanelRun | undefined,
  ready: () => void,
  lang: Lang,
  shown = true,
  values: unknown = nothing,
  root: ShadowRoot | null = null,
) {
  if (!run) return nothing;
  const rules = shown ? rulesChunk(ready) : undefined;
  if (rules) return rules.panel(run, lang, values, root, ready);
  return html`<section part="rule" aria-label=${t(lang, 'ruleOf', { name: run.label })}>
    <h3>
      <span class="swatch" style=${styleProps({ '--c': run.color })} aria-hidden="true"></span>${run.label}
      <small>${sourceOf(getPreset(run.kind).kernel)}</small>
    </h3>
    <div class="math"><div class="rows pending" style=${styleProps({ '--rows': '4' })}></div></div>
  </section>`;
}
