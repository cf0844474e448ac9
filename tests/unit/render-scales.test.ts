/**
 * The scales, ticks and labels of src/render against d3-scale and d3-format (devDependencies, an
 * independent oracle: the bundle no longer carries them) over many random domains and values.
 */
import { describe, expect, it } from 'vitest';
import * as d3 from 'd3-scale';
import { format } from 'd3-format';
import { mulberry32 } from '../../src/core/random';
import { niceLinear, niceLog, panelScales, scaleLinear, scaleLog } from '../../src/render/scales';
import { axisTicks, fixed, formatNumber, logTicks } from '../../src/render/ticks';

const random = mulberry32(20240611);

/** A number of any size and sign: mostly ordinary, sometimes round, huge, tiny or exactly zero. */
function anyNumber(): number {
  const r = random();
  if (r < 0.03) return 0;
  const sign = random() < 0.4 ? -1 : 1;
  const exponent = r < 0.1 ? Math.floor(random() * 600 - 300) : Math.floor(random() * 24 - 12);
  const value = sign * random() * 10 ** exponent;
  return r < 0.3 ? Number(value.toPrecision(1 + Math.floor(random() * 3))) : value;
}

/** [a, b]: increasing, decreasing, zero-width, or a small window far from zero. */
function anyDomain(): [number, number] {
  const a = anyNumber();
  const r = random();
  if (r < 0.05) return [a, a];
  if (r < 0.2) return [a, a + Math.abs(a) * 10 ** -(1 + Math.floor(random() * 10))];
  return [a, anyNumber()];
}

const special: [number, number][] = [
  [0, 0],
  [-2, 2],
  [2, -2],
  [0, 0.07],
  [-1e-300, 1e-300],
  [-1e300, 1e300],
  [-Number.MAX_VALUE, Number.MAX_VALUE],
  [1, NaN],
  [NaN, NaN],
  [0, Infinity],
  [-Infinity, Infinity],
  [123456789, 123456790],
  [-0.0001, 0.0001],
  [999, 1001],
];

/** d3 gives undefined for NaN where these give NaN. */
const same = (ours: number, theirs: number | undefined) => Object.is(ours, theirs ?? NaN) || ours === theirs;

function expectSame(ours: readonly number[], theirs: readonly (number | undefined)[], context: unknown) {
  expect(ours.length, JSON.stringify(context)).toBe(theirs.length);
  ours.forEach((v, i) => {
    if (!same(v, theirs[i])) expect([v, context]).toEqual([theirs[i], context]);
  });
}

const domains = [...special, ...Array.from({ length: 3000 }, anyDomain)];

describe('scaleLinear', () => {
  it('maps, inverts and reports its domain and range as d3 does', () => {
    for (const domain of domains) {
      const range = random() < 0.5 ? [0, 1 + Math.round(random() * 900)] : ([Math.round(random() * 600), 0] as const);
      const ours = scaleLinear(domain, [range[0], range[1]]);
      const theirs = d3.scaleLinear().domain(domain).range(range);
      const xs = [...domain, NaN, 0, -0, ...Array.from({ length: 8 }, anyNumber), domain[0] + (domain[1] - domain[0]) * random()];
      expectSame(xs.map(ours), xs.map(theirs), { domain, range });
      const ps = [range[0], range[1], NaN, -5, random() * 1000, 1e9];
      expectSame(ps.map(ours.invert), ps.map(theirs.invert), { domain, range, invert: true });
      expectSame(ours.domain(), theirs.domain(), domain);
      expectSame(ours.range(), theirs.range(), range);
    }
  });

  it('panelScales: x left to right, y bottom to top', () => {
    const { x, y } = panelScales({ x: [-2, 2], y: [-1, 3] }, 400, 300);
    expect([x(-2), x(2), y(-1), y(3), x.invert(100), y.invert(75)]).toEqual([0, 400, 300, 0, -1, 2]);
  });
});

describe('niceLinear', () => {
  it('extends a domain exactly as d3 linear nice() does, for any count', () => {
    for (const domain of domains) {
      for (const count of [undefined, 2, 4, 5, 10]) {
        const theirs = d3.scaleLinear().domain(domain).nice(count).domain();
        expectSame(niceLinear(domain, count), theirs, { domain, count });
      }
    }
  });
});

describe('scaleLog', () => {
  const positive = () => 10 ** (random() * 40 - 20);
  const logDomains: [number, number][] = [
    [1e-12, 100],
    [100, 1e-12],
    [1, 1],
    [0.3, 0.3],
    [1e-300, 1e300],
    [5e-324, 1],
    ...Array.from({ length: 2000 }, (): [number, number] => [positive(), positive()]),
  ];

  it('maps (clamped) as d3 scaleLog().clamp(true) does, before and after nice()', () => {
    for (const domain of logDomains) {
      const range: [number, number] = [Math.round(random() * 300), 0];
      const xs = [...domain, NaN, 0, -1, Infinity, positive(), positive(), positive(), 1e-320];
      for (const nice of [false, true]) {
        const theirs = d3.scaleLog().domain(domain).range(range).clamp(true);
        if (nice) theirs.nice();
        const ours = scaleLog(nice ? niceLog(domain) : domain, range);
        expectSame(ours.domain(), theirs.domain(), { domain, nice });
        expectSame(xs.map(ours), xs.map(theirs), { domain, range, nice });
        expectSame(ours.range(), theirs.range(), range);
      }
    }
  });

  it('logTicks gives the same ticks on this scale as on d3 scaleLog', () => {
    // Not [5e-324, 1]: its nice() domain starts at 0 (1e-324), with no lowest power of ten.
    for (const domain of logDomains.filter(([a, b]) => Math.min(a, b) > 1e-300)) {
      const range: [number, number] = [170, 0];
      const ours = scaleLog(niceLog(domain), range);
      const theirs = d3.scaleLog().domain(domain).range(range).clamp(true).nice();
      for (const count of [3, 5]) expect(logTicks(ours, count)).toEqual(logTicks(theirs as never, count));
    }
  });
});

/** The previous axisTicks: the scale's own ticks() and tickFormat(). */
function d3Ticks(scale: d3.ScaleLinear<number, number>, count: number) {
  const label = scale.tickFormat(count);
  return scale.ticks(count).map((value) => ({ value, offset: scale(value) ?? NaN, label: label(value) }));
}

describe('axisTicks', () => {
  it('gives the values, offsets and labels of d3 ticks() and tickFormat()', () => {
    let labelled = 0;
    for (const domain of domains) {
      for (const count of [2, 3, 4, 5, 7, 10]) {
        const ours = axisTicks(scaleLinear(domain, [0, 500]), count);
        const theirs = d3Ticks(d3.scaleLinear().domain(domain).range([0, 500]), count);
        expect(ours.map((t) => t.label), JSON.stringify({ domain, count })).toEqual(theirs.map((t) => t.label));
        expectSame(ours.map((t) => t.value), theirs.map((t) => t.value), { domain, count });
        expectSame(ours.map((t) => t.offset), theirs.map((t) => t.offset), { domain, count });
        labelled += ours.length;
      }
    }
    expect(labelled).toBeGreaterThan(20000);
  });

  it('writes negative values with a true minus sign and groups thousands', () => {
    expect(axisTicks(scaleLinear([-2000, 2000], [0, 400]), 4).map((t) => t.label)).toEqual([
      '−2,000',
      '−1,000',
      '0',
      '1,000',
      '2,000',
    ]);
    expect(axisTicks(scaleLinear([-0.3, 0.3], [0, 400]), 3).map((t) => t.label)).toEqual(['−0.2', '0.0', '0.2']);
  });

  it('fixed() formats like d3-format ",.Nf" for any value and precision', () => {
    const values = [0, -0, NaN, Infinity, -Infinity, 1e21, -1.5e21, 1e300, -4e-7, ...Array.from({ length: 20000 }, anyNumber)];
    for (const value of values) {
      const digits = Math.floor(random() * 21);
      expect([value, digits, fixed(value, digits)]).toEqual([value, digits, format(`,.${digits}f`)(value)]);
    }
  });
});

describe('formatNumber', () => {
  /** The previous definition, with d3-format. */
  const previous = (v: number): string => {
    if (!Number.isFinite(v)) return String(v);
    if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return format('.2e')(v).replace('e+', 'e');
    return format('~r')(Number(v.toPrecision(3)));
  };

  it('writes what d3-format wrote, for values of any size and sign', () => {
    const edges = [0, -0, NaN, Infinity, -Infinity, 1e-3, 0.00099999, 99999, 99949, 1e5, -1e5, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, -12.345];
    for (const v of [...edges, ...Array.from({ length: 50000 }, anyNumber)]) expect([v, formatNumber(v)]).toEqual([v, previous(v)]);
  });
});
