/**
 * The catalog surfaces `trajectory()` can find by id. surfaces/index.ts registers the whole
 * catalog when it loads (so `descent-lab/core` and `descent-lab` have every surface at once);
 * the single-file bundle registers each surface as its module arrives (src/state/surfaces.ts).
 */
import type { Surface } from './types';

const registered = new Map<string, Surface>();

/** Makes `list` findable by id (a surface registered again replaces the earlier one). */
export function registerSurfaces(list: Iterable<Surface>): void {
  for (const surface of list) registered.set(surface.id, surface);
}

/** The registered surface with this id, if any. */
export function findSurface(id: string): Surface | undefined {
  return registered.get(id);
}
