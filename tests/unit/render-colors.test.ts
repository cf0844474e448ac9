import { describe, expect, it } from 'vitest';
import { interpolateViridis } from 'd3-scale-chromatic';
import { assignColors, colorRamp, contourColor, lightContourStops, presetColors } from '../../src/render/colors';
import { presetIds } from '../../src/core/optimizers/index';

describe('presetColors', () => {
  it('gives every preset its own colour', () => {
    const colours = presetIds.map((id) => presetColors[id]);
    expect(new Set(colours).size).toBe(presetIds.length);
  });
});

describe('assignColors', () => {
  it("uses a preset's colour for its first copy and a different one for a second copy", () => {
    const [a, b, c] = assignColors(['adam', 'sgd', 'adam']);
    expect(a).toBe(presetColors.adam);
    expect(b).toBe(presetColors.sgd);
    expect(c).not.toBe(a);
    expect(c).not.toBe(b);
  });
});

/** #rrggbb as [r, g, b]. */
const rgb = (hex: string) => [0, 2, 4].map((k) => parseInt(hex.slice(1 + k, 3 + k), 16));

/** What a browser paints for `#a p%, #b` or a stop: CSS color-mix() in sRGB, to 8 bits. */
function paint(colour: string): number[] {
  const m = /^color-mix\(in srgb, (#[0-9a-f]{6}) ([\d.]+)%, (#[0-9a-f]{6})\)$/.exec(colour);
  if (!m) return rgb(colour);
  const p = Number(m[2]) / 100;
  const [a, b] = [rgb(m[1]), rgb(m[3])];
  return a.map((c, k) => Math.round(c * p + b[k] * (1 - p)));
}

/** The previous definition (d3-scale-chromatic's viridis from 0.08, mixed 58% towards white). */
function previous(t: number): number[] {
  const u = Math.min(1, Math.max(0, t));
  return rgb(interpolateViridis(0.08 + 0.92 * u)).map((c) => Math.round(c + (255 - c) * 0.58));
}

describe('contourColor', () => {
  it('stays within 3 units per channel of the previous viridis ramp, and within 1 on average', () => {
    let worst = 0;
    let total = 0;
    const n = 5000;
    for (let k = 0; k <= n; k++) {
      const ours = paint(contourColor(k / n));
      const diff = Math.max(...previous(k / n).map((c, i) => Math.abs(c - ours[i])));
      worst = Math.max(worst, diff);
      total += diff;
    }
    expect(worst).toBeLessThanOrEqual(3);
    expect(total / (n + 1)).toBeLessThan(1);
  });

  it('is a stop at the ends and at each stop, and a color-mix() of neighbours between', () => {
    const last = lightContourStops.length - 1;
    expect(contourColor(0)).toBe(lightContourStops[0]);
    expect(contourColor(1)).toBe(lightContourStops[last]);
    expect(contourColor(-1)).toBe(lightContourStops[0]);
    expect(contourColor(2)).toBe(lightContourStops[last]);
    expect(contourColor(NaN)).toBe(lightContourStops[0]);
    expect(contourColor(3 / last)).toBe(lightContourStops[3]);
    expect(contourColor(2.25 / last)).toBe(`color-mix(in srgb, ${lightContourStops[2]} 75%, ${lightContourStops[3]})`);
  });

  it('passes stops in any CSS syntax through to the browser', () => {
    const ramp = colorRamp(['oklch(0.3 0.1 280)', 'rebeccapurple', 'rgb(10 20 30 / 50%)']);
    expect(ramp(0)).toBe('oklch(0.3 0.1 280)');
    expect(ramp(0.25)).toBe('color-mix(in srgb, oklch(0.3 0.1 280) 50%, rebeccapurple)');
    expect(ramp(0.9)).toBe('color-mix(in srgb, rebeccapurple 20%, rgb(10 20 30 / 50%))');
    expect(ramp(1 / 3)).toBe('color-mix(in srgb, oklch(0.3 0.1 280) 33.33%, rebeccapurple)');
  });

  it('without color-mix(), takes the nearest stop', () => {
    const ramp = colorRamp(['red', 'green', 'blue'], false);
    expect([0, 0.2, 0.3, 0.5, 0.8, 1, NaN].map(ramp)).toEqual(['red', 'red', 'green', 'green', 'blue', 'blue', 'red']);
  });
});
