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
import { html, nothing, type TemplateResult } from 'lit';
import { styleProps } from '../shared/style-props';
import { getPreset, type HyperValue, type PresetId } from '../../core/optimizers/index';
import type { RuleVariant } from '../../core/optimizers/rule-tex';
import { formatNumber } from '../../render/ticks';
import { presetText, t, type Lang } from '../../i18n/index';

/** The rules' chunk: every variant's MathML cells, and how a run's options pick its variant. */
interface RulesChunk {
  readonly rendered: Readonly<Record<string, TemplateResult>>;
  readonly ruleVariant: typeof import('../../core/optimizers/rule-tex').ruleVariant;
}

let loading: Promise<void> | undefined;
let chunk: RulesChunk | undefined;
const waiting = new Set<() => void>();

/**
 * The rules' chunk, if it is here; otherwise starts loading it and calls `ready` when it has
 * arrived.
 */
function rulesChunk(ready: () => void): RulesChunk | undefined {
  if (chunk) return chunk;
  waiting.add(ready);
  loading ??= import('../../generated/rules.mathml').then(
    (mod) => {
      chunk = { rendered: mod.ruleMathml(html), ruleVariant: mod.ruleVariant };
      // Several widgets may ask before the chunk arrives: tell every one of them.
      for (const done of waiting) done();
      waiting.clear();
    },
    () => {
      // Try again on the next render (a network hiccup should not lose the rules for good).
      loading = undefined;
      waiting.clear();
    },
  );
  return undefined;
}

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

export interface RulePanelRun {
  readonly kind: PresetId;
  readonly label: string;
  readonly color: string;
  readonly hyper?: Readonly<Record<string, HyperValue>>;
}

/**
 * The panel for `run`. `shown`: whether the panel is on screen (not in a closed sheet); the
 * rules' chunk is fetched only once it is, so a phone reader who never opens the details pays
 * nothing for it.
 */
export function rulePanel(run: RulePanelRun | undefined, ready: () => void, lang: Lang, shown = true) {
  if (!run) return nothing;
  const preset = getPreset(run.kind);
  const hyper = run.hyper ?? preset.defaults;
  // Until the rules' chunk is here the panel keeps the rule's room empty (never TeX source).
  const rules = shown ? rulesChunk(ready) : undefined;
  const variant = rules?.ruleVariant(preset.ruleId, hyper);
  const text = presetText(preset, lang);
  return html`<section part="rule" aria-label=${t(lang, 'ruleOf', { name: run.label })}>
    <h3>
      <span class="swatch" style=${styleProps({ '--c': run.color })} aria-hidden="true"></span>${run.label}
      <small>torch.optim.${preset.kernel.name}</small>
    </h3>
    <p>${text.summary}</p>
    ${!rules
      ? html`<div class="math"><div class="rows pending" style=${styleProps({ '--rows': '4' })}></div></div>`
      : variant
        ? html`<div class="math" data-rule=${variant.key}>
              <div class="rows">${rules.rendered[variant.key] ?? nothing}</div>
            </div>
            <p class="symbols">${symbolLegend(variant, hyper, lang)}</p>`
        : nothing}
    ${text.differs && rules && !variant?.asPaper ? html`<p class="differs"><strong>${t(lang, 'torchVsPaper')}</strong> ${text.differs}</p>` : nothing}
  </section>`;
}
