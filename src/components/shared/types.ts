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
  readonly trajectory: Trajectory;
}

/** `descent-start-change`: the start handle moved (every pointer move, every arrow key). */
export interface StartChangeDetail {
  readonly start: Point;
  readonly source: 'pointer' | 'keyboard';
  /** True on pointer release (or for keyboard moves): a good moment to save state. */
  readonly final: boolean;
}

/** `descent-step`: a reader picked a step on the loss chart (hover previews, press scrubs). */
export interface StepDetail {
  /** The step, or null when a hover preview ends. */
  readonly step: number | null;
  readonly preview: boolean;
}

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
    'descent-config-change': CustomEvent<ConfigChangeDetail>;
    'descent-optimizer-change': CustomEvent<OptimizerChangeDetail>;
  }
}
