/**
 * The playground's run highlight: one state for its legend strip, its surface panels (overlay or
 * grid) and its loss chart. Each view reports `descent-highlight`; the playground takes it
 * (preventDefault), keeps the state here and passes `highlight` down to all of them. It also
 * measures the legend strip, whose height the panels leave free.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Highlight, runLegend } from '../shared/legend';
import type { HighlightDetail, PanelRun } from '../shared/types';
import type { Lang } from '../../i18n/index';
import { deferredResizeObserver, type SizeObserver } from '../shared/resize';

export class RunHighlight implements ReactiveController {
  readonly state = new Highlight();
  /** The legend strip's height (with its margin), once measured. */
  legendHeight = 0;
  #observer: SizeObserver | undefined;
  #observed: Element | null = null;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #legendElement: () => Element | null;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    legendElement: () => Element | null,
  ) {
    this.#host = host;
    this.#legendElement = legendElement;
    host.addController(this);
  }

  get current(): string | undefined {
    return this.state.current ?? undefined;
  }

  /** A view's `descent-highlight`: taken here. */
  onEvent = (e: CustomEvent<HighlightDetail>) => {
    e.preventDefault();
    e.stopPropagation();
    this.#apply(e.detail);
  };

  #apply(detail: HighlightDetail): void {
    if (this.state.apply(detail)) this.#host.requestUpdate();
  }

  /** The legend strip for `runs`. */
  legend(runs: readonly PanelRun[], lang: Lang) {
    this.state.keep(runs.map((r) => r.key));
    return runLegend(runs, this.state, lang, (detail) => this.#apply(detail));
  }

  hostUpdated(): void {
    const el = this.#legendElement();
    if (el === this.#observed) return;
    this.#observer ??= deferredResizeObserver(() => this.#measure(), this.#host);
    if (this.#observed) this.#observer.unobserve(this.#observed);
    this.#observed = el;
    if (el) this.#observer.observe(el);
    else if (this.legendHeight) {
      this.legendHeight = 0;
      this.#host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observed = null;
  }

  #measure(): void {
    const el = this.#observed;
    if (!el) return;
    const style = getComputedStyle(el);
    const h = Math.ceil(el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    if (h !== this.legendHeight) {
      this.legendHeight = h;
      this.#host.requestUpdate();
    }
  }
}
