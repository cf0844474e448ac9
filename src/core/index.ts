/**
 * descent-lab/core: update rules, surfaces and trajectories. No DOM: runs in a page, a Worker
 * or Node.
 */
export { trajectory, resolveSurface, CONVERGED_GRAD_NORM, DIVERGENCE_SPANS } from './trajectory';
export type { NoiseOptions, SurfaceInput, TrajectoryOptions } from './trajectory';
export {
  optimizers,
  presetIds,
  rules,
  getPreset,
  isPresetId,
  resolveHyper,
} from './optimizers/index';
export type { Hyper, HyperSpec, HyperValue, OptimizerPreset, PresetId, RuleId, UpdateRule } from './optimizers/index';
export { surfaces, surfaceIds } from '../../surfaces/index';
export type { SurfaceId } from '../../surfaces/index';
export { findCriticalPoints } from './critical-points';
export { OptionError } from './errors';
export { compileSurface, SurfaceError } from './expression/index';
export { mulberry32 } from './random';
export type { CriticalKind, CriticalPoint, Domain, Point, Surface, Trajectory } from './types';
