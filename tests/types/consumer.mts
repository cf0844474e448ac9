// An ESM consumer under moduleResolution: nodenext (scripts/check-types.mjs).
import { trajectory, presetIds, loadExpressions, type PresetId, type Trajectory } from 'descent-lab/core';
import { compileSurface } from 'descent-lab/expression';
import { DescentPlayground, encodeHash, defaultConfig } from 'descent-lab';

const id: PresetId = presetIds[0];
const run: Trajectory = trajectory({ surface: 'rosenbrock', optimizer: 'adam', start: [-1.5, 2], steps: 10 });
const same: PresetId = run.optimizer;
// @ts-expect-error: not a preset id
trajectory({ surface: 'rosenbrock', optimizer: 'adamm', start: [-1.5, 2], steps: 10 });
const { compileSurface: lazy } = await loadExpressions();
const a: number = lazy('x^2 + y^2').f(1, 2) + compileSurface('x^2').f(1, 0);
const hash: string = encodeHash(defaultConfig('saddle'));
const tag: string = DescentPlayground.name;
export { id, same, a, hash, tag };
