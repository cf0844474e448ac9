/**
 * Theming shared by the elements: `theme="light|dark|auto"`, the custom properties each theme
 * sets, run colours that authors can override per preset, and the contour colour map.
 *
 * Every colour the elements use is a custom property with a light default at the point of use
 * (`var(--descent-muted, #5f6368)`), so a page's own `descent-playground { --descent-muted: … }`
 * wins, values set on a playground reach the panels inside it, and only the dark theme sets
 * them on the host.
 */
import { css, type ReactiveElement } from 'lit';
import { colorOwner, colorRamp } from '../../render/colors';

export type Theme = 'light' | 'dark' | 'auto';
export const themes: readonly Theme[] = ['light', 'dark', 'auto'];

const dark = css`
  --descent-bg: #16171b;
  --descent-text: #e8e8ec;
  --descent-muted: #a9abb3;
  --descent-line: #33353d;
  --descent-panel: #202228;
  --descent-control-bg: #23252c;
  --descent-control-border: #4a4d57;
  --descent-control-hover: #2e3039;
  --descent-focus: #8ab4f8;
  --descent-accent: #e8e8ec;
  --descent-accent-text: #16171b;
  --descent-marker-fill: #16171b;
  --descent-marker-stroke: #e8e8ec;
  --descent-halo: rgba(22, 23, 27, 0.85);
  /* A darkened viridis: the lowest bands nearly the background, so light paths stand out. */
  --descent-contour-colors: #1b1530, #232a4a, #1f3f57, #1b5558, #236a55, #3d7f48, #6b913a, #a09f3a;
  --descent-contour-line: rgba(255, 255, 255, 0.12);
  /* The five darkest run colours, swapped for light ones (darkRunColors, checked with the rest). */
  --descent-color-sgd: #f0f0f0;
  --descent-color-rmsprop: #99ddff;
  --descent-color-amsgrad: #bbbbbb;
  --descent-color-adamw: #eedd88;
  --descent-color-adamax: #44bb99;
  color-scheme: dark;
`;

/**
 * The dark theme's run colours that differ from the light theme's (set above as custom
 * properties): white for black, and Paul Tol's pale cyan, grey, sand and teal for the darkest
 * four, picked like the light ones (tests/unit/render-colors.test.ts measures both sets). Only
 * the tests read it (marked pure, so that the bundle, where components/** count as side effects,
 * leaves it out).
 */
export const darkRunColors = /* @__PURE__ */ Object.freeze({
  sgd: '#f0f0f0',
  rmsprop: '#99ddff',
  amsgrad: '#bbbbbb',
  adamw: '#eedd88',
  adamax: '#44bb99',
});

/** Sets the dark theme's properties for `theme="dark"`, and for `theme="auto"` in a dark system. */
export const themeStyles = css`
  :host([theme='dark']) {
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
`;

/**
 * A run's colour as CSS: a palette colour through the custom property of the preset that owns
 * it (`var(--descent-color-adam, #cc79a7)`), so the dark theme and a page's overrides reach it,
 * also when a second copy of a preset borrows another preset's colour; any other colour as is.
 * `kind` is kept for callers; the owner is found from the colour. Apply it through CSSOM
 * (styleProps, element.style): presentation attributes do not take var().
 */
export function runColor(_kind: string, hex: string): string {
  const owner = colorOwner(hex);
  return owner ? `var(--descent-color-${owner}, ${hex})` : hex;
}

/**
 * The contour colour map from `--descent-contour-colors` (2+ CSS colours, mixed by the browser:
 * see contourBands), or undefined: unset, fewer than two, or a colour that a canvas cannot paint
 * (that one warns once, and the map falls back to the default rather than painting nothing).
 */
export function contourRamp(element: Element): ((t: number) => string) | undefined {
  const stops = contourStops(element);
  if (!stops) return undefined;
  const bad = stops.find((stop) => !paintable(stop));
  if (bad === undefined) return contourBands(stops);
  if (!warned.has(bad)) {
    warned.add(bad);
    console.warn(`descent-lab: --descent-contour-colors: "${bad}" is not a colour; using the default contour colours`);
  }
  return undefined;
}

const warned = new Set<string>();

/**
 * The band colours through `stops`: CSS color-mix() between neighbours where the canvas takes it
 * (current browsers), else the nearest stop, so that an older browser still shows the bands.
 */
export function contourBands(stops: readonly string[]): (t: number) => string {
  return colorRamp(stops, paintable(`color-mix(in srgb, ${stops[0]} 50%, ${stops[1]})`));
}

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * Whether a canvas paints `colour`. fillStyle silently keeps its previous value when it cannot
 * parse what it is given, so set it twice from two different colours and compare.
 */
function paintable(colour: string): boolean {
  if (typeof document === 'undefined') return true;
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return true;
  probe.fillStyle = '#000';
  probe.fillStyle = colour;
  const first = probe.fillStyle;
  probe.fillStyle = '#fff';
  probe.fillStyle = colour;
  return probe.fillStyle === first;
}

/** `--descent-contour-colors` as a list of colours (undefined when unset or fewer than two). */
export function contourStops(element: Element): string[] | undefined {
  const text = getComputedStyle(element).getPropertyValue('--descent-contour-colors').trim();
  if (!text) return undefined;
  // Split on commas outside parentheses: rgb(1, 2, 3) and color-mix(in srgb, rgb(…) 40%, red) stay one colour.
  const stops: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (i === text.length || (text[i] === ',' && depth === 0)) {
      const stop = text.slice(from, i).trim();
      if (stop) stops.push(stop);
      from = i + 1;
    }
  }
  return stops.length >= 2 ? stops : undefined;
}

/** Repaints `host` when the system colour scheme changes (for theme="auto"). One listener per page. */
const schemeClients = new Set<ReactiveElement>();
let schemeQuery: MediaQueryList | undefined;
let schemeFollowed = false;
export function followColorScheme(host: ReactiveElement): () => void {
  if (typeof matchMedia === 'undefined') return () => {};
  if (!schemeFollowed) {
    schemeFollowed = true;
    schemeQuery ??= matchMedia('(prefers-color-scheme: dark)');
    schemeQuery.addEventListener('change', () => {
      for (const client of schemeClients) client.requestUpdate();
    });
  }
  schemeClients.add(host);
  return () => schemeClients.delete(host);
}

/** Whether the system's colour scheme is dark (one media query per page, read on each call). */
export function prefersDark(): boolean {
  if (typeof matchMedia === 'undefined') return false;
  schemeQuery ??= matchMedia('(prefers-color-scheme: dark)');
  return schemeQuery.matches;
}

/** Whether the reader asked for reduced motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
