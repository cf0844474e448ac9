/**
 * descent-lab: the library entry. Exports the headless core, the render helpers' public types,
 * the Config codec, and registers the web components (`<descent-playground>`,
 * `<descent-surface>`, `<descent-loss-chart>`, `<descent-optimizer>`). Registration is guarded:
 * importing this module twice, or in Node (no customElements), does not throw.
 *
 * The core's names are listed one by one, from their own modules. Typed-in expressions are
 * reached only through `loadExpressions()`, a dynamic import, so a page that shows catalog
 * surfaces never downloads mathjs (`descent-lab/core` works the same way; `descent-lab/expression`
 * is the compiler itself, for code that wants it loaded up front).
 */
export { trajectory, resolveSurface, loadSchedules, CONVERGED_GRAD_NORM, DIVERGENCE_SPANS } from './core/trajectory';
export type { NoiseOptions, SurfaceInput, TrajectoryOptions } from './core/trajectory';
// Where every start leads: one optimizer from every cell of a grid (basins, convergence steps).
export { convergenceMap, MAX_MAP_CELLS } from './core/convergence-map';
export type { ConvergenceMap, ConvergenceMapOptions } from './core/convergence-map';
// torch.optim.lr_scheduler's schedules (registers with trajectory(); the one-file bundle loads them on first use).
export { scheduleRun, scheduleKinds, parseSchedule, scheduleText } from './core/schedules';
export type { MomentumOption, ScheduleKind, ScheduleOptions, ScheduleRun } from './core/schedules';
export type { BatchOptions, BatchRecord } from './core/batch';
// Fills the presets' `rule` TeX (a side effect: it registers with the registry).
import './core/optimizers/rule-tex';
import { moreRules } from './core/optimizers/rule-tex-more';
import { moreProse } from './core/optimizers/rule-prose-more';
import { provideMoreProse, provideMoreRules } from './core/optimizers/rule-tex';
provideMoreRules(moreRules);
provideMoreProse(moreProse);
// The hyperparameters' tooltips (HyperSpec.doc; the one-file bundle loads them with the settings).
import './core/optimizers/hyper-docs';
// Every rule's definition and compiled-loop source up front (the one-file bundle loads the rarer ones on first use).
import './core/optimizers/more';
export {
  optimizers,
  presetIds,
  rules,
  getPreset,
  isPresetId,
  resolveHyper,
  loadOptimizers,
} from './core/optimizers/index';
export type { Hyper, HyperSpec, HyperValue, OptimizerPreset, PresetId, RuleId, UpdateRule } from './core/optimizers/index';
export { surfaces, surfaceIds, dataSurfaces } from '../surfaces/index';
export type { SurfaceId } from '../surfaces/index';
export { findCriticalPoints } from './core/critical-points';
export { OptionError } from './core/errors';
export { SurfaceError } from './core/expression/errors';
export type { SurfaceErrorCode } from './core/expression/errors';
export { loadExpressions } from './core/expression/load';
export { mulberry32 } from './core/random';
export type { CriticalKind, CriticalPoint, Domain, Point, Surface, SurfaceData, Trajectory } from './core/types';
export type { Race, RaceEntry } from './core/types';
export { encodeHash, decodeHash, defaultConfig } from './state/index';
export type { Config, Layout, OptimizerEntry, Refusal, RefusalKey, RefusalReason } from './state/index';
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
