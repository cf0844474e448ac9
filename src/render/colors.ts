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
 * One colour per preset, twelve in all, chosen for readers with a colour-vision deficiency:
 * Okabe and Ito's "Color Universal Design" set for the notes' seven (its yellow left out: it
 * vanishes on the light contour bands; its black softened to #1a1a1a), then five from Paul Tol's qualitative schemes (muted
 * indigo and wine, bright purple and red, vibrant red) picked to keep every pair as far apart as
 * possible under simulated protan, deutan and tritan vision. tests/unit/render-colors.test.ts
 * measures it: the seven are at least 10.9 CIEDE2000 apart under every simulated vision, the
 * twelve at least 7.0; pairs under 10 are told apart by their head markers (render/run-markers).
 * The dark theme swaps the five darkest for light ones (shared/theme.ts).
 */
export const presetColors: Partial<Record<PresetId, string>> = {
  sgd: '#1a1a1a',
  momentum: '#e69f00',
  nesterov: '#d55e00',
  adagrad: '#009e73',
  adadelta: '#56b4e9',
  rmsprop: '#0072b2',
  adam: '#cc79a7',
  amsgrad: '#332288',
  adamw: '#882255',
  adamax: '#aa3377',
  nadam: '#ee6677',
  radam: '#cc3311',
};

/**
 * The run palette in list order: the twelve colours above (the catalog's presets beyond them get
 * theirs from core/optimizers/more.ts as it loads, into `presetColors`; they repeat hues of these).
 */
export const runPalette: readonly string[] = Object.freeze(Object.values(presetColors));

/** The preset whose colour `hex` is (so its custom property can stand in for it). */
export function colorOwner(hex: string): PresetId | undefined {
  return (Object.keys(presetColors) as PresetId[]).find((k) => presetColors[k] === hex);
}

/**
 * Colours for a list of runs: a preset's own colour for its first copy; a second copy takes the
 * first palette colour no run in the list uses (those of presets not in the list), so that
 * colours stay put when runs are toggled, differ when a preset appears twice, and twelve runs
 * get twelve colours. Past twelve, colours repeat (the head markers still differ).
 */
export function assignColors(kinds: readonly string[]): string[] {
  const used = new Set<string>();
  // A preset's own colour for its first copy, unless an earlier run has it (a catalog preset
  // shares one of the twelve with another).
  const out = kinds.map((kind) => {
    const own = presetColors[kind as PresetId];
    return own && !used.has(own) ? (used.add(own), own) : undefined;
  });
  let spare = 0;
  return out.map((c) => {
    if (c) return c;
    const free = runPalette.find((p) => !used.has(p));
    const colour = free ?? runPalette[spare++ % runPalette.length];
    used.add(colour);
    return colour;
  });
}
