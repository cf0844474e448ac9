/**
 * descent-lab/core: update rules, surfaces and trajectories. No DOM: runs in a page, a Worker
 * or Node.
 *
 * Nothing here loads mathjs: the catalog surfaces and `trajectory()` are ready as soon as the
 * module is (milliseconds). Typed-in expressions need the expression compiler, which brings
 * mathjs (about a second to load in Node): `const { compileSurface } = await loadExpressions()`
 * loads it on first use and registers it with `trajectory()`, so `{ expr, domain }` surfaces
 * work from then on; `import { compileSurface } from 'descent-lab/expression'` is the same
 * module, loaded eagerly. scripts/check-core-graph.mjs keeps mathjs out of this entry's static
 * import graph.
 */
export { trajectory, resolveSurface, loadSchedules, CONVERGED_GRAD_NORM, DIVERGENCE_SPANS, MAX_TRAJECTORY_STEPS } from './trajectory';
export type { NoiseOptions, SurfaceInput, TrajectoryOptions } from './trajectory';
// Where every start leads: one optimizer from every cell of a grid (basins, convergence steps).
export { convergenceMap, MAX_MAP_CELLS } from './convergence-map';
export type { ConvergenceMap, ConvergenceMapOptions } from './convergence-map';
// torch.optim.lr_scheduler's schedules (registers with trajectory(); the one-file bundle loads them on first use).
export { scheduleRun, scheduleKinds, parseSchedule, scheduleText } from './schedules';
export type { MomentumOption, ScheduleKind, ScheduleOptions, ScheduleRun } from './schedules';
export type { BatchOptions, BatchRecord } from './batch';
// Fills the presets' `rule` TeX (a side effect: it registers with the registry).
import './optimizers/rule-tex';
import { moreRules } from './optimizers/rule-tex-more';
import { moreProse } from './optimizers/rule-prose-more';
import { provideMoreProse, provideMoreRules } from './optimizers/rule-tex';
provideMoreRules(moreRules);
provideMoreProse(moreProse);
// The hyperparameters' tooltips (HyperSpec.doc; the one-file bundle loads them with the settings).
import './optimizers/hyper-docs';
// Every rule's definition and compiled-loop source up front (the one-file bundle loads the rarer ones on first use).
import './optimizers/more';
export {
  optimizers,
  presetIds,
  rules,
  getPreset,
  isPresetId,
  resolveHyper,
  loadOptimizers,
} from './optimizers/index';
export type { Hyper, HyperSpec, HyperValue, OptimizerPreset, PresetId, RuleId, UpdateRule } from './optimizers/index';
export { surfaces, surfaceIds, dataSurfaces } from '../../surfaces/index';
export type { SurfaceId } from '../../surfaces/index';
export { findCriticalPoints } from './critical-points';
export { OptionError } from './errors';
export { SurfaceError } from './expression/errors';
export type { SurfaceErrorCode } from './expression/errors';
export { loadExpressions } from './expression/load';
export type { CompiledSurface, CompileSurfaceOptions } from './expression/index';
export { mulberry32 } from './random';
export type { CriticalKind, CriticalPoint, Domain, Point, Race, RaceEntry, Surface, SurfaceData, Trajectory, TrajectoryRecord } from './types';
