/**
 * The playground's toolbar (the `controls` part): surface picker and the expression field,
 * "Default race" (restores the surface's race: runners, start, steps, speed), layout, "Copy embed
 * code", "Export" (its menu: export/menu.ts), then playback (play, next step, reset: back to step 0 only) (play, next step, reset, timeline, readout), speed and
 * steps. Pure templates over the host's state and callbacks, like optimizer-list.ts; the inputs'
 * values are checked here, so the host receives only usable ones.
 */
import { html, nothing } from 'lit';
import type { Surface } from '../../core/types';
import { isSurfaceId, layouts, maxStepsFor, surfaceIds, type Config, type Layout } from '../../state/config';
import { surfaceLabels, type SurfaceId } from '../../state/surfaces';
import { parseSteps } from '../../state/parse';
import { surfaceName, surfaceText, t, type Lang } from '../../i18n/index';

/** The surface picker's value for a typed-in surface. */
const CUSTOM = 'custom';

const SPEEDS = [10, 30, 60, 120, 250, 500, 1000];

export type CopyStatus = 'copied' | 'copyFailed' | '';

/** What "Copy embed code" last did (see embed-copy.ts, loaded on the first click). */
export interface CopyState {
  readonly status: CopyStatus;
  /** The embed code, shown for copying by hand when the clipboard refused it. */
  readonly shown: string | undefined;
  /** Its field (selected for copying by hand) while `shown`. */
  fallback(lang: Lang): unknown;
}

export interface ToolbarHost {
  readonly lang: Lang;
  readonly config: Config;
  /** The surface shown (the catalog one while a typed-in one waits for the compiler). */
  readonly surface: Surface;
  /** The expression field is shown: "Custom expression…" chosen, or a typed-in surface in use. */
  readonly custom: boolean;
  readonly playing: boolean;
  readonly copy: CopyState | undefined;
  /** Copies the embed code ("Copy embed code"). */
  copyEmbed(): void;
  /** The Export menu's dialog, once it has loaded (export/menu.ts). */
  readonly exportMenu: unknown;
  /** Opens or closes the Export menu (loading it the first time). */
  toggleExport(): void;
  /** The expression field's template (ExpressionField.render). */
  renderField(): unknown;
  pickSurface(id: SurfaceId): void;
  openCustom(): void;
  setLayout(layout: Layout): void;
  /** Shows or hides the runs' inner state ("Inner state"). */
  setInspect(on: boolean): void;
  play(): void;
  pause(): void;
  /** One step on from the playback step. */
  stepForward(): void;
  /** Back to step 0 (playback only; the race stays as it is). */
  reset(): void;
  /** The race differs from the surface's default (runners, start, steps or speed). */
  readonly raceChanged: boolean;
  /** Restores the surface's default race. */
  restoreRace(): void;
  seek(step: number): void;
  setSpeed(speed: number): void;
  setSteps(steps: number): void;
}

export function toolbar(host: ToolbarHost) {
  const { config: c, surface, lang, custom, playing } = host;
  const { note } = surfaceText(surface, lang);
  const speeds = SPEEDS.includes(c.speed) ? SPEEDS : [...SPEEDS, c.speed].sort((a, b) => a - b);
  const layoutButton = (l: Layout) =>
    html`<button
      type="button"
      aria-pressed=${String(c.layout === l)}
      data-layout=${l}
      @click=${() => c.layout !== l && host.setLayout(l)}
    >
      ${t(lang, l)}
    </button>`;
  const onSurface = (e: Event) => {
    const id = (e.target as HTMLSelectElement).value;
    if (id === CUSTOM) host.openCustom();
    else if (isSurfaceId(id)) host.pickSurface(id);
  };
  const onSpeed = (e: Event) => {
    const speed = Number((e.target as HTMLSelectElement).value);
    if (speed > 0) host.setSpeed(speed);
  };
  const onSteps = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const parsed = parseSteps(input.value);
    // A bad value is not kept: the input shows the steps in use again. More steps than the runs
    // may take in all (MAX_TOTAL_STEPS) are cut to what they may.
    const fit = parsed.ok ? Math.min(parsed.value, maxStepsFor(c.optimizers.length)) : c.steps;
    input.value = String(fit);
    if (parsed.ok) host.setSteps(fit);
  };
  return html`<div part="controls">
    <div class="row">
      <label class="field"
        >${t(lang, 'surface')}
        <select @change=${onSurface} aria-label=${t(lang, 'surface')}>
          ${surfaceIds.map((id) => html`<option value=${id} ?selected=${!custom && id === surface.id}>${surfaceName(id, surfaceLabels[id], lang)}</option>`)}
          <option value=${CUSTOM} ?selected=${custom}>${t(lang, 'customExpression')}</option>
        </select></label
      >
      <button
        type="button"
        part="restore-race"
        ?disabled=${!host.raceChanged}
        @click=${() => host.restoreRace()}
      >
        ${t(lang, 'restoreRace')}
      </button>
      <span class="note" title=${note}>${note}</span>
      <span class="field" id="layout-label">${t(lang, 'layout')}</span>
      <span class="segmented" role="group" aria-labelledby="layout-label">${layouts.map(layoutButton)}</span>
      <button
        type="button"
        part="inspect-toggle"
        aria-pressed=${c.inspect ? 'true' : 'false'}
        @click=${() => host.setInspect(!c.inspect)}
      >
        ${t(lang, 'inspect')}
      </button>
      <button type="button" part="copy-embed" @click=${() => host.copyEmbed()} aria-describedby="copy-status">
        ${t(lang, 'copyEmbed')}
      </button>
      <span id="copy-status" class="copy-status" role="status">${host.copy?.status ? t(lang, host.copy.status) : ''}</span>
      <button type="button" part="export-button" aria-haspopup="dialog" @click=${() => host.toggleExport()}>
        ${t(lang, 'export')}
      </button>
    </div>
    ${host.exportMenu ?? nothing}
    ${host.copy?.fallback(lang) ?? nothing}
    ${custom ? host.renderField() : nothing}
    <div class="row">
      <button
        type="button"
        class="primary"
        part="play"
        aria-label=${t(lang, playing ? 'pause' : 'play')}
        @click=${() => (playing ? host.pause() : host.play())}
      >
        ${playing ? '❚❚' : '▶'} ${t(lang, playing ? 'pause' : 'play')}
      </button>
      <button type="button" part="step-button" aria-label=${t(lang, 'nextStep')} @click=${() => host.stepForward()}>
        ${t(lang, 'stepButton')} ›
      </button>
      <button type="button" part="reset" aria-label=${t(lang, 'resetLabel')} @click=${() => host.reset()}>↺ ${t(lang, 'reset')}</button>
      <input
        type="range"
        part="timeline"
        aria-label=${t(lang, 'timeline')}
        min="0"
        max=${c.steps}
        step="1"
        @input=${(e: Event) => host.seek(Number((e.target as HTMLInputElement).value))}
      />
      <span class="readout" part="step-readout" aria-live="off"></span>
      <label class="field"
        >${t(lang, 'speed')}
        <select @change=${onSpeed} aria-label=${t(lang, 'speedLabel')}>
          ${speeds.map((v) => html`<option value=${v} ?selected=${v === c.speed}>${t(lang, 'speedOption', { n: v })}</option>`)}
        </select></label
      >
      <label class="field"
        >${t(lang, 'steps')}
        <input
          type="number"
          min="1"
          max=${maxStepsFor(c.optimizers.length)}
          step="50"
          .value=${String(c.steps)}
          @change=${onSteps}
          aria-label=${t(lang, 'stepsLabel')}
      /></label>
    </div>
  </div>`;
}
