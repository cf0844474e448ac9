/**
 * Colours. Contour bands use a lightened perceptual ramp (viridis towards white) so that the
 * trajectories, drawn in saturated colour-blind-safe hues, stand out on every band. Each preset
 * owns one colour, used for its path, legend swatch, loss curve and control row.
 */
import type { PresetId } from '../core/optimizers/index';

/**
 * The light theme's contour colours, low to high: viridis from 0.08 to 1 mixed 58% towards
 * white, as 11 stops fitted so that mixing neighbours in sRGB stays within 3 units per channel
 * of that ramp (tests/unit/render-colors.test.ts checks it against d3-scale-chromatic).
 */
export const lightContourStops: readonly string[] = Object.freeze([
  '#b2a0c3', '#b1adcc', '#acb8cf', '#a7c2d0', '#a4cbd0', '#a0d5ce',
  '#a4deca', '#b5e6c1', '#cbedb4', '#e6f2a1', '#fff5a0',
]);

/**
 * A colour map through `stops` (two or more CSS colours, evenly spaced) for t in [0, 1], clamped:
 * `color-mix(in srgb, a p%, b)` between the two stops around t, for the browser to mix (canvas
 * fillStyle takes it), so stops can be in any CSS colour syntax. With `mix` false, the nearest
 * stop instead (for a canvas that does not take color-mix()).
 */
export function colorRamp(stops: readonly string[], mix = true): (t: number) => string {
  const last = stops.length - 1;
  return (t) => {
    const x = (t > 0 ? Math.min(1, t) : 0) * last; // NaN as 0
    if (!mix) return stops[Math.round(x)];
    const i = Math.min(last - 1, Math.floor(x));
    const p = Math.round((1 - (x - i)) * 1e4) / 100;
    return p >= 100 ? stops[i] : p <= 0 ? stops[i + 1] : `color-mix(in srgb, ${stops[i]} ${p}%, ${stops[i + 1]})`;
  };
}

/** Contour band colour for t in [0, 1] (0 = the lowest band), in the light theme. */
export const contourColor = colorRamp(lightContourStops);

/**
 * One colour per preset: Okabe–Ito first (the notes' seven), then Tableau hues for the rest.
 * All are dark or saturated enough to read on the light contour ramp.
 */
export const presetColors: Readonly<Record<PresetId, string>> = Object.freeze({
  sgd: '#1a1a1a',
  momentum: '#e69f00',
  nesterov: '#d55e00',
  adagrad: '#009e73',
  adadelta: '#56b4e9',
  rmsprop: '#0072b2',
  adam: '#cc79a7',
  amsgrad: '#8c564b',
  adamw: '#7b4fa8',
  adamax: '#9c9a1a',
  nadam: '#e7298a',
  radam: '#17a3b2',
});

/** Spare colours for a second copy of a preset. */
const spare = ['#5a7d2b', '#b03a2e', '#2e5eaa', '#7f7f7f', '#a0522d', '#6a3d9a', '#1b9e77', '#d95f02'];

/**
 * Colours for a list of runs: a preset's own colour for its first copy, then unused spares, so
 * that colours stay put when runs are toggled and differ when a preset appears twice.
 */
export function assignColors(kinds: readonly string[]): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  let next = 0;
  for (const kind of kinds) {
    const own = (presetColors as Record<string, string>)[kind];
    let colour = own && !used.has(own) ? own : undefined;
    while (!colour) {
      const candidate = spare[next % spare.length];
      if (!used.has(candidate) || next >= spare.length * 2) colour = candidate;
      next++;
    }
    used.add(colour);
    out.push(colour);
  }
  return out;
}
