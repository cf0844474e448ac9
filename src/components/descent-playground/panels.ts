/**
 * The playground's main area: every run on one `<descent-surface>` (overlay) or one synchronized
 * panel per run (grid; map: with each run's basin map under it, map-layout.ts), sized by layout.ts, with the critical-point legend under them. Pure
 * templates over the host's state, like optimizer-list.ts.
 */
import { html, nothing } from 'lit';
import type { Point, Surface } from '../../core/types';
import { criticalKinds, criticalSymbol } from '../../render/markers';
import type { Layout } from '../../state/config';
import { t, type Lang } from '../../i18n/index';
import { styleProps } from '../shared/style-props';
import type { PanelRun } from '../shared/types';
import '../descent-surface/descent-surface';
import { panelLayout, type MainSize } from './layout';
import { headPath, KEY_AREA } from '../../render/run-markers';
import { divergedBadge, type EntryRun } from './optimizer-list';
import type { InspectMark } from '../../render/inspect';

/** The map layout's head (progress and legend) height allowed for. */
const MAP_HEAD_H = 48;

export interface PanelsHost {
  readonly lang: Lang;
  readonly theme: string | null;
  readonly surface: Surface;
  readonly start: Point;
  readonly layout: Layout;
  readonly entryRuns: readonly EntryRun[];
  readonly panelRuns: readonly PanelRun[];
  /** The step whose "diverged" badges show. */
  readonly step: number;
  readonly main: MainSize;
  /** The highlighted run's key (undefined: none). */
  readonly highlight: string | undefined;
  /** Whether the maps show the runs' inner state, and which kind of its marks is pointed at. */
  readonly inspect: boolean;
  readonly inspectMark: InspectMark | null;
  /** The legend of the inner-state marks, once its chunk is here (in the strip; the panels show none of their own). */
  inspectLegend(): unknown;
  /** The map layout's part (map-layout.ts, a lazy chunk), once it is here: each panel's basins, and its progress and legend. */
  readonly map?: { basins(run: PanelRun, width: number): HTMLCanvasElement | undefined; readonly header: unknown };
  /** The run legend strip above the panels (highlight.ts), and its measured height. */
  readonly legend: unknown;
  readonly legendHeight: number;
}

/** Symbols for the kinds of critical point this surface has (the panels draw no legend of their own). */
function legendRow(surface: Surface, lang: Lang) {
  const kinds = criticalKinds.filter((k) => surface.critical.some((c) => c.kind === k));
  if (!kinds.length) return nothing;
  return html`<div class="legend-row" role="group" aria-label=${t(lang, 'criticalPoints')}>
    ${kinds.map(
      (k) => html`<span
        ><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
          <path class="marker" d=${criticalSymbol(k, 'key')}></path></svg
        >${t(lang, k)}</span
      >`,
    )}
  </div>`;
}

export function surfacePanels(host: PanelsHost) {
  const { surface, start, layout, lang, step } = host;
  const runs = host.panelRuns;
  if (!host.main.width) return nothing;
  const { highlight } = host;
  // The panels share the main area's height with the legend strip above them: the runs' keys, and
  // with `inspect` the marks' (measured with it, so the map leaves room for them on every width).
  const legend = html`<div class="strip">${host.legend}${host.inspect ? (host.inspectLegend() ?? nothing) : nothing}</div>`;
  const main = { width: host.main.width, height: Math.max(0, host.main.height - host.legendHeight) };
  const parts = 'surface, contours, trajectory, head, start-handle, critical-point, legend, inspect, inspect-scale';
  const theme = host.theme ?? nothing;
  // Sizes and colours through styleProps (CSSOM): a strict CSP refuses style attributes.
  if (layout === 'overlay') {
    const { width } = panelLayout(surface, 1, true, main);
    const badges = host.entryRuns.map((r) => divergedBadge(r, step, lang, true)).filter((b) => b !== nothing);
    return html`${legend}<descent-surface
        part="panel"
        exportparts=${parts}
        style=${styleProps({ width: `${width}px` })}
        no-legend
        no-run-legend
        lang=${lang}
        theme=${theme}
        .highlight=${highlight}
        .surface=${surface}
        .start=${start}
        .runs=${runs}
        ?inspect=${host.inspect}
        no-inspect-legend
        .inspectMark=${host.inspectMark}
        >${badges.length ? html`<div class="badges">${badges}</div>` : nothing}</descent-surface
      >${legendRow(surface, lang)}`;
  }
  const map = layout === 'map' ? host.map : undefined;
  // (The map layout's progress and legend take about two lines above the panels.)
  // (Allowed for from the switch on, before its chunk is here: the panels keep their size then.)
  const { width, columns } = panelLayout(surface, runs.length, false, layout === 'map' ? { ...main, height: Math.max(0, main.height - MAP_HEAD_H) } : main);
  return html`${legend}${map?.header ?? nothing}<div class="grid" style=${styleProps({ 'grid-template-columns': `repeat(${columns}, ${width}px)` })}>
      ${runs.map(
        (r) => html`<descent-surface
          part="panel"
          exportparts=${parts}
          no-axes
          no-legend
          no-run-legend
          lang=${lang}
          theme=${theme}
          .highlight=${highlight}
          .surface=${surface}
          .start=${start}
          .runs=${[r]}
          .basins=${map?.basins(r, width)}
          ?inspect=${host.inspect}
          no-inspect-legend
          .inspectMark=${host.inspectMark}
        >
          <span class="panel-title" style=${styleProps({ '--c': r.color })}
            ><svg class="title-marker" width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true">
              <path d=${headPath(r.index ?? 0, KEY_AREA * 0.8)}></path></svg
            >${r.label} ${divergedBadge(r, step, lang)}</span
          >
        </descent-surface>`,
      )}
    </div>
    ${legendRow(surface, lang)}`;
}
