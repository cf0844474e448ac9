/**
 * How `<descent-playground>` fits its width: which band it is in, how its parts are arranged in
 * that band, and how large the surface panels can be in the main area. Pure functions of
 * measured sizes, so the element measures once and every template reads the same numbers.
 */
import { html, nothing } from 'lit';
import type { Surface } from '../../core/types';
import { panelHeight } from '../../render/scales';
import { t, type Lang } from '../../i18n/index';

/**
 * Width bands (the element's own width): three columns from 980px; from 640px the map and the
 * details side by side, the optimizer list behind a disclosure button; below, the map first and
 * both lists behind disclosure buttons. The styles' container queries use the same bands.
 */
const MEDIUM_BELOW = 980;
const NARROW_BELOW = 640;

export type Band = 'wide' | 'medium' | 'narrow';

/** Narrow layouts: which sheet is open (over the controls, or the details; never the map). */
export type Sheet = 'none' | 'optimizers' | 'details';

/** A surface panel's axes margins (descent-surface's) and the critical-point legend's height. */
const AXES_W = 52;
const AXES_H = 36;
const LEGEND_H = 24;
const GRID_GAP = 8;

/** The band for the element's width; an unmeasured (0 or NaN) width counts as wide. */
export function bandOf(width: number): Band {
  return !(width > 0) || width >= MEDIUM_BELOW ? 'wide' : width >= NARROW_BELOW ? 'medium' : 'narrow';
}

/** The main area's measured size, in CSS pixels (0 before it is measured). */
export interface MainSize {
  readonly width: number;
  readonly height: number;
}

/** The panel width (and columns) that fits `count` panels of this surface in the main area. */
export function panelLayout(
  surface: Surface,
  count: number,
  axes: boolean,
  main: MainSize,
): { width: number; columns: number } {
  const aspect = panelHeight(surface.domain, 1000) / 1000;
  const W = main.width;
  // The element's height follows its width (an aspect ratio), so the main area has a height
  // in every layout; before it is measured, allow about 1.5 widths.
  const H = main.height > 0 ? main.height - LEGEND_H : 1.5 * W;
  const extraW = axes ? AXES_W : 2;
  const extraH = axes ? AXES_H : 2;
  let best = { plot: 0, columns: 1 };
  for (let cols = 1; cols <= Math.max(1, count); cols++) {
    const rows = Math.ceil(count / cols);
    const byWidth = (W - GRID_GAP * (cols - 1)) / cols - extraW;
    const byHeight = ((H - GRID_GAP * (rows - 1)) / rows - extraH) / aspect;
    const plot = Math.floor(Math.min(byWidth, byHeight));
    if (plot > best.plot) best = { plot, columns: cols };
  }
  return { width: best.plot + extraW, columns: best.columns };
}

/** The playground's parts, rendered; the shell only places them. */
export interface ShellParts {
  readonly errors: unknown;
  readonly controls: unknown;
  /** The optimizer list (its element has id sheet-optimizers, which the disclosure controls). */
  readonly list: unknown;
  readonly main: unknown;
  /** The details: story, loss chart and rule (id sheet-details). */
  readonly aside: unknown;
  readonly announcer: unknown;
}

export interface ShellHost {
  readonly band: Band;
  readonly sheet: Sheet;
  readonly lang: Lang;
  setSheet(sheet: Sheet): void;
}

/** A narrow layout's disclosure button for one of the sheets over the map. */
function disclosure(host: ShellHost, sheet: 'optimizers' | 'details', label: string) {
  const open = host.sheet === sheet;
  return html`<button
    type="button"
    part="disclosure"
    data-sheet=${sheet}
    aria-expanded=${String(open)}
    aria-controls=${`sheet-${sheet}`}
    @click=${() => host.setSheet(open ? 'none' : sheet)}
  >
    <span aria-hidden="true">${open ? '▾' : '▸'}</span> ${label}
  </button>`;
}

/** The parts arranged for the band; the styles' container queries size the same classes. */
export function shell(host: ShellHost, { errors, controls, list, main, aside, announcer }: ShellParts) {
  const { band, sheet, lang } = host;
  if (band === 'wide') {
    return html`<div class="shell">
      ${errors} ${controls} ${list} ${main} ${aside} ${announcer}
    </div>`;
  }
  // Medium: the map and the details side by side; the optimizer list is a sheet over the details,
  // beside the map, behind a disclosure button (the height never changes).
  if (band === 'medium') {
    return html`<div class="shell medium">
      ${errors} ${controls} ${main} ${aside}
      <div class="disclosures">${disclosure(host, 'optimizers', t(lang, 'showOptimizers'))}</div>
      ${sheet === 'optimizers' ? html`<div class="sheet">${list}</div>` : nothing} ${announcer}
    </div>`;
  }
  // Narrow: the map first, as tall as it draws, then the disclosure buttons and the controls, then
  // the height left over (rest; the map's height is measured as main + rest). The optimizer list
  // and the details (loss chart, rule) are bottom sheets over the controls, under the map.
  return html`<div class="shell narrow">
    ${errors} ${main}
    <div class="disclosures">
      ${disclosure(host, 'optimizers', t(lang, 'showOptimizers'))} ${disclosure(host, 'details', t(lang, 'showDetails'))}
    </div>
    ${controls}
    <div class="rest"></div>
    ${sheet === 'optimizers' ? html`<div class="sheet">${list}</div>` : nothing}
    ${sheet === 'details' ? html`<div class="sheet">${aside}</div>` : nothing} ${announcer}
  </div>`;
}
