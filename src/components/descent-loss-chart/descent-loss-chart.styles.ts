import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    font: 11px/1.3 var(--descent-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--descent-muted, #555);
    user-select: none;
    -webkit-user-select: none;
  }
  svg {
    display: block;
    overflow: visible;
    cursor: crosshair;
    touch-action: pan-y;
  }
  .tick line {
    stroke: var(--descent-line, rgba(0, 0, 0, 0.1));
  }
  .tick text,
  .axis-label {
    fill: var(--descent-muted, #555);
    font-size: 10px;
  }
  .frame-line {
    stroke: var(--descent-muted, rgba(0, 0, 0, 0.35));
  }
  [part~='loss-curve'] {
    fill: none;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  [part~='cursor'] {
    stroke: var(--descent-text, #222);
    stroke-width: 1;
    stroke-dasharray: 3 3;
  }
  .preview [part~='cursor'] {
    stroke: var(--descent-focus, #1a73e8);
  }
  [part~='loss-head'] {
    stroke: var(--descent-marker-fill, #fff);
    stroke-width: 1;
    fill-rule: evenodd;
  }
  /* Highlight: the other curves fade; the highlighted one thickens. */
  .dim {
    opacity: 0.2;
  }
  [part~='loss-curve'].hl {
    stroke-width: 2.8;
  }
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
  .tooltip-row.hl {
    font-weight: 600;
  }
  .blowup {
    stroke-width: 2;
    fill: none;
  }
`;
