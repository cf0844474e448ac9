/**
 * The playground's playback: the step shown, play / pause / step / seek on the page's one
 * animation clock, and what follows a step change. A frame moves every view to the step
 * imperatively (panels, chart cursor, timeline, readout) so lit re-renders only when something
 * else changes; the step is reported as descent-step, and runs converging or diverging on the
 * way as descent-converge / descent-diverge plus an announcement.
 *
 * A lit ReactiveController over a small host interface, so the element keeps only the wiring.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Trajectory } from '../../core/types';
import { t, type Lang } from '../../i18n/index';
import { clock, type ClockClient } from '../shared/clock';
import type { ConvergeDetail, DivergeDetail, RunEventDetail, StepDetail } from '../shared/types';
import type { DescentSurface } from '../descent-surface/descent-surface';
import type { DescentLossChart } from '../descent-loss-chart/descent-loss-chart';
import type { EntryRun } from './optimizer-list';

export interface PlaybackHost extends ReactiveControllerHost, Element {
  readonly hasUpdated: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What playback reads from the element as it goes (read on demand: the clock calls every frame). */
export interface PlaybackSource {
  /** The run length and the speed in steps per second (the configuration's). */
  timing(): { readonly steps: number; readonly speed: number };
  runs(): readonly EntryRun[];
  lang(): Lang;
  /** Stopping or seeking commits the step, as an interaction that changes the configuration. */
  commitStep(step: number): void;
  /** Called after every view has moved to step `k` (the rule's values follow it). */
  synced?(k: number): void;
}

export class Playback implements ReactiveController, ClockClient {
  #playingNow = false;
  /** The playback step (integer) and the exact position the clock advances. */
  #stepNow = 0;
  #position = 0;
  /** A step previewed by hovering the loss chart, shown instead of `step`. */
  #previewStep: number | null = null;
  #stopClock: (() => void) | undefined;
  /** Which runs showed a "diverged" badge at the last render. */
  #renderedBadges = '';
  /** The step last reported by descent-step (and the last for which run events fired). */
  #reportedStep: { step: number | null; preview: boolean } = { step: 0, preview: false };
  #eventStep = 0;
  /** Announcements made for the current runs, so a replay does not repeat them. */
  #announced = new WeakMap<Trajectory, Set<'converge' | 'diverge'>>();

  readonly #host: PlaybackHost;
  readonly #source: PlaybackSource;

  constructor(
    host: PlaybackHost,
    source: PlaybackSource,
  ) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pause(false);
  }

  get playing(): boolean {
    return this.#playingNow;
  }

  /** The playback step (not a preview). */
  get step(): number {
    return this.#stepNow;
  }

  /** Step shown: a hover preview if any, else the playback step. */
  get shownStep(): number {
    return this.#previewStep ?? this.#stepNow;
  }

  /** Puts the playback at step `k` without moving the views or reporting it: the next update does. */
  place(k: number): void {
    this.#stepNow = this.#position = k;
  }

  /** Back from a hover preview to the playback step, at the next update. */
  dropPreview(): void {
    this.#previewStep = null;
  }

  /** Shows step `k` while the loss chart is hovered (null: the playback step again), leaving the playback step where it is. */
  preview(k: number | null): void {
    this.#previewStep = k;
    this.sync();
  }

  /**
   * New runs: events start over from the step shown now. (Announcements are remembered per
   * trajectory, so an unchanged run replayed is not announced again.)
   */
  runsChanged(): void {
    this.#eventStep = this.#stepNow;
  }

  /** Remembers which badges the render about to happen shows, so sync() knows when they change. */
  rendering(step: number): void {
    this.#renderedBadges = this.#badgeKey(step);
  }

  /** Called by the animation clock on each frame while playing and on screen. */
  tick(_now: number, dt: number): void {
    const { steps, speed } = this.#source.timing();
    this.#position = Math.min(steps, this.#position + (dt * speed) / 1000);
    const next = Math.floor(this.#position);
    if (next !== this.#stepNow) {
      this.#stepNow = next;
      this.sync();
    }
    if (this.#position >= steps) this.pause();
  }

  /** Starts the race (from the beginning when it has ended). */
  play(): void {
    if (this.#playingNow) return;
    if (this.#stepNow >= this.#source.timing().steps) this.#stepNow = this.#position = 0;
    this.#position = Math.max(this.#position, this.#stepNow);
    this.#previewStep = null;
    this.#playingNow = true;
    this.#host.requestUpdate();
    this.#stopClock = clock.subscribe(this.#host, this);
  }

  /** Stops at the current step; `notify` commits it. */
  pause(notify = true): void {
    this.#stopClock?.();
    this.#stopClock = undefined;
    if (!this.#playingNow) return;
    this.#playingNow = false;
    this.#host.requestUpdate();
    if (notify) this.#source.commitStep(this.#stepNow);
  }

  /** Shows step `k`, paused. */
  seek(k: number): void {
    const step = Math.max(0, Math.min(this.#source.timing().steps, Math.round(k)));
    this.pause(false);
    this.#stepNow = this.#position = step;
    this.#previewStep = null;
    this.sync();
    this.#source.commitStep(step);
  }

  /** Moves every view to the shown step without re-rendering (re-renders only for new badges). */
  sync(): void {
    const k = this.shownStep;
    const lang = this.#source.lang();
    const { steps } = this.#source.timing();
    const root = this.#host.renderRoot;
    for (const panel of root.querySelectorAll<DescentSurface>('descent-surface')) panel.step = k;
    for (const chart of root.querySelectorAll<DescentLossChart>('descent-loss-chart')) chart.step = k;
    const timeline = root.querySelector<HTMLInputElement>('[part~="timeline"]');
    // Written only when they change: a new text node (even with the same text) costs the
    // frame a full layout, and a drag calls this on every move.
    if (timeline) {
      if (timeline.value !== String(k)) timeline.value = String(k);
      setIfChanged(timeline, 'aria-valuetext', t(lang, 'timelineValue', { k, n: steps }));
    }
    const readout = root.querySelector<HTMLElement>('[part~="step-readout"]');
    if (readout) {
      const text = t(lang, 'readout', { k, n: steps });
      if (readout.textContent !== text) readout.textContent = text;
      setIfChanged(readout, 'data-step', String(k));
    }
    if (this.#badgeKey(k) !== this.#renderedBadges) this.#host.requestUpdate();
    this.#source.synced?.(k);
    this.#reportStep();
  }

  /**
   * Fires descent-step when the shown step changed, and descent-converge / descent-diverge (with
   * an announcement) for each run whose convergence or divergence step the playback step just
   * passed going forward. Previews (hovering the chart) fire descent-step only.
   */
  #reportStep(): void {
    if (!this.#host.hasUpdated) return;
    const preview = this.#previewStep !== null;
    const step = this.shownStep;
    const last = this.#reportedStep;
    if (last.step !== step || last.preview !== preview) {
      this.#reportedStep = { step, preview };
      this.#host.dispatchEvent(
        new CustomEvent<StepDetail>('descent-step', {
          detail: { step, preview, steps: this.#source.timing().steps, playing: this.#playingNow },
          bubbles: true,
          composed: true,
        }),
      );
    }
    const from = this.#eventStep;
    const to = this.#stepNow;
    this.#eventStep = to;
    if (to <= from) return;
    const messages: string[] = [];
    const lang = this.#source.lang();
    for (const run of this.#source.runs()) {
      const tr = run.trajectory;
      if (!tr) continue;
      for (const [type, at] of [
        ['converge', tr.convergedAt],
        ['diverge', tr.divergedAt],
      ] as const) {
        if (at === undefined || at <= from || at > to) continue;
        // Where the run was: at a divergence, the last finite point.
        const i = Number.isFinite(tr.x[at]) && Number.isFinite(tr.y[at]) ? at : Math.max(0, at - 1);
        const detail: RunEventDetail = {
          index: run.index,
          kind: run.entry.kind,
          label: run.label,
          step: at,
          x: tr.x[i],
          y: tr.y[i],
          loss: tr.loss[i],
        };
        const init = { detail, bubbles: true, composed: true };
        this.#host.dispatchEvent(
          type === 'converge'
            ? new CustomEvent<ConvergeDetail>('descent-converge', init)
            : new CustomEvent<DivergeDetail>('descent-diverge', init),
        );
        let said = this.#announced.get(tr);
        if (!said) this.#announced.set(tr, (said = new Set()));
        if (said.has(type)) continue;
        said.add(type);
        messages.push(t(lang, type === 'converge' ? 'announceConverged' : 'announceDiverged', { name: run.label, k: at }));
      }
    }
    if (messages.length) this.#announce(messages.join('. '));
  }

  /** Says `message` in the polite live region. */
  #announce(message: string): void {
    const region = this.#host.renderRoot.querySelector('[part~="announcer"]');
    if (region) region.textContent = message;
  }

  /** Which runs have diverged by step `k`: a change means the badges must be rendered again. */
  #badgeKey(k: number): string {
    return this.#source
      .runs()
      .filter((r) => r.trajectory?.divergedAt !== undefined && k >= r.trajectory.divergedAt)
      .map((r) => r.index)
      .join(',');
  }
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
