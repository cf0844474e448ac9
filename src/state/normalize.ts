/**
 * A Config set by script, checked: `<descent-playground>`'s `config` property goes through
 * normalizeConfig. In the single-file bundle this module is a lazy chunk (config.ts:
 * loadNormalize), fetched the first time a `config` is set.
 */
import { isPresetId, presetIds, resolveHyper } from '../core/optimizers/index';
import { show } from '../core/errors';
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
import { parseLayout, parseSpeed, parseStep, parseSteps, type Parsed } from './parse';

/**
 * A Config set by script, made safe: unknown surfaces and optimizers, options the core would
 * refuse and malformed numbers are replaced by defaults, with one message each in `errors`.
 */
export function normalizeConfig(value: Config, errors: string[]): Config {
  const v = (value ?? {}) as Partial<Config>;
  const surface = isSurfaceId(v.surface) ? v.surface : undefined;
  if (!surface && !(v.expr !== undefined && v.surface === undefined)) errors.push(`config.surface "${String(v.surface)}" is not a catalog surface; use one of ${surfaceIds.join(', ')}.`);
  const base = defaultConfig(surface);
  const optimizers: OptimizerEntry[] = [];
  if (v.optimizers !== undefined && !Array.isArray(v.optimizers)) {
    errors.push(`config.optimizers ${show(v.optimizers)} must be an array of { kind, hyper?, enabled?, label?, noise? }.`);
  }
  if (Array.isArray(v.optimizers)) {
    if (v.optimizers.length > MAX_RUNS) {
      errors.push(`config.optimizers lists ${v.optimizers.length} runs; at most ${MAX_RUNS} are raced, the first ${MAX_RUNS} are kept.`);
    }
    for (const e of v.optimizers.slice(0, MAX_RUNS)) {
      if (!isPresetId(e?.kind)) {
        errors.push(`config.optimizers: "${String(e?.kind)}" is not an optimizer; use one of ${presetIds.join(', ')}.`);
        continue;
      }
      const hyper = { ...(e.hyper ?? {}) };
      try {
        resolveHyper(e.kind, hyper);
      } catch (error) {
        errors.push(`config.optimizers (${e.kind}): ${(error as Error).message}.`);
        continue;
      }
      let noise: number | undefined;
      if (e.noise !== undefined) {
        if (typeof e.noise === 'number' && Number.isFinite(e.noise) && e.noise >= 0) noise = e.noise || undefined;
        else errors.push(`config.optimizers (${e.kind}): noise must be a number >= 0, got ${JSON.stringify(e.noise)}.`);
      }
      optimizers.push({
        kind: e.kind,
        hyper,
        enabled: e.enabled !== false,
        ...(e.label ? { label: String(e.label) } : {}),
        ...(noise !== undefined ? { noise } : {}),
      });
    }
  }
  let custom: { expr: string; domain: Domain } | undefined;
  if (v.expr !== undefined) {
    const domain = v.domain ?? DEFAULT_EXPRESSION_DOMAIN;
    if (typeof v.expr !== 'string' || !v.expr.trim()) {
      errors.push(`config.expr must be a non-empty expression in x and y, got ${JSON.stringify(v.expr)}.`);
    } else if (!isDomain(domain)) {
      errors.push(`config.domain must be { x: [min, max], y: [min, max] } with finite min < max, got ${JSON.stringify(v.domain)}.`);
    } else {
      custom = { expr: v.expr, domain: { x: [domain.x[0], domain.x[1]], y: [domain.y[0], domain.y[1]] } };
    }
  } else if (v.domain !== undefined) {
    errors.push('config.domain is the window of a typed-in surface and needs config.expr; ignored.');
  }
  let start = base.start;
  if (Array.isArray(v.start) && v.start.length === 2 && v.start.every((n) => Number.isFinite(n))) {
    const domain = custom?.domain ?? getSurface(base.surface).domain;
    if (insideDomain(domain, v.start[0], v.start[1])) start = v.start;
    else errors.push(`config.start [${v.start[0]}, ${v.start[1]}] is outside the surface's domain (${domainText(domain)}).`);
  } else if (v.start !== undefined) {
    errors.push(`config.start ${show(v.start)} must be two finite numbers [x, y].`);
  }
  const list = Array.isArray(v.optimizers) ? optimizers : base.optimizers;
  let steps = field(errors, 'steps', v.steps, parseSteps) ?? base.steps;
  if (steps > maxStepsFor(list.length)) {
    errors.push(`config.steps ${steps} with ${list.length} runs is ${steps * list.length} steps in all; at most ${MAX_TOTAL_STEPS} are computed, so each run takes ${maxStepsFor(list.length)} steps.`);
    steps = maxStepsFor(list.length);
  }
  const step = field(errors, 'step', v.step, parseStep) ?? 0;
  return {
    surface: base.surface,
    ...(custom ?? {}),
    optimizers: list,
    start: [start[0], start[1]],
    steps,
    speed: field(errors, 'speed', v.speed, parseSpeed) ?? base.speed,
    layout: field(errors, 'layout', v.layout, parseLayout) ?? base.layout,
    step: Math.min(steps, step),
  };
}

/** A field of a Config set by script, checked as its attribute would be; a message if refused. */
function field<T>(errors: string[], name: string, value: unknown, parse: (text: string) => Parsed<T>): T | undefined {
  if (value === undefined) return undefined;
  const r = typeof value === 'number' || typeof value === 'string' ? parse(String(value)) : undefined;
  if (r?.ok) return r.value;
  errors.push(`config.${name} ${show(value)} ${r?.message ?? 'is not a number or text'}.`);
}

setNormalize(normalizeConfig);
