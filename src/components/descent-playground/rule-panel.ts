/**
 * The selected optimizer's update rule as rendered math (KaTeX to MathML, which Chromium, Firefox
 * and Safari draw natively: no KaTeX CSS or fonts inside the shadow root), its one-line idea,
 * and where torch differs from the paper. KaTeX is imported only when a rule is first shown.
 */
import { html, nothing } from 'lit';
import { styleProps } from '../shared/style-props';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { getPreset, type HyperValue, type PresetId } from '../../core/optimizers/index';
import { formatNumber } from '../../render/ticks';
import { presetText, t, type Lang } from '../../i18n/index';

let katex: Promise<typeof import('katex')> | undefined;
const rendered = new Map<string, string>();

/** MathML for `tex`, if already rendered; otherwise starts rendering and calls `ready` when done. */
export function ruleMath(tex: string, ready: () => void): string | undefined {
  const done = rendered.get(tex);
  if (done !== undefined) return done;
  katex ??= import('katex');
  katex.then(
    (mod) => {
      // Several widgets may ask for one formula before KaTeX arrives: render it once, but
      // tell every one of them.
      if (!rendered.has(tex)) {
        const k = (mod as unknown as { default?: typeof import('katex') }).default ?? mod;
        rendered.set(tex, k.renderToString(tex, { output: 'mathml', displayMode: true, throwOnError: false }));
      }
      ready();
    },
    () => rendered.set(tex, ''),
  );
  return undefined;
}

export interface RulePanelRun {
  readonly kind: PresetId;
  readonly label: string;
  readonly color: string;
  readonly hyper?: Readonly<Record<string, HyperValue>>;
}

export function rulePanel(run: RulePanelRun | undefined, ready: () => void, lang: Lang) {
  if (!run) return nothing;
  const preset = getPreset(run.kind);
  const math = ruleMath(preset.rule, ready);
  const text = presetText(preset, lang);
  const used = run.hyper
    ? Object.entries(run.hyper)
        .filter(([, v]) => v !== false)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? formatNumber(v) : v}`)
        .join(' · ')
    : '';
  return html`<section part="rule" aria-label=${t(lang, 'ruleOf', { name: run.label })}>
    <h3>
      <span class="swatch" style=${styleProps({ '--c': run.color })} aria-hidden="true"></span>${run.label}
      <small>torch.optim.${preset.kernel.name}</small>
    </h3>
    <p>${text.summary}</p>
    <div class="math">${math ? unsafeHTML(math) : html`<code>${preset.rule}</code>`}</div>
    ${text.differs ? html`<p class="differs"><strong>${t(lang, 'torchVsPaper')}</strong> ${text.differs}</p>` : nothing}
    ${used ? html`<p class="hyper-used">${used}</p>` : nothing}
  </section>`;
}
