/**
 * The surface catalog, in teaching order: the shapes that trouble gradient descent one at a time
 * (saddles, ravines, plateaus, competing basins), then the classic test functions from gentle to
 * rugged.
 */
import { registerSurfaces } from '../src/core/registry';
import type { Surface } from '../src/core/types';
import { surfaceIds as ids, type SurfaceId } from './ids';
import { ackley } from './ackley';
import { beale } from './beale';
import { booth } from './booth';
import { goldsteinPrice } from './goldstein-price';
import { himmelblau } from './himmelblau';
import { levi13 } from './levi13';
import { linearRegression } from './linear-regression';
import { logisticRegression } from './logistic-regression';
import { tinyNet } from './tiny-net';
import { matyas } from './matyas';
import { monkeySaddle } from './monkey-saddle';
import { plateau } from './plateau';
import { rastrigin } from './rastrigin';
import { ravine } from './ravine';
import { rosenbrock } from './rosenbrock';
import { saddle } from './saddle';
import { sixHumpCamel } from './six-hump-camel';
import { styblinskiTang } from './styblinski-tang';
import { threeHumpCamel } from './three-hump-camel';
import { twoWells } from './two-wells';

export {
  ackley,
  beale,
  booth,
  goldsteinPrice,
  himmelblau,
  levi13,
  linearRegression,
  logisticRegression,
  matyas,
  monkeySaddle,
  plateau,
  rastrigin,
  ravine,
  rosenbrock,
  saddle,
  sixHumpCamel,
  styblinskiTang,
  threeHumpCamel,
  tinyNet,
  twoWells,
};

const catalog = {
  saddle,
  'monkey-saddle': monkeySaddle,
  ravine,
  plateau,
  'two-wells': twoWells,
  booth,
  matyas,
  rosenbrock,
  beale,
  himmelblau,
  'three-hump-camel': threeHumpCamel,
  'six-hump-camel': sixHumpCamel,
  'styblinski-tang': styblinskiTang,
  'goldstein-price': goldsteinPrice,
  rastrigin,
  ackley,
  levi13,
  'linear-regression': linearRegression,
  'logistic-regression': logisticRegression,
  'tiny-net': tinyNet,
} as const satisfies Record<SurfaceId, Surface>;

export type { SurfaceId };

/** Every built-in surface by id; iteration order is the teaching order. */
export const surfaces: Readonly<Record<SurfaceId, Surface>> = Object.freeze(catalog);

/** Catalog ids in teaching order. */
export const surfaceIds: readonly SurfaceId[] = ids;

// trajectory({ surface: 'rosenbrock' }) finds catalog surfaces through the registry.
registerSurfaces(Object.values(catalog));

/**
 * The data surfaces (the catalog's last three): a tiny model's loss on generated samples
 * (`surface.data`), which `trajectory()` can run in mini-batches.
 */
export const dataSurfaces = Object.freeze({
  'linear-regression': linearRegression,
  'logistic-regression': logisticRegression,
  'tiny-net': tinyNet,
});
