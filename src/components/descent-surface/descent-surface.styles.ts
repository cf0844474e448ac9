import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    font: 11px/1.3 var(--descent-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--descent-muted, #555);
    --descent-head-radius: 4.5px;
    user-select: none;
    -webkit-user-select: none;
  }
  .frame {
    position: relative;
    /* Nothing inside changes the page's layout: redraws stay inside the panel. */
    contain: layout paint style;
  }
  canvas {
    position: absolute;
    display: block;
    border-radius: 2px;
  }
  svg {
    position: absolute;
    left: 0;
    top: 0;
    overflow: visible;
  }
  .plot-border {
    fill: none;
    stroke: rgba(0, 0, 0, 0.18);
  }
  .tick line {
    stroke: rgba(0, 0, 0, 0.3);
  }
  .tick text {
    fill: var(--descent-muted, #555);
    font-size: 10px;
  }
  .axis-label {
    fill: var(--descent-muted, #555);
    font-size: 10px;
    font-style: italic;
  }
  .halo {
    fill: none;
    stroke: rgba(255, 255, 255, 0.85);
    stroke-width: 3.6;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  .ghost {
    fill: none;
    stroke-width: 1.2;
    stroke-dasharray: 1.5 3;
    stroke-linecap: round;
    opacity: 0.55;
  }
  [part~='trajectory'] {
    fill: none;
    stroke-width: 1.8;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  [part~='head'] {
    stroke: #fff;
    stroke-width: 1.5;
  }
  [part~='head'].diverged {
    fill: #fff;
    stroke-width: 2;
  }
  [part~='critical-point'] {
    fill: #fff;
    stroke: #222;
    stroke-width: 1.2;
  }
  [part~='start-handle'] {
    cursor: grab;
    outline: none;
    touch-action: none;
  }
  [part~='start-handle'].dragging {
    cursor: grabbing;
  }
  .handle-hit {
    fill: transparent;
  }
  .handle-ring {
    fill: rgba(255, 255, 255, 0.9);
    stroke: #222;
    stroke-width: 1.5;
  }
  .handle-dot {
    fill: #222;
  }
  .handle-focus {
    fill: none;
    stroke: var(--descent-focus, #1a73e8);
    stroke-width: 2.5;
    opacity: 0;
  }
  [part~='start-handle']:focus-visible .handle-focus {
    opacity: 1;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    margin-top: 6px;
    align-items: center;
  }
  .legend svg {
    position: static;
    will-change: auto;
  }
  .legend span {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .title {
    position: absolute;
    left: 6px;
    top: 4px;
    font-size: 12px;
    font-weight: 600;
    padding: 1px 5px;
    border-radius: 3px;
    background: rgba(255, 255, 255, 0.82);
    pointer-events: none;
  }
`;
