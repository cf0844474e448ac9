/**
 * The loss chart's hover: the tooltip with every run's loss at the step under the pointer, and
 * which curve the pointer is on. Its styles are added on the first hover. (A lazy chunk for this
 * made rolldown move core/optimizers out of descent-lab.js into an eagerly loaded common chunk,
 * so it stays in the bundle.)
 */
import { css, html } from 'lit';
import { lossY, type LossScale } from '../../render/loss';
import { headPath, KEY_AREA } from '../../render/run-markers';
import { formatNumber } from '../../render/ticks';
import { styleProps } from '../shared/style-props';
import type { PanelRun } from '../shared/types';

/** The run whose curve passes within 8 px of `py` (plot pixels) at step `k` (the nearest), or null. */
export function nearestCurve(runs: readonly PanelRun[], y: LossScale, k: number, py: number): string | null {
  let near: string | null = null;
  let best = 8;
  for (const r of runs) {
    const loss = r.trajectory.loss;
    const d = Math.abs(lossY(loss[Math.min(k, loss.length - 1)], y) - py);
    if (d <= best) {
      best = d;
      near = r.key;
    }
  }
  return near;
}

/**
 * The tooltip for step `k`, whose x (in the element) is `x`: beside it, on the side with room.
 * Each row: the run's marker, label and loss at k (three significant digits). `stepText` is
 * "step k" in the UI's language.
 */
export function tooltip(
  runs: readonly PanelRun[],
  k: number,
  x: number,
  box: { readonly width: number; readonly left: number; readonly plotWidth: number; readonly top: number },
  highlighted: string | null,
  stepText: string,
) {
  const right = x < box.left + box.plotWidth / 2;
  const place = right ? { left: `${Math.round(x + 10)}px` } : { right: `${Math.round(box.width - x + 10)}px` };
  return html`<div part="tooltip" class="tooltip" style=${styleProps({ ...place, top: `${box.top}px` })}>
    <div class="tooltip-step">${stepText}</div>
    ${runs.map((r) => {
      const loss = r.trajectory.loss;
      const v = loss[Math.min(k, loss.length - 1)];
      const colour = styleProps({ fill: r.color, stroke: r.color });
      return html`<div class="tooltip-row ${highlighted === null ? '' : highlighted === r.key ? 'hl' : 'dim'}" data-key=${r.key}>
        <svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true">
          <path d=${headPath(r.index ?? 0, KEY_AREA * 0.8)} style=${colour}></path></svg
        ><span class="tooltip-name">${r.label}</span><span class="tooltip-value">${formatNumber(v)}</span>
      </div>`;
    })}
  </div>`;
}

const hoverStyles = css`
  .tooltip {
    position: absolute;
    pointer-events: none;
    background: var(--descent-control-bg, #fff);
    color: var(--descent-text, #222);
    border: 1px solid var(--descent-control-border, rgba(0, 0, 0, 0.2));
    border-radius: 4px;
    padding: 3px 6px;
    font-size: 11px;
    line-height: 1.35;
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15);
    z-index: 1;
    white-space: nowrap;
  }
  .tooltip-step {
    color: var(--descent-muted, #555);
  }
  .tooltip-row {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .tooltip-row svg {
    flex: none;
    overflow: visible;
    cursor: inherit;
  }
  .tooltip-row path {
    stroke: var(--descent-marker-fill, #fff) !important;
    stroke-width: 0.8;
    fill-rule: evenodd;
  }
  .tooltip-name {
    flex: 1;
  }
  .tooltip-value {
    font-variant-numeric: tabular-nums;
    margin-left: 8px;
  }
  .tooltip-row.dim {
    opacity: 0.6;
  }
  .tooltip-row.hl {
    font-weight: 600;
  }
`;

/**
 * Adds the hover styles to the chart's shadow root: a constructed stylesheet beside the
 * element's own (CSP-safe), or a <style> element where a browser has no adoptedStyleSheets.
 */
export function adoptHoverStyles(root: HTMLElement | DocumentFragment): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheet = hoverStyles.styleSheet;
  if (sheet && Array.isArray(root.adoptedStyleSheets)) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = hoverStyles.cssText;
  root.append(style);
}
