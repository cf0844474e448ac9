// The elements' on-demand catalog (src/state/surfaces.ts). This file deliberately does not
// import surfaces/index.ts until its last test: it starts, as the single-file bundle does, with
// only the default surface registered.
import { describe, expect, it } from 'vitest';
import { trajectory } from '../../src/core/trajectory';
import { findSurface } from '../../src/core/registry';
import { getSurface } from '../../src/state/config';
import { isSurfaceId, loadedSurface, loadSurface, surfaceIds, surfaceLabels, surfacesToLoad } from '../../src/state/surfaces';

const run = (surface: string) => trajectory({ surface, optimizer: 'adam', start: [0.5, 0.5], steps: 3 });

describe('catalog surfaces loaded on demand', () => {
  it('starts with the default surface only', () => {
    expect(loadedSurface('rosenbrock')?.id).toBe('rosenbrock');
    expect(run('rosenbrock').x).toHaveLength(4);
    for (const id of surfaceIds.filter((id) => id !== 'rosenbrock')) expect(loadedSurface(id)).toBeUndefined();
    expect(surfacesToLoad(['beale', 'rosenbrock', 'nope', null, 'beale'])).toEqual(['beale']);
  });

  it('trajectory() names a known surface that is not loaded, and an unknown one', () => {
    expect(() => run('beale')).toThrow(/option "surface" is not loaded yet: await loadSurface\(id\) first, got "beale"/);
    expect(() => run('bael')).toThrow(/must be one of saddle, monkey-saddle, .*, levi13/);
    // The elements' lookup never throws: the default stands in until the surface is here.
    expect(getSurface('beale').id).toBe('rosenbrock');
  });

  it('loads every surface once, registers it with the core, and labels match', async () => {
    const first = loadSurface('beale');
    expect(loadSurface('beale')).toBe(first);
    const loaded = await Promise.all(surfaceIds.map((id) => loadSurface(id)));
    loaded.forEach((surface, i) => {
      expect(surface.id).toBe(surfaceIds[i]);
      expect(surface.label).toBe(surfaceLabels[surfaceIds[i]]);
      expect(findSurface(surface.id)).toBe(surface);
      expect(getSurface(surface.id)).toBe(surface);
    });
    expect(run('beale').x).toHaveLength(4);
    expect(surfacesToLoad(surfaceIds)).toEqual([]);
  });

  it('lists the same surfaces, in the same order, as the catalog', async () => {
    const { surfaces } = await import('../../surfaces/index');
    expect(Object.keys(surfaces)).toEqual([...surfaceIds]);
    for (const id of surfaceIds) {
      expect(isSurfaceId(id)).toBe(true);
      expect(await loadSurface(id)).toBe(surfaces[id]);
    }
    expect(isSurfaceId('toString')).toBe(false);
  });
});
