import { html, LitElement, nothing, svg } from 'lit';
import { styleProps } from '../shared/style-props';
import type { Surface } from '../../core/types';
import { LOG_FLOOR, lossPath, lossScale, lossY, type LossScale } from '../../render/loss';
import { simplifierReady, simplifierSettled } from '../../render/paths';
import { headPath, KEY_AREA } from '../../render/run-markers';
import { scaleLinear } from '../../render/scales';
import { axisTicks, logTicks } from '../../render/ticks';
import { emitHighlight, Highlight, highlightClass } from '../shared/legend';
import { define } from '../shared/define';
import { observeWidth } from '../shared/width';
import { themeStyles } from '../shared/theme';
import { isLoaded, langOf, t, whenLoaded, type Lang } from '../../i18n/index';
import { parseStep } from '../../state/parse';
import { attributeError, stepAttribute } from '../shared/race-attributes';
import type { HighlightDetail, PanelRun, StepDetail } from '../shared/types';
import { styles } from './descent-loss-chart.styles';

/** The hover's tooltip and curve finder: a lazy chunk, fetched on the first hover or press. */
let hoverModule: Promise<typeof import('./hover')> | undefined;
let hover: typeof import('./hover') | undefined;

const M = { top: 24, right: 16, bottom: 24, left: 46 };

const DEFAULT_HEIGHT = 170;
const MIN_HEIGHT = 60;
const MAX_HEIGHT = 4000;

/**
 * Loss against step for every run, on a log scale of the gap above the global minimum where that
 * fits, with a cursor at the current step and each run's head marker on its curve there. Hovering
 * previews a step and shows a tooltip with every run's loss at it (and highlights the curve
 * nearest the pointer); pressing or dragging scrubs.
 *
 * @element descent-loss-chart
 *
 * @attr {number} step - The step the cursor marks (a whole number >= 0; another value is refused
 *   with a message in the `error` part, and 0 is used).
 * @attr {number} height - Height in pixels, 60 to 4000 (default 170; another value is refused with a
 *   message in the `error` part).
 * @attr {'light'|'dark'|'auto'} theme - Colour theme (default light; auto follows the system).
 * @attr {string} lang - UI language, en or ko (default: the nearest lang in the page).
 * @attr {string} highlight - Key of the run to highlight (the other curves dim); unset, the
 *   element follows its own hover.
 *
 * @attr {number} baseline - The value the log scale counts from (default the surface's global
 *   minimum f*, else a linear scale); the inner-state chart's step sizes count from 0.
 * @attr {string} value-label - The y axis's name, for a chart of another series than the loss
 *   (the playground's inner-state chart plots step sizes); default the loss's, f(x, y).
 * @prop {PanelRun[]} runs - The runs to plot (their `trajectory.loss`); a run with `dashed` is
 *   drawn dashed.
 * @prop {Surface} surface - For the global minimum f*, when it has one.
 *
 * @fires {CustomEvent<StepDetail>} descent-step - A step picked on the chart: `preview` while
 *   hovering, not while pressing or dragging; `step: null` when a hover preview ends. Bubbles, composed.
 * @fires {CustomEvent<HighlightDetail>} descent-highlight - The pointer came near a curve, or left
 *   it (`key: null`). Cancelable, as `<descent-surface>`'s. Bubbles, composed.
 *
 * @csspart chart - The SVG.
 * @csspart error - Messages about a bad `height` or `step` (each also warned once on the console).
 * @csspart loss-curve - One curve per run, with `data-optimizer`.
 * @csspart batch-loss - A run in mini-batches: each step's mini-batch loss, faint dots under its curve.
 * @csspart loss-head - Each run's head marker on its curve at the shown step, with `data-optimizer`.
 * @csspart cursor - The current-step line.
 * @csspart tooltip - While hovering: the step and each run's loss at it.
 *
 * @cssprop --descent-font - Font stack.
 * @cssprop --descent-muted - Axis text colour.
 * @cssprop --descent-color-sgd - SGD's run colour (default #1a1a1a; dark theme #f0f0f0).
 * @cssprop --descent-color-momentum - Momentum's run colour (default #e69f00).
 * @cssprop --descent-color-nesterov - Nesterov's run colour (default #d55e00).
 * @cssprop --descent-color-adagrad - Adagrad's run colour (default #009e73).
 * @cssprop --descent-color-adadelta - Adadelta's run colour (default #56b4e9).
 * @cssprop --descent-color-rmsprop - RMSprop's run colour (default #0072b2; dark theme #99ddff).
 * @cssprop --descent-color-adam - Adam's run colour (default #cc79a7).
 * @cssprop --descent-color-amsgrad - AMSGrad's run colour (default #332288; dark theme #bbbbbb).
 * @cssprop --descent-color-adamw - AdamW's run colour (default #882255; dark theme #eedd88).
 * @cssprop --descent-color-adamax - Adamax's run colour (default #aa3377; dark theme #44bb99).
 * @cssprop --descent-color-nadam - NAdam's run colour (default #ee6677).
 * @cssprop --descent-color-radam - RAdam's run colour (default #cc3311).
 */
export class DescentLossChart extends LitElement {
  static override styles = [styles, themeStyles];

  static override properties = {
    runs: { attribute: false },
    surface: { attribute: false },
    step: { converter: stepAttribute(0), noAccessor: true },
    height: { type: Number },
    valueLabel: { attribute: 'value-label' },
    baseline: { type: Number },
    highlight: {},
    theme: { reflect: true },
    langAttribute: { attribute: 'lang' },
    width: { state: true },
    previewing: { state: true },
    hoverStep: { state: true },
  };

  declare runs: readonly PanelRun[];
  declare surface: Surface | undefined;
  declare height: number;
  declare valueLabel: string | null;
  declare baseline: number | undefined;
  declare highlight: string | undefined;
  declare protected hoverStep: number | null;
  declare theme: string | null;
  declare langAttribute: string | null;
  declare protected width: number;
  declare protected previewing: boolean;

  #stopObservingWidth: (() => void) | undefined;
  #cache: { runs?: readonly PanelRun[]; width?: number; height?: number; simplified?: boolean; y?: LossScale; paths?: Map<string, string> } = {};
  #pressed = false;
  #ownHighlight = new Highlight();
  /** The curve the pointer is near (it reported a highlight for it). */
  #nearKey: string | null = null;
  #_step = 0;

  /** The step the cursor marks; moving it never re-renders the curves. */
  get step(): number {
    return this.#_step;
  }

  set step(value: number) {
    const old = this.#_step;
    this.#_step = value;
    // The same step again (the playground sets it on every update, a drag on every move): the
    // cursor and heads are where they were; new runs re-render, and that moves the heads.
    if (value === old && this.hasUpdated) return;
    if (this.hasUpdated && !this.isUpdatePending) this.#applyStep();
    else this.requestUpdate('step', old);
  }

  protected override updated(): void {
    this.#applyStep();
  }

  #applyStep(): void {
    const cursor = this.renderRoot.querySelector<SVGLineElement>('[part~="cursor"]');
    if (!cursor) return;
    const k = Math.max(0, Math.min(this.#_step, this.#steps));
    const x = Number.isFinite(k) ? this.#xScale()(k).toFixed(1) : '-1000';
    // Written only when it moves (each render applies the step again; a drag renders every move).
    if (cursor.getAttribute('x1') !== x) {
      cursor.setAttribute('x1', x);
      cursor.setAttribute('x2', x);
    }
    // Each run's head marker on its curve at the step (hidden where the run has no finite loss).
    const y = this.#cache.y;
    if (!y) return;
    const heads = this.renderRoot.querySelectorAll<SVGPathElement>('[part~="loss-head"]');
    heads.forEach((head, i) => {
      const run = this.runs[i];
      const loss = run?.trajectory.loss;
      const at = loss && Number.isFinite(k) ? Math.min(k, loss.length - 1) : -1;
      // Outside the clip, so a head at step 0 or on the floor shows whole; kept within the plot.
      const [r0, r1] = y.scale.range();
      const py = at >= 0 ? Math.min(Math.max(r0, r1), Math.max(Math.min(r0, r1), lossY(loss[at], y))) : NaN;
      if (Number.isNaN(py)) head.setAttribute('visibility', 'hidden');
      else {
        head.removeAttribute('visibility');
        head.setAttribute('transform', `translate(${x},${py.toFixed(1)})`);
      }
    });
  }

  constructor() {
    super();
    this.runs = [];
    this.height = 170;
    this.valueLabel = null;
    this.theme = null;
    this.langAttribute = null;
    this.width = 0;
    this.previewing = false;
    this.hoverStep = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopObservingWidth = observeWidth(this, (w) => {
      if (w !== this.width) this.width = w;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopObservingWidth?.();
  }

  get #steps(): number {
    return this.runs.reduce((n, r) => Math.max(n, r.trajectory.loss.length - 1), 1);
  }

  #xScale() {
    return scaleLinear([0, this.#steps], [0, Math.max(10, this.width - M.left - M.right)]);
  }

  #fStar(): number | undefined {
    if (this.baseline !== undefined) return this.baseline;
    const mins = this.surface?.critical.filter((c) => c.kind === 'global-min') ?? [];
    return mins.length ? Math.min(...mins.map((c) => c.f)) : undefined;
  }

  #geometry() {
    const ph = this.#chartHeight - M.top - M.bottom;
    const c = this.#cache;
    const simplified = simplifierSettled();
    if (c.runs === this.runs && c.width === this.width && c.height === this.#chartHeight && c.simplified === simplified && c.y && c.paths) {
      return { y: c.y, paths: c.paths };
    }
    // Curves drawn before the path simplifier is here keep every point: drawn again once it is.
    if (!simplified) void simplifierReady.then(() => this.requestUpdate());
    const y = lossScale(
      this.runs.map((r) => r.trajectory.loss),
      ph,
      this.#fStar(),
    );
    const sx = this.#xScale();
    const paths = new Map(this.runs.map((r) => [r.key, lossPath(r.trajectory.loss, sx, y)]));
    // A run in mini-batches: each step's batch loss too, as faint dots under the full loss (one
    // per pixel; on a log scale, none for a batch below f*, which has no gap to show).
    for (const r of this.runs) {
      const batch = r.trajectory.batchLoss;
      if (!batch) continue;
      const seen = new Set<number>();
      let d = '';
      for (let s = 0; s < batch.length; s++) {
        const px = Math.round(sx(s));
        const py = Math.round(lossY(y.kind === 'log' && batch[s] - y.offset <= LOG_FLOOR ? NaN : batch[s], y));
        if (py === py && !seen.has(px * 4096 + py)) {
          seen.add(px * 4096 + py);
          d += `M${px},${py}h0`;
        }
      }
      paths.set(`b${r.key}`, d);
    }
    this.#cache = { runs: this.runs, width: this.width, height: this.#chartHeight, simplified, y, paths };
    return { y, paths };
  }

  #stepAt(e: PointerEvent): number {
    const rect = (e.currentTarget as Element).getBoundingClientRect();
    const k = Math.round(this.#xScale().invert(e.clientX - rect.left - M.left));
    return Math.max(0, Math.min(this.#steps, k));
  }

  #emit(step: number | null, preview: boolean): void {
    this.previewing = preview && step !== null;
    this.dispatchEvent(
      new CustomEvent<StepDetail>('descent-step', { detail: { step, preview }, bubbles: true, composed: true }),
    );
  }

  #onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    this.#pressed = true;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    this.#emit(this.#stepAt(e), false);
  };

  #onMove = (e: PointerEvent) => {
    const k = this.#stepAt(e);
    if (e.pointerType === 'mouse' || this.#pressed) {
      this.hoverStep = k;
      this.#loadHover();
    }
    if (this.#pressed) this.#emit(k, false);
    else if (e.pointerType === 'mouse') {
      this.#emit(k, true);
      const rect = (e.currentTarget as Element).getBoundingClientRect();
      this.#pointer = { k, py: e.clientY - rect.top - M.top };
      this.#highlightNearest();
    }
  };

  /** The last mouse position over the plot (step, plot y), for the curve under it. */
  #pointer: { k: number; py: number } | null = null;

  /** Highlights the curve under the mouse (once the hover chunk is here). */
  #highlightNearest(): void {
    const y = this.#cache.y;
    if (!y || !hover || !this.#pointer) return;
    const nearest = hover.nearestCurve(this.runs, y, this.#pointer.k, this.#pointer.py);
    const near = nearest === null ? null : (this.runs.find((r) => r.key === nearest)?.group ?? nearest);
    if (near !== this.#nearKey) {
      this.#nearKey = near;
      this.#onHighlight({ key: near });
    }
  }

  /** Adds the tooltip's styles on the first hover (they are not needed before). */
  #hoverStyled = false;

  #loadHover(): void {
    if (this.#hoverStyled) return;
    this.#hoverStyled = true;
    hoverModule ??= import('./hover');
    hoverModule.then(
      (m) => {
        hover = m;
        m.adoptHoverStyles(this.renderRoot);
        // The mouse may already be on a curve: the move that fetched the chunk counts.
        this.#highlightNearest();
        this.requestUpdate();
      },
      () => {
        hoverModule = undefined;
        this.#hoverStyled = false;
      },
    );
  }

  /** Reports a highlight; applies it here unless a listener (a playground) took it. */
  #onHighlight(detail: HighlightDetail): void {
    if (emitHighlight(this, detail) && this.#ownHighlight.apply(detail)) this.requestUpdate();
  }

  #onUp = (e: PointerEvent) => {
    this.#pressed = false;
    if (e.pointerType !== 'mouse') this.hoverStep = null;
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
  };

  #onLeave = () => {
    this.#pointer = null;
    if (!this.#pressed) this.hoverStep = null;
    if (!this.#pressed && this.previewing) this.#emit(null, true);
    if (this.#nearKey !== null) {
      this.#nearKey = null;
      this.#onHighlight({ key: null });
    }
  };

  /** The highlighted run's key: `highlight` when set, else the element's own. */
  get #shownHighlight(): string | null {
    return this.highlight ?? this.#ownHighlight.current;
  }

  /** The UI language (loading its strings if needed, then rendering again). */
  get #uiLang(): Lang {
    const lang = langOf(this);
    if (!isLoaded(lang)) void whenLoaded(lang).then(() => this.requestUpdate());
    return lang;
  }

  #warned = new Set<string>();

  /** The height drawn: `height` when it is a number of pixels from 60 to 4000, else 170. */
  get #chartHeight(): number {
    const h = this.height;
    return Number.isFinite(h) && h >= MIN_HEIGHT && h <= MAX_HEIGHT ? h : DEFAULT_HEIGHT;
  }

  /** Messages (and one warning each) about a `height` that is not a usable number of pixels, a bad `step`. */
  #heightError(lang: Lang) {
    const h = this.height;
    const shown = [
      attributeError('step', this.getAttribute('step'), parseStep, lang),
      this.#chartHeight === h
        ? undefined
        : t(lang, 'attribute', { name: 'height', value: this.getAttribute('height') ?? String(h), message: t(lang, 'heightRange', { min: MIN_HEIGHT, max: MAX_HEIGHT, fallback: DEFAULT_HEIGHT }) }),
    ].filter((m) => m !== undefined);
    for (const m of shown) if (!this.#warned.has(m) && this.#warned.add(m)) console.warn(`<descent-loss-chart>: ${m}`);
    return shown.length ? html`<div part="error" role="alert">${shown.map((m) => html`<div>${m}</div>`)}</div>` : nothing;
  }

  protected override render() {
    // styleProps (CSSOM), not a style attribute: a strict CSP (no 'unsafe-inline' styles) refuses those.
    const lang = this.#uiLang;
    const error = this.#heightError(lang);
    if (!this.width) return html`${error}<div style=${styleProps({ height: `${this.#chartHeight}px` })}></div>`;
    const pw = this.width - M.left - M.right;
    const ph = this.#chartHeight - M.top - M.bottom;
    const { y, paths } = this.#geometry();
    const highlighted = this.#shownHighlight;
    const sx = this.#xScale();
    const yTicks = y.kind === 'log' ? logTicks(y.scale, 5) : axisTicks(y.scale, 4);
    // Steps are whole numbers: no thousands separator ("1000", not "1,000").
    const xTicks = axisTicks(sx, Math.max(2, Math.round(pw / 80))).map((t) => ({ ...t, label: String(t.value) }));
    return html`${error}<svg
      part="chart"
      class=${this.previewing ? 'preview' : ''}
      width=${this.width}
      height=${this.#chartHeight}
      role="img"
      aria-label=${(this.valueLabel ?? t(lang, 'chartLabel', { n: this.runs.length })) + (y.kind === 'log' ? t(lang, 'logScale') : '')}
      @pointerdown=${this.#onDown}
      @pointermove=${this.#onMove}
      @pointerup=${this.#onUp}
      @pointercancel=${this.#onUp}
      @pointerleave=${this.#onLeave}
    >
      <g transform="translate(${M.left},${M.top})">
        ${yTicks.map(
          (t) => svg`<g class="tick" transform="translate(0,${t.offset})">
            <line x2=${pw}></line><text x="-5" dy="0.32em" text-anchor="end">${t.label}</text></g>`,
        )}
        ${xTicks.map(
          (t) => svg`<g class="tick" transform="translate(${t.offset},${ph})">
            <text y="14" text-anchor="middle">${t.label}</text></g>`,
        )}
        <line class="frame-line" x1="0" x2=${pw} y1=${ph} y2=${ph}></line>
        <!-- The x axis's name sits under the y tick labels, left of the first step: never on a tick label. -->
        <text class="axis-label" x="-6" y=${ph + 21} text-anchor="end">${t(lang, 'stepAxis')}</text>
        <text class="axis-label" x="-40" y="-13" text-anchor="start">${this.valueLabel ?? y.label}${y.kind === 'log' ? t(lang, 'logSuffix') : ''}</text>
        <defs><clipPath id="loss-plot"><rect class="plot-area" y="-1" width=${pw} height=${ph + 2}></rect></clipPath></defs>
        <g clip-path="url(#loss-plot)" class="curves">
          ${this.runs.map((r) =>
            r.trajectory.batchLoss
              ? svg`<path part="batch-loss" class=${highlightClass(r.group ?? r.key, highlighted)} style=${styleProps({ stroke: r.color })} d=${paths.get(`b${r.key}`) ?? ''}></path>`
              : nothing,
          )}
          ${this.runs.map(
            (r) => svg`<path part="loss-curve" class=${highlightClass(r.group ?? r.key, highlighted)} data-key=${r.key} data-optimizer=${r.label}
              style=${styleProps({ stroke: r.color, 'stroke-dasharray': r.dashed ? '5 3' : '' })} d=${paths.get(r.key) ?? ''}></path>`,
          )}
        </g>
        ${this.runs.map(
          (r) => svg`<path part="loss-head" class=${highlightClass(r.group ?? r.key, highlighted)} data-key=${r.key} data-optimizer=${r.label}
            d=${headPath(r.index ?? 0, KEY_AREA)} style=${styleProps({ fill: r.color })}></path>`,
        )}
        ${this.runs
          .filter((r) => r.trajectory.divergedAt !== undefined)
          .map((r) => {
            const x = sx(r.trajectory.divergedAt as number);
            return svg`<path class="blowup" style=${styleProps({ stroke: r.color })} d="M${x - 4},-4L${x + 4},4M${x - 4},4L${x + 4},-4"
              transform="translate(0,4)"><title>${t(lang, 'announceDiverged', { name: r.label, k: r.trajectory.divergedAt as number })}</title></path>`;
          })}
        <line part="cursor" y1="0" y2=${ph}></line>
      </g>
    </svg>${this.hoverStep === null || !hover
      ? nothing
      : hover.tooltip(this.runs, this.hoverStep, M.left + sx(this.hoverStep), { width: this.width, left: M.left, plotWidth: pw, top: M.top }, highlighted, t(lang, 'stepTooltip', { k: this.hoverStep }))}`;
  }
}

define('descent-loss-chart', DescentLossChart);

declare global {
  interface HTMLElementTagNameMap {
    'descent-loss-chart': DescentLossChart;
  }
}
