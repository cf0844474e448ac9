/**
 * descent-lab: the library entry. Exports the headless core, the render helpers' public types,
 * the Config codec, and registers the web components (`<descent-playground>`,
 * `<descent-surface>`, `<descent-loss-chart>`, `<descent-optimizer>`). Registration is guarded:
 * importing this module twice, or in Node (no customElements), does not throw.
 */
export * from './core/index';
export type { Race, RaceEntry } from './core/types';
export { encodeHash, decodeHash, defaultConfig } from './state/index';
export type { Config, Layout, OptimizerEntry } from './state/index';
export { DescentSurface } from './components/descent-surface/descent-surface';
export { DescentLossChart } from './components/descent-loss-chart/descent-loss-chart';
export { DescentOptimizer } from './components/descent-optimizer/descent-optimizer';
export { DescentPlayground } from './components/descent-playground/descent-playground';
export type {
  ConfigChangeDetail,
  PanelRun,
  StartChangeDetail,
  StepDetail,
} from './components/shared/types';
