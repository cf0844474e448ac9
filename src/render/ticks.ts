/** Axis ticks as data: value, pixel offset and label, for any d3 continuous scale. */
import { format } from 'd3-format';

export interface Tick {
  readonly value: number;
  readonly offset: number;
  readonly label: string;
}

interface TickScale {
  (value: number): number | undefined;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (d: number) => string;
}

/** About `count` ticks of `scale` (linear or log), labelled with the scale's own format. */
export function axisTicks(scale: TickScale, count = 5): Tick[] {
  const values = scale.ticks(count);
  const label = scale.tickFormat(count);
  return values.map((value) => ({ value, offset: scale(value) ?? NaN, label: label(value) }));
}

/** Log-scale ticks: powers of ten only, labelled 1e-3 style (thinned to at most `count`). */
export function logTicks(scale: TickScale & { domain(): number[] }, count = 5): Tick[] {
  const [a, b] = scale.domain();
  const lo = Math.ceil(Math.log10(Math.min(a, b)));
  const hi = Math.floor(Math.log10(Math.max(a, b)));
  const every = Math.max(1, Math.ceil((hi - lo + 1) / count));
  const out: Tick[] = [];
  for (let e = lo; e <= hi; e++) {
    if ((e - lo) % every !== 0) continue;
    const value = 10 ** e;
    out.push({ value, offset: scale(value) ?? NaN, label: formatPower(e) });
  }
  return out;
}

function formatPower(e: number): string {
  if (e >= -2 && e <= 3) return format(',')(10 ** e).replace(/^0\./, '0.');
  return `1e${e}`;
}

/** Short number for labels and readouts: 3 significant digits, no trailing zeros. */
export const formatNumber = (v: number): string => {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return format('.2e')(v).replace('e+', 'e');
  return format('~r')(Number(v.toPrecision(3)));
};
