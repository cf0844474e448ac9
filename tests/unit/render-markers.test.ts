import { symbol, symbolCircle, symbolDiamond, symbolStar, symbolTriangle, type SymbolType } from 'd3-shape';
import { describe, expect, it } from 'vitest';
import { criticalKinds, criticalLabels, criticalSymbol, markerAreas, type MarkerSize } from '../../src/render/markers';
import type { CriticalKind } from '../../src/core/types';

const types: Record<CriticalKind, SymbolType> = {
  'global-min': symbolStar,
  'local-min': symbolCircle,
  saddle: symbolDiamond,
  'local-max': symbolTriangle,
};

describe('criticalSymbol', () => {
  it('draws a different shape for each kind of critical point', () => {
    const shapes = criticalKinds.map((k) => criticalSymbol(k));
    expect(new Set(shapes).size).toBe(4);
    for (const d of shapes) expect(d).toMatch(/^M/);
    expect(criticalLabels.saddle).toBe('saddle point');
  });

  it("is d3-shape's symbol at each size (the star with 1.4 times the area)", () => {
    for (const size of Object.keys(markerAreas) as MarkerSize[]) {
      for (const kind of criticalKinds) {
        const area = markerAreas[size] * (kind === 'global-min' ? 1.4 : 1);
        expect(criticalSymbol(kind, size), `${kind} ${size}`).toBe(symbol(types[kind], area)());
      }
    }
  });
});
