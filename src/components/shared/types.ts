/** Data the elements pass each other, and the typed events they fire. */
import type { Point, Trajectory } from '../../core/types';
import type { Config } from '../../state/config';

/** One optimizer's run as a panel or chart draws it. */
export interface PanelRun {
  /** Stable across recomputation (e.g. the entry's index in the config). */
  readonly key: string;
  /** Shown in legends and as `data-optimizer`. */
  readonly label: string;
  readonly color: string;
  /** Its place in the list (the entry's index), which picks its head marker; default 0. */
  readonly index?: number;
  readonly trajectory: Trajectory;
  /** Drawn dashed (the inner-state chart's y coordinate). */
  readonly dashed?: boolean;
  /** The run this series belongs to, where a run has several (highlights name it, not the series). */
  readonly group?: string;
}

/**
 * `descent-highlight`: a reader pointed at, focused or tapped a run (a legend entry, a path, a
 * loss curve), or left it (`key: null`). The element highlights it unless a listener calls
 * preventDefault(): then that listener decides (the playground does, for all its views).
 */
export interface HighlightDetail {
  /** The run's key, or null for none. */
  readonly key: string | null;
  /** A tap or a click on a legend entry pins the highlight (a second one unpins it). */
  readonly pin?: boolean;
}

/** `descent-start-change`: the start handle moved (every pointer move, every arrow key). */
export interface StartChangeDetail {
  readonly start: Point;
  readonly source: 'pointer' | 'keyboard';
  /** True on pointer release (or for keyboard moves): a good moment to save state. */
  readonly final: boolean;
}

/**
 * `descent-step`: the step shown changed. From `<descent-loss-chart>`: a reader picked a step
 * (hover previews, press scrubs). From `<descent-playground>`: playback, the step button, the
 * timeline, reset, or a chart pick (the chart's own event does not leave the playground).
 */
export interface StepDetail {
  /** The step, or null when a hover preview ends. */
  readonly step: number | null;
  /** A hover preview (the playback step is unchanged). */
  readonly preview: boolean;
  /** From the playground: steps per run. */
  readonly steps?: number;
  /** From the playground: whether it is playing. */
  readonly playing?: boolean;
}

/** What `descent-converge` and `descent-diverge` say about the run. */
export interface RunEventDetail {
  /** The run's index in `config.optimizers`. */
  readonly index: number;
  /** Its preset id, e.g. "adam". */
  readonly kind: string;
  /** Its label as shown, e.g. "Adam" or "Adam, lr 0.05". */
  readonly label: string;
  /** The step at which it converged or diverged. */
  readonly step: number;
  /** Where it was at that step (for a divergence, the last finite point) and its loss there. */
  readonly x: number;
  readonly y: number;
  readonly loss: number;
}

/**
 * `descent-converge`: playback (or a seek) reached the step at which a run converged (its
 * gradient norm fell below 1e-8). Fired once each time the shown step passes it going forward.
 */
export type ConvergeDetail = RunEventDetail;

/** `descent-diverge`: playback (or a seek) reached the step at which a run blew up. */
export type DivergeDetail = RunEventDetail;

/** `descent-config-change`: the playground's configuration changed by interaction. */
export interface ConfigChangeDetail {
  readonly config: Config;
}

/** `descent-optimizer-change`: a `<descent-optimizer>` child's attributes changed. */
export type OptimizerChangeDetail = Record<string, never>;

declare global {
  interface HTMLElementEventMap {
    'descent-start-change': CustomEvent<StartChangeDetail>;
    'descent-step': CustomEvent<StepDetail>;
    'descent-highlight': CustomEvent<HighlightDetail>;
    'descent-config-change': CustomEvent<ConfigChangeDetail>;
    'descent-converge': CustomEvent<ConvergeDetail>;
    'descent-diverge': CustomEvent<DivergeDetail>;
    'descent-optimizer-change': CustomEvent<OptimizerChangeDetail>;
  }
}
