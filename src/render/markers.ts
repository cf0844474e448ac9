/** Critical-point markers: one filled d3-shape symbol per kind, so the kinds differ by shape. */
import { symbol, symbolCircle, symbolDiamond, symbolStar, symbolTriangle, type SymbolType } from 'd3-shape';
import type { CriticalKind } from '../core/types';

const symbols: Record<CriticalKind, SymbolType> = {
  'global-min': symbolStar,
  'local-min': symbolCircle,
  saddle: symbolDiamond,
  'local-max': symbolTriangle,
};

/** Legend text per kind, in the order the legend lists them. */
export const criticalLabels: Readonly<Record<CriticalKind, string>> = Object.freeze({
  'global-min': 'global minimum',
  'local-min': 'local minimum',
  saddle: 'saddle point',
  'local-max': 'local maximum',
});

export const criticalKinds = Object.keys(criticalLabels) as CriticalKind[];

/** Path `d` of the marker for `kind`, centred on the origin, `area` square pixels. */
export function criticalSymbol(kind: CriticalKind, area = 80): string {
  const size = kind === 'global-min' ? area * 1.4 : area;
  return symbol(symbols[kind], size)() ?? '';
}
