/**
 * A row's further settings in the optimizer list: every hyperparameter but lr, the gradient
 * noise and the lr schedule (training.ts). A lazy chunk (optimizer-list.ts: loadSettings), with its English strings.
 */
import { css, html, nothing } from 'lit';
import { adopt, lazyChunk } from '../shared/lazy-chunk';
import '../../core/optimizers/hyper-docs';
import { getPreset } from '../../core/optimizers/index';
import { addStrings, hyperDoc, loadedKoProse, t } from '../../i18n/index';
import { enSettings } from '../../i18n/en-settings';
import type { EntryRun, OptimizerListHost } from './optimizer-list';
import { scheduleFields } from './training';

addStrings('en', enSettings);

/** The fields' look (the placeholder row in the bundle takes the grid's room until it is here). */
const styles = css`
  .more {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 3px 8px;
    align-items: center;
    padding: 4px 0 2px 19px;
    font-size: 12px;
    color: var(--descent-muted);
  }
  .more input[type='number'] {
    width: 100%;
    height: 22px;
  }
  .more input[type='checkbox'] {
    justify-self: start;
  }
  .field-error {
    grid-column: 1 / -1;
    color: #8a1c1c;
    font-size: 11.5px;
  }
`;

/** The catalog's presets' Korean tooltips: fetched when one of them is first shown in Korean. */
const koMoreChunk = lazyChunk(() => import('../../i18n/ko-prose-more'));
let koMerged = false;

export function hyperFields(host: OptimizerListHost, run: EntryRun) {
  adopt(host.root, styles.styleSheet);
  const { entry, index } = run;
  const { kernel, ruleId } = getPreset(entry.kind);
  const resolved = run.hyper ?? kernel.defaults;
  const keys = Object.keys(kernel.spec).filter((k) => k !== 'lr');
  const lang = host.lang;
  // Korean the first table lacks (a catalog preset's): the rest, fetched once, then drawn again.
  if (lang === 'ko' && !koMerged && loadedKoProse() && !loadedKoProse()?.koHyperDocs[ruleId]) koMerged = koMoreChunk(() => host.more())?.mergeKoMore() ?? false;
  return html`<div class="more" role="group" aria-label=${t(lang, 'settingsOf', { name: run.label })}>
    ${keys.map((key) => {
      const spec = kernel.spec[key];
      const id = `h-${index}-${key}`;
      const error = host.fieldErrors.get(`${index}:${key}`);
      const input =
        spec.kind === 'boolean'
          ? html`<input
              id=${id}
              type="checkbox"
              .checked=${Boolean(resolved[key])}
              @change=${(e: Event) => host.setHyper(index, key, (e.target as HTMLInputElement).checked)}
            />`
          : html`<input
              id=${id}
              type="number"
              step="any"
              .value=${String(resolved[key])}
              @change=${(e: Event) => {
                const text = (e.target as HTMLInputElement).value.trim();
                const v = Number(text);
                if (text !== '' && Number.isFinite(v)) host.setHyper(index, key, v);
                else host.fieldError(index, key, t(lang, 'mustBeNumber', { key }));
              }}
            />`;
      return html`<label for=${id} title=${hyperDoc(ruleId, key, spec.doc, lang)}>${key}</label>${input}
        ${error ? html`<span class="field-error" part="error field-error">${error}</span>` : nothing}`;
    })}
    ${noiseField(host, run)} ${scheduleFields(host, run)}
  </div>`;
}

/** Gradient noise is not a torch option but a property of the run: its own field. */
function noiseField(host: OptimizerListHost, run: EntryRun) {
  const { entry, index } = run;
  const id = `h-${index}-noise`;
  const error = host.fieldErrors.get(`${index}:noise`);
  const lang = host.lang;
  return html`<label for=${id} title=${t(lang, 'noiseTitle')}>${t(lang, 'noise')}</label>
    <input
      id=${id}
      type="number"
      min="0"
      step="any"
      .value=${String(entry.noise ?? 0)}
      @change=${(e: Event) => {
        const text = (e.target as HTMLInputElement).value.trim();
        const v = Number(text);
        if (text !== '' && Number.isFinite(v) && v >= 0) host.setRunOption(index, 'noise', v);
        else host.fieldError(index, 'noise', t(lang, 'noiseMustBe'));
      }}
    />
    ${error ? html`<span class="field-error" part="error field-error">${error}</span>` : nothing}`;
}
