/**
 * Reading `<descent-playground>`'s configuration from markup: its attributes and
 * `<descent-optimizer>` children become one Config plus a message for every bad value (which the
 * element shows and warns about, using defaults in their place).
 */
import { presetIds } from '../../core/optimizers/index';
import type { Surface } from '../../core/types';
import { DEFAULT_EXPRESSION_DOMAIN, defaultConfig, getSurface, newEntry, type Config, type OptimizerEntry } from '../../state/config';
import {
  parseDomain,
  parseExpression,
  parseLayout,
  parsePresetList,
  parseSpeed,
  parseStart,
  parseSteps,
  parseSurface,
  type Parsed,
} from '../../state/parse';
import { parseErrorText, t, type Lang } from '../../i18n/index';
import { DescentOptimizer } from '../descent-optimizer/descent-optimizer';
import { loadedExpressionModule } from '../shared/expressions';
import type { CustomModule } from './custom-loader';

/** Attributes that describe the configuration; a change to any rebuilds it. */
export const CONFIG_ATTRIBUTES = ['surface', 'expression', 'domain', 'optimizers', 'start', 'steps', 'speed', 'layout'] as const;

/** The configuration attributes' values as written (null: absent). */
export type ConfigAttributes = { readonly [name in (typeof CONFIG_ATTRIBUTES)[number]]: string | null };

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
    errors.push(t(lang, 'attribute', { name, value: text, message: parseErrorText(r, lang) }));
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
        errors.push(t(lang, 'attributeExpression', { value: attributes.expression, message: (error as Error).message }));
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
    if (entries.length) optimizers = entries;
  } else if (attributes.optimizers !== null) {
    const { ids, unknown } = parsePresetList(attributes.optimizers);
    if (unknown.length) {
      const names = unknown.map((u) => `"${u}"`).join(', ');
      const key = unknown.length > 1 ? 'unknownOptimizers' : 'unknownOptimizer';
      errors.push(t(lang, key, { value: attributes.optimizers, names, ids: presetIds.join(', ') }));
    }
    if (ids.length) optimizers = ids.map((id) => newEntry(id, raceSurface));
  }
  const config: Config = {
    surface: base.surface,
    ...(base.expr !== undefined ? { expr: base.expr, domain: base.domain } : {}),
    optimizers,
    start: read('start', attributes.start, (text) => parseStart(text, base.domain ?? getSurface(base.surface).domain)) ?? base.start,
    steps: read('steps', attributes.steps, parseSteps) ?? base.steps,
    speed: read('speed', attributes.speed, parseSpeed) ?? base.speed,
    layout: read('layout', attributes.layout, parseLayout) ?? base.layout,
    step: 0,
  };
  return { config, errors };
}
