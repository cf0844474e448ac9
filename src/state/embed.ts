/**
 * The embed snippet: a Config as the HTML an author pastes into a page, one script tag and one
 * `<descent-playground>` whose attributes and `<descent-optimizer>` children reproduce it:
 *
 *   <script type="module" src="https://example.org/dist/bundle/descent-lab.js"></script>
 *   <descent-playground surface="two-wells" start="-1.2 0.8" layout="grid">
 *     <descent-optimizer kind="sgd" lr="0.01"></descent-optimizer>
 *     <descent-optimizer kind="adam" lr="0.05" label="Adam, fast" noise="0.2"></descent-optimizer>
 *     <p>…a fallback line, shown until the script runs (and where scripts are off)</p>
 *   </descent-playground>
 *
 * What equals the surface's own default (start, steps, speed, layout) is left out. Every
 * optimizer is written as a child with the hyperparameters that differ from its preset's
 * defaults, plus any the surface's race sets: the element fills a child's missing options from
 * the race, so an option the race sets must be written even at the preset's default.
 *
 * The script tag's src is, in order: the `src` option (the element's `embed-src`), resolved
 * against the page; the URL this page loaded the single-file bundle from; else the CDN form,
 * BUNDLE_URL, with an HTML comment above it saying that it serves the package only once this
 * version is published on npm, and how to point it at a copy of dist/bundle instead.
 */
import { getPreset, resolveHyper, type HyperValue } from '../core/optimizers/index';
import { bundleUrl } from './bundle-url';
import type { Surface } from '../core/types';
import { CUSTOM_STEPS, withCustomRace, type SurfaceCompiler } from './custom-race';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  DEFAULT_SPEED,
  defaultConfig,
  getSurface,
  raceOf,
  runLabels,
  sameDomain,
  type Config,
  type OptimizerEntry,
  RUN_OPTIONS,
} from './config';

/** package.json's version (a unit test keeps them equal). */
export const VERSION = '0.1.0';

/**
 * Where the single-file bundle will be served once this version is published on npm (jsDelivr
 * serves every npm package). Written only with a comment that says so (see embedSnippet).
 */
export const BUNDLE_URL = `https://cdn.jsdelivr.net/npm/descent-lab@${VERSION}/dist/bundle/descent-lab.js`;

export interface EmbedOptions {
  /**
   * The bundle's URL for the script tag, absolute or relative to the page (made absolute when
   * there is a document). Default: where this page loaded the bundle from, else BUNDLE_URL with
   * a comment.
   */
  readonly src?: string;
  /** `compileSurface`, so a typed-in surface's defaults can be left out (else they are written). */
  readonly compile?: SurfaceCompiler;
  /** Extra attributes for the element, e.g. { theme: 'dark', lang: 'ko' }; null values are skipped. */
  readonly attributes?: Readonly<Record<string, string | null | undefined>>;
  /** The fallback line inside the element (default: a sentence naming the race); '' for none. */
  readonly fallback?: string;
}

/** Escapes text for a double-quoted attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** camelCase option name as the kebab-case attribute the element also accepts. */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The surface whose race fills a child's missing options, if it can be known. */
function raceSurface(config: Config, compile: SurfaceCompiler | undefined): Surface | undefined {
  if (config.expr === undefined) return getSurface(config.surface);
  if (!compile) return undefined;
  try {
    return withCustomRace(compile(config.expr, { domain: config.domain ?? DEFAULT_EXPRESSION_DOMAIN }));
  } catch {
    return undefined;
  }
}

/** The attributes of one `<descent-optimizer>`, in order. */
export function optimizerAttributes(entry: OptimizerEntry, race: Surface | undefined): [string, string][] {
  const preset = getPreset(entry.kind);
  const raced = race ? raceOf(race).optimizers.find((r) => r.optimizer === entry.kind)?.hyper ?? {} : undefined;
  const resolved = resolveHyper(entry.kind, entry.hyper);
  const out: [string, string][] = [['kind', entry.kind]];
  for (const [key, value] of Object.entries(resolved) as [string, HyperValue][]) {
    const given = key in entry.hyper;
    const fromRace = raced === undefined ? given : key in raced;
    // Written: what differs from the preset, and what the race would otherwise supply.
    if ((given && value !== preset.defaults[key]) || fromRace) out.push([kebab(key), String(value)]);
  }
  if (entry.label) out.push(['label', entry.label]);
  for (const k of RUN_OPTIONS) if (entry[k]) out.push([k, String(entry[k])]);
  if (!entry.enabled) out.push(['disabled', '']);
  return out;
}

/** The element's own attributes (without its children), in order. */
export function playgroundAttributes(config: Config, compile?: SurfaceCompiler): [string, string][] {
  const out: [string, string][] = [];
  const custom = config.expr !== undefined;
  let base: Pick<Config, 'start' | 'steps' | 'speed' | 'layout'> | undefined;
  if (!custom) {
    out.push(['surface', config.surface]);
    base = defaultConfig(config.surface);
  } else {
    out.push(['expression', config.expr as string]);
    const d = config.domain ?? DEFAULT_EXPRESSION_DOMAIN;
    if (!sameDomain(d, DEFAULT_EXPRESSION_DOMAIN)) out.push(['domain', `${d.x[0]} ${d.x[1]} ${d.y[0]} ${d.y[1]}`]);
    const surface = raceSurface(config, compile);
    if (surface) base = { start: surface.start, steps: raceOf(surface).steps, speed: raceOf(surface).speed ?? DEFAULT_SPEED, layout: 'overlay' };
  }
  const [x, y] = config.start;
  if (!base || x !== base.start[0] || y !== base.start[1]) out.push(['start', `${x} ${y}`]);
  if (config.steps !== (base?.steps ?? (custom ? CUSTOM_STEPS : NaN))) out.push(['steps', String(config.steps)]);
  if (config.speed !== (base?.speed ?? DEFAULT_SPEED)) out.push(['speed', String(config.speed)]);
  if (config.layout !== 'overlay') out.push(['layout', config.layout]);
  return out;
}

function tag(name: string, attributes: readonly [string, string][]): string {
  const text = attributes.map(([k, v]) => (v === '' && k === 'disabled' ? ` ${k}` : ` ${k}="${escapeHtml(v)}"`)).join('');
  return `<${name}${text}>`;
}

/** A sentence naming the race, for the fallback line. */
function describe(config: Config): string {
  const labels = runLabels(config.optimizers).filter((_, i) => config.optimizers[i].enabled);
  const where = config.expr !== undefined ? `f(x, y) = ${config.expr}` : getSurface(config.surface).label;
  return `Gradient-descent optimizers racing on ${where}: ${labels.join(', ')}. (An interactive figure: it needs JavaScript.)`;
}

/** The snippet for `config`: a script tag and the element, ready to paste into a page. */
export function embedSnippet(config: Config, options: EmbedOptions = {}): string {
  const { compile, attributes = {}, fallback = describe(config) } = options;
  const given = options.src ?? bundleUrl();
  const src = given === undefined ? BUNDLE_URL : absolute(given);
  const race = raceSurface(config, compile);
  const own = playgroundAttributes(config, compile);
  for (const [k, v] of Object.entries(attributes)) if (v !== null && v !== undefined) own.push([k, v]);
  const lines = [
    ...(given === undefined ? [CDN_NOTE] : []),
    `<script type="module" src="${escapeHtml(src)}"></script>`,
    tag('descent-playground', own),
    ...config.optimizers.map((e) => `  ${tag('descent-optimizer', optimizerAttributes(e, race))}</descent-optimizer>`),
    ...(fallback ? [`  <p>${escapeHtml(fallback)}</p>`] : []),
    '</descent-playground>',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `<descent-playground>`'s embedCode(): its configuration, theme and language as a snippet, with
 * the expression compiler where it has loaded (so a typed-in surface's own race is recognised).
 */
export function playgroundSnippet(
  el: { readonly config: Config; readonly theme: string | null; readonly langAttribute: string | null },
  src: string | null | undefined,
  compile: SurfaceCompiler | undefined,
): string {
  return embedSnippet(el.config, { ...(src ? { src } : {}), ...(compile ? { compile } : {}), attributes: { theme: el.theme, lang: el.langAttribute } });
}

/** Above a CDN script tag: true until this version is published, and what to do meanwhile. */
export const CDN_NOTE =
  `<!-- jsDelivr serves descent-lab@${VERSION} once it is published on npm; until then (or to host it yourself) ` +
  'set src to your copy of dist/bundle/descent-lab.js (npm run build writes it). -->';

/** A src as the page would resolve it, so the snippet works when pasted into another page. */
function absolute(src: string): string {
  if (typeof document === 'undefined' || !document.baseURI) return src;
  try {
    return new URL(src, document.baseURI).href;
  } catch {
    return src;
  }
}
