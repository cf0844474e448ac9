/**
 * The inner-state view on a map (`inspect`): at each run's head, the gradient step −γ∇f, the
 * step taken, the velocity or first moment, Nesterov's θ, the points the next step evaluates
 * (L-BFGS's trials, SAM's ascent point) and the adaptive rules' step-size glyph
 * (src/render/inspect.ts says what each is), with a legend and the arrows' display scale. Loaded
 * the first time a map shows it. The marks are made once per render and moved by `apply` at every
 * step, as the heads are, without rendering again.
 */
import { css, html, svg } from 'lit';
import type { PanelScales } from '../../render/scales';
import { nothing } from 'lit';
import { arrowScale, hasGlyph, inspectVectors, isRecorded, marksOf, symbolRows, type InspectMark, type SymbolRow } from '../../render/inspect';
import type { Point, Trajectory } from '../../core/types';
import { formatNumber } from '../../render/ticks';
import { optimizers } from '../../core/optimizers/index';
import type { HighlightDetail, PanelRun, StepDetail } from '../shared/types';
import { styleProps } from '../shared/style-props';
import { addStrings, isLoaded, t, type Lang, type StringKey } from '../../i18n/index';
import { koInspect } from '../../i18n/ko-inspect';
import { adopt } from '../shared/lazy-chunk';
import { afterFrame } from '../shared/after-frame';
import { enInspect } from '../../i18n/en-inspect';

addStrings('en', enInspect);

let koAdded = false;

/** t(), with this view's Korean (ko-inspect.ts) added to the Korean set once that set is here. */
function tr(lang: Lang, key: StringKey, params?: Readonly<Record<string, string | number>>): string {
  if (lang === 'ko' && !koAdded && isLoaded('ko')) {
    addStrings('ko', koInspect);
    koAdded = true;
  }
  return t(lang, key, params);
}

/**
 * The marks' look, adopted by the map's shadow root when the view is first shown (so the bundle
 * every page loads does not carry it). Each kind of arrow has its own dash and head, so colour
 * (the run's) is not the only cue.
 */
export const styles = css`
  .i-arrow {
    fill: none;
    stroke: var(--c);
    stroke-width: 1.6;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .i-grad {
    stroke-dasharray: 4 3;
  }
  .i-step {
    stroke-width: 2.4;
  }
  .i-moment {
    stroke-dasharray: 1 2.6;
    stroke-width: 2;
  }
  .i-glyph {
    fill: color-mix(in srgb, var(--c, #555) 14%, transparent);
    stroke: var(--c, #555);
    stroke-width: 1.2;
    /* The map's glyph is a unit circle placed and stretched by one transform per frame. */
    vector-effect: non-scaling-stroke;
  }
  .i-theta {
    fill: var(--descent-marker-fill, #fff);
    stroke: var(--c, #555);
    stroke-width: 1.5;
  }
  .i-theta-link {
    stroke: var(--c, #555);
    stroke-width: 1.2;
    stroke-dasharray: 2 2;
  }
  /* The points a step evaluates: small dots, joined in order from the head by a thin dashed line. */
  .i-probe-line {
    fill: none;
    stroke: var(--c, #555);
    stroke-width: 1;
    stroke-dasharray: 3 2;
  }
  .i-probe {
    fill: var(--c, #555);
    stroke: var(--descent-marker-fill, #fff);
    stroke-width: 0.8;
  }
  g.inspect[data-highlight] [data-mark] {
    opacity: 0.15;
  }
  g.inspect[data-highlight='grad'] [data-mark='grad'],
  g.inspect[data-highlight='step'] [data-mark='step'],
  g.inspect[data-highlight='moment'] [data-mark='moment'],
  g.inspect[data-highlight='theta'] [data-mark='theta'],
  g.inspect[data-highlight='average'] [data-mark='average'],
  g.inspect[data-highlight='probes'] [data-mark='probes'],
  g.inspect[data-highlight='glyph'] [data-mark='glyph'] {
    opacity: 1;
    stroke-width: 3;
  }
  g.inspect[data-highlight='probes'] .i-probe {
    r: 3.5px;
  }
  .inspect-run.dim {
    opacity: 0.16;
  }
  .inspect-legend {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    margin: 4px 0 0;
    font-size: 11px;
    align-items: center;
  }
  .i-key {
    --c: var(--descent-muted, #555);
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 1px 4px;
    cursor: default;
    word-break: keep-all;
  }
  .i-key.pointed,
  .i-key:focus-visible {
    border-color: var(--descent-focus, #1a73e8);
    outline: none;
  }
  .i-key svg {
    position: static;
    overflow: visible;
  }
  /* In a narrow playground the legend above the map is two rows of keys that scroll sideways (as
     the page's stories do), so that the map keeps most of its size. */
  @container (max-width: 639.98px) {
    .strip > .inspect-legend {
      display: grid;
      grid-auto-flow: column;
      grid-template-rows: auto auto;
      grid-auto-columns: max-content;
      justify-content: start;
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scrollbar-width: thin;
    }
    .strip > .inspect-legend .i-key {
      white-space: nowrap;
    }
  }
  text.i-scale {
    font-size: 11px;
    font-weight: 600;
    fill: var(--descent-text, #222);
    paint-order: stroke;
    stroke: var(--descent-halo, rgba(255, 255, 255, 0.85));
    stroke-width: 3px;
  }
`;

/** The marks in the order the legend lists them. */
export const MARKS: readonly InspectMark[] = ['grad', 'step', 'moment', 'theta', 'average', 'probes', 'glyph'];

const legendKey: Record<InspectMark, Parameters<typeof t>[1]> = {
  grad: 'inspectGrad',
  step: 'inspectStep',
  moment: 'inspectMoment',
  theta: 'inspectTheta',
  average: 'inspectAverage',
  probes: 'inspectProbes',
  glyph: 'inspectGlyph',
};

/**
 * The most evaluated points drawn for one step: L-BFGS with torch's defaults evaluates at most
 * about 50 (maxEval 25, and a line search may run past it), more with a larger maxIter or maxEval;
 * past 40 the dots would only cover one another. The first 40 are drawn, in order.
 */
export const MAX_PROBES = 40;

/** How many dots a run's marks hold: its most evaluated points in one step, at most MAX_PROBES. */
function probeSlots(r: PanelRun): number {
  const e = isRecorded(r.trajectory) ? r.trajectory.evaluations : undefined;
  if (!e) return 0;
  let most = 0;
  for (let i = 0; i + 1 < e.start.length; i++) most = Math.max(most, e.start[i + 1] - e.start[i]);
  return Math.min(MAX_PROBES, most);
}

/** The point mark a run's ring stands for: its averaged iterate (ASGD, schedule-free), else Nesterov's θ. */
const pointMark = (r: PanelRun): InspectMark => {
  const { state } = r.trajectory as { state?: Record<string, unknown> };
  return state?.ax || state?.x ? 'average' : 'theta';
};

/**
 * The marks of each run (made empty; `apply` fills them in), and the arrows' display factor in
 * the plot's top right corner (shown when it is not 1).
 */
export function layer(runs: readonly PanelRun[], dimmed: (key: string) => string, width: number) {
  return svg`<text class="i-scale" part="inspect-scale" x=${width - 6} y="14" text-anchor="end"></text><g class="inspect" part="inspect">${runs.filter((r) => isRecorded(r.trajectory)).map(
    (r) => svg`<g class="inspect-run ${dimmed(r.key)}" data-key=${r.key} style=${styleProps({ '--c': r.color })}>
      <circle class="i-glyph" data-mark="glyph" r="1" transform="scale(0)"></circle>
      <line class="i-theta-link" data-mark=${pointMark(r)}></line>
      <circle class="i-theta" data-mark=${pointMark(r)} r="3"></circle>
      <path class="i-probe-line" data-mark="probes"></path>
      <path class="i-arrow i-grad" data-mark="grad"></path>
      <path class="i-arrow i-moment" data-mark="moment"></path>
      <path class="i-arrow i-step" data-mark="step"></path>
      <g class="i-probes" data-mark="probes">${Array.from({ length: probeSlots(r) }, () => svg`<circle class="i-probe" r="2.5" visibility="hidden"></circle>`)}</g>
    </g>`,
  )}</g>`;
}

/**
 * The legend: one key per kind of mark the runs show. Keys are buttons: pointing at one (or
 * focusing it) highlights that kind of mark everywhere, the rule's symbols included.
 */
export function legend(runs: readonly PanelRun[], lang: Lang, onMark: (mark: InspectMark | null) => void) {
  const enter = (mark: InspectMark) => () => onMark(mark);
  const leave = () => onMark(null);
  const marks = marksOf(runs.map((r) => r.trajectory));
  return html`<div class="inspect-legend" part="inspect-legend" role="group" aria-label=${tr(lang, 'inspectLegend')}>
    ${MARKS.filter((mark) => marks.has(mark)).map(
      (mark) => html`<button type="button" class="i-key" data-mark=${mark}
        @pointerenter=${enter(mark)} @pointerleave=${leave} @focus=${enter(mark)} @blur=${leave}>
        <svg width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">${keyGlyph(mark)}</svg>${tr(lang, legendKey[mark])}</button>`,
    )}
  </div>`;
}

function keyGlyph(mark: InspectMark) {
  switch (mark) {
    case 'glyph':
      return svg`<circle class="i-glyph" r="1" transform="translate(13,6) scale(11,4.5)"></circle>`;
    case 'theta':
    case 'average':
      return svg`<line class="i-theta-link" x1="4" y1="6" x2="22" y2="6"></line><circle class="i-theta" cx="4" cy="6" r="3"></circle>`;
    case 'probes':
      return svg`<path class="i-probe-line" d="M2,6L23,6"></path><circle class="i-probe" cx="10" cy="6" r="2.5"></circle><circle class="i-probe" cx="21" cy="6" r="2.5"></circle>`;
    default:
      return svg`<path class="i-arrow i-${mark}" d=${arrowPath(2, 6, 24, 6)}></path>`;
  }
}

/**
 * An arrow from (x0, y0) to (x1, y1) as one path: the shaft, then the head's two strokes. One
 * longer than `most` pixels is cut to that length (it leaves the map anyway; a dash pattern
 * over thousands of pixels made frames miss their deadline).
 */
function arrowPath(x0: number, y0: number, x1: number, y1: number, most = Infinity): string {
  let dx = x1 - x0;
  let dy = y1 - y0;
  let length = Math.hypot(dx, dy);
  if (length > most) {
    dx *= most / length;
    dy *= most / length;
    x1 = x0 + dx;
    y1 = y0 + dy;
    length = most;
  }
  const f = (v: number) => v.toFixed(1);
  if (!(length > 0.5)) return '';
  const head = Math.min(6, length * 0.4);
  const ux = dx / length;
  const uy = dy / length;
  const bx = x1 - ux * head;
  const by = y1 - uy * head;
  const wx = -uy * head * 0.5;
  const wy = ux * head * 0.5;
  return `M${f(x0)},${f(y0)}L${f(x1)},${f(y1)}M${f(bx + wx)},${f(by + wy)}L${f(x1)},${f(y1)}L${f(bx - wx)},${f(by - wy)}`;
}

/** A run's mark elements, found once per render of the layer (the step moves them every frame). */
interface RunMarks {
  readonly grad: Element | null;
  readonly step: Element | null;
  readonly moment: Element | null;
  readonly glyph: Element | null;
  readonly dot: Element | null;
  readonly link: Element | null;
  readonly probeLine: Element | null;
  /** The probe dots (live: a render that changes their number changes it). */
  readonly probes: HTMLCollection | undefined;
}
const found = new WeakMap<SVGGElement, RunMarks>();
function marksOf_(g: SVGGElement): RunMarks {
  let el = found.get(g);
  if (!el) {
    const q = (selector: string) => g.querySelector(selector);
    el = {
      grad: q('path.i-grad'),
      step: q('path.i-step'),
      moment: q('path.i-moment'),
      glyph: q('circle.i-glyph'),
      dot: q('circle.i-theta'),
      link: q('line.i-theta-link'),
      probeLine: q('path.i-probe-line'),
      probes: q('g.i-probes')?.children,
    };
    found.set(g, el);
  }
  return el;
}

/**
 * The segment (x0, y0)–(x1, y1) as a path's `M…L…`, cut to the box [lo, hi]² around the plot
 * (Liang–Barsky), or '' where it misses the box: a line of trial points may run far off the map
 * (L-BFGS's line search brackets wide), and a dash pattern over thousands of pixels costs frames.
 */
function segmentIn(x0: number, y0: number, x1: number, y1: number, lo: Point, hi: Point): string {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let a = 0;
  let b = 1;
  const edge = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > b) return false;
      if (r > a) a = r;
    } else {
      if (r < a) return false;
      if (r < b) b = r;
    }
    return true;
  };
  if (!(edge(-dx, x0 - lo[0]) && edge(dx, hi[0] - x0) && edge(-dy, y0 - lo[1]) && edge(dy, hi[1] - y0))) return '';
  const f = (v: number) => v.toFixed(1);
  return `M${f(x0 + a * dx)},${f(y0 + a * dy)}L${f(x0 + b * dx)},${f(y0 + b * dy)}`;
}

const setAttr = (el: Element | null, name: string, value: string) => {
  if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
};

/**
 * Moves every run's marks to step `step`: arrows from its head (scaled together by the factor
 * that keeps them readable, shown in the legend), θ and the glyph. The layer's `data-scale`
 * holds the factor, so a reader (or a test) can take a drawn arrow back to the numbers.
 */
export function apply(root: ParentNode, runs: readonly PanelRun[], step: number, scales: PanelScales, lang: Lang): void {
  const group = root.querySelector<SVGGElement>('g.inspect');
  if (!group) return;
  const vectors = new Map<string, ReturnType<typeof inspectVectors>>();
  const lengths: number[] = [];
  const kx = Math.abs(scales.x(1) - scales.x(0));
  const ky = Math.abs(scales.y(1) - scales.y(0));
  for (const r of runs) {
    const t = r.trajectory;
    if (!isRecorded(t)) continue;
    const v = inspectVectors(t, Math.min(step, t.x.length - 1));
    vectors.set(r.key, v);
    for (const a of [v?.grad, v?.step, v?.moment]) if (a) lengths.push(Math.hypot(a[0] * kx, a[1] * ky));
  }
  const factor = arrowScale(lengths, Math.min(scales.width, scales.height));
  setAttr(group, 'data-scale', String(factor));
  // No mark is drawn larger than twice the plot: a huge ellipse would only cost raster time.
  const most = 2 * Math.max(scales.width, scales.height);
  for (const g of group.querySelectorAll<SVGGElement>('g.inspect-run')) {
    const el = marksOf_(g);
    const v = vectors.get(g.dataset.key ?? '');
    const x0 = v ? scales.x(v.at[0]) : 0;
    const y0 = v ? scales.y(v.at[1]) : 0;
    for (const mark of ['grad', 'step', 'moment'] as const) {
      const a = v?.[mark];
      setAttr(el[mark], 'd', a ? arrowPath(x0, y0, scales.x(v.at[0] + a[0] * factor), scales.y(v.at[1] + a[1] * factor), most) : '');
    }
    const e = v?.glyph;
    const rx = e ? Math.min(most, e[0] * factor * kx).toFixed(1) : '0';
    const ry = e ? Math.min(most, e[1] * factor * ky).toFixed(1) : '0';
    setAttr(el.glyph, 'transform', `translate(${x0.toFixed(1)},${y0.toFixed(1)}) scale(${rx},${ry})`);
    drawProbes(el, v?.probes, x0, y0, scales);
    const theta = v?.theta ?? v?.average;
    setAttr(el.dot, 'visibility', theta ? 'visible' : 'hidden');
    setAttr(el.link, 'visibility', theta ? 'visible' : 'hidden');
    if (!theta) continue;
    const tx = scales.x(theta[0]).toFixed(1);
    const ty = scales.y(theta[1]).toFixed(1);
    setAttr(el.dot, 'cx', tx);
    setAttr(el.dot, 'cy', ty);
    setAttr(el.link, 'x1', tx);
    setAttr(el.link, 'y1', ty);
    setAttr(el.link, 'x2', x0.toFixed(1));
    setAttr(el.link, 'y2', y0.toFixed(1));
  }
  const scale = root.querySelector('text.i-scale');
  if (scale) {
    const text = factor === 1 ? '' : tr(lang, 'inspectScale', { factor: factor >= 1 ? String(factor) : factor.toPrecision(1) });
    if (scale.textContent !== text) scale.textContent = text;
    // A narrow panel (a grid's on a phone) has its title in the top left, which the factor
    // would run into: it goes to the bottom right there.
    setAttr(scale, 'y', scales.width < 260 ? String(Math.round(scales.height - 6)) : '14');
  }
}

/**
 * The points the next step evaluates: the first MAX_PROBES (as many as the run's dots), each a
 * dot where it is (a point, not scaled with the arrows), joined in order from the head by the
 * dashed line; a dot off the plot is hidden, the line cut at the plot's edge (plus a margin).
 */
function drawProbes(el: RunMarks, probes: readonly Point[] | undefined, x0: number, y0: number, scales: PanelScales): void {
  const dots = el.probes;
  const n = Math.min(probes?.length ?? 0, dots?.length ?? 0);
  const lo: Point = [-8, -8];
  const hi: Point = [scales.width + 8, scales.height + 8];
  let d = '';
  let [px, py] = [x0, y0];
  for (let i = 0; i < n; i++) {
    const qx = scales.x(probes![i][0]);
    const qy = scales.y(probes![i][1]);
    d += segmentIn(px, py, qx, qy, lo, hi);
    const dot = dots![i];
    const inside = qx >= lo[0] && qx <= hi[0] && qy >= lo[1] && qy <= hi[1];
    setAttr(dot, 'visibility', inside ? 'visible' : 'hidden');
    if (inside) {
      setAttr(dot, 'cx', qx.toFixed(1));
      setAttr(dot, 'cy', qy.toFixed(1));
    }
    [px, py] = [qx, qy];
  }
  for (let i = n; i < (dots?.length ?? 0); i++) setAttr(dots![i], 'visibility', 'hidden');
  setAttr(el.probeLine, 'd', d);
}

/**
 * A legend key was pointed at or left: `descent-inspect-mark` is fired, and the map shows it
 * unless a listener takes it (a playground shows it in every view).
 */
export function emitMark(host: HTMLElement & { inspectMark: InspectMark | null }, mark: InspectMark | null): void {
  const taken = !host.dispatchEvent(new CustomEvent('descent-inspect-mark', { detail: { mark }, bubbles: true, composed: true, cancelable: true }));
  if (!taken) host.inspectMark = mark;
}

/** A glyph's centre and half-axes in pixels, from its transform: [cx, cy, rx, ry]. */
export function glyphOf(circle: Element | null): number[] {
  const m = /translate\((-?[\d.]+),(-?[\d.]+)\) scale\((-?[\d.]+),(-?[\d.]+)\)/.exec(circle?.getAttribute('transform') ?? '');
  return m ? m.slice(1).map(Number) : [0, 0, 0, 0];
}

/** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
function toSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const u = l2 > 0 ? Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2)) : 0;
  return Math.hypot(px - x0 - u * dx, py - y0 - u * dy);
}

/**
 * The mark under the point (x, y) of the plot, in pixels: an arrow, θ, an evaluated point or
 * the line joining them within 5 px (the nearest; an arrow before the line where they tie), else
 * a glyph it lies inside; null for none.
 */
export function markAt(root: ParentNode, x: number, y: number): InspectMark | null {
  let best: InspectMark | null = null;
  let bestDistance = 5;
  let inGlyph = false;
  for (const g of root.querySelectorAll('g.inspect-run:not(.dim)')) {
    for (const path of g.querySelectorAll<SVGPathElement>('path.i-arrow')) {
      const m = /^M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/.exec(path.getAttribute('d') ?? '');
      if (!m) continue;
      const d = toSegment(x, y, +m[1], +m[2], +m[3], +m[4]);
      if (d <= bestDistance) [best, bestDistance] = [path.dataset.mark as InspectMark, d];
    }
    const dot = g.querySelector('circle.i-theta');
    if (dot?.getAttribute('visibility') === 'visible') {
      const d = Math.hypot(x - Number(dot.getAttribute('cx')), y - Number(dot.getAttribute('cy')));
      if (d <= bestDistance) [best, bestDistance] = [(dot as SVGElement).dataset.mark as InspectMark, d];
    }
    for (const probe of g.querySelectorAll('circle.i-probe[visibility="visible"]')) {
      const d = Math.hypot(x - Number(probe.getAttribute('cx')), y - Number(probe.getAttribute('cy')));
      if (d <= bestDistance) [best, bestDistance] = ['probes', d];
    }
    for (const m of (g.querySelector('path.i-probe-line')?.getAttribute('d') ?? '').matchAll(/M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/g)) {
      const d = toSegment(x, y, +m[1], +m[2], +m[3], +m[4]);
      if (d < bestDistance) [best, bestDistance] = ['probes', d];
    }
    const [cx, cy, rx, ry] = glyphOf(g.querySelector('circle.i-glyph'));
    if (rx > 2 && ry > 2) {
      const u = (x - cx) / rx;
      const v = (y - cy) / ry;
      if (u * u + v * v <= 1) inGlyph = true;
    }
  }
  return best ?? (inGlyph ? 'glyph' : null);
}

/** The mark each map's mouse is on. */
const hovered = new WeakMap<HTMLElement, InspectMark | null>();

/** The mouse moved over a map's plot to (x, y) (NaN: it left): the mark under it is pointed at, when it changes. */
export function hover(host: HTMLElement & { inspectMark: InspectMark | null; renderRoot: ParentNode }, x: number, y: number): void {
  const mark = Number.isNaN(x) ? null : markAt(host.renderRoot, x, y);
  if (mark === (hovered.get(host) ?? null)) return;
  hovered.set(host, mark);
  emitMark(host, mark);
}

/** Marks `mark` (or none) as pointed at: its marks stand out, the others fade. */
export function highlightMark(root: ParentNode, mark: InspectMark | null): void {
  const group = root.querySelector('g.inspect');
  if (!group) return;
  if (mark) group.setAttribute('data-highlight', mark);
  else group.removeAttribute('data-highlight');
  for (const key of root.querySelectorAll('.i-key')) key.classList.toggle('pointed', key.getAttribute('data-mark') === mark);
}


// ---- the rule's values -----------------------------------------------------------------------

/** The values table's look, adopted by the playground's shadow root with the view. */
export const panelStyles = css`
  .rule-values {
    margin: 6px 0 0;
    font-size: 12px;
    /* New values every frame while playing or dragging: their layout stays inside the box. */
    contain: layout style;
  }
  .rule-values p {
    margin: 0 0 2px;
    color: var(--descent-muted, #555);
  }
  .rule-values p.look {
    margin: 6px 0 0;
    color: inherit;
    word-break: keep-all;
    overflow-wrap: anywhere;
  }
  .rule-values table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    table-layout: fixed;
  }
  .rule-values td {
    width: 7.5em;
  }
  /* A number that changes every frame is a box of fixed size (a table cell cannot contain its
     layout): writing it lays out that box, not the page. */
  .rule-values td span {
    display: block;
    height: 1.4em;
    contain: strict;
  }
  .rule-values th,
  .rule-values td {
    padding: 1px 8px 1px 4px;
    text-align: right;
    font-weight: normal;
  }
  .rule-values tbody th {
    text-align: left;
    font-style: italic;
    white-space: nowrap;
  }
  .rule-values thead th {
    color: var(--descent-muted, #555);
    text-align: right;
  }
  .rule-values thead th:first-child {
    text-align: left;
  }
  .rule-values tr[data-mark] {
    cursor: default;
  }
  .rule-values tr.pointed,
  .rule-values tr[data-mark]:focus-visible {
    background: color-mix(in srgb, var(--descent-accent, #1a73e8) 14%, transparent);
    outline: none;
  }
`;

const clampStep = (t: Trajectory, step: number) => Math.max(0, Math.min(step, t.divergedAt ?? t.x.length - 1));

function caption(run: Trajectory, k: number, lang: Lang): string {
  const last = run.divergedAt ?? run.x.length - 1;
  return k < last ? tr(lang, 'inspectValues', { k, next: k + 1 }) : tr(lang, 'inspectValuesLast', { k });
}

/** Which "what to look at" text a run gets: its rule's, SGD's by its form (plain, momentum, Nesterov). */
export function lookKey(run: Trajectory): Parameters<typeof t>[1] {
  const { ruleId } = optimizers[run.optimizer];
  if (ruleId === 'sgd') return run.hyper.nesterov === true ? 'lookNesterov' : Number(run.hyper.momentum) !== 0 ? 'lookMomentum' : 'lookSgd';
  const keys: Record<string, Parameters<typeof t>[1]> = {
    adagrad: 'lookAdagrad',
    adadelta: 'lookAdadelta',
    rmsprop: 'lookRmsprop',
    adam: 'lookAdam',
    adamw: 'lookAdam',
    adamax: 'lookAdamax',
    nadam: 'lookNadam',
    radam: 'lookRadam',
    rprop: 'lookRprop',
    asgd: 'lookAsgd',
    lion: 'lookLion',
    adabelief: 'lookAdabelief',
    yogi: 'lookYogi',
    adan: 'lookAdan',
    adamwschedulefree: 'lookScheduleFree',
    lbfgs: 'lookLbfgs',
    adafactor: 'lookAdafactor',
    newton: 'lookNewton',
    saddlefreenewton: 'lookSaddleFreeNewton',
    sam: 'lookSam',
  };
  return keys[ruleId] ?? 'lookSgd';
}

/** The symbols the table shows, as one string (a new list needs a render; new values do not). */
const shape = (rows: readonly SymbolRow[]) => rows.map((r) => r.symbol).join('|');

/**
 * The values of the selected run's symbols at the shown step (symbolRows): a row per symbol,
 * linked to its mark on the map (pointing at or focusing a row highlights the mark, and a
 * pointed mark highlights its rows).
 */
export function valuesTable(
  trajectory: Trajectory | undefined,
  step: number,
  lang: Lang,
  mark: InspectMark | null,
  onMark: (mark: InspectMark | null) => void,
) {
  if (!trajectory || !isRecorded(trajectory)) return nothing;
  const k = clampStep(trajectory, step);
  const rows = symbolRows(trajectory, k);
  const leave = () => onMark(null);
  return html`<div class="rule-values" part="rule-values" data-shape=${shape(rows)}>
    <p class="caption" .textContent=${caption(trajectory, k, lang)}></p>
    <table>
      <thead><tr><th scope="col">${tr(lang, 'inspectSymbol')}</th><th scope="col">x</th><th scope="col">y</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr
            data-mark=${r.mark ?? nothing}
            class=${r.mark !== undefined && r.mark === mark ? 'pointed' : ''}
            tabindex=${r.mark ? '0' : nothing}
            @pointerenter=${r.mark ? () => onMark(r.mark ?? null) : nothing}
            @pointerleave=${r.mark ? leave : nothing}
            @focus=${r.mark ? () => onMark(r.mark ?? null) : nothing}
            @blur=${r.mark ? leave : nothing}
          ><th scope="row">${r.symbol}</th><td><span .textContent=${formatNumber(r.value[0])}></span></td><td><span .textContent=${formatNumber(r.value[1])}></span></td></tr>`,
        )}
      </tbody>
    </table>
    <p class="look"><strong>${tr(lang, 'inspectLook')}:</strong> ${tr(lang, lookKey(trajectory))}</p>
  </div>`;
}

/**
 * Moves the table to step `step` without rendering: new values in place. Returns false when the
 * step shows other symbols (m̂ appears after the first step, the step rows leave at the last):
 * then the caller renders again.
 */
export function updateValues(root: ParentNode, trajectory: Trajectory | undefined, step: number, lang: Lang): boolean {
  const box = root.querySelector<HTMLElement>('.rule-values');
  if (!box || !trajectory || !isRecorded(trajectory)) return true;
  const k = clampStep(trajectory, step);
  const rows = symbolRows(trajectory, k);
  if (box.dataset.shape !== shape(rows)) return false;
  const text = caption(trajectory, k, lang);
  // (Text set as properties by the template, not as its text parts: writing it here leaves the template's parts intact.)
  const p = box.querySelector('p.caption');
  if (p && p.textContent !== text) p.textContent = text;
  box.querySelectorAll('tbody tr').forEach((tr, i) => {
    const cells = tr.querySelectorAll('td span');
    for (const j of [0, 1]) {
      const v = formatNumber(rows[i].value[j]);
      // The text node's data, so no node is replaced.
      const text = cells[j]?.firstChild;
      if (text instanceof Text) {
        if (text.data !== v) text.data = v;
      } else if (cells[j]) cells[j].textContent = v;
    }
  });
  return true;
}

/** Marks the rows of `mark` (or none) as pointed at. */
export function highlightRows(root: ParentNode, mark: InspectMark | null): void {
  for (const tr of root.querySelectorAll<HTMLElement>('.rule-values tbody tr')) tr.classList.toggle('pointed', mark !== null && tr.dataset.mark === mark);
}

// ---- the step sizes' chart -------------------------------------------------------------------

const lrSeries = new WeakMap<readonly PanelRun[], PanelRun[]>();

/**
 * The inner-state chart's series: for each run with a step size per coordinate (not SGD's,
 * Newton's, saddle-free Newton's or SAM's γ, nor L-BFGS's t, which the values list), its step
 * size per coordinate against step, x solid and y dashed, as runs of `<descent-loss-chart>` (the
 * series in place of the loss: at step k the size of step k + 1). The same array for the same
 * runs, so the chart's curves are drawn once.
 */
export function stepSizeRuns(runs: readonly PanelRun[]): PanelRun[] {
  let out = lrSeries.get(runs);
  if (out) return out;
  out = [];
  for (const r of runs) {
    const t = r.trajectory;
    if (!isRecorded(t) || !hasGlyph(t)) continue;
    for (const [axis, i] of [['x', 0], ['y', 1]] as const) {
      // At step k the step size of the next step, k + 1, as the glyph and the values show it.
      const values = new Float64Array(t.x.length).fill(NaN);
      for (let k = 0; k + 1 < values.length; k++) values[k] = t.effectiveLr[2 * (k + 1) + i];
      out.push({ ...r, key: `${r.key}:${axis}`, group: r.key, label: `${r.label} ${axis}`, dashed: axis === 'y', trajectory: { ...t, loss: values } });
    }
  }
  lrSeries.set(runs, out);
  return out;
}

// ---- the playground's parts ------------------------------------------------------------------

/** What the playground's parts of the view need from it. */
export interface PlaygroundInspect {
  readonly root: ShadowRoot | null;
  readonly lang: Lang;
  readonly step: number;
  readonly theme: string | null;
  readonly highlight: string | undefined;
  readonly runs: readonly PanelRun[];
  readonly selected: Trajectory | undefined;
  readonly mark: InspectMark | null;
  /** The start is being dragged: the step-size chart waits for the drop (the map and the loss chart follow the hand). */
  readonly dragging: boolean;
  onMark(mark: InspectMark | null): void;
  onStep(e: CustomEvent<StepDetail>): void;
  onHighlight(e: CustomEvent<HighlightDetail>): void;
}

export { adopt };

/**
 * The playground's parts of the view: the step-size chart (a `<descent-loss-chart>` of
 * stepSizeRuns, with the loss chart's cursor and scrubbing) and the selected run's values.
 */
export function playgroundParts(host: PlaygroundInspect) {
  // (The marks' look too: the legend of the marks, with their glyphs, is in the playground's strip.)
  adopt(host.root, styles.styleSheet);
  adopt(host.root, panelStyles.styleSheet);
  // The strip's legend keys (`legend`, in this root): the pointed one marked, once this render is
  // committed (a microtask runs after it).
  const root = host.root;
  if (root) {
    queueMicrotask(() => {
      for (const key of root.querySelectorAll('.strip .i-key')) key.classList.toggle('pointed', key.getAttribute('data-mark') === host.mark);
    });
  }
  const key = host.root ?? host;
  const runs = (host.dragging && charted.get(key)) || stepSizeRuns(host.runs);
  charted.set(key, runs);
  const chart = runs.length
    ? html`<descent-loss-chart
        part="step-size-chart"
        lang=${host.lang}
        theme=${host.theme ?? nothing}
        height="140"
        baseline="0"
        value-label=${tr(host.lang, 'inspectChart')}
        .runs=${runs}
        .highlight=${host.highlight}
        @descent-step=${host.onStep}
        @descent-highlight=${host.onHighlight}
      ></descent-loss-chart>`
    : nothing;
  // While the start is dragged, the table is rendered as it was (so rendering writes nothing into
  // it) and its numbers are moved in place a tenth of a second later, with the latest run: ten
  // times a second is as fast as numbers can be read, and laying them out on every move cost the
  // frame that follows the hand more than the map's arrows do. The drop renders them at once.
  let selected = host.selected;
  if (host.dragging && tabled.has(key)) {
    selected = tabled.get(key);
    if (!catchUp.has(key)) setTimeout(() => afterFrame(() => {
      const latest = catchUp.get(key)!;
      catchUp.delete(key);
      if (latest.root) updateValues(latest.root, latest.selected, latest.step, latest.lang);
    }), 100);
    catchUp.set(key, host);
  } else if (catchUp.has(key)) {
    // A catch-up still to come (the drop, or a scrub just after it) writes what this render shows:
    // lit leaves a cell alone whose value it last wrote, whatever the catch-ups wrote since.
    catchUp.set(key, host);
  }
  tabled.set(key, selected);
  return { chart, values: valuesTable(selected, host.step, host.lang, host.mark, host.onMark) };
}

/** The run each playground's values table was rendered with, and its pending catch-up. */
const tabled = new WeakMap<object, Trajectory | undefined>();
const catchUp = new WeakMap<object, PlaygroundInspect>();

/** The step-size chart's runs per playground, kept while a drag lasts. */
const charted = new WeakMap<object, PanelRun[]>();
