/**
 * Computes every catalog surface's critical points with findCriticalPoints and prints them as
 * TypeScript literals for the surface files' `critical` arrays.
 *
 *   npx tsx scripts/critical-points.ts [id...]           print
 *   npx tsx scripts/critical-points.ts --write [id...]   also rewrite surfaces/<id>.ts in place
 *
 * Surfaces with hundreds of critical points are listed partially (see `catalogSettings`): their
 * global minima plus the local minima nearest `start`. For those the finder runs on a denser
 * seed grid so that "nearest" is judged among all local minima, not among those a coarse grid
 * happens to reach. Every surface is also re-run on a denser grid as a check that the default
 * grid missed nothing; a mismatch is printed as a warning on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCriticalPoints } from '../src/core/critical-points';
import type { CriticalPoint, Surface } from '../src/core/types';
import { dataSurfaces, surfaceIds as catalogIds, surfaces as catalog, type SurfaceId } from '../surfaces/index';

// The catalog and the data surfaces (surfaces/index.ts lists those apart).
const surfaces = { ...catalog, ...dataSurfaces } as Readonly<Record<SurfaceId, Surface>>;
const surfaceIds = [...catalogIds, ...Object.keys(dataSurfaces)] as readonly SurfaceId[];

export interface CatalogSetting {
  /** Seeds per axis for the listing run. */
  readonly seeds: number;
  /** When set, list only the global minima and this many local minima nearest `start`. */
  readonly nearestLocalMinima?: number;
}

const DEFAULT_SETTING: CatalogSetting = { seeds: 41 };

/** Partial listings; the tests use the same seeds to check that the listed points are found. */
export const catalogSettings: Partial<Record<SurfaceId, CatalogSetting>> = {
  rastrigin: { seeds: 121, nearestLocalMinima: 4 },
  ackley: { seeds: 121, nearestLocalMinima: 4 },
  levi13: { seeds: 121, nearestLocalMinima: 4 },
};

export function catalogSetting(id: SurfaceId): CatalogSetting {
  return catalogSettings[id] ?? DEFAULT_SETTING;
}

/** A partial surface's `criticalNote`. */
export function partialNote(count: number): string {
  return (
    `Partial: the global minimum and the ${count} local minima nearest the start; ` +
    'the many other local minima, saddles and maxima are not listed.'
  );
}

/** The points to list for one surface, following its catalog setting. */
export function listedCriticalPoints(id: SurfaceId): CriticalPoint[] {
  const surface = surfaces[id];
  const setting = catalogSetting(id);
  const all = findCriticalPoints(surface, { seeds: setting.seeds });
  if (setting.nearestLocalMinima === undefined) return all;
  const [sx, sy] = surface.start;
  const distance = (p: CriticalPoint) => Math.hypot(p.x - sx, p.y - sy);
  const globals = all.filter((p) => p.kind === 'global-min');
  const locals = all
    .filter((p) => p.kind === 'local-min')
    .sort((a, b) => distance(a) - distance(b) || a.x - b.x || a.y - b.y)
    .slice(0, setting.nearestLocalMinima)
    .sort((a, b) => a.f - b.f || a.x - b.x || a.y - b.y);
  return [...globals, ...locals];
}

/** Shortest text that reads back as the same double (JS's own number formatting). */
function num(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

export function formatCritical(points: readonly CriticalPoint[]): string {
  const lines = points.map((p) => {
    const degenerate = p.degenerate ? ', degenerate: true' : '';
    return `    { kind: '${p.kind}', x: ${num(p.x)}, y: ${num(p.y)}, f: ${num(p.f)}${degenerate} },`;
  });
  return `  critical: [\n${lines.join('\n')}\n  ],`;
}

function counts(points: readonly CriticalPoint[]): string {
  const by = (k: CriticalPoint['kind']) => points.filter((p) => p.kind === k).length;
  const degenerate = points.filter((p) => p.degenerate).length;
  return (
    `${by('global-min')} global-min, ${by('local-min')} local-min, ${by('saddle')} saddle, ` +
    `${by('local-max')} local-max${degenerate ? `, ${degenerate} degenerate` : ''}`
  );
}

/** Warns when a much denser grid finds points the listing run did not. */
function crossCheck(id: SurfaceId, surface: Surface): void {
  const setting = catalogSetting(id);
  if (setting.nearestLocalMinima !== undefined) return;
  const coarse = findCriticalPoints(surface, { seeds: setting.seeds });
  const dense = findCriticalPoints(surface, { seeds: 4 * setting.seeds + 1 });
  const span = Math.max(surface.domain.x[1] - surface.domain.x[0], surface.domain.y[1] - surface.domain.y[0]);
  const missing = dense.filter((d) => !coarse.some((c) => Math.hypot(c.x - d.x, c.y - d.y) < 1e-6 * span));
  if (missing.length > 0 || dense.length !== coarse.length) {
    console.error(
      `warning: ${id}: ${coarse.length} points at ${setting.seeds} seeds, ${dense.length} at ` +
        `${4 * setting.seeds + 1}; missing ${JSON.stringify(missing)}`,
    );
  }
}

const MARKER = '  // generated by scripts/critical-points.ts\n';

function rewrite(id: SurfaceId, block: string, note: string | undefined): void {
  const path = fileURLToPath(new URL(`../surfaces/${id}.ts`, import.meta.url));
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(MARKER);
  if (start < 0) throw new Error(`${path}: marker line "${MARKER.trim()}" not found`);
  const end = text.indexOf('\n};', start);
  const noteLine = note === undefined ? '' : `  criticalNote:\n    '${note}',\n`;
  writeFileSync(path, `${text.slice(0, start)}${MARKER}${block}\n${noteLine}${text.slice(end + 1)}`);
}

function main(args: string[]): void {
  const write = args.includes('--write');
  const ids = args.filter((a) => !a.startsWith('--'));
  for (const id of ids) {
    if (!(surfaceIds as readonly string[]).includes(id)) {
      throw new Error(`unknown surface id "${id}"; known: ${surfaceIds.join(', ')}`);
    }
  }
  for (const id of ids.length > 0 ? (ids as SurfaceId[]) : surfaceIds) {
    const surface = surfaces[id];
    const started = performance.now();
    const points = listedCriticalPoints(id);
    const ms = performance.now() - started;
    crossCheck(id, surface);
    const setting = catalogSetting(id);
    const note = setting.nearestLocalMinima === undefined ? undefined : partialNote(setting.nearestLocalMinima);
    const block = formatCritical(points);
    console.log(`// ${id}: ${counts(points)} (${ms.toFixed(0)} ms)`);
    console.log(block);
    if (note) console.log(`  criticalNote: '${note}',`);
    if (write) rewrite(id, block, note);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2));
}
