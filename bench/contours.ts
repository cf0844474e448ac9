/**
 * The first paint of a corrugated surface's map, in its pure (Node) parts: Lévi N.13's contours
 * as polygons from the 200-sample grid plus their path strings for a 574 px panel (what the
 * map drew before: a sawtooth), against the per-pixel painting that replaced it (render/raster.ts)
 * at 1 and 2 device pixels per CSS pixel. Paired medians, ms per paint (canvas filling not
 * included: Path2D fills for the polygons, one putImageData for the pixels).
 */
import { sampleGrid } from '../src/render/grid';
import { contourLevels } from '../src/render/levels';
import { contourRings, ringsPath } from '../src/render/contours';
import { rasterBands } from '../src/render/raster';
import { panelScales } from '../src/render/scales';
import { levi13 } from '../surfaces/levi13';
import { pairedRatio } from './util';

const SIZE = 574;

export async function benchContours(): Promise<string> {
  const grid = sampleGrid(levi13, 200, 200);
  const { thresholds } = contourLevels(grid.values);
  const colors = new Uint8ClampedArray(4 * (thresholds.length + 1)).fill(255);
  const line = [40, 40, 60, 56];
  const { x, y } = panelScales(levi13.domain, SIZE, SIZE);
  const time = (fn: () => unknown) => () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const polygons = time(() => {
    const g = sampleGrid(levi13, 200, 200);
    for (const band of contourRings(g, contourLevels(g.values).thresholds)) ringsPath(band, x, y);
  });
  const pixels = (ratio: number) =>
    time(() =>
      rasterBands({ f: levi13.f, domain: levi13.domain, width: SIZE * ratio, height: SIZE * ratio, step: ratio, thresholds, bands: colors, line, lineWidth: 0.6 * ratio }),
    );
  const rows: string[] = ['| paint | ms (median) | polygons, ms | ratio pixels / polygons |', '|---|---|---|---|'];
  for (const ratio of [1, 2]) {
    const r = pairedRatio(pixels(ratio), polygons, 7);
    rows.push(`| pixels at ${ratio}x (${SIZE * ratio}² px) | ${r.ours.toFixed(1)} | ${r.baseline.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
  }
  return rows.join('\n');
}
