import { describe, expect, it } from 'vitest';
import { rasterBands } from '../../src/render/raster';
import { levi13 } from '../../surfaces/levi13';

const BANDS = [0, 0, 0, 255, 100, 0, 0, 255, 200, 0, 0, 255];
const NO_LINE = [0, 0, 255, 0];

describe('rasterBands', () => {
  it('colours each pixel by how many levels lie at or below f at its centre', () => {
    // f = x on [0, 10] × [0, 1], 20 px wide: pixel i's centre is at x = (i + 0.5) / 2.
    const width = 20;
    const image = rasterBands({ f: (x) => x, domain: { x: [0, 10], y: [0, 1] }, width, height: 3, step: 1, thresholds: [2.6, 7.1], bands: BANDS, line: NO_LINE, lineWidth: 1 });
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < width; i++) {
        const x = (i + 0.5) / 2;
        const band = (x >= 2.6 ? 1 : 0) + (x >= 7.1 ? 1 : 0);
        expect(image[4 * (j * width + i)], `pixel ${i}`).toBe(100 * band);
        expect(image[4 * (j * width + i) + 3]).toBe(255);
      }
    }
  });

  it('draws level lines where |f − level| / |∇f| is within half the line width, y upwards', () => {
    // f = y on [0, 1] × [0, 10]: rows from the top, so row j's centre is at y = 10 − (j + 0.5).
    const image = rasterBands({ f: (_x, y) => y, domain: { x: [0, 1], y: [0, 10] }, width: 2, height: 10, step: 1, thresholds: [3.5], bands: BANDS, line: [0, 0, 255, 255], lineWidth: 1 });
    const blue = Array.from({ length: 10 }, (_, j) => image[4 * (j * 2) + 2]);
    // Row 6's centre is at y = 3.5, on the level: fully covered; rows 5 and 7 are 1 px away: not.
    expect(blue).toEqual([0, 0, 0, 0, 0, 0, 255, 0, 0, 0]);
  });

  it('interpolates between samples: every step-th pixel is exact, those between are bilinear', () => {
    const f = (x: number, y: number) => x * x + 3 * y;
    const common = { f, domain: { x: [0, 4], y: [0, 4] } as const, width: 8, height: 8, thresholds: [1, 2, 4, 6, 9, 12, 15], bands: new Array(32).fill(0).map((_, k) => (k % 4 === 3 ? 255 : k * 8)), line: NO_LINE, lineWidth: 0 };
    const fine = rasterBands({ ...common, step: 1 });
    const coarse = rasterBands({ ...common, step: 2 });
    for (let j = 0; j < 8; j += 2) for (let i = 0; i < 8; i += 2) expect(coarse[4 * (j * 8 + i)]).toBe(fine[4 * (j * 8 + i)]);
  });

  it('Lévi N.13 at a panel\'s size (its ripples 9.6 px apart): each pixel of a row has the band of f at its centre', () => {
    const width = 574;
    const image = rasterBands({ f: levi13.f, domain: levi13.domain, width, height: 2, step: 1, thresholds: [10, 20, 40, 80, 160], bands: [0, 0, 0, 255, 50, 0, 0, 255, 100, 0, 0, 255, 150, 0, 0, 255, 200, 0, 0, 255, 250, 0, 0, 255], line: NO_LINE, lineWidth: 0 });
    // Independently: the band of f at each pixel centre of the top row.
    for (let i = 0; i < width; i++) {
      const v = levi13.f(-10 + ((i + 0.5) / width) * 20, 10 - (0.5 / 2) * 20);
      const band = [10, 20, 40, 80, 160].filter((t) => t <= v).length;
      expect(image[4 * i], `pixel ${i}`).toBe(50 * band);
    }
  });
});
