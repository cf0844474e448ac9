/**
 * Typed-in surfaces in `<descent-playground>`: the surface a configuration names (compiled when
 * it is typed in), and how the race follows when the reader types a new one.
 */
import type { Domain, Point, Surface } from '../../core/types';
import { DEFAULT_EXPRESSION_DOMAIN, DEFAULT_SURFACE, getSurface, newEntry, type Config } from '../../state/config';
import { customConfig, withCustomRace } from '../../state/custom-race';
import { t, type Lang } from '../../i18n/index';
import { loadedExpressionModule } from '../shared/expressions';
import { precompile } from '../shared/precompile';
import { parseDomain } from '../../state/parse';
import { surfaceErrorText, type ExpressionChange } from './expression-field';

/**
 * The surface a configuration names: a catalog one, or the typed-in one compiled (with its
 * race); `pending` while the expression module is not loaded (and has not failed to load), or a
 * `problem` when the expression cannot be used.
 */
export function configSurface(
  c: Config,
  moduleFailed: boolean,
  lang: () => Lang,
): { readonly surface: Surface } | { readonly pending: true; readonly until?: Promise<void> } | { readonly problem: string } {
  if (c.expr === undefined) return { surface: getSurface(c.surface) };
  const module = loadedExpressionModule();
  if (module) {
    const domain = c.domain ?? DEFAULT_EXPRESSION_DOMAIN;
    // Compiled in short tasks first, then read from compileSurface's cache.
    const until = precompile(module, c.expr, domain);
    if (until) return { pending: true, until };
    try {
      return { surface: withCustomRace(module.compileSurface(c.expr, { domain })) };
    } catch (error) {
      return { problem: t(lang(), 'configExpression', { value: c.expr, message: expressionProblem(error, c.expr, lang()) }) };
    }
  }
  if (!moduleFailed) return { pending: true };
  return { problem: t(lang(), 'configNeedsCompiler', { value: c.expr }) };
}

/**
 * The configuration after a typed-in surface compiled. The optimizer list stays (kinds, labels,
 * on/off, settings) but each learning rate is re-picked for the new surface (see
 * state/custom-race.ts), since the right rate depends on the surface's scale. The start stays
 * where it is if it is inside the new window and f is finite there (so editing a formula keeps
 * the race comparable), else it moves to the new surface's own start. Steps, speed and layout
 * are kept.
 */
export function followExpression(c: Config, { expr, domain, surface }: ExpressionChange): Partial<Config> {
  const fresh = customConfig(surface, expr, domain, DEFAULT_SURFACE);
  const raced = withCustomRace(surface);
  const optimizers = c.optimizers.map((entry) => {
    const lr = newEntry(entry.kind, raced).hyper.lr;
    return lr === undefined ? entry : { ...entry, hyper: { ...entry.hyper, lr } };
  });
  const [x, y] = c.start;
  const keep = inDomain(c.start, domain) && Number.isFinite(surface.f(x, y));
  return {
    surface: fresh.surface,
    expr,
    domain: fresh.domain,
    optimizers: optimizers.length ? optimizers : fresh.optimizers,
    start: keep ? c.start : fresh.start,
    step: 0,
  };
}

function inDomain([x, y]: Point, d: Domain): boolean {
  return x >= d.x[0] && x <= d.x[1] && y >= d.y[0] && y <= d.y[1];
}

/**
 * The expression and domain attributes' surface compiled in short tasks, if that has not run
 * yet (undefined when compileSurface answers them at once, or they do not name a surface).
 */
export function precompileAttributes(expression: string | null, domain: string | null): Promise<void> | undefined {
  const module = loadedExpressionModule();
  if (!module || expression === null || !expression.trim()) return undefined;
  const window = domain ? parseDomain(domain) : { ok: true as const, value: DEFAULT_EXPRESSION_DOMAIN };
  return window.ok ? precompile(module, expression, window.value) : undefined;
}

/**
 * Why an expression did not compile, in `lang`, for a message template that ends the sentence
 * itself (the compiler's Korean messages end theirs).
 */
export function expressionProblem(error: unknown, expr: string, lang: Lang): string {
  return surfaceErrorText(error as Error, expr, lang).replace(/\.$/, '');
}
