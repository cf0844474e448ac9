import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
    font: 13px/1.4 var(--descent-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--descent-text, #1d1d1f);
    background: var(--descent-bg, transparent);
    --descent-muted: #5f6368;
    --descent-line: #e3e3e8;
    --descent-panel: #fafafc;
    --descent-focus: #1a73e8;
    --descent-accent: #1d1d1f;
    /* Korean breaks between words, as Korean prose does, not between any two syllables. */
    word-break: keep-all;
    overflow-wrap: break-word;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--descent-focus);
    outline-offset: 1px;
  }
  /*
   * The height follows the width (an aspect ratio per width band, or --descent-aspect-ratio),
   * whatever the content: a page can reserve it before the element upgrades, and nothing inside
   * changes it. min-height: 0 keeps content from stretching the ratio.
   */
  .shell {
    display: grid;
    grid-template-columns: 270px minmax(0, 1fr) 300px;
    grid-template-rows: auto auto minmax(0, 1fr);
    grid-template-areas: 'errors errors errors' 'controls controls controls' 'side main aside';
    gap: 10px 18px;
    aspect-ratio: var(--descent-aspect-ratio, 16 / 9);
    height: var(--descent-height, auto);
    min-height: 0;
    /* A set --descent-height must not widen the box through the aspect ratio. */
    width: 100%;
  }
  /*
   * Far offscreen, not rendered at all once drawn (see drawn in descent-playground.ts). While it
   * is skipped its height is the one last rendered (contain-intrinsic-size: auto, recorded while
   * it was rendered). Its paint containment would clip the focus rings of the controls at the
   * edges: a clip margin keeps them, and without one (Safari) the element stays as it was.
   */
  :host {
    contain-intrinsic-block-size: auto none;
  }
  @supports (overflow-clip-margin: 3px) {
    :host(:state(drawn)),
    :host(:state(drawn)) .shell {
      content-visibility: auto;
      overflow-clip-margin: 3px;
    }
  }
  @container (max-width: 979.98px) {
    .shell {
      aspect-ratio: var(--descent-aspect-ratio, 7 / 6);
    }
  }
  @container (max-width: 639.98px) {
    .shell {
      aspect-ratio: var(--descent-aspect-ratio, 9 / 16);
    }
  }
  /*
   * Refusals take at most about three lines of the widget's fixed height (their own scroll box
   * past that, with the scroll cue below): five bad attributes on a phone must not shrink the
   * map to a strip.
   */
  .shell > [part~='error'] {
    grid-area: errors;
    max-height: calc(3 * 1.3em + 14px);
    overflow-y: auto;
    line-height: 1.3;
    /* Its scroll cue (below) fades less: the box is short. */
    --cue: 20px;
    --cue-end: 0px;
  }
  .shell > [part~='controls'] {
    grid-area: controls;
  }
  .side {
    grid-area: side;
  }
  .main {
    grid-area: main;
  }
  .aside {
    grid-area: aside;
  }
  /*
   * Each region its own paint layer (a stacking context; nothing is clipped): a frame that
   * redraws the map or the loss chart then re-records only what changed, not the optimizer
   * list and the rule around it (a Chromium trace of a drag with 12 runs: paint 1.4 → 0.5 ms,
   * pre-paint 0.55 → 0.3 ms per frame). Not the toolbar: its expression errors open over the map.
   */
  .side,
  .main > *,
  .aside > * {
    isolation: isolate;
  }
  .shell.medium {
    grid-template-columns: minmax(0, 1fr) 260px;
    grid-template-rows: auto auto minmax(0, 1fr) auto;
    grid-template-areas: 'errors errors' 'controls controls' 'main aside' 'disclosures disclosures';
    gap: 8px 14px;
  }
  /*
   * Narrow: the map as tall as it draws (no band under it), the disclosure buttons, the controls,
   * then whatever height is left over (rest). An open sheet is a bottom sheet over the controls
   * and the rest: the map stays in view while a learning rate is tuned or the chart scrubbed.
   */
  .shell.narrow {
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto auto auto auto minmax(0, 1fr);
    grid-template-areas: 'errors' 'main' 'disclosures' 'controls' 'rest';
    gap: 8px;
  }
  .shell.narrow > [part~='controls'] {
    padding: 8px 0 0;
    border-bottom: 0;
    border-top: 1px solid var(--descent-line);
  }
  .rest {
    grid-area: rest;
    min-height: 0;
  }
  .shell.narrow > .sheet {
    grid-area: auto;
    grid-row: controls-start / rest-end;
    grid-column: 1 / -1;
  }
  /* Medium: the optimizer list opens over the details column, beside the map. */
  .shell.medium > .sheet {
    grid-area: aside;
  }
  /* The surface's note wraps rather than being cut; on a phone, on a line of its own. */
  .shell .note {
    white-space: normal;
    overflow: visible;
  }
  .shell.narrow .note {
    flex-basis: 100%;
  }
  .disclosures {
    grid-area: disclosures;
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  /* An open sheet covers a part of the grid (never the map), so opening it never changes the height. */
  .sheet {
    z-index: 1;
    min-height: 0;
    overflow: auto;
    background: var(--descent-bg, #fff);
    border: 1px solid var(--descent-line);
    border-radius: 6px;
    padding: 8px;
  }
  /*
   * A scroll cue on the boxes that scroll: while there is more below, their last lines fade out
   * (so the line at the bottom edge never shows cut in half). A scroll-driven animation drops the
   * fade at the end of the scroll; a box that does not scroll has an inactive timeline, no fade.
   * Only on screen (the onscreen state, see setState in descent-playground.ts).
   */
  @keyframes descent-scroll-cue {
    from,
    98% {
      mask-image: linear-gradient(to bottom, #000 calc(100% - var(--cue, 40px)), transparent calc(100% - var(--cue-end, 10px)));
    }
    to {
      mask-image: none;
    }
  }
  :host(:state(onscreen)) .sheet,
  :host(:state(onscreen)) .shell > [part~='error'],
  :host(:state(onscreen)) .aside > [part~='rule'],
  :host(:state(onscreen)) .aside > .story {
    animation: descent-scroll-cue linear both;
    animation-timeline: scroll(self block);
  }
  .sheet > .side,
  .sheet > .aside {
    overflow: visible;
  }
  .copy-status {
    color: var(--descent-muted);
    font-size: 12px;
  }
  .marker {
    fill: var(--descent-marker-fill, #fff);
    stroke: var(--descent-marker-stroke, #222);
    stroke-width: 1.2;
  }
  [part~='error'] {
    margin: 0;
    padding: 6px 10px;
    border: 1px solid #e0a3a3;
    background: #fdf1f1;
    color: #8a1c1c;
    border-radius: 6px;
    font-size: 12px;
  }
  [part~='error'] ul {
    margin: 0;
    padding-left: 16px;
  }
  /* ---- toolbar ---- */
  [part~='controls'] {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-bottom: 8px;
    border-bottom: 1px solid var(--descent-line);
  }
  .row {
    display: flex;
    align-items: center;
    gap: 8px 12px;
    flex-wrap: wrap;
    min-width: 0;
  }
  .note {
    flex: 1 1 200px;
    min-width: 0;
    color: var(--descent-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  label.field {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--descent-muted);
    white-space: nowrap;
  }
  /* Labels and buttons are one line each: none wraps (nor stacks one syllable per line). */
  button,
  label,
  h2,
  .legend-row span,
  .panel-title {
    white-space: nowrap;
  }
  select,
  input[type='number'],
  button {
    font: inherit;
    color: inherit;
  }
  select,
  input[type='number'] {
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    background: var(--descent-control-bg, #fff);
    padding: 2px 6px;
    height: 26px;
  }
  input[type='number'] {
    width: 76px;
  }
  button {
    border: 1px solid var(--descent-control-border, #c9c9d0);
    background: var(--descent-control-bg, #fff);
    border-radius: 5px;
    height: 26px;
    padding: 0 9px;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  button:hover {
    background: var(--descent-control-hover, #f2f2f5);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.primary {
    background: var(--descent-accent);
    border-color: var(--descent-accent);
    color: var(--descent-accent-text, #fff);
    min-width: 74px;
    justify-content: center;
  }
  button.primary:hover {
    background: var(--descent-accent);
    opacity: 0.85;
  }
  .segmented {
    display: inline-flex;
    border: 1px solid var(--descent-control-border, #c9c9d0);
    border-radius: 5px;
    overflow: hidden;
  }
  .segmented button {
    border: 0;
    border-radius: 0;
    height: 24px;
  }
  .segmented button[aria-pressed='true'],
  [part~='inspect-toggle'][aria-pressed='true'] {
    background: var(--descent-accent);
    color: var(--descent-accent-text, #fff);
  }
  [part~='timeline'] {
    flex: 1 1 200px;
    min-width: 120px;
    accent-color: var(--descent-accent);
  }
  .readout {
    font-variant-numeric: tabular-nums;
    color: var(--descent-muted);
    min-width: 96px;
    white-space: nowrap;
  }
  /* ---- optimizer list ---- */
  .side {
    min-height: 0;
    overflow: auto;
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding-right: 4px;
  }
  h2 {
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--descent-muted);
    margin: 2px 0 2px;
    font-weight: 600;
  }
  ul.optimizers {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  li.opt {
    border-radius: 6px;
    padding: 3px 6px 4px;
    border: 1px solid transparent;
  }
  li.opt.selected {
    background: var(--descent-panel);
    border-color: var(--descent-line);
  }
  li.opt.off .name {
    opacity: 0.5;
  }
  .opt-head {
    display: flex;
    align-items: center;
    gap: 5px;
    min-width: 0;
  }
  .opt-head input[type='checkbox'] {
    margin: 0;
    accent-color: var(--c);
  }
  .swatch {
    width: 14px;
    height: 3px;
    border-radius: 2px;
    background: var(--c);
    flex: none;
  }
  button.name {
    border: 0;
    background: none;
    padding: 0 2px;
    height: 20px;
    font-weight: 600;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    flex: 0 1 auto;
    display: block;
  }
  button.name:hover {
    text-decoration: underline;
    background: none;
  }
  .spacer {
    flex: 1;
  }
  button.icon {
    border: 0;
    background: none;
    width: 22px;
    height: 20px;
    padding: 0;
    justify-content: center;
    color: var(--descent-muted);
    font-size: 14px;
  }
  button.icon:hover {
    background: var(--descent-control-hover, #ececf1);
  }
  [part~='badge'] {
    font-size: 10.5px;
    font-weight: 600;
    color: #fff;
    background: #b3261e;
    border-radius: 9px;
    padding: 0 6px;
    white-space: nowrap;
    line-height: 16px;
  }
  .badge-line {
    padding: 2px 0 0 19px;
  }
  .lr {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) 52px;
    align-items: center;
    gap: 6px;
    padding-left: 19px;
    color: var(--descent-muted);
    font-size: 12px;
  }
  .lr input[type='range'] {
    width: 100%;
    margin: 0;
    accent-color: var(--c);
  }
  .lr output {
    font-variant-numeric: tabular-nums;
    text-align: right;
    color: var(--descent-text, #1d1d1f);
  }
  .add {
    margin-top: 4px;
  }
  /* ---- main: panels ---- */
  .main {
    min-height: 0;
    min-width: 0;
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
  }
  .pending {
    margin: auto;
    color: var(--descent-muted);
  }
  .grid {
    display: grid;
    gap: 8px;
    justify-content: center;
    align-content: start;
  }
  .panel-title {
    display: inline-flex;
    gap: 6px;
    align-items: center;
    font-size: 12px;
    font-weight: 600;
    background: var(--descent-halo, rgba(255, 255, 255, 0.85));
    border-radius: 4px;
    padding: 1px 6px;
    pointer-events: none;
  }
  .panel-title .title-marker {
    flex: none;
    overflow: visible;
  }
  .panel-title .title-marker path {
    fill: var(--c);
    stroke: var(--descent-marker-fill, #fff);
    stroke-width: 0.8;
    fill-rule: evenodd;
  }
  .badges {
    display: flex;
    flex-direction: column;
    gap: 3px;
    align-items: flex-start;
    pointer-events: none;
  }
  .main > .strip {
    align-self: stretch;
    margin-bottom: 4px;
  }
  .strip > * {
    justify-content: center;
  }
  .legend-row {
    display: flex;
    gap: 4px 14px;
    flex-wrap: wrap;
    font-size: 11px;
    color: var(--descent-muted);
    margin-top: 6px;
    justify-content: center;
  }
  .legend-row span {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  /* ---- aside: story, loss chart, rule ---- */
  /*
   * The story and the loss chart keep their size; the rule panel takes the rest and scrolls
   * itself when its text is longer (so a wheel over the chart always scrolls the page).
   */
  .aside {
    min-height: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .aside > * {
    flex: none;
  }
  /* A long story shrinks (and scrolls) before anything is cut; the rule panel first. */
  .aside > .story {
    flex: 0 1 auto;
    min-height: 4.5em;
    overflow-y: auto;
  }
  .aside > [part~='rule'] {
    flex: 0 1000 auto;
    min-height: 0;
    overflow-y: auto;
  }
  .story {
    margin: 0;
    color: var(--descent-text, #1d1d1f);
    font-size: 12.5px;
  }
  [part~='rule'] {
    border-top: 1px solid var(--descent-line);
    padding-top: 8px;
  }
  [part~='rule'] h3 {
    margin: 0 0 2px;
    font-size: 14px;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  [part~='rule'] h3 small {
    font-weight: 400;
    color: var(--descent-muted);
    font-size: 11px;
  }
  [part~='rule'] p {
    margin: 4px 0;
    font-size: 12.5px;
  }
  /*
   * The rule: a <math> per side of each row (rendered at build time), in a grid aligned on the
   * relation, since MathML Core does not align mtable columns. The font follows the column's
   * width (container units) so the widest row fits a 300px column; never a scrollbar.
   */
  .math {
    container-type: inline-size;
    padding: 4px 0;
  }
  .rows.pending {
    min-height: calc(var(--rows, 3) * 1.9em);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
