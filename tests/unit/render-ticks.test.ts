import { describe, expect, it } from 'vitest';
import { niceLog, scaleLinear, scaleLog } from '../../src/render/scales';
import { axisTicks, formatNumber, logTicks } from '../../src/render/ticks';

describe('axisTicks', () => {
  it('places round values through the scale', () => {
    const ticks = axisTicks(scaleLinear([-2, 2], [0, 400]), 4);
    expect(ticks.map((t) => t.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(ticks[1].offset).toBe(100);
    expect(ticks[2].label).toBe('0');
  });
});

describe('logTicks', () => {
  it('labels powers of ten, thinned to about `count`', () => {
    const ticks = logTicks(scaleLog(niceLog([1e-12, 100]), [100, 0]), 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.map((t) => t.label)).toContain('1e-12');
    expect(ticks.every((t) => Number.isInteger(Math.log10(t.value)))).toBe(true);
  });
});

describe('formatNumber', () => {
  it('keeps three significant digits and switches to exponents far from 1', () => {
    expect(formatNumber(0.031234)).toBe('0.0312');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(0)).toBe('0');
  });
});
