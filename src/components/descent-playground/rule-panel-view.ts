/**
 * The rule panel itself (see rule-panel.ts), with the rules' MathML: a lazy chunk, fetched when a
 * rule is first shown. Until it is here rule-panel.ts shows the panel's frame, the rule's room
 * kept empty.
 */
import { css, html, nothing } from 'lit';
import { adopt, lazyChunk } from '../shared/lazy-chunk';
import { styleProps } from '../shared/style-props';
import { getPreset, type HyperValue } from '../../core/optimizers/index';
import { provideMoreProse, provideMoreRules, type RuleVariant } from '../../core/optimizers/rule-tex';
import { ruleMathml, ruleVariant } from '../../generated/rules.mathml';
import { formatNumber } from '../../render/ticks';
import { addStrings, loadedKoProse, presetText, t, type Lang } from '../../i18n/index';
import { enRule } from '../../i18n/en-rule';
import { sourceOf, type RulePanelRun } from './rule-panel';

addStrings('en', enRule);

const rendered: Record<string, unknown> = { ...ruleMathml(html) };

/** The catalog's rules' variants, MathML and prose: fetched when one of them is first shown. */
/** The catalog's presets' Korean (summaries, notes): fetched when one of them is first shown in Korean. */
const koMoreChunk = lazyChunk(() => import('../../i18n/ko-prose-more'));
let koMerged = false;

const moreChunk = lazyChunk(() =>
  import('../../generated/rules-more.mathml').then((m) => {
    Object.assign(rendered, m.ruleMathml(html));
    provideMoreRules(m.moreRules);
    provideMoreProse(m.moreProse);
    return m;
  }),
);

/** The rule's cells and notes (the panel's frame and its empty room are styled in the bundle). */
const styles = css`
  .rows {
    display: grid;
    grid-template-columns: max-content minmax(0, max-content);
    align-items: baseline;
    gap: 0.3em 0.25em;
    font-size: clamp(10px, 5.2cqi, 15px);
  }
  .rows math {
    font-size: inherit;
    min-width: 0;
  }
  /* A grid item's <math> is a block that centres its content: place the cells instead. */
  .rows math:nth-child(odd) {
    justify-self: end;
  }
  .rows math:nth-child(even) {
    justify-self: start;
  }
  [part~='rule'] .symbols {
    color: var(--descent-muted);
    font-size: 11.5px;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .differs {
    color: var(--descent-muted);
  }
`;

/** "γ = lr = 0.005 · μ = momentum = 0.9", the controls by the names the UI shows them under. */
export function symbolLegend(
  variant: RuleVariant,
  hyper: Readonly<Record<string, HyperValue>>,
  lang: Lang,
): string {
  const named = (key: string) => (key === 'lr' ? t(lang, 'lr') : key);
  const parts = variant.symbols
    .filter((s) => s.key in hyper)
    .map((s) => {
      const v = hyper[s.key];
      return `${s.text} = ${named(s.key)} = ${typeof v === 'number' ? formatNumber(v) : String(v)}`;
    });
  // Options on that change no symbol (maximize), or that picked the variant (nesterov, ...).
  for (const [key, v] of Object.entries(hyper)) if (v === true) parts.push(key);
  return parts.join(' · ');
}

/** The panel for `run`, with the inner-state view's `values` under the rule. */
export function panel(run: RulePanelRun, lang: Lang, values: unknown, root: ShadowRoot | null, ready: () => void) {
  adopt(root, styles.styleSheet);
  const preset = getPreset(run.kind);
  const hyper = run.hyper ?? preset.defaults;
  // A catalog rule's variants, MathML and prose arrive with their chunk: until then, no rows.
  const variant = ruleVariant(preset.ruleId, hyper) ?? (moreChunk(ready) && ruleVariant(preset.ruleId, hyper));
  // Korean the first table lacks (a catalog preset's): the rest, fetched once.
  if (lang === 'ko' && !koMerged && loadedKoProse() && !loadedKoProse()?.koRules[preset.id]) koMerged = koMoreChunk(ready)?.mergeKoMore() ?? false;
  const text = presetText(preset, lang);
  return html`<section part="rule" aria-label=${t(lang, 'ruleOf', { name: run.label })}>
    <h3>
      <span class="swatch" style=${styleProps({ '--c': run.color })} aria-hidden="true"></span>${run.label}
      <small>${sourceOf(preset.kernel)}</small>
    </h3>
    <p>${text.summary}</p>
    ${variant
      ? html`<div class="math" data-rule=${variant.key}>
            <div class="rows">${rendered[variant.key] ?? nothing}</div>
          </div>
          <p class="symbols">${symbolLegend(variant, hyper, lang)}</p>`
      : nothing}
    ${values}
    ${text.differs && !variant?.asPaper ? html`<p class="differs"><strong>${t(lang, preset.kernel.source ? 'implementations' : 'torchVsPaper')}</strong> ${text.differs}</p>` : nothing}
  </section>`;
}
