import { describe, expect, it } from 'vitest';
import { assignColors, contourColor, mixWithWhite, presetColors } from '../../src/render/colors';
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

describe('contourColor', () => {
  it('is a light #rrggbb colour at both ends of the ramp, darker at the low end', () => {
    const lum = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
    };
    expect(contourColor(0)).toMatch(/^#[0-9a-f]{6}$/);
    expect(lum(contourColor(0))).toBeGreaterThan(120);
    expect(lum(contourColor(1))).toBeGreaterThan(lum(contourColor(0)));
  });

  it('mixWithWhite moves each channel towards 255', () => {
    expect(mixWithWhite('#000000', 0.5)).toBe('#808080');
    expect(mixWithWhite('#ff0000', 1)).toBe('#ffffff');
  });
});
