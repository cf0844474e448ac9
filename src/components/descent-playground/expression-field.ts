/**
 * The playground's "Custom expression…" field: f(x, y) typed in mathjs syntax plus its x and y
 * ranges. As the user types (debounced lightly) the text is compiled; a surface that compiles is
 * handed to the host, an error is shown in a polite live region and its characters are
 * underlined, while the host keeps showing the last good surface.
 *
 * The underline is a mirror: a div behind the input (whose background is transparent) holding
 * the same text in the same font, invisible, with a `<mark>` over [start, end) that draws a wavy
 * line. It scrolls with the input, so it stays under the right characters.
 *
 * A lit ReactiveController rather than an element, so its parts sit in the playground's shadow
 * root with the rest of its parts. The expression module (and mathjs) is loaded on first use, and
 * this controller itself is in a lazy chunk (see custom.ts); its styles are not
 * (expression-field.styles.ts).
 */
import { html, nothing, type LitElement, type ReactiveController } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Domain, Surface } from '../../core/types';
import { formatNumber } from '../../render/ticks';
import { parseNumber } from '../../state/parse';
import { prepareContours } from '../shared/contour-prepare';
import { expressionModule, loadedExpressionModule } from '../shared/expressions';
import { loadedKoProse, t, type Lang } from '../../i18n/index';

/** Wait after the last keystroke before compiling: short enough to feel live. */
export const TYPING_DEBOUNCE_MS = 150;
/** A compile running longer than this shows a "working" hint. */
const BUSY_AFTER_MS = 300;

export interface ExpressionChange {
  /** The expression as typed. */
  readonly expr: string;
  readonly domain: Domain;
  /** The compiled surface (compileSurface's, cached there by expression and domain). */
  readonly surface: Surface;
}

const BOUNDS = ['x-min', 'x-max', 'y-min', 'y-max'] as const;
type Bound = (typeof BOUNDS)[number];

export interface FieldError {
  /** Which input is at fault ('load': the expression module could not be downloaded). */
  readonly field: 'expression' | Bound | 'load';
  readonly message: string;
  /** For the expression: the characters at fault, 0-based, end exclusive. */
  readonly start?: number;
  readonly end?: number;
}

function keyOf(expr: string, domain: Domain): string {
  return `${domain.x[0]},${domain.x[1]},${domain.y[0]},${domain.y[1]}\u0000${expr}`;
}

/** A bound as typed: plain, without the thousands separators formatNumber might add. */
function boundText(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/**
 * A typed-in expression's error (the core's SurfaceError) in `lang`: the core's own message in
 * English; in Korean, the message for its `code`, with the place and the characters at fault.
 */
export function surfaceErrorText(
  error: { readonly message: string; readonly code?: string; readonly start?: number; readonly end?: number },
  expr: string,
  lang: Lang,
): string {
  return (lang === 'ko' && loadedKoProse()?.koSurfaceErrorText(error, expr)) || error.message;
}

export class ExpressionField implements ReactiveController {
  /** The expression as typed and the four bounds as typed. */
  private text = '';
  private bounds: Record<Bound, string> = { 'x-min': '-5', 'x-max': '5', 'y-min': '-5', 'y-max': '5' };
  private error: FieldError | null = null;
  /** The bound typed in last: an x-min above x-max is x-min's fault if x-min was just typed. */
  private lastBound: Bound | undefined;
  /** Expression and domain the host shows (set by show() or by a change handed to the host). */
  private current = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every edit, so a compile that finishes after a newer edit is dropped. */
  private generation = 0;
  /** Stops the compile under way (it runs in short tasks) when the text changes again. */
  private compiling: AbortController | undefined;
  /** True once a compile has taken longer than BUSY_AFTER_MS: the hint then says it is working. */
  private busy = false;
  private busyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: LitElement,
    private readonly onChange: (change: ExpressionChange) => void,
    private readonly lang: () => Lang = () => 'en',
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.stopCompiling();
  }

  /** Drops the compile under way, if any. */
  private stopCompiling(): void {
    this.compiling?.abort();
    this.compiling = undefined;
    clearTimeout(this.busyTimer);
    this.busy = false;
  }

  hostUpdated(): void {
    this.syncScroll();
  }

  /** Whether the field shows an error (the host keeps its last good surface meanwhile). */
  get invalid(): boolean {
    return this.error !== null;
  }

  /**
   * Shows the configuration's expression and domain. Does nothing while they are what the field
   * last handed over, so text being typed is not overwritten by its own last good version.
   */
  show(expr: string, domain: Domain): void {
    const key = keyOf(expr, domain);
    if (key === this.current) return;
    this.current = key;
    this.setText(expr, domain);
    this.error = null;
    this.host.requestUpdate();
  }

  /** Opens the field on `expr` over `domain` (e.g. the current catalog surface) and compiles it now. */
  open(expr: string, domain: Domain): void {
    this.current = '';
    this.setText(expr, domain);
    this.error = null;
    void this.check();
  }

  private setText(expr: string, domain: Domain): void {
    clearTimeout(this.timer);
    this.stopCompiling();
    this.generation++;
    this.text = expr;
    this.bounds = {
      'x-min': boundText(domain.x[0]),
      'x-max': boundText(domain.x[1]),
      'y-min': boundText(domain.y[0]),
      'y-max': boundText(domain.y[1]),
    };
  }

  /** The domain typed in, or an error that names the bound at fault. */
  private readDomain(): Domain | FieldError {
    const v = {} as Record<Bound, number>;
    for (const b of BOUNDS) {
      const n = parseNumber(this.bounds[b]);
      if (n === undefined) {
        const lang = this.lang();
        return { field: b, message: t(lang, 'boundNotNumber', { bound: t(lang, b), text: this.bounds[b].trim() }) };
      }
      v[b] = n;
    }
    for (const axis of ['x', 'y'] as const) {
      const lo = v[`${axis}-min`];
      const hi = v[`${axis}-max`];
      if (!(lo < hi)) {
        const field: Bound = this.lastBound === `${axis}-min` ? `${axis}-min` : `${axis}-max`;
        const key = field === `${axis}-min` ? 'boundOrderMin' : 'boundOrder';
        return { field, message: t(this.lang(), key, { axis, lo: formatNumber(lo), hi: formatNumber(hi) }) };
      }
    }
    return { x: [v['x-min'], v['x-max']], y: [v['y-min'], v['y-max']] };
  }

  /** Compiles what is typed; hands a new surface to the host, or shows why not. */
  private async check(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    const text = this.text;
    const domain = this.readDomain();
    if (!('x' in domain)) return this.fail(domain);
    if (!text.trim()) return this.fail({ field: 'expression', message: t(this.lang(), 'typeExpression'), start: 0, end: text.length });
    let module = loadedExpressionModule();
    if (!module) {
      try {
        module = await expressionModule();
      } catch {
        if (generation === this.generation) {
          this.fail({ field: 'load', message: t(this.lang(), 'compilerFailed') });
        }
        return;
      }
      if (generation !== this.generation) return;
    }
    let surface: Surface;
    this.stopCompiling();
    const controller = (this.compiling = new AbortController());
    this.busyTimer = setTimeout(() => {
      this.busy = true;
      this.host.requestUpdate();
    }, BUSY_AFTER_MS);
    try {
      // In short tasks: a long expression's critical points take up to a second or two to find,
      // and typing must not wait for them.
      surface = await module.compileSurfaceAsync(text, { domain, signal: controller.signal });
      // Its map too: sampling a costly f over the map's grid can take as long.
      await prepareContours(surface, controller.signal);
    } catch (error) {
      if (controller.signal.aborted || generation !== this.generation) return;
      this.stopCompiling();
      const e = error as { message?: unknown; code?: unknown; start?: unknown; end?: unknown };
      const range = typeof e.start === 'number' && typeof e.end === 'number' ? { start: e.start, end: e.end } : {};
      const code = typeof e.code === 'string' ? { code: e.code } : {};
      const message = surfaceErrorText({ message: String(e.message ?? error), ...code, ...range }, text, this.lang());
      return this.fail({ field: 'expression', message, ...range });
    }
    if (controller.signal.aborted || generation !== this.generation) return;
    this.stopCompiling();
    this.error = null;
    this.host.requestUpdate();
    const key = keyOf(text, domain);
    if (key === this.current) return;
    this.current = key;
    this.onChange({ expr: text, domain, surface });
  }

  private fail(error: FieldError): void {
    this.error = error;
    this.host.requestUpdate();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.stopCompiling();
    this.generation++;
    // The old underline no longer matches the text; the message stays until the next check.
    if (this.error?.start !== undefined) this.error = { field: this.error.field, message: this.error.message };
    this.timer = setTimeout(() => void this.check(), TYPING_DEBOUNCE_MS);
    this.host.requestUpdate();
  }

  private onExpressionInput = (e: Event): void => {
    this.text = (e.target as HTMLInputElement).value;
    this.schedule();
    this.syncScroll();
  };

  private onBoundInput = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.lastBound = input.dataset.bound as Bound;
    this.bounds = { ...this.bounds, [this.lastBound]: input.value };
    this.schedule();
  };

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') void this.check();
  };

  /** Keeps the mirror scrolled like the input, so the underline stays under its characters. */
  private syncScroll = (): void => {
    const root = this.host.renderRoot;
    const input = root?.querySelector<HTMLInputElement>('[part~="expression-input"]');
    const mirror = root?.querySelector<HTMLElement>('.expr-mirror');
    if (input && mirror) mirror.scrollLeft = input.scrollLeft;
  };

  /** The invisible copy of the text with the bad characters marked. */
  private mirror() {
    const e = this.error;
    if (!e || e.field !== 'expression' || e.start === undefined || e.end === undefined) return nothing;
    const text = this.text;
    const start = Math.max(0, Math.min(e.start, text.length));
    let end = Math.max(start, Math.min(e.end, text.length));
    // A point error ("expected ) at the end") marks the next character, or a space past the end.
    if (end === start && start < text.length) end = start + 1;
    const bad = end > start ? text.slice(start, end) : ' ';
    // No whitespace between the pieces: the mirror is white-space: pre.
    return html`<div class="expr-mirror" aria-hidden="true"><span>${text.slice(0, start)}</span><mark part="expression-underline" data-start=${start} data-end=${end}>${bad}</mark><span>${text.slice(end)}</span></div>`;
  }

  render() {
    const e = this.error;
    const lang = this.lang();
    const bound = (b: Bound) =>
      html`<input
        type="text"
        inputmode="decimal"
        part="domain-input"
        data-bound=${b}
        aria-label=${t(lang, b)}
        aria-invalid=${e?.field === b ? 'true' : 'false'}
        aria-describedby=${e?.field === b ? 'expression-error' : nothing}
        .value=${live(this.bounds[b])}
        @input=${this.onBoundInput}
        @keydown=${this.onKeydown}
      />`;
    return html`<div part="expression" class="expression">
      <div class="row">
        <label class="field expr-label" for="expression-input">f(x, y) =</label>
        <div class="expr-box">
          ${this.mirror()}<input
            id="expression-input"
            type="text"
            part="expression-input"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            aria-label=${t(lang, 'expressionLabel')}
            aria-invalid=${e?.field === 'expression' ? 'true' : 'false'}
            aria-busy=${this.busy ? 'true' : 'false'}
            aria-describedby=${e?.field === 'expression' || e?.field === 'load' ? 'expression-error' : 'expression-hint'}
            .value=${live(this.text)}
            @input=${this.onExpressionInput}
            @keydown=${this.onKeydown}
            @scroll=${this.syncScroll}
            @keyup=${this.syncScroll}
            @click=${this.syncScroll}
          />
        </div>
        <span class="ranges">
          <span class="field bounds" role="group" aria-label=${t(lang, 'xRange')}>x ${bound('x-min')} ${t(lang, 'to')} ${bound('x-max')}</span>
          <span class="field bounds" role="group" aria-label=${t(lang, 'yRange')}>y ${bound('y-min')} ${t(lang, 'to')} ${bound('y-max')}</span>
        </span>
      </div>
      <div class="expr-message" id="expression-message">
        <span part="expression-error" id="expression-error" role="alert" aria-live="polite">${e?.message ?? ''}</span>
        <span class="hint ${e ? 'covered' : ''}" id="expression-hint">${t(lang, this.busy ? 'expressionBusy' : 'expressionHint')}</span>
      </div>
    </div>`;
  }
}
