import { describe, expect, it } from 'vitest';
import { criticalKinds, criticalLabels, criticalSymbol } from '../../src/render/markers';

describe('criticalSymbol', () => {
  it('draws a different shape for each kind of critical point', () => {
    const shapes = criticalKinds.map((k) => criticalSymbol(k));
    expect(new Set(shapes).size).toBe(4);
    for (const d of shapes) expect(d).toMatch(/^M/);
    expect(criticalLabels.saddle).toBe('saddle point');
  });
});
