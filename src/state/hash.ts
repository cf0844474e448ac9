/**
 * The URL-hash codec: a Config as a short, readable hash, like TensorFlow Playground's.
 *
 *   #surface=rosenbrock&start=-1.2,1&steps=800&speed=120&layout=grid&step=40
 *    &opt=sgd(lr=0.002),adam(lr=0.05,beta1=0.8,label=Fast%20Adam),rmsprop(lr=0.01,off)
 *
 * Everything that equals the surface's default is left out, so the default race on Rosenbrock
 * is just `#surface=rosenbrock`. Decoding never throws: each bad part is reported in a message
 * that names it, and the surface's default stands in for it.
 *
 * A typed-in surface is `expr=` (the expression as typed, percent-encoded like
 * encodeURIComponent) and `domain=xmin,xmax,ymin,ymax` (left out when it is the default
 * [-5, 5] × [-5, 5]), in place of `surface=`:
 *
 *   #expr=sin(x)*cos(y)%20%2B%200.1*(x%5E2%2By%5E2)&domain=-4,4,-4,4&start=1,2
 *
 * Its defaults (start, race) depend on the compiled surface, so both functions take the
 * expression module's `compileSurface` as `options.compile`: decoding an `expr` needs it; encoding
 * without it writes the start and the optimizers in full.
 */
import { presetIds, type HyperValue } from '../core/optimizers/index';
import { CUSTOM_STEPS, customConfig, type SurfaceCompiler } from './custom-race';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  DEFAULT_SPEED,
  DEFAULT_SURFACE,
  defaultConfig,
  MAX_RUNS,
  MAX_TOTAL_STEPS,
  maxStepsFor,
  sameDomain,
  getSurface,
  raceEntries,
  raceOf,
  RUN_OPTIONS,
  sameEntries,
  type Config,
  type OptimizerEntry,
} from './config';
import {
  parseDomain,
  parseExpression,
  parseHyperValue,
  parseLayout,
  parseSwitch,
  parsePresetId,
  parseSpeed,
  parseStart,
  parseStep,
  parseSteps,
  parseSurface,
  readRunOptions,
  type Parsed,
} from './parse';
import { refuse, type Refusal, type RefusalReason } from './refusal';

const KEYS = ['surface', 'expr', 'domain', 'start', 'steps', 'speed', 'layout', 'step', 'opt', 'inspect'] as const;
/** The page's own settings in the same hash (index.html: `lang=ko`, `theme=dark`); not the race's, skipped here. */
export const PAGE_KEYS = ['lang', 'theme'] as const;

/**
 * Why part of a link was refused, in English (`{why}`: the parser's or compiler's own message).
 * The Korean, under the same keys, is src/i18n/ko-prose.ts's koRefusals.
 */
export const linkMessages = {
  linkEntryForm: 'optimizer "{text}" in the link is not of the form name(key=value,...)',
  linkEntryKind: 'optimizer "{name}" in the link {why}',
  linkEntryOption: '{kind} {key}={value} in the link: {why}',
  linkUnknown: 'unknown setting "{name}" in the link; known: {known}',
  linkValue: '{key}={value} in the link {why}',
  linkTooManyRuns: 'opt in the link lists {n} runs; at most {max} are raced, the first {max} are kept',
  linkNoOptimizer: 'opt in the link names no usable optimizer (known: {ids})',
  linkTooManySteps:
    'steps={steps} in the link with {runs} runs is {total} steps in all; at most {max} are computed, so each run takes {fit} steps',
  linkDomainNeedsExpr: 'domain in the link is the window of a typed-in surface and needs expr; ignored',
  linkExprEmpty: 'expr in the link {why}',
  linkExprNeedsCompiler: 'expr in the link needs the expression module: decode with { compile } from loadExpressions()',
  linkExpr: 'expr={value} in the link: {why}',
} as const;

type LinkKey = keyof typeof linkMessages;

/** Where a link's refusals go: English text and, for the playground, the refusals themselves. */
interface Refused {
  readonly errors: string[];
  readonly refusals?: Refusal[];
}

function refuseLink(out: Refused, key: LinkKey, params?: Record<string, string | number>, why?: RefusalReason): void {
  refuse(linkMessages, out.errors, out.refusals, key, params, why);
}

export interface HashOptions {
  /** `compileSurface` of the expression module, for links with a typed-in surface. */
  readonly compile?: SurfaceCompiler;
}

/** Percent-encodes a label, including the characters the entry syntax uses. */
function encodeLabel(label: string): string {
  return encodeURIComponent(label).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encodeEntry(entry: OptimizerEntry): string {
  const parts = Object.entries(entry.hyper).map(([k, v]) => `${k}=${String(v)}`);
  // A schedule's text form needs no escaping but for what the entry syntax uses (or a space).
  for (const k of RUN_OPTIONS) if (entry[k]) parts.push(`${k}=${String(entry[k]).replace(/[,()&#%\s]/g, (c) => encodeURIComponent(c).replace(/[()]/, (p) => `%${p.charCodeAt(0).toString(16)}`))}`);
  if (entry.label !== undefined) parts.push(`label=${encodeLabel(entry.label)}`);
  if (!entry.enabled) parts.push('off');
  return parts.length ? `${entry.kind}(${parts.join(',')})` : entry.kind;
}

/** The default configuration of a typed-in surface, or undefined if it does not compile. */
function customBase(config: Config, compile: SurfaceCompiler | undefined): Config | undefined {
  if (!compile || config.expr === undefined) return undefined;
  const domain = config.domain ?? DEFAULT_EXPRESSION_DOMAIN;
  try {
    return customConfig(compile(config.expr, { domain }), config.expr, domain, config.surface);
  } catch {
    return undefined;
  }
}

/** `expr=` and `domain=` of a typed-in surface, or `surface=`. */
function surfaceFields(config: Config): string[] {
  if (config.expr === undefined) return [`surface=${config.surface}`];
  const out = config.surface === DEFAULT_SURFACE ? [] : [`surface=${config.surface}`];
  out.push(`expr=${encodeURIComponent(config.expr)}`);
  const d = config.domain ?? DEFAULT_EXPRESSION_DOMAIN;
  if (!sameDomain(d, DEFAULT_EXPRESSION_DOMAIN)) out.push(`domain=${d.x[0]},${d.x[1]},${d.y[0]},${d.y[1]}`);
  return out;
}

/** The hash for `config`, without the leading `#`. */
export function encodeHash(config: Config, options: HashOptions = {}): string {
  const custom = config.expr !== undefined;
  const known = custom ? customBase(config, options.compile) : defaultConfig(config.surface);
  // Without the compiled surface its defaults are unknown: write start and optimizers in full.
  const base: Pick<Config, 'start' | 'steps' | 'speed' | 'layout' | 'optimizers'> = known ?? {
    start: [NaN, NaN],
    optimizers: [],
    steps: CUSTOM_STEPS,
    speed: DEFAULT_SPEED,
    layout: 'overlay',
  };
  const out = surfaceFields(config);
  if (config.start[0] !== base.start[0] || config.start[1] !== base.start[1]) {
    out.push(`start=${config.start[0]},${config.start[1]}`);
  }
  if (config.steps !== base.steps) out.push(`steps=${config.steps}`);
  if (config.speed !== base.speed) out.push(`speed=${config.speed}`);
  if (config.layout !== base.layout) out.push(`layout=${config.layout}`);
  if (config.step > 0) out.push(`step=${config.step}`);
  if (config.inspect) out.push('inspect=1');
  if (!sameEntries(config.optimizers, base.optimizers)) {
    out.push(`opt=${config.optimizers.map(encodeEntry).join(',')}`);
  }
  return out.join('&');
}

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out.map((s) => s.trim()).filter(Boolean);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Parses one `kind(key=value,...)` entry; problems go to `errors` (and, given, to `refusals`),
 * what is usable is kept.
 */
export function decodeEntry(text: string, errors: string[], refusals?: Refusal[]): OptimizerEntry | undefined {
  const out: Refused = { errors, refusals };
  const m = /^([A-Za-z0-9_-]+)(?:\((.*)\))?$/.exec(text);
  if (!m) {
    refuseLink(out, 'linkEntryForm', { text: safeDecode(text) });
    return undefined;
  }
  const kind = parsePresetId(m[1]);
  if (!kind.ok) {
    refuseLink(out, 'linkEntryKind', { name: m[1] }, kind);
    return undefined;
  }
  const hyper: Record<string, HyperValue> = {};
  let label: string | undefined;
  let options: Record<string, number | string> = {};
  let enabled = true;
  for (const part of m[2] ? m[2].split(',') : []) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'off' && eq < 0) {
      enabled = false;
    } else if (key === 'label') {
      label = safeDecode(raw);
    } else if ((RUN_OPTIONS as readonly string[]).includes(key)) {
      // The last good value counts (0: the option is off).
      const text = safeDecode(raw);
      let refused = false;
      const read = readRunOptions(
        (k) => (k === key ? text : undefined),
        (_k, _v, why) => {
          refused = true;
          refuseLink(out, 'linkEntryOption', { kind: kind.value, key, value: text }, why);
        },
      );
      if (!refused) {
        const { [key]: _old, ...rest } = options;
        options = { ...rest, ...read };
      }
    } else {
      const value = parseHyperValue(kind.value, key, safeDecode(raw));
      if (value.ok) hyper[key] = value.value;
      else refuseLink(out, 'linkEntryOption', { kind: kind.value, key, value: safeDecode(raw) }, value);
    }
  }
  return {
    kind: kind.value,
    hyper,
    enabled,
    ...(label !== undefined ? { label } : {}),
    ...options,
  };
}

export interface DecodedHash {
  readonly config: Config;
  /** One message per part that could not be used, in English. */
  readonly errors: string[];
  /**
   * The same messages as refusals, for `<descent-playground>`'s `notices`, which shows them in
   * the element's language.
   */
  readonly refusals: Refusal[];
}

/** Reads a hash (with or without `#`); never throws. */
export function decodeHash(hash: string, options: HashOptions = {}): DecodedHash {
  const errors: string[] = [];
  const refusals: Refusal[] = [];
  const out: Refused = { errors, refusals };
  const fields = new Map<string, string>();
  for (const pair of hash.replace(/^#/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if ((PAGE_KEYS as readonly string[]).includes(key)) continue;
    if (!(KEYS as readonly string[]).includes(key)) {
      refuseLink(out, 'linkUnknown', { name: safeDecode(key), known: KEYS.join(', ') });
      continue;
    }
    fields.set(key, key === 'opt' ? value : safeDecode(value));
  }
  const read = <T>(key: string, parse: (t: string) => Parsed<T>): T | undefined => {
    const text = fields.get(key);
    if (text === undefined) return undefined;
    const r = parse(text);
    if (r.ok) return r.value;
    refuseLink(out, 'linkValue', { key, value: safeDecode(text) }, r);
    return undefined;
  };
  const surface = read('surface', parseSurface) ?? DEFAULT_SURFACE;
  const base = readCustom(fields, surface, options, out) ?? defaultConfig(surface);
  let optimizers = base.optimizers;
  const opt = fields.get('opt');
  if (opt !== undefined) {
    const parts = splitTop(opt);
    if (parts.length > MAX_RUNS) {
      refuseLink(out, 'linkTooManyRuns', { n: parts.length, max: MAX_RUNS });
    }
    const entries = parts
      .slice(0, MAX_RUNS)
      .map((t) => decodeEntry(t, errors, refusals))
      .filter((e): e is OptimizerEntry => e !== undefined);
    if (entries.length) optimizers = entries;
    else refuseLink(out, 'linkNoOptimizer', { ids: presetIds.join(', ') });
  }
  let steps = read('steps', parseSteps) ?? base.steps;
  if (steps > maxStepsFor(optimizers.length)) {
    const fit = maxStepsFor(optimizers.length);
    const runs = optimizers.length;
    refuseLink(out, 'linkTooManySteps', { steps, runs, total: steps * runs, max: MAX_TOTAL_STEPS, fit });
    steps = fit;
  }
  const step = Math.min(read('step', parseStep) ?? 0, steps);
  const config: Config = {
    surface,
    ...(base.expr !== undefined ? { expr: base.expr, domain: base.domain } : {}),
    optimizers,
    start: read('start', (text) => parseStart(text, base.domain ?? getSurface(surface).domain)) ?? base.start,
    steps,
    speed: read('speed', parseSpeed) ?? base.speed,
    layout: read('layout', parseLayout) ?? base.layout,
    step,
    ...(read('inspect', parseSwitch) ? { inspect: true } : {}),
  };
  return { config, errors, refusals };
}

/** The default configuration of the link's typed-in surface, if it has a usable one. */
function readCustom(fields: Map<string, string>, surface: string, options: HashOptions, out: Refused): Config | undefined {
  const expr = fields.get('expr');
  const domainText = fields.get('domain');
  let domain = DEFAULT_EXPRESSION_DOMAIN;
  if (domainText !== undefined) {
    const parsed = parseDomain(domainText);
    if (expr === undefined) refuseLink(out, 'linkDomainNeedsExpr');
    else if (parsed.ok) domain = parsed.value;
    else refuseLink(out, 'linkValue', { key: 'domain', value: domainText }, parsed);
  }
  if (expr === undefined) return undefined;
  const text = parseExpression(expr);
  if (!text.ok) {
    refuseLink(out, 'linkExprEmpty', {}, text);
    return undefined;
  }
  if (!options.compile) {
    refuseLink(out, 'linkExprNeedsCompiler');
    return undefined;
  }
  try {
    return customConfig(options.compile(expr, { domain }), expr, domain, surface);
  } catch (error) {
    const { message, code, start, end } = error as Error & { code?: string; start?: number; end?: number };
    const why = code !== undefined ? { message, code, start: start ?? 0, end: end ?? 0, expr } : { message };
    refuseLink(out, 'linkExpr', { value: expr }, why);
    return undefined;
  }
}

/** The default race's entries for a surface id, for callers that reset a surface. */
export function defaultEntries(surfaceId: string): OptimizerEntry[] {
  return raceEntries(raceOf(getSurface(surfaceId)));
}
