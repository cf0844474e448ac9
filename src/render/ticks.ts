/**
 * Axis ticks as data: value, pixel offset and label. Values and labels are those of d3-scale's
 * linear ticks() and tickFormat() (d3-format's ",f" at the step's precision, with a true minus
 * sign), here written with d3-array and toFixed.
 */
import { tickStep, ticks } from 'd3-array';

export interface Tick {
  readonly value: number;
  readonly offset: number;
  readonly label: string;
}

interface TickScale {
  (value: number): number;
  domain(): number[];
}

const MINUS = '\u2212';

/** About `count` round values across the domain of a linear `scale`, labelled as d3 does. */
export function axisTicks(scale: TickScale, count = 5): Tick[] {
  const [a, b] = scale.domain();
  // d3-format's precisionFixed of the tick step (enough decimals to tell the ticks apart; 6 when
  // there is no step), read from toExponential as d3-format does, then its limit of 20.
  const step = Math.abs(tickStep(a, b, count));
  const digits = step > 0 && step < Infinity ? Math.min(20, Math.max(0, -Number(step.toExponential().split('e')[1]))) : 6;
  return ticks(a, b, count).map((value) => ({ value, offset: scale(value), label: fixed(value, digits) }));
}

/** `value` with `digits` decimals, thousands grouped with commas and a true minus sign (d3 ",.Nf"). */
export function fixed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  const grouped = text.replace(/^\d+/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));
  // A negative value that rounds to zero is written without its sign, as d3-format does.
  return value < 0 && Number(text) !== 0 ? MINUS + grouped : grouped;
}

/** Log-scale ticks: powers of ten only, labelled 1e-3 style (thinned to at most `count`). */
export function logTicks(scale: TickScale, count = 5): Tick[] {
  const [a, b] = scale.domain();
  const lo = Math.ceil(Math.log10(Math.min(a, b)));
  const hi = Math.floor(Math.log10(Math.max(a, b)));
  const every = Math.max(1, Math.ceil((hi - lo + 1) / count));
  const out: Tick[] = [];
  for (let e = lo; e <= hi; e++) {
    if ((e - lo) % every !== 0) continue;
    out.push({ value: 10 ** e, offset: scale(10 ** e), label: e >= -2 && e <= 3 ? POWERS[e + 2] : `1e${e}` });
  }
  return out;
}

const POWERS = ['0.01', '0.1', '1', '10', '100', '1,000'];

/** Short number for labels and readouts: 3 significant digits, no trailing zeros. */
export const formatNumber = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  const sign = v < 0 ? MINUS : '';
  const a = Math.abs(v);
  if (v !== 0 && (a >= 1e5 || a < 1e-3)) return sign + a.toExponential(2).replace('e+', 'e');
  return sign + String(Number(a.toPrecision(3)));
};
