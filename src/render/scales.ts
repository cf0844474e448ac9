/** Scales from a surface's domain to a panel's pixels. */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Domain } from '../core/types';

export interface PanelScales {
  readonly x: ScaleLinear<number, number>;
  /** Inverted: larger y is higher on screen. */
  readonly y: ScaleLinear<number, number>;
  readonly width: number;
  readonly height: number;
}

/** Maps the domain onto a `width` × `height` plot area (pixels, origin at the top left). */
export function panelScales(domain: Domain, width: number, height: number): PanelScales {
  return {
    x: scaleLinear().domain(domain.x).range([0, width]),
    y: scaleLinear().domain(domain.y).range([height, 0]),
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
