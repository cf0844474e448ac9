/**
 * A Config set by script, checked: `<descent-playground>`'s `config` property goes through
 * normalizeConfig. In the single-file bundle this module is a lazy chunk (config.ts:
 * loadNormalize), fetched the first time a `config` is set.
 */
import { isPresetId, presetIds, resolveHyper, type HyperValue } from '../core/optimizers/index';
import { show, type OptionError } from '../core/errors';
import type { Domain } from '../core/types';
import {
  DEFAULT_EXPRESSION_DOMAIN,
  MAX_RUNS,
  MAX_TOTAL_STEPS,
  defaultConfig,
  domainText,
  getSurface,
  insideDomain,
  isDomain,
  isSurfaceId,
  maxStepsFor,
  setNormalize,
  surfaceIds,
  type Config,
  type OptimizerEntry,
} from './config';
import { hyperFailure, readRunOptions, parseLayout, parseSpeed, parseStep, parseSteps, type Parsed } from './parse';
import { refuse, type Refusal, type RefusalReason } from './refusal';

/**
 * Why part of a `config` was refused, in English (`{why}`: the parser's or the core's own
 * message). The Korean, under the same keys, is src/i18n/ko-prose.ts's koRefusals.
 */
export const configMessages = {
  configSurface: 'config.surface "{value}" is not a catalog surface; use one of {ids}.',
  configOptimizersType: 'config.optimizers {value} must be an array of { kind, hyper?, enabled?, label?, noise?, batch?, schedule? }.',
  configTooManyRuns: 'config.optimizers lists {n} runs; at most {max} are raced, the first {max} are kept.',
  configOptimizer: 'config.optimizers: "{name}" is not an optimizer; use one of {ids}.',
  configOption: 'config.optimizers ({kind}): {why}.',
  configRunOption: 'config.optimizers ({kind}): {key} {value}: {why}',
  configExprType: 'config.expr must be a non-empty expression in x and y, got {value}.',
  configDomain: 'config.domain must be { x: [min, max], y: [min, max] } with finite min < max, got {value}.',
  configDomainNeedsExpr: 'config.domain is the window of a typed-in surface and needs config.expr; ignored.',
  configStartOutside: "config.start [{x}, {y}] is outside the surface's domain ({domain}).",
  configStart: 'config.start {value} must be two finite numbers [x, y].',
  configTooManySteps:
    'config.steps {steps} with {runs} runs is {total} steps in all; at most {max} are computed, so each run takes {fit} steps.',
  configField: 'config.{name} {value} {why}.',
  configFieldType: 'config.{name} {value} is not a number or text.',
} as const;

type ConfigKey = keyof typeof configMessages;

/**
 * A Config set by script, made safe: unknown surfaces and optimizers, options the core would
 * refuse and malformed numbers are replaced by defaults, with one message each in `errors` (in
 * English) and, given, in `refusals` (for the playground, which shows them in its language).
 */
export function normalizeConfig(value: Config, errors: string[], refusals?: Refusal[]): Config {
  const no = (key: ConfigKey, params?: Record<string, string | number>, why?: RefusalReason) =>
    refuse(configMessages, errors, refusals, key, params, why);
  const v = (value ?? {}) as Partial<Config>;
  const surface = isSurfaceId(v.surface) ? v.surface : undefined;
  if (!surface && !(v.expr !== undefined && v.surface === undefined)) no('configSurface', { value: String(v.surface), ids: surfaceIds.join(', ') });
  const base = defaultConfig(surface);
  const optimizers: OptimizerEntry[] = [];
  if (v.optimizers !== undefined && !Array.isArray(v.optimizers)) {
    no('configOptimizersType', { value: show(v.optimizers) });
  }
  if (Array.isArray(v.optimizers)) {
    if (v.optimizers.length > MAX_RUNS) {
      no('configTooManyRuns', { n: v.optimizers.length, max: MAX_RUNS });
    }
    for (const e of v.optimizers.slice(0, MAX_RUNS)) {
      if (!isPresetId(e?.kind)) {
        no('configOptimizer', { name: String(e?.kind), ids: presetIds.join(', ') });
        continue;
      }
      const hyper = { ...(e.hyper ?? {}) };
      try {
        resolveHyper(e.kind, hyper);
      } catch (error) {
        // resolveHyper throws OptionErrors: the option, its value and the core's message, which
        // the English shows as it is (it names the option; optionFailure's own message does not).
        const { option, value, message } = error as OptionError;
        const why = { ...hyperFailure(e.kind, option, value as HyperValue, message), message };
        no('configOption', { kind: e.kind, option, value: show(value) }, why);
        continue;
      }
      optimizers.push({
        kind: e.kind,
        hyper,
        enabled: e.enabled !== false,
        ...(e.label ? { label: String(e.label) } : {}),
        ...readRunOptions((key) => (e as unknown as Record<string, unknown>)[key], (key, value, why) => no('configRunOption', { kind: e.kind, key, value }, why)),
      });
    }
  }
  let custom: { expr: string; domain: Domain } | undefined;
  if (v.expr !== undefined) {
    const domain = v.domain ?? DEFAULT_EXPRESSION_DOMAIN;
    if (typeof v.expr !== 'string' || !v.expr.trim()) {
      no('configExprType', { value: String(JSON.stringify(v.expr)) });
    } else if (!isDomain(domain)) {
      no('configDomain', { value: String(JSON.stringify(v.domain)) });
    } else {
      custom = { expr: v.expr, domain: { x: [domain.x[0], domain.x[1]], y: [domain.y[0], domain.y[1]] } };
    }
  } else if (v.domain !== undefined) {
    no('configDomainNeedsExpr');
  }
  let start = base.start;
  if (Array.isArray(v.start) && v.start.length === 2 && v.start.every((n) => Number.isFinite(n))) {
    const domain = custom?.domain ?? getSurface(base.surface).domain;
    if (insideDomain(domain, v.start[0], v.start[1])) start = v.start;
    else no('configStartOutside', { x: v.start[0], y: v.start[1], domain: domainText(domain) });
  } else if (v.start !== undefined) {
    no('configStart', { value: show(v.start) });
  }
  const list = Array.isArray(v.optimizers) ? optimizers : base.optimizers;
  const field = <T>(name: string, value: unknown, parse: (text: string) => Parsed<T>): T | undefined => {
    if (value === undefined) return undefined;
    const r = typeof value === 'number' || typeof value === 'string' ? parse(String(value)) : undefined;
    if (r?.ok) return r.value;
    if (r) no('configField', { name, value: show(value) }, r);
    else no('configFieldType', { name, value: show(value) });
  };
  let steps = field('steps', v.steps, parseSteps) ?? base.steps;
  const runs = list.length;
  if (steps > maxStepsFor(runs)) {
    no('configTooManySteps', { steps, runs, total: steps * runs, max: MAX_TOTAL_STEPS, fit: maxStepsFor(runs) });
    steps = maxStepsFor(runs);
  }
  const step = field('step', v.step, parseStep) ?? 0;
  const inspect = v.inspect === true;
  if (v.inspect !== undefined && typeof v.inspect !== 'boolean') no('configFieldType', { name: 'inspect', value: show(v.inspect) });
  return {
    surface: base.surface,
    ...(custom ?? {}),
    optimizers: list,
    start: [start[0], start[1]],
    steps,
    speed: field('speed', v.speed, parseSpeed) ?? base.speed,
    layout: field('layout', v.layout, parseLayout) ?? base.layout,
    step: Math.min(steps, step),
    ...(inspect ? { inspect: true } : {}),
  };
}

setNormalize(normalizeConfig);
