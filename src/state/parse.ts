/**
 * Parsers for the values a Config is written as in attributes and in the URL hash. Each returns
 * the value or a message that says what was expected; callers add where the value came from.
 */
import { getPreset, isPresetId, presetIds, resolveHyper, type HyperValue, type PresetId } from '../core/optimizers/index';
import type { Domain, Point } from '../core/types';
import { surfaceIds } from '../../surfaces/ids';
import { domainText, insideDomain, isSurfaceId, layouts, MAX_SPEED, MAX_STEPS, RUN_OPTIONS, type Layout } from './config';

/** What was wrong, for messages in other languages (src/i18n: messageText), with its values. */
export type ParseProblem =
  | 'surface'
  | 'expression'
  | 'domain'
  | 'domainX'
  | 'domainY'
  | 'start'
  | 'startOutside'
  | 'steps'
  | 'speed'
  | 'noise'
  | 'batch'
  | 'layout'
  | 'switch'
  | 'step'
  | 'optimizer'
  | 'option'
  | 'boolean'
  | 'number'
  | 'hyperFinite'
  | 'hyperMin'
  | 'hyperRange'
  | 'nesterov';

export type ParseFailure = {
  readonly ok: false;
  /** In English. */
  readonly message: string;
  readonly problem?: ParseProblem;
  readonly params?: Readonly<Record<string, string | number>>;
};

export type Parsed<T> = { readonly ok: true; readonly value: T } | ParseFailure;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string, problem?: ParseProblem, params?: Record<string, string | number>): Parsed<T> => ({
  ok: false,
  message,
  ...(problem ? { problem } : {}),
  ...(params ? { params } : {}),
});

/** A plain decimal or exponent number, nothing else (no hex, no empty string, no "Infinity"). */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

export function parseSurface(text: string): Parsed<string> {
  return isSurfaceId(text) ? ok(text) : fail(`is not a catalog surface; use one of ${surfaceIds.join(', ')}`, 'surface', { ids: surfaceIds.join(', ') });
}

/**
 * A typed-in expression, as far as can be told without the expression module (which checks the
 * rest, with the place of each problem, when it compiles it): not blank.
 */
export function parseExpression(text: string): Parsed<string> {
  return text.trim() ? ok(text) : fail('is empty; type an expression in x and y, e.g. "x^2 + 3*y^2"', 'expression');
}

/** "xmin xmax ymin ymax" (spaces or commas): the window of a typed-in surface. */
export function parseDomain(text: string): Parsed<Domain> {
  const parts = text.trim().split(/[\s,]+/).filter(Boolean);
  const nums = parts.map(parseNumber);
  if (parts.length !== 4 || nums.some((v) => v === undefined)) {
    return fail('must be four numbers "xmin xmax ymin ymax", e.g. "-4 4 -3 3"', 'domain');
  }
  const [x0, x1, y0, y1] = nums as number[];
  if (!(x0 < x1)) return fail(`must have xmin < xmax, got xmin ${x0} and xmax ${x1}`, 'domainX', { x0, x1 });
  if (!(y0 < y1)) return fail(`must have ymin < ymax, got ymin ${y0} and ymax ${y1}`, 'domainY', { y0, y1 });
  return ok({ x: [x0, x1], y: [y0, y1] });
}

/**
 * "x y" or "x,y". With `domain` (the surface's plotting window), a point outside it is refused:
 * its handle would be off the map, where it cannot be seen or dragged back.
 */
export function parseStart(text: string, domain?: Domain): Parsed<Point> {
  const parts = text.trim().split(/[\s,]+/);
  const nums = parts.map(parseNumber);
  if (parts.length !== 2 || nums.some((v) => v === undefined)) {
    return fail('must be two numbers "x y", e.g. "-1.5 2"', 'start');
  }
  const [x, y] = nums as [number, number];
  if (domain && !insideDomain(domain, x, y)) {
    const where = domainText(domain);
    return fail(`is outside the surface's domain (${where})`, 'startOutside', { domain: where });
  }
  return ok([x, y]);
}

export function parseSteps(text: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined || !Number.isInteger(v) || v < 1 || v > MAX_STEPS) {
    return fail(`must be a whole number from 1 to ${MAX_STEPS}`, 'steps', { max: MAX_STEPS });
  }
  return ok(v);
}

/** Steps per second. */
export function parseSpeed(text: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined || !(v > 0) || v > MAX_SPEED) return fail(`must be a number of steps per second in (0, ${MAX_SPEED}]`, 'speed', { max: MAX_SPEED });
  return ok(v);
}

/**
 * A run's own options beside its hyperparameters (state/config.ts RUN_OPTIONS), from their text:
 * `noise`, the standard deviation of the gradient noise (a number >= 0); `batch`, samples per
 * mini-batch (a whole number >= 1); `schedule`, a learning-rate schedule in its text form
 * (`CosineAnnealingLR:tMax=300`), taken as it is: core/schedules.ts reads it when the run is
 * computed and refuses it there, with the reason, as the run's message.
 */
export function parseRunOption(key: string, text: string): Parsed<number | string> {
  if (key === 'schedule') return ok(text.trim());
  const v = parseNumber(text);
  return v !== undefined && (key === 'noise' ? v >= 0 : Number.isInteger(v) && v >= 1)
    ? ok(v)
    : fail(
        key === 'noise' ? `noise must be a number >= 0 (the standard deviation of the gradient noise), got "${text}"` : `batch must be a whole number >= 1, got "${text}"`,
        key as ParseProblem,
        { text },
      );
}

/**
 * The run options (RUN_OPTIONS) that `get` gives, as text or as a number or string (a `config`'s
 * or a race's); 0 and empty ones are left out, and `bad` hears of each refused one.
 */
export function readRunOptions(
  get: (key: (typeof RUN_OPTIONS)[number]) => unknown,
  bad?: (key: string, value: string, why: ParseFailure) => void,
): { noise?: number; batch?: number; schedule?: string } {
  const out: Record<string, number | string> = {};
  for (const key of RUN_OPTIONS) {
    const v = get(key);
    if (v === undefined || v === null) continue;
    const r = typeof v === 'number' || typeof v === 'string' ? parseRunOption(key, String(v)) : parseRunOption(key, '');
    if (!r.ok) bad?.(key, typeof v === 'string' ? `"${v}"` : String(JSON.stringify(v)), r);
    else if (r.value) out[key] = r.value;
  }
  return out;
}

export function parseLayout(text: string): Parsed<Layout> {
  return (layouts as readonly string[]).includes(text) ? ok(text as Layout) : fail(`must be ${layouts.join(', ').replace(/, (?=\w+$)/, ' or ')}`, 'layout', { layouts: layouts.join(', ') });
}

/** A switch in a link: `1` on, `0` off. */
export function parseSwitch(text: string): Parsed<boolean> {
  return text === '1' ? ok(true) : text === '0' ? ok(false) : fail('must be 1 (on) or 0 (off)', 'switch');
}

export function parseStep(text: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined || !Number.isInteger(v) || v < 0) return fail('must be a whole number >= 0', 'step');
  return ok(v);
}

export function parsePresetId(text: string): Parsed<PresetId> {
  return isPresetId(text) ? ok(text) : fail(`is not an optimizer; use one of ${presetIds.join(', ')}`, 'optimizer', { ids: presetIds.join(', ') });
}

/** Space-separated preset ids; unknown ones are reported, the rest kept. */
export function parsePresetList(text: string): { ids: PresetId[]; unknown: string[] } {
  const ids: PresetId[] = [];
  const unknown: string[] = [];
  for (const word of text.trim().split(/[\s,]+/).filter(Boolean)) {
    if (isPresetId(word)) ids.push(word);
    else unknown.push(word);
  }
  return { ids, unknown };
}

/** kebab-case or camelCase hyperparameter name → the rule's camelCase key, if it has one. */
export function hyperKey(kind: PresetId, name: string): string | undefined {
  const camel = name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  const { defaults } = getPreset(kind).kernel;
  if (Object.prototype.hasOwnProperty.call(defaults, camel)) return camel;
  const lower = camel.toLowerCase();
  return Object.keys(defaults).find((k) => k.toLowerCase() === lower);
}

/**
 * A hyperparameter value for `kind` from text, checked by the core's own validation so the message
 * matches what trajectory() would say.
 */
export function parseHyperValue(kind: PresetId, key: string, text: string): Parsed<HyperValue> {
  const spec = getPreset(kind).kernel.spec[key];
  if (!spec) return optionFailure(kind);
  let value: HyperValue | undefined;
  if (spec.kind === 'boolean') {
    const t = text.trim().toLowerCase();
    value = t === '' || t === 'true' || t === '1' || t === key.toLowerCase() ? true : t === 'false' || t === '0' ? false : undefined;
    if (value === undefined) return fail('must be true or false', 'boolean');
  } else {
    value = parseNumber(text);
    if (value === undefined) return fail('must be a number', 'number');
  }
  const check = checkHyper(kind, { [key]: value });
  return check.ok ? ok(value) : hyperFailure(kind, key, value, check.message);
}

/** The core refused `value` for `kind`'s option `key` with `message`: that, and why, from its spec. */
export function hyperFailure(kind: PresetId, key: string, value: HyperValue, message: string): ParseFailure {
  const spec = getPreset(kind).kernel.spec[key];
  if (!spec) return optionFailure(kind);
  const failure = (problem: ParseProblem, params?: Record<string, string | number>) => fail(message, problem, params) as ParseFailure;
  // A true or false the core refused is refused for the other options: SGD's nesterov needs momentum.
  if (spec.kind === 'boolean') return failure(typeof value === 'boolean' ? 'nesterov' : 'boolean');
  if (typeof value !== 'number' || !Number.isFinite(value)) return failure('hyperFinite', { key });
  if (spec.max !== undefined) return failure('hyperRange', { key, range: `[${spec.min ?? '-∞'}, ${spec.max}${spec.maxExclusive ? ')' : ']'}` });
  return failure('hyperMin', { key, min: spec.min ?? 0 });
}

/** `name` is not one of `kind`'s options. */
export function optionFailure(kind: PresetId): ParseFailure {
  const options = Object.keys(getPreset(kind).kernel.defaults).join(', ');
  return fail(`is not an option of ${kind}; its options are ${options}`, 'option', { kind, options }) as ParseFailure;
}

/** Whether overrides are acceptable to the core; the message is the core's. */
export function checkHyper(kind: PresetId, hyper: Readonly<Record<string, HyperValue>>): { ok: boolean; message: string } {
  try {
    resolveHyper(kind, hyper);
    return { ok: true, message: '' };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
