import { css } from 'lit';

export const styles = css`
  [part~='error'] {
    margin: 0 0 6px;
    padding: 6px 10px;
    border: 1px solid #e0a3a3;
    background: #fdf1f1;
    color: #8a1c1c;
    border-radius: 6px;
    font-size: 12px;
  }
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
  [part~='loss-curve'],
  [part~='batch-loss'] {
    fill: none;
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  [part~='batch-loss'] {
    stroke-width: 2;
    stroke-linecap: round;
    stroke-opacity: 0.25;
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
  .blowup {
    stroke-width: 2;
    fill: none;
  }
`;
