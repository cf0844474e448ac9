/**
 * Catalog surfaces for the elements, loaded on demand. The default surface (Rosenbrock) is always
 * here; every other surface is its own module, fetched the first time a widget shows it, so a page
 * pays only for the surfaces it uses (in the single-file bundle each is a small chunk beside
 * descent-lab.js). Where the whole catalog is already loaded (the npm package's `descent-lab`
 * and `descent-lab/core` entries import surfaces/index.ts, which registers every surface), every
 * surface is ready at once and nothing is fetched.
 *
 * Loaded surfaces are registered with the core, so `trajectory({ surface: id })` finds them.
 */
import { findSurface, registerSurfaces } from '../core/registry';
import type { Surface } from '../core/types';
import { isSurfaceId, surfaceIds, surfaceLabels, type SurfaceId } from '../../surfaces/ids';
import { rosenbrock } from '../../surfaces/rosenbrock';

export { isSurfaceId, surfaceIds, surfaceLabels, type SurfaceId };

/** The surface a widget shows when none is named. */
export const DEFAULT_SURFACE: SurfaceId = 'rosenbrock';
export const defaultSurface: Surface = rosenbrock;
registerSurfaces([rosenbrock]);

const modules: Readonly<Record<SurfaceId, () => Promise<Surface>>> = {
  saddle: () => import('../../surfaces/saddle').then((m) => m.saddle),
  'monkey-saddle': () => import('../../surfaces/monkey-saddle').then((m) => m.monkeySaddle),
  ravine: () => import('../../surfaces/ravine').then((m) => m.ravine),
  plateau: () => import('../../surfaces/plateau').then((m) => m.plateau),
  'two-wells': () => import('../../surfaces/two-wells').then((m) => m.twoWells),
  booth: () => import('../../surfaces/booth').then((m) => m.booth),
  matyas: () => import('../../surfaces/matyas').then((m) => m.matyas),
  rosenbrock: () => Promise.resolve(rosenbrock),
  beale: () => import('../../surfaces/beale').then((m) => m.beale),
  himmelblau: () => import('../../surfaces/himmelblau').then((m) => m.himmelblau),
  'three-hump-camel': () => import('../../surfaces/three-hump-camel').then((m) => m.threeHumpCamel),
  'six-hump-camel': () => import('../../surfaces/six-hump-camel').then((m) => m.sixHumpCamel),
  'styblinski-tang': () => import('../../surfaces/styblinski-tang').then((m) => m.styblinskiTang),
  'goldstein-price': () => import('../../surfaces/goldstein-price').then((m) => m.goldsteinPrice),
  rastrigin: () => import('../../surfaces/rastrigin').then((m) => m.rastrigin),
  ackley: () => import('../../surfaces/ackley').then((m) => m.ackley),
  levi13: () => import('../../surfaces/levi13').then((m) => m.levi13),
  'linear-regression': () => import('../../surfaces/linear-regression').then((m) => m.linearRegression),
  'logistic-regression': () => import('../../surfaces/logistic-regression').then((m) => m.logisticRegression),
  'tiny-net': () => import('../../surfaces/tiny-net').then((m) => m.tinyNet),
};

const loading = new Map<SurfaceId, Promise<Surface>>();
const failed = new Set<SurfaceId>();

/** The catalog surface `id` if it is here (loaded, or part of a loaded catalog). */
export function loadedSurface(id: string): Surface | undefined {
  return isSurfaceId(id) ? findSurface(id) : undefined;
}

/**
 * Loads catalog surface `id` (once; later calls share the first) and registers it with the core.
 * Rejects, with the reason, when its module cannot be fetched; a later call tries again.
 */
export function loadSurface(id: SurfaceId): Promise<Surface> {
  const here = findSurface(id);
  if (here) return Promise.resolve(here);
  let pending = loading.get(id);
  if (!pending) {
    pending = modules[id]().then(
      (surface) => {
        registerSurfaces([surface]);
        loading.delete(id);
        failed.delete(id);
        return surface;
      },
      (error: unknown) => {
        loading.delete(id);
        failed.add(id);
        throw error;
      },
    );
    loading.set(id, pending);
  }
  return pending;
}

/** Whether the last attempt to load `id` failed (the widget then shows the default surface). */
export function surfaceFailed(id: string): boolean {
  return isSurfaceId(id) && failed.has(id);
}

/**
 * The catalog surfaces among `ids` that are neither here nor known to have failed: what a widget
 * must wait for before it can show them. Unknown ids are not waited for (they are reported and
 * replaced by the default).
 */
export function surfacesToLoad(ids: Iterable<string | null | undefined>): SurfaceId[] {
  const out: SurfaceId[] = [];
  for (const id of ids) {
    if (isSurfaceId(id) && !findSurface(id) && !failed.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}
