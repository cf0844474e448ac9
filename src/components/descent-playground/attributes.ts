/**
 * Reading `<descent-playground>`'s configuration from markup: its attributes and
 * `<descent-optimizer>` children become one Config plus a message for every bad value (which the
 * element shows and warns about, using defaults in their place).
 */
import type { Surface } from '../../core/types';
import { DEFAULT_EXPRESSION_DOMAIN, defaultConfig, getSurface, newEntry, type Config, type OptimizerEntry } from '../../state/config';
import { fitSteps, limitRuns, presetListAttribute } from '../shared/race-attributes';
import {
  parseDomain,
  parseExpression,
  parseLayout,
  parseSpeed,
  parseStart,
  parseSteps,
  parseSurface,
  type Parsed,
} from '../../state/parse';
import { messageText, t, type Lang } from '../../i18n/index';
import { DescentOptimizer } from '../descent-optimizer/descent-optimizer';
import { loadedExpressionModule } from '../shared/expressions';
import type { CustomModule } from './custom-loader';

/** Attributes that describe the configuration; a change to any rebuilds it. */
export const CONFIG_ATTRIBUTES = ['surface', 'expression', 'domain', 'optimizers', 'start', 'steps', 'speed', 'layout'] as const;

/** The configuration attributes' values as written (null: absent). */
export type ConfigAttributes = { readonly [name in (typeof CONFIG_ATTRIBUTES)[number]]: string | null };

/** The element's configuration properties: text, except `steps` and `speed`, which are numbers. */
export type ConfigProperties = Omit<ConfigAttributes, 'steps' | 'speed'> & {
  readonly steps: number | null;
  readonly speed: number | null;
};

/**
 * lit converter for `steps` and `speed`: the attribute's text as a number. Text that is not a
 * number is kept as it is, so the message about it quotes what was written.
 */
export const numberAttribute = {
  fromAttribute: (value: string | null): number | null =>
    (value === null ? null : value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value) as number | null,
};

/** The properties as the attribute text readAttributes parses (numbers written out). */
export function attributeTexts(properties: ConfigProperties): ConfigAttributes {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    surface: properties.surface,
    expression: properties.expression,
    domain: properties.domain,
    optimizers: properties.optimizers,
    start: properties.start,
    steps: text(properties.steps),
    speed: text(properties.speed),
    layout: properties.layout,
  };
}

/**
 * The configuration properties that describe `config`, which the element sets after every change
 * made in the UI (and by the `config` property), as `<descent-surface>` updates `start` when its
 * handle is dragged: the properties say what is shown. Read back, they give the same surface,
 * start, steps, speed, layout and optimizers (their kinds; tuned hyperparameters, labels and
 * noise live in `config`).
 */
export function configProperties(config: Config): ConfigProperties {
  const d = config.domain ?? DEFAULT_EXPRESSION_DOMAIN;
  return {
    surface: config.surface,
    expression: config.expr ?? null,
    domain: config.expr !== undefined ? `${d.x[0]} ${d.x[1]} ${d.y[0]} ${d.y[1]}` : null,
    optimizers: config.optimizers.map((e) => e.kind).join(' '),
    start: `${config.start[0]} ${config.start[1]}`,
    steps: config.steps,
    speed: config.speed,
    layout: config.layout,
  };
}

/**
 * The configuration that attributes and `<descent-optimizer>` children describe (children win
 * over `optimizers`). A typed-in expression is compiled only if the expression module and
 * `custom` (typed-in surface support, custom.ts) are already loaded; the element waits for both
 * before calling this.
 */
export function readAttributes(
  attributes: ConfigAttributes,
  children: readonly Element[],
  lang: Lang,
  custom: CustomModule | undefined,
): { config: Config; errors: string[] } {
  const errors: string[] = [];
  const read = <T>(name: string, text: string | null, parse: (t: string) => Parsed<T>): T | undefined => {
    if (text === null) return undefined;
    const r = parse(text);
    if (r.ok) return r.value;
    errors.push(t(lang, 'attribute', { name, value: text, message: messageText(r, lang) }));
    return undefined;
  };
  let base = defaultConfig(read('surface', attributes.surface, parseSurface));
  let raceSurface: string | Surface = base.surface;
  if (attributes.expression !== null) {
    const expr = read('expression', attributes.expression, parseExpression);
    const domain = read('domain', attributes.domain, parseDomain) ?? DEFAULT_EXPRESSION_DOMAIN;
    const module = loadedExpressionModule();
    if (expr !== undefined && (!module || !custom)) {
      errors.push(t(lang, 'attributeNeedsCompiler', { value: attributes.expression }));
    } else if (expr !== undefined && module && custom) {
      try {
        const compiled = module.compileSurface(expr, { domain });
        base = custom.customConfig(compiled, expr, domain, base.surface);
        raceSurface = custom.withCustomRace(compiled);
      } catch (error) {
        errors.push(t(lang, 'attributeExpression', { value: attributes.expression, message: custom.expressionProblem(error, expr, lang) }));
      }
    }
  } else if (attributes.domain !== null) {
    errors.push(t(lang, 'domainNeedsExpression', { value: attributes.domain }));
  }
  let optimizers: readonly OptimizerEntry[] = base.optimizers;
  if (children.length) {
    const entries: OptimizerEntry[] = [];
    for (const child of children) {
      // A child not yet upgraded still has its attributes: read them with the class's method.
      const { entry, errors: childErrors } = DescentOptimizer.prototype.readEntry.call(child as DescentOptimizer, lang);
      errors.push(...childErrors);
      if (entry) entries.push({ ...entry, hyper: { ...newEntry(entry.kind, raceSurface).hyper, ...entry.hyper } });
    }
    if (entries.length) optimizers = limitRuns(entries, '<descent-optimizer>', lang, errors);
  } else if (attributes.optimizers !== null) {
    const ids = presetListAttribute(attributes.optimizers, lang, errors);
    if (ids.length) optimizers = ids.map((id) => newEntry(id, raceSurface));
  }
  const steps = fitSteps(read('steps', attributes.steps, parseSteps) ?? base.steps, optimizers.length, lang, errors);
  const config: Config = {
    surface: base.surface,
    ...(base.expr !== undefined ? { expr: base.expr, domain: base.domain } : {}),
    optimizers,
    start: read('start', attributes.start, (text) => parseStart(text, base.domain ?? getSurface(base.surface).domain)) ?? base.start,
    steps,
    speed: read('speed', attributes.speed, parseSpeed) ?? base.speed,
    layout: read('layout', attributes.layout, parseLayout) ?? base.layout,
    step: 0,
  };
  return { config, errors };
}
