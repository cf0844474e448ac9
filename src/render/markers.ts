/**
 * Critical-point markers: one filled symbol per kind, so the kinds differ by shape. The shapes
 * are d3-shape's symbols (star, circle, diamond, triangle; the star 1.4 times the others' area),
 * kept here as the path text d3-shape writes for the two sizes the elements draw, so the bundle
 * does not carry d3-shape and d3-path (1.8 KB gzipped) for eight constant strings.
 * tests/unit/render-markers.test.ts checks every path against d3-shape.
 */
import type { CriticalKind } from '../core/types';

/** Where a marker is drawn: on the map (80 square pixels) or in the legend (50). */
export type MarkerSize = 'map' | 'key';

/** Each size's area in square pixels (the star gets 1.4 times it). */
export const markerAreas: Readonly<Record<MarkerSize, number>> = Object.freeze({ map: 80, key: 50 });

// d3-shape: symbol(symbolStar | symbolCircle | symbolDiamond | symbolTriangle, area)().
const paths: Readonly<Record<MarkerSize, Readonly<Record<CriticalKind, string>>>> = {
  map: {
    'global-min':
      'M0,-9.989L2.243,-3.087L9.5,-3.087L3.629,1.179L5.871,8.081L0,3.815L-5.871,8.081L-3.629,1.179L-9.5,-3.087L-2.243,-3.087Z',
    'local-min': 'M5.046,0A5.046,5.046,0,1,1,-5.046,0A5.046,5.046,0,1,1,5.046,0',
    saddle: 'M0,-8.324L4.806,0L0,8.324L-4.806,0Z',
    'local-max': 'M0,-7.848L6.796,3.924L-6.796,3.924Z',
  },
  key: {
    'global-min':
      'M0,-7.897L1.773,-2.44L7.51,-2.44L2.869,0.932L4.642,6.389L0,3.016L-4.642,6.389L-2.869,0.932L-7.51,-2.44L-1.773,-2.44Z',
    'local-min': 'M3.989,0A3.989,3.989,0,1,1,-3.989,0A3.989,3.989,0,1,1,3.989,0',
    saddle: 'M0,-6.58L3.799,0L0,6.58L-3.799,0Z',
    'local-max': 'M0,-6.204L5.373,3.102L-5.373,3.102Z',
  },
};

/** Legend text per kind, in the order the legend lists them. */
export const criticalLabels: Readonly<Record<CriticalKind, string>> = Object.freeze({
  'global-min': 'global minimum',
  'local-min': 'local minimum',
  saddle: 'saddle point',
  'local-max': 'local maximum',
});

export const criticalKinds = Object.keys(criticalLabels) as CriticalKind[];

/** Path `d` of the marker for `kind`, centred on the origin. */
export function criticalSymbol(kind: CriticalKind, size: MarkerSize = 'map'): string {
  return paths[size][kind];
}
