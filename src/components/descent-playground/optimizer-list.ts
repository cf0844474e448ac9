/**
 * The optimizer list of `<descent-playground>`: one row per entry with its colour, an on/off
 * switch, a log-scale learning-rate slider, the other hyperparameters on demand (hyper-fields.ts,
 * a lazy chunk), a "diverged" badge, and remove; then "Add optimizer". Pure templates over the host's state and callbacks.
 */
import { html, nothing } from 'lit';
import { styleProps } from '../shared/style-props';
import { getPreset, isPresetId, pickerGroups, presetIds, type HyperValue } from '../../core/optimizers/index';
import type { Trajectory } from '../../core/types';
import { formatNumber } from '../../render/ticks';
import type { OptimizerEntry, RUN_OPTIONS } from '../../state/config';
import { messageText, t, type Lang } from '../../i18n/index';

/** lr slider range, as powers of ten. */
export const LR_MIN_EXP = -5;
export const LR_MAX_EXP = 1;

export interface EntryRun {
  readonly entry: OptimizerEntry;
  readonly index: number;
  readonly label: string;
  readonly color: string;
  /** Resolved hyperparameters (preset defaults + overrides), unless they are invalid. */
  readonly hyper?: Readonly<Record<string, HyperValue>>;
  /** Present when the entry is enabled and valid. */
  readonly trajectory?: Trajectory;
  readonly error?: string;
}

export interface OptimizerListHost {
  readonly lang: Lang;
  readonly runs: readonly EntryRun[];
  readonly step: number;
  readonly selected: number;
  readonly expanded: ReadonlySet<number>;
  readonly fieldErrors: ReadonlyMap<string, string>;
  toggle(index: number, enabled: boolean): void;
  select(index: number): void;
  toggleMore(index: number): void;
  remove(index: number): void;
  setHyper(index: number, key: string, value: HyperValue): void;
  /** Sets a run's noise, batch or schedule (state/config.ts RUN_OPTIONS); 0 or '' removes it. */
  setRunOption(index: number, key: (typeof RUN_OPTIONS)[number], value: number | string): void;
  fieldError(index: number, key: string, message: string): void;
  add(kind: string): void;
  /** Loads the catalog (the picker's other presets and its groups), then renders again. */
  more(): void;
  /** Why no run can be added (the race has as many runs as its steps allow), if it cannot. */
  readonly addFull?: string;
  /** The element's shadow root (the settings' chunk adds its styles there). */
  readonly root?: ShadowRoot | null;
  /** The runs' length (the schedule picker sets schedules up for it). */
  readonly steps: number;
  /** More of a row (training.ts: its batch size, its lr schedule), once that chunk is here. */
  readonly extras?: (host: OptimizerListHost, run: EntryRun) => unknown;
}

/** "diverged at step k", once the shown step has reached k. */
/**
 * The "diverged" badge of a run that has diverged by `step`. `named`: the badge says which run
 * ("Adam, lr 0.1 diverged at step 12"), where it is not already beside the run's name (the
 * overlay's badges over the map); beside the name, "diverged at step 12".
 */
export function divergedBadge(run: { label: string; trajectory?: Trajectory }, step: number, lang: Lang, named = false) {
  const tr = run.trajectory;
  if (!tr || tr.divergedAt === undefined || step < tr.divergedAt) return nothing;
  const text = named ? t(lang, 'announceDiverged', { name: run.label, k: tr.divergedAt }) : t(lang, 'divergedAt', { k: tr.divergedAt });
  return html`<span part="badge" data-optimizer=${run.label}>${text}</span>`;
}

/** Rounds to two significant digits: slider values stay short in links. */
export function twoDigits(v: number): number {
  return Number(v.toPrecision(2));
}

let settings: typeof import('./hyper-fields') | undefined;

/**
 * Loads a row's further settings (every hyperparameter but lr, and the gradient noise): their own
 * small chunk, fetched the first time a reader opens them (list-state.ts). Until then an open row
 * shows them as loading; if the chunk cannot be fetched, closing and opening the row again retries.
 */
export function loadSettings(): Promise<void> {
  return import('./hyper-fields').then((m) => {
    settings = m;
  });
}

function row(host: OptimizerListHost, run: EntryRun) {
  const { entry, index } = run;
  const preset = getPreset(entry.kind);
  const hasLr = 'lr' in preset.kernel.spec;
  const lr = Number(run.hyper?.lr ?? preset.defaults.lr);
  const lrError = host.fieldErrors.get(`${index}:lr`);
  const lang = host.lang;
  const badge = divergedBadge(run, host.step, lang);
  const selected = host.selected === index;
  // The colour through styleProps (CSSOM): a strict CSP refuses style attributes.
  return html`<li
    class="opt ${entry.enabled ? '' : 'off'} ${selected ? 'selected' : ''}"
    style=${styleProps({ '--c': run.color })}
    data-optimizer=${run.label}
  >
    <div class="opt-head">
      <input
        type="checkbox"
        .checked=${entry.enabled}
        aria-label=${t(lang, 'runToggle', { name: run.label })}
        @change=${(e: Event) => host.toggle(index, (e.target as HTMLInputElement).checked)}
      />
      <span class="swatch" aria-hidden="true"></span>
      <button
        type="button"
        class="name"
        title=${t(lang, 'showRule', { name: run.label })}
        aria-pressed=${String(selected)}
        @click=${() => host.select(index)}
      >
        ${run.label}
      </button>
      <span class="spacer"></span>
      <button
        type="button"
        class="icon"
        aria-label=${t(lang, 'moreSettingsFor', { name: run.label })}
        aria-expanded=${String(host.expanded.has(index))}
        title=${t(lang, 'moreSettings')}
        @click=${() => host.toggleMore(index)}
      >
        ⋯
      </button>
      <button
        type="button"
        class="icon"
        aria-label=${t(lang, 'removeNamed', { name: run.label })}
        title=${t(lang, 'remove')}
        @click=${() => host.remove(index)}
      >
        ×
      </button>
    </div>
    ${hasLr
      ? html`<div class="lr">
          <label for=${`lr-${index}`}>${t(lang, 'lr')}</label>
          <input
            id=${`lr-${index}`}
            type="range"
            min=${LR_MIN_EXP}
            max=${LR_MAX_EXP}
            step="0.01"
            .value=${String(Math.log10(Math.max(lr, 10 ** LR_MIN_EXP)))}
            aria-valuetext=${t(lang, 'lrValue', { v: formatNumber(lr) })}
            @input=${(e: Event) => host.setHyper(index, 'lr', twoDigits(10 ** Number((e.target as HTMLInputElement).value)))}
          />
          <output for=${`lr-${index}`}>${formatNumber(lr)}</output>
          ${lrError ? html`<span class="field-error" part="error field-error">${lrError}</span>` : nothing}
        </div>`
      : nothing}
    ${host.extras?.(host, run)}
    ${badge === nothing ? nothing : html`<div class="badge-line">${badge}</div>`}
    ${run.error ? html`<div class="field-error" part="error field-error">${messageText(run.error, lang)}</div>` : nothing}
    ${host.expanded.has(index) ? (settings?.hyperFields(host, run) ?? html`<div class="more" aria-busy="true"></div>`) : nothing}
  </li>`;
}

/**
 * The rows are a plain array of templates, not lit's repeat(), here and in the maps and charts:
 * lit-html 3.3's removePart() takes out a removed item's content and start marker but leaves its
 * end marker comment in the DOM, one node more per removed run for as long as the page lives
 * (issue #10). Runs are keyed by entry index, their position, so repeat() moved nothing anyway.
 */
/** A picker's entry. */
const option = (id: string) => html`<option value=${id}>${getPreset(id).label}</option>`;

export function optimizerList(host: OptimizerListHost) {
  const lang = host.lang;
  // The catalog's presets, in groups, once it is here (focusing the picker fetches it).
  const groups = pickerGroups();
  return html`<h2 id="opt-heading">${t(lang, 'optimizers')}</h2>
    <ul class="optimizers" aria-labelledby="opt-heading">
      ${host.runs.map((r) => row(host, r))}
    </ul>
    <label class="field add"
      >${t(lang, 'add')}
      <select
        aria-label=${t(lang, 'addLabel')}
        @focus=${host.more}
        ?disabled=${!!host.addFull}
        @change=${(e: Event) => {
          const select = e.target as HTMLSelectElement;
          const kind = select.value;
          select.value = '';
          host.add(kind);
        }}
      >
        <option value="">${host.addFull ?? t(lang, 'addPlaceholder')}</option>
        ${groups ? groups.map((g) => html`<optgroup label=${g[lang]}>${g.ids.map(option)}</optgroup>`) : presetIds.filter(isPresetId).map(option)}
      </select></label
    >`;
}
