/**
 * The run legend: one entry per run (its head marker on a short line in its colour, and its
 * label), shared by `<descent-surface>` (standalone) and `<descent-playground>` (one strip for
 * all its panels, so it stays when the optimizer list is folded away). Entries are buttons:
 * pointing at one or focusing it from the keyboard highlights that run in every view; a click or
 * a tap pins the highlight (again: unpins), so it works with touch.
 */
import { css, html, nothing } from 'lit';
import { headPath, KEY_AREA } from '../../render/run-markers';
import { t, type Lang } from '../../i18n/index';
import { styleProps } from './style-props';
import type { HighlightDetail, PanelRun } from './types';

/** Which run is highlighted: the one pointed at or focused, else the pinned one. */
export class Highlight {
  hover: string | null = null;
  pinned: string | null = null;

  get current(): string | null {
    return this.hover ?? this.pinned;
  }

  /** Applies an event's detail; true when the highlighted run changed. */
  apply(detail: HighlightDetail): boolean {
    const before = `${this.current}|${this.pinned}`;
    if (detail.pin) {
      this.pinned = this.pinned === detail.key ? null : detail.key;
      this.hover = null;
    } else {
      this.hover = detail.key;
    }
    return before !== `${this.current}|${this.pinned}`;
  }

  /** Forgets runs that are gone. */
  keep(keys: readonly string[]): void {
    if (this.hover !== null && !keys.includes(this.hover)) this.hover = null;
    if (this.pinned !== null && !keys.includes(this.pinned)) this.pinned = null;
  }
}

/** Fires `descent-highlight` from `target`; true unless a listener took it (preventDefault). */
export function emitHighlight(target: EventTarget, detail: HighlightDetail): boolean {
  return target.dispatchEvent(
    new CustomEvent<HighlightDetail>('descent-highlight', { detail, bubbles: true, composed: true, cancelable: true }),
  );
}

/** `dim` for the runs not highlighted, `hl` for the highlighted one, '' when none is. */
export function highlightClass(key: string, current: string | null | undefined): string {
  return current == null ? '' : current === key ? 'hl' : 'dim';
}

const mouseLike = (e: PointerEvent) => e.pointerType !== 'touch';

/** The legend's entries for `runs`; `emit` reports what the reader does with them. */
export function runLegend(
  runs: readonly PanelRun[],
  state: { readonly current: string | null; readonly pinned: string | null },
  lang: Lang,
  emit: (detail: HighlightDetail) => void,
) {
  if (!runs.length) return nothing;
  return html`<div class="run-legend" part="run-legend" role="group" aria-label=${t(lang, 'runLegend')}>
    ${runs.map((r) => {
      const colour = styleProps({ stroke: r.color, fill: r.color });
      return html`<button
        type="button"
        part="legend-entry"
        class=${highlightClass(r.key, state.current)}
        data-key=${r.key}
        data-optimizer=${r.label}
        aria-pressed=${String(state.pinned === r.key)}
        aria-label=${t(lang, 'highlightRun', { name: r.label })}
        @pointerenter=${(e: PointerEvent) => mouseLike(e) && emit({ key: r.key })}
        @pointerleave=${(e: PointerEvent) => mouseLike(e) && emit({ key: null })}
        @focus=${(e: FocusEvent) => (e.currentTarget as Element).matches(':focus-visible') && emit({ key: r.key })}
        @blur=${() => emit({ key: null })}
        @click=${() => emit({ key: r.key, pin: true })}
      >
        <svg width="20" height="14" viewBox="-10 -7 20 14" aria-hidden="true">
          <line x1="-10" x2="10" style=${colour}></line>
          <path d=${headPath(r.index ?? 0, KEY_AREA)} style=${colour}></path></svg
        ><span class="legend-label">${r.label}</span>
      </button>`;
    })}
  </div>`;
}

/** The legend's styles (each element that renders it adds them). */
export const legendStyles = css`
  .run-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0 2px;
    align-items: center;
    font-size: 11px;
    line-height: 1.2;
  }
  .run-legend button {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    font: inherit;
    color: var(--descent-text, #222);
    background: none;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 1px 3px 1px 1px;
    margin: 0;
    cursor: pointer;
    min-height: 20px;
    white-space: nowrap;
    transition: opacity 0.12s;
  }
  .run-legend button:hover {
    border-color: var(--descent-control-border, rgba(0, 0, 0, 0.2));
  }
  .run-legend button[aria-pressed='true'] {
    border-color: currentColor;
  }
  .run-legend button:focus-visible {
    outline: 2px solid var(--descent-focus, #1a73e8);
    outline-offset: 0;
  }
  .run-legend button.dim {
    opacity: 0.45;
  }
  .run-legend svg {
    position: static;
    display: block;
    overflow: visible;
    flex: none;
  }
  .run-legend line {
    stroke-width: 2;
  }
  .run-legend path {
    stroke: var(--descent-marker-fill, #fff) !important;
    stroke-width: 1;
    fill-rule: evenodd;
  }
`;
