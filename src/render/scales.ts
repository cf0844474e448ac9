/**
 * Linear and log scales (the part of d3-scale this package uses, with its arithmetic, so pixels
 * and ticks are the same), and the scales from a surface's domain to a panel's pixels.
 */
import { tickIncrement } from 'd3-array';
import type { Domain } from '../core/types';

/** A map from a domain interval onto a range interval. */
export interface Scale {
  (value: number): number;
  domain(): [number, number];
  range(): [number, number];
}

/** A linear scale, with its inverse (pixels to values). */
export interface LinearScale extends Scale {
  invert(pixel: number): number;
}

/** A log scale (positive domain), clamped: values outside the domain map to its ends. */
export type LogScale = Scale;

/** t in [0, 1] for x in [a, b] (d3-scale's normalize: the middle for an empty interval). */
function normalize(a: number, b: number): (x: number) => number {
  const span = b - a;
  if (span) return (x) => (x - a) / span;
  const mid = Number.isNaN(span) ? NaN : 0.5;
  return () => mid;
}

/** [d0, d1] onto [r0, r1] through t, as d3-scale's bimap with interpolateNumber. */
function bimap(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d1 < d0) [d0, d1, r0, r1] = [d1, d0, r1, r0];
  const t = normalize(d0, d1);
  return (x) => {
    const u = t(x);
    return r0 * (1 - u) + r1 * u;
  };
}

/** A callable scale (NaN for NaN, where d3 gives undefined) with its domain and range. */
function build<S extends Scale>(map: (x: number) => number, d: [number, number], r: [number, number], extra: object): S {
  const scale = (value: number) => (Number.isNaN((value = +value)) ? NaN : map(value));
  return Object.assign(scale, { domain: () => [d[0], d[1]], range: () => [r[0], r[1]] }, extra) as unknown as S;
}

/** Maps [domain[0], domain[1]] linearly onto [range[0], range[1]] (d3's scaleLinear, unclamped). */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const d: [number, number] = [+domain[0], +domain[1]];
  const r: [number, number] = [+range[0], +range[1]];
  const invert = bimap(r[0], r[1], d[0], d[1]);
  return build<LinearScale>(bimap(d[0], d[1], r[0], r[1]), d, r, { invert: (pixel: number) => invert(+pixel) });
}

/** Maps a positive domain onto the range by log, clamping to the domain (d3's scaleLog().clamp(true)). */
export function scaleLog(domain: readonly [number, number], range: readonly [number, number]): LogScale {
  const d: [number, number] = [+domain[0], +domain[1]];
  const r: [number, number] = [+range[0], +range[1]];
  const lo = Math.min(d[0], d[1]);
  const hi = Math.max(d[0], d[1]);
  const map = bimap(Math.log(d[0]), Math.log(d[1]), r[0], r[1]);
  return build<LogScale>((x) => map(Math.log(Math.max(lo, Math.min(hi, x)))), d, r, {});
}

/**
 * The domain extended to round values at about `count` ticks (d3's linear nice(), step for step:
 * d3-array's own nice() rounds differently in a few cases, e.g. [0, 0.07] stays [0, 0.07] there
 * where d3-scale makes it [0, 0.08]).
 */
export function niceLinear(domain: readonly [number, number], count = 10): [number, number] {
  const reverse = domain[1] < domain[0];
  let [start, stop] = reverse ? [domain[1], domain[0]] : [domain[0], domain[1]];
  let prestep: number | undefined;
  for (let iteration = 0; iteration < 10; iteration++) {
    const step = tickIncrement(start, stop, count);
    if (step === prestep) return reverse ? [stop, start] : [start, stop];
    if (step > 0) {
      start = Math.floor(start / step) * step;
      stop = Math.ceil(stop / step) * step;
    } else if (step < 0) {
      start = Math.ceil(start * step) / step;
      stop = Math.floor(stop * step) / step;
    } else break;
    prestep = step;
  }
  return [domain[0], domain[1]];
}

/** A positive domain extended to powers of ten (d3's log nice()). */
export function niceLog(domain: readonly [number, number]): [number, number] {
  const pow10 = (e: number) => (Number.isFinite(e) ? Number(`1e${e}`) : e < 0 ? 0 : e);
  const reverse = domain[1] < domain[0];
  const lo = pow10(Math.floor(Math.log10(reverse ? domain[1] : domain[0])));
  const hi = pow10(Math.ceil(Math.log10(reverse ? domain[0] : domain[1])));
  return reverse ? [hi, lo] : [lo, hi];
}

export interface PanelScales {
  readonly x: LinearScale;
  /** Inverted: larger y is higher on screen. */
  readonly y: LinearScale;
  readonly width: number;
  readonly height: number;
}

/** Maps the domain onto a `width` × `height` plot area (pixels, origin at the top left). */
export function panelScales(domain: Domain, width: number, height: number): PanelScales {
  return {
    x: scaleLinear(domain.x, [0, width]),
    y: scaleLinear(domain.y, [height, 0]),
    width,
    height,
  };
}

/**
 * The height of a panel `width` wide that keeps the domain's aspect ratio within [min, max]
 * (so a circle looks like a circle where it can).
 */
export function panelHeight(domain: Domain, width: number, min = 0.5, max = 1.25): number {
  const ratio = (domain.y[1] - domain.y[0]) / (domain.x[1] - domain.x[0]);
  return Math.round(width * Math.min(max, Math.max(min, ratio)));
}
