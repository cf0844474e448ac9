/**
 * The catalog's ids and names without the surfaces themselves: what a surface picker and an
 * attribute check need. The single-file bundle carries this list and loads each surface's module
 * when a widget first shows it (src/state/surfaces.ts); surfaces/index.ts holds them all.
 */

/** Catalog ids in teaching order. */
export const surfaceIds = Object.freeze([
  'saddle',
  'monkey-saddle',
  'ravine',
  'plateau',
  'two-wells',
  'booth',
  'matyas',
  'rosenbrock',
  'beale',
  'himmelblau',
  'three-hump-camel',
  'six-hump-camel',
  'styblinski-tang',
  'goldstein-price',
  'rastrigin',
  'ackley',
  'levi13',
  // Data surfaces: a tiny model's loss on generated samples, which runs can take in mini-batches.
  'linear-regression',
  'logistic-regression',
  'tiny-net',
] as const);

export type SurfaceId = (typeof surfaceIds)[number];

/** Each surface's `label`, for pickers that list surfaces not loaded yet. */
export const surfaceLabels: Readonly<Record<SurfaceId, string>> = Object.freeze({
  saddle: 'Saddle',
  'monkey-saddle': 'Monkey saddle',
  ravine: 'Ravine',
  plateau: 'Plateau',
  'two-wells': 'Two wells',
  booth: 'Booth',
  matyas: 'Matyas',
  rosenbrock: 'Rosenbrock',
  beale: 'Beale',
  himmelblau: 'Himmelblau',
  'three-hump-camel': 'Three-hump camel',
  'six-hump-camel': 'Six-hump camel',
  'styblinski-tang': 'Styblinski–Tang',
  'goldstein-price': 'Goldstein–Price',
  rastrigin: 'Rastrigin',
  ackley: 'Ackley',
  levi13: 'Lévi N.13',
  'linear-regression': 'Linear regression',
  'logistic-regression': 'Logistic regression',
  'tiny-net': 'Tiny net',
});

/** Whether `id` names a catalog surface. */
export function isSurfaceId(id: unknown): id is SurfaceId {
  return typeof id === 'string' && (surfaceIds as readonly string[]).includes(id);
}
