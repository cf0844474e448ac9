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
  .flat-note {
    margin: 4px 0 0;
    font-size: 12px;
    color: var(--descent-muted, #555);
    word-break: keep-all;
    overflow-wrap: anywhere;
  }
  [part~='error'] {
    margin: 0 0 6px;
    padding: 6px 10px;
    border: 1px solid #e0a3a3;
    background: #fdf1f1;
    color: #8a1c1c;
    border-radius: 6px;
    font-size: 12px;
    overflow-wrap: anywhere;
  }
  [part~='error'] ul {
    margin: 0;
    padding-left: 16px;
  }
  .frame {
    position: relative;
    /* Nothing inside changes the page's layout: redraws stay inside the panel. */
    contain: layout paint style;
  }
  .frame.empty {
    height: 1px;
  }
  .title-slot {
    position: absolute;
  }
  .inert {
    pointer-events: none;
  }
  [part~='basins'] {
    image-rendering: pixelated;
    opacity: 0.82;
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
  /* The inner svg that clips the paths and heads to the plot area. */
  svg.plot-area {
    overflow: hidden;
  }
  .plot-border {
    /* Transparent, not none: the rect takes the presses that move the start. */
    fill: transparent;
    pointer-events: all;
    stroke: var(--descent-line-strong, rgba(0, 0, 0, 0.18));
  }
  .tick line {
    stroke: var(--descent-muted, rgba(0, 0, 0, 0.3));
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
    stroke: var(--descent-halo, rgba(255, 255, 255, 0.85));
    stroke-width: 3.6;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  /* A thin, faint solid line: a dash pattern over a 1000-point path made every drag frame's
     paint measurably slower. */
  .ghost {
    fill: none;
    stroke-width: 1;
    stroke-linejoin: round;
    stroke-opacity: 0.35;
  }
  [part~='trajectory'] {
    fill: none;
    stroke-width: 1.8;
    stroke-linejoin: round;
    stroke-linecap: round;
  }
  [part~='head'] {
    stroke: var(--descent-marker-fill, #fff);
    stroke-width: 1.5;
    fill-rule: evenodd;
    stroke-linejoin: round;
  }
  /* Highlight: the other runs fade; the highlighted path thickens. */
  .dim {
    opacity: 0.16;
  }
  [part~='trajectory'].hl {
    stroke-width: 3;
  }
  .halo.hl {
    stroke-width: 5.5;
  }
  .run-legend {
    margin-bottom: 4px;
  }
  [part~='head'].diverged {
    fill: var(--descent-marker-fill, #fff) !important;
    stroke-width: 2;
  }
  [part~='critical-point'],
  .marker {
    fill: var(--descent-marker-fill, #fff);
    stroke: var(--descent-marker-stroke, #222);
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
    fill: var(--descent-marker-fill, #fff);
    fill-opacity: 0.9;
    stroke: var(--descent-marker-stroke, #222);
    stroke-width: 1.5;
  }
  .handle-dot {
    fill: var(--descent-marker-stroke, #222);
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
    background: var(--descent-halo, rgba(255, 255, 255, 0.82));
    pointer-events: none;
  }
`;
