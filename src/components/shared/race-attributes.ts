/**
 * The race limits as the elements' attributes meet them (`<descent-playground>`'s and a standalone
 * `<descent-surface>`'s `optimizers` and `steps`): at most MAX_RUNS runs and MAX_TOTAL_STEPS
 * steps in all, with a message (en/ko) for what is cut.
 */
import { presetIds, type PresetId } from '../../core/optimizers/index';
import { MAX_RUNS, MAX_TOTAL_STEPS, maxStepsFor } from '../../state/config';
import { parsePresetList, parseStep, type Parsed } from '../../state/parse';
import { messageText, t, type Lang } from '../../i18n/index';

/** The preset ids an `optimizers` attribute names (the first MAX_RUNS), a message per problem. */
export function presetListAttribute(text: string, lang: Lang, errors: string[]): PresetId[] {
  const { ids, unknown } = parsePresetList(text);
  if (unknown.length) {
    const names = unknown.map((u) => `"${u}"`).join(', ');
    errors.push(t(lang, unknown.length > 1 ? 'unknownOptimizers' : 'unknownOptimizer', { value: text, names, ids: presetIds.join(', ') }));
  }
  return limitRuns(ids, 'optimizers', lang, errors);
}

/** The first MAX_RUNS of `runs`, with a message if there were more. */
export function limitRuns<T>(runs: readonly T[], source: string, lang: Lang, errors: string[]): T[] {
  if (runs.length > MAX_RUNS) errors.push(t(lang, 'tooManyRuns', { source, n: runs.length, max: MAX_RUNS }));
  return runs.slice(0, MAX_RUNS);
}

/** `steps`, or fewer with a message, so that `runs` runs take at most MAX_TOTAL_STEPS in all. */
export function fitSteps(steps: number, runs: number, lang: Lang, errors: string[]): number {
  const fit = maxStepsFor(runs);
  if (steps > fit) errors.push(t(lang, 'tooManySteps', { steps, runs, max: MAX_TOTAL_STEPS, fit }));
  return Math.min(steps, fit);
}

/** A message about attribute `name` if `parse` refuses its text `value` (none when absent). */
export function attributeError(name: string, value: unknown, parse: (text: string) => Parsed<unknown>, lang: Lang): string | undefined {
  const r = typeof value === 'string' ? parse(value) : undefined;
  return r && !r.ok ? t(lang, 'attribute', { name, value: value as string, message: messageText(r, lang) }) : undefined;
}

/** lit converter for a `step` attribute: a whole number >= 0, else `fallback` (and attributeError says why). */
export const stepAttribute = (fallback: number) => ({
  fromAttribute: (text: string | null): number => {
    const r = parseStep(text ?? '');
    return r.ok ? r.value : fallback;
  },
});
