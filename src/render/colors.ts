/**
 * Colours. Contour bands use a lightened perceptual ramp (viridis towards white) so that the
 * trajectories, drawn in saturated colour-blind-safe hues, stand out on every band. Each preset
 * owns one colour, used for its path, legend swatch, loss curve and control row.
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import type { PresetId } from '../core/optimizers/index';

const WHITE_MIX = 0.58;

/** Mixes a `#rrggbb` colour with white. */
export function mixWithWhite(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

const towardsWhite = (c: string) => mixWithWhite(c, WHITE_MIX);

/** Contour band colour for t in [0, 1] (0 = the lowest band). */
export function contourColor(t: number): string {
  const u = Math.min(1, Math.max(0, t));
  return towardsWhite(interpolateViridis(0.08 + 0.92 * u));
}

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
