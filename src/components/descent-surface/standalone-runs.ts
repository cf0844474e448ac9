/**
 * A standalone `<descent-surface optimizers="…">`'s own runs, with a message for each bad
 * attribute (steps, optimizers); one run the core refuses never stops the others. `record`: with
 * each run's inner state (the `inspect` view). A run whose rule is still loading (the one-file
 * bundle's rarer rules) is left out until it is here: `loaded` is called then.
 */
import { OptionError } from '../../core/errors';
import { getPreset, loadOptimizers } from '../../core/optimizers/index';
import { trajectory } from '../../core/trajectory';
import type { Point, Surface } from '../../core/types';
import { assignColors } from '../../render/colors';
import { newEntry, raceOf } from '../../state/config';
import { fitSteps, presetListAttribute } from '../shared/race-attributes';
import { parseSteps } from '../../state/parse';
import { messageText, t, type Lang } from '../../i18n/index';
import { runColor } from '../shared/theme';
import type { PanelRun } from '../shared/types';

/** The runs of `optimizers` from `start` (steps from `stepsText`, else the surface's race). */
export function standaloneRuns(
  surface: Surface,
  start: Point,
  stepsText: string | null,
  optimizers: string,
  lang: Lang,
  record = false,
  loaded?: () => void,
): { runs: PanelRun[]; errors: string[] } {
  const errors: string[] = [];
  let steps = raceOf(surface).steps;
  if (stepsText !== null) {
    const r = parseSteps(stepsText);
    if (r.ok) steps = r.value;
    else errors.push(t(lang, 'attribute', { name: 'steps', value: stepsText, message: messageText(r, lang) }));
  }
  const ids = presetListAttribute(optimizers, lang, errors);
  steps = fitSteps(steps, ids.length, lang, errors);
  const colors = assignColors(ids);
  const runs: PanelRun[] = [];
  ids.forEach((kind, i) => {
    try {
      runs.push({
        key: String(i),
        index: i,
        label: getPreset(kind).label,
        color: runColor(kind, colors[i]),
        trajectory: trajectory({ surface, optimizer: kind, hyper: newEntry(kind, surface.id).hyper, start, steps, ...(record ? { record: 'state' as const } : {}) }),
      });
    } catch (error) {
      // Its rule (or the loop a strict CSP leaves) is still loading: drawn once it is here.
      if (error instanceof OptionError && error.option === 'optimizer') {
        if (loaded) void loadOptimizers().then(loaded, () => undefined);
        return;
      }
      // One run the core refuses never stops the others.
      errors.push(`${getPreset(kind).label}: ${messageText((error as Error).message, lang)}`);
    }
  });
  return { runs, errors };
}
