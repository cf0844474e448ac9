import { html, LitElement, svg } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleProps } from '../shared/style-props';
import type { Surface } from '../../core/types';
import { lossPath, lossScale, type LossScale } from '../../render/loss';
import { scaleLinear } from '../../render/scales';
import { axisTicks, logTicks } from '../../render/ticks';
import { define } from '../shared/define';
import { observeWidth } from '../shared/width';
import { themeStyles } from '../shared/theme';
import { isLoaded, langOf, t, whenLoaded, type Lang } from '../../i18n/index';
import type { PanelRun, StepDetail } from '../shared/types';
import { styles } from './descent-loss-chart.styles';

const M = { top: 24, right: 16, bottom: 24, left: 46 };

/**
 * Loss against step for every run, on a log scale of the gap above the global minimum where that
 * fits, with a cursor at the current step. Hovering previews a step; pressing or dragging scrubs.
 *
 * @element descent-loss-chart
 *
 * @attr {number} step - The step the cursor marks.
 * @attr {number} height - Height in pixels (default 170).
 * @attr {'light'|'dark'|'auto'} theme - Colour theme (default light; auto follows the system).
 * @attr {string} lang - UI language, en or ko (default: the nearest lang in the page).
 *
 * @prop {PanelRun[]} runs - The runs to plot (their `trajectory.loss`).
 * @prop {Surface} surface - For the global minimum f*, when it has one.
 *
 * @fires {CustomEvent<StepDetail>} descent-step - A step picked on the chart: `preview` while
 *   hovering, not while pressing or dragging; `step: null` when a hover preview ends. Bubbles, composed.
 *
 * @csspart chart - The SVG.
 * @csspart loss-curve - One curve per run, with `data-optimizer`.
 * @csspart cursor - The current-step line.
 *
 * @cssprop --descent-font - Font stack.
 * @cssprop --descent-muted - Axis text colour.
 */
export class DescentLossChart extends LitElement {
  static override styles = [styles, themeStyles];

  static override properties = {
    runs: { attribute: false },
    surface: { attribute: false },
    step: { type: Number, noAccessor: true },
    height: { type: Number },
    theme: { type: String, reflect: true },
    langAttribute: { type: String, attribute: 'lang' },
    width: { state: true },
    previewing: { state: true },
  };

  declare runs: readonly PanelRun[];
  declare surface: Surface | undefined;
  declare height: number;
  declare theme: string | null;
  declare langAttribute: string | null;
  declare protected width: number;
  declare protected previewing: boolean;

  private stopObservingWidth: (() => void) | undefined;
  private cache: { runs?: readonly PanelRun[]; width?: number; height?: number; y?: LossScale; paths?: Map<string, string> } = {};
  private pressed = false;
  private _step = 0;

  /** The step the cursor marks; moving it never re-renders the curves. */
  get step(): number {
    return this._step;
  }

  set step(value: number) {
    const old = this._step;
    this._step = value;
    if (this.hasUpdated && !this.isUpdatePending) this.applyStep();
    else this.requestUpdate('step', old);
  }

  protected override updated(): void {
    this.applyStep();
  }

  private applyStep(): void {
    const cursor = this.renderRoot.querySelector<SVGLineElement>('[part~="cursor"]');
    if (!cursor) return;
    const k = Math.max(0, Math.min(this._step, this.steps));
    const x = Number.isFinite(k) ? this.xScale()(k).toFixed(1) : '-1000';
    cursor.setAttribute('x1', x);
    cursor.setAttribute('x2', x);
  }

  constructor() {
    super();
    this.runs = [];
    this.height = 170;
    this.theme = null;
    this.langAttribute = null;
    this.width = 0;
    this.previewing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopObservingWidth = observeWidth(this, (w) => {
      if (w !== this.width) this.width = w;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObservingWidth?.();
  }

  private get steps(): number {
    return this.runs.reduce((n, r) => Math.max(n, r.trajectory.loss.length - 1), 1);
  }

  private xScale() {
    return scaleLinear([0, this.steps], [0, Math.max(10, this.width - M.left - M.right)]);
  }

  private fStar(): number | undefined {
    const mins = this.surface?.critical.filter((c) => c.kind === 'global-min') ?? [];
    return mins.length ? Math.min(...mins.map((c) => c.f)) : undefined;
  }

  private geometry() {
    const ph = this.height - M.top - M.bottom;
    const c = this.cache;
    if (c.runs === this.runs && c.width === this.width && c.height === this.height && c.y && c.paths) {
      return { y: c.y, paths: c.paths };
    }
    const y = lossScale(
      this.runs.map((r) => r.trajectory.loss),
      ph,
      this.fStar(),
    );
    const sx = this.xScale();
    const paths = new Map(this.runs.map((r) => [r.key, lossPath(r.trajectory.loss, sx, y)]));
    this.cache = { runs: this.runs, width: this.width, height: this.height, y, paths };
    return { y, paths };
  }

  private stepAt(e: PointerEvent): number {
    const rect = (e.currentTarget as Element).getBoundingClientRect();
    const k = Math.round(this.xScale().invert(e.clientX - rect.left - M.left));
    return Math.max(0, Math.min(this.steps, k));
  }

  private emit(step: number | null, preview: boolean): void {
    this.previewing = preview && step !== null;
    this.dispatchEvent(
      new CustomEvent<StepDetail>('descent-step', { detail: { step, preview }, bubbles: true, composed: true }),
    );
  }

  private onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    this.pressed = true;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    this.emit(this.stepAt(e), false);
  };

  private onMove = (e: PointerEvent) => {
    if (this.pressed) this.emit(this.stepAt(e), false);
    else if (e.pointerType === 'mouse') this.emit(this.stepAt(e), true);
  };

  private onUp = (e: PointerEvent) => {
    this.pressed = false;
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
  };

  private onLeave = () => {
    if (!this.pressed && this.previewing) this.emit(null, true);
  };

  /** The UI language (loading its strings if needed, then rendering again). */
  private get uiLang(): Lang {
    const lang = langOf(this);
    if (!isLoaded(lang)) void whenLoaded(lang).then(() => this.requestUpdate());
    return lang;
  }

  protected override render() {
    // styleProps (CSSOM), not a style attribute: a strict CSP (no 'unsafe-inline' styles) refuses those.
    if (!this.width) return html`<div style=${styleProps({ height: `${this.height}px` })}></div>`;
    const lang = this.uiLang;
    const pw = this.width - M.left - M.right;
    const ph = this.height - M.top - M.bottom;
    const { y, paths } = this.geometry();
    const sx = this.xScale();
    const yTicks = y.kind === 'log' ? logTicks(y.scale, 5) : axisTicks(y.scale, 4);
    // Steps are whole numbers: no thousands separator ("1000", not "1,000").
    const xTicks = axisTicks(sx, Math.max(2, Math.round(pw / 80))).map((t) => ({ ...t, label: String(t.value) }));
    return html`<svg
      part="chart"
      class=${this.previewing ? 'preview' : ''}
      width=${this.width}
      height=${this.height}
      role="img"
      aria-label=${t(lang, 'chartLabel', { n: this.runs.length }) + (y.kind === 'log' ? t(lang, 'logScale') : '')}
      @pointerdown=${this.onDown}
      @pointermove=${this.onMove}
      @pointerup=${this.onUp}
      @pointercancel=${this.onUp}
      @pointerleave=${this.onLeave}
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
        <text class="axis-label" x=${pw} y=${ph + 22} text-anchor="end">${t(lang, 'stepAxis')}</text>
        <text class="axis-label" x="-40" y="-13" text-anchor="start">${y.label}${y.kind === 'log' ? t(lang, 'logSuffix') : ''}</text>
        <svg width=${pw} height=${ph + 2} overflow="hidden">
          ${repeat(
            this.runs,
            (r) => r.key,
            (r) => svg`<path part="loss-curve" data-optimizer=${r.label} style=${styleProps({ stroke: r.color })} d=${paths.get(r.key) ?? ''}></path>`,
          )}
        </svg>
        ${repeat(
          this.runs.filter((r) => r.trajectory.divergedAt !== undefined),
          (r) => r.key,
          (r) => {
            const x = sx(r.trajectory.divergedAt as number);
            return svg`<path class="blowup" style=${styleProps({ stroke: r.color })} d="M${x - 4},-4L${x + 4},4M${x - 4},4L${x + 4},-4"
              transform="translate(0,4)"><title>${t(lang, 'announceDiverged', { name: r.label, k: r.trajectory.divergedAt as number })}</title></path>`;
          },
        )}
        <line part="cursor" y1="0" y2=${ph}></line>
      </g>
    </svg>`;
  }
}

define('descent-loss-chart', DescentLossChart);

declare global {
  interface HTMLElementTagNameMap {
    'descent-loss-chart': DescentLossChart;
  }
}
