/**
 * The playground's runs: every enabled optimizer of a configuration run on its surface, with its
 * label and colour. Editing one optimizer's settings should not re-run the others, so runs are
 * cached by their inputs for as long as the surface, start and step count stay the same.
 */
import { OptionError } from '../../core/errors';
import { loadOptimizers, resolveHyper, type HyperValue } from '../../core/optimizers/index';
import { loadSchedules, trajectory, trajectoryIn, type TrajectoryOptions } from '../../core/trajectory';
import type { DragBuffers } from '../../render/drag-buffers';
import type { Surface, Trajectory } from '../../core/types';
import { assignColors } from '../../render/colors';
import { raceEntries, raceOf, runLabels, sameEntry, type Config } from '../../state/config';
import { runColor } from '../shared/theme';
import type { PanelRun } from '../shared/types';
import type { EntryRun } from './optimizer-list';
import { raceLabel, t, type Lang } from '../../i18n/index';

export class RunCache {
  #cache = new Map<string, Trajectory>();
  #scope = '';

  /**
   * One run per entry (with its error, or no trajectory when disabled), and the panels' view of
   * them. An entry whose rule is still loading (the one-file bundle's rarer rules) has no run yet:
   * `loaded` is called once it is here. While the start is dragged, `drag` lends the runs their
   * arrays (see DragBuffers); the runs made so are not kept past the drag.
   */
  compute(c: Config, surface: Surface, lang: Lang = 'en', loaded?: () => void, drag?: DragBuffers): { entryRuns: EntryRun[]; panelRuns: PanelRun[] } {
    // With `inspect` every run records its inner state (a run without its record is not reused).
    const scope = `${surface.id}|${c.start[0]},${c.start[1]}|${c.steps}|${c.inspect === true}|${!drag}`;
    if (scope !== this.#scope) {
      this.#cache = new Map();
      this.#scope = scope;
    }
    const colors = assignColors(c.optimizers.map((e) => e.kind));
    const labels = runLabels(c.optimizers, { lr: t(lang, 'lr'), noise: t(lang, 'noise'), batch: t(lang, 'batch'), fullBatch: t(lang, 'fullBatch') });
    // A label of the surface's own race is translated where the entry is that race's entry
    // (an author's own label stays as written).
    const race = lang === 'en' ? [] : raceEntries(raceOf(surface));
    const label = (index: number) => {
      const entry = c.optimizers[index];
      return race.some((r) => sameEntry(r, entry)) ? raceLabel(surface.id, labels[index], lang) : labels[index];
    };
    const used = new Map<string, Trajectory>();
    const entryRuns: EntryRun[] = c.optimizers.map((entry, index) => {
      const base = { entry, index, label: label(index), color: runColor(entry.kind, colors[index]) };
      let hyper: Readonly<Record<string, HyperValue>>;
      try {
        hyper = resolveHyper(entry.kind, entry.hyper);
      } catch (error) {
        return { ...base, error: (error as Error).message };
      }
      if (!entry.enabled) return { ...base, hyper };
      // Each noisy entry draws its own seeded noise stream, so two noisy runs differ; batches are
      // drawn with seed 1 for every run, so runs of one batch size see the same batches.
      const noise = entry.noise ? { sd: entry.noise, seed: index + 1 } : undefined;
      const key = `${entry.kind}|${JSON.stringify(hyper)}|${noise ? `${noise.sd}@${noise.seed}` : ''}|${entry.batch ?? ''}|${entry.schedule ?? ''}`;
      let run = used.get(key) ?? this.#cache.get(key);
      try {
        run ??= (drag ? (o: TrajectoryOptions) => trajectoryIn(drag.take, o) : trajectory)({
          surface,
          optimizer: entry.kind,
          hyper,
          start: c.start,
          steps: c.steps,
          noise,
          batch: entry.batch ? { size: entry.batch } : undefined,
          schedule: entry.schedule,
          ...(c.inspect ? { record: 'state' as const } : {}),
        });
      } catch (error) {
        if (!(error instanceof OptionError)) throw error;
        // Its rule (or the loop a strict CSP leaves), or the schedules, still loading: no run
        // until they are here. Any other refusal (a bad schedule, batches off a data surface) is
        // the row's message; the other runs go on.
        if (!/is loading/.test(error.message)) return { ...base, hyper, error: error.message };
        if (loaded) void (error.option === 'schedule' ? loadSchedules() : loadOptimizers()).then(loaded, () => undefined);
        return { ...base, hyper };
      }
      used.set(key, run);
      return { ...base, hyper, trajectory: run };
    });
    this.#cache = used;
    const panelRuns = entryRuns.flatMap((r) =>
      r.trajectory ? [{ key: String(r.index), index: r.index, label: r.label, color: r.color, trajectory: r.trajectory }] : [],
    );
    return { entryRuns, panelRuns };
  }
}
