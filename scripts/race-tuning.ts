/**
 * Prints, for each catalog surface and each optimizer, what a run from the surface's start does
 * at a range of learning rates: where it ends (nearest critical point and its distance), the
 * final loss, or the step at which it diverged. Used to choose each surface's default race (the
 * `race` field in surfaces/<id>.ts) by running trajectories rather than trusting torch's defaults.
 *
 *   npx tsx scripts/race-tuning.ts                 every surface, the notes' seven optimizers
 *   npx tsx scripts/race-tuning.ts rosenbrock adam  one surface, some optimizers
 *   npx tsx scripts/race-tuning.ts --all            all twelve presets
 *   npx tsx scripts/race-tuning.ts --steps 500      override the race's steps
 *   npx tsx scripts/race-tuning.ts --race           check each surface's race as written
 *   npx tsx scripts/race-tuning.ts saddle --steps 150 --try sgd:0.005 momentum:0.003
 *                                                   where given runs are at steps 10, 25, 50, ...
 */
import { presetIds, type PresetId } from '../src/core/optimizers/index';
import { trajectory } from '../src/core/trajectory';
import type { Surface, Trajectory } from '../src/core/types';
import { surfaces, surfaceIds } from '../surfaces/index';
import { notesPresets, raceEntries, raceOf } from '../src/state/config';

const LRS = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3];
const KIND = { 'global-min': 'G', 'local-min': 'L', saddle: 'S', 'local-max': 'M' } as const;

/** First step at which a run is outside the plotting window, or -1. */
export function exitStep(surface: Surface, run: Trajectory): number {
  const { x: [x0, x1], y: [y0, y1] } = surface.domain;
  for (let k = 0; k < run.x.length; k++) {
    const x = run.x[k];
    const y = run.y[k];
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) return k;
  }
  return -1;
}

/** First step after which a run stays within `radius` (fraction of the span) of where it ends. */
export function settleStep(surface: Surface, run: Trajectory, radius = 0.01): number {
  const n = run.status === 'ok' ? run.x.length - 1 : (run.divergedAt as number);
  const span = Math.max(surface.domain.x[1] - surface.domain.x[0], surface.domain.y[1] - surface.domain.y[0]);
  let k = n;
  while (k > 0 && Math.hypot(run.x[k - 1] - run.x[n], run.y[k - 1] - run.y[n]) < radius * span) k--;
  return k;
}

/** One cell: "D12" (diverged at 12), else the nearest critical point's kind and distance, "G.02". */
export function describe(surface: Surface, run: Trajectory): string {
  if (run.status === 'diverged') return `D${run.divergedAt}`;
  const n = run.x.length - 1;
  const x = run.x[n];
  const y = run.y[n];
  const span = Math.max(surface.domain.x[1] - surface.domain.x[0], surface.domain.y[1] - surface.domain.y[0]);
  let best = Infinity;
  let kind = '-';
  for (const c of surface.critical) {
    const d = Math.hypot(c.x - x, c.y - y);
    if (d < best) {
      best = d;
      kind = KIND[c.kind];
    }
  }
  const out =
    x < surface.domain.x[0] || x > surface.domain.x[1] || y < surface.domain.y[0] || y > surface.domain.y[1];
  if (out) return 'out';
  const rel = best / span;
  return `${kind}${rel < 0.001 ? '·' : rel.toFixed(2).replace(/^0/, '')}`;
}

/** `--try kind:lr ...`: one line per run with its position at a few steps. */
function tryRuns(surface: Surface, steps: number, specs: string[]): void {
  for (const spec of specs) {
    const [kind, lrText] = spec.split(':');
    const lr = Number(lrText);
    const run = trajectory({ surface, optimizer: kind as PresetId, hyper: { lr }, start: surface.start, steps });
    const at = [10, 25, 50, 100, 200, 400, 800, 1600]
      .filter((k) => k <= steps)
      .map((k) => `${k}:(${run.x[k].toFixed(2)},${run.y[k].toFixed(2)})`)
      .join(' ');
    const exit = exitStep(surface, run);
    console.log(
      `  ${kind.padEnd(9)} lr ${String(lr).padEnd(7)} ${describe(surface, run).padEnd(6)} settles@${settleStep(surface, run)}` +
        `${exit >= 0 ? ` leaves@${exit}` : ''} f=${run.loss[steps].toPrecision(3)}  ${at}`,
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const tryFlag = args.indexOf('--try');
  if (tryFlag >= 0) {
    const id = args.find((a) => (surfaceIds as readonly string[]).includes(a)) ?? 'rosenbrock';
    const surface = surfaces[id as keyof typeof surfaces];
    const stepsAt = args.indexOf('--steps');
    const steps = stepsAt >= 0 ? Number(args[stepsAt + 1]) : raceOf(surface).steps;
    console.log(`${id} (${steps} steps from ${surface.start.join(', ')})`);
    tryRuns(surface, steps, args.slice(tryFlag + 1).filter((a) => a.includes(':')));
    return;
  }
  const stepsFlag = args.indexOf('--steps');
  const stepsOverride = stepsFlag >= 0 ? Number(args[stepsFlag + 1]) : undefined;
  const words = args.filter((a, i) => !a.startsWith('--') && i !== stepsFlag + 1);
  const ids = words.filter((w) => (surfaceIds as readonly string[]).includes(w));
  const opts = words.filter((w) => (presetIds as readonly string[]).includes(w)) as PresetId[];
  const presets: readonly PresetId[] = opts.length ? opts : args.includes('--all') ? presetIds : notesPresets;
  console.log('cell: nearest critical point (G global min, L local min, S saddle, M max) and its distance');
  console.log('      as a fraction of the domain span ("·" < 0.001); D<k> diverged at step k; out = left the window\n');
  for (const id of ids.length ? ids : surfaceIds) {
    const surface = surfaces[id as keyof typeof surfaces];
    const race = raceOf(surface);
    const steps = stepsOverride ?? race.steps;
    if (args.includes('--race')) {
      console.log(`${id} (${steps} steps from ${surface.start.join(', ')}): ${race.story ?? '(no story)'}`);
      for (const e of raceEntries(race)) {
        const run = trajectory({ surface, optimizer: e.kind, hyper: e.hyper, start: surface.start, steps });
        const final = run.status === 'ok' ? run.loss[steps].toPrecision(3) : '';
        const exit = exitStep(surface, run);
        console.log(
          `  ${(e.label ?? e.kind).padEnd(14)} ${JSON.stringify(e.hyper).padEnd(26)} ${describe(surface, run).padEnd(6)}` +
            ` settles@${String(settleStep(surface, run)).padEnd(5)} ${exit >= 0 ? `leaves@${exit}` : ''.padEnd(9)} f=${final}`,
        );
      }
      continue;
    }
    console.log(`${id} (${steps} steps from ${surface.start.join(', ')})`);
    console.log(`  ${'lr'.padEnd(10)}${LRS.map((lr) => String(lr).padStart(7)).join('')}`);
    for (const kind of presets) {
      const cells = LRS.map((lr) => {
        const run = trajectory({ surface, optimizer: kind as PresetId, hyper: { lr }, start: surface.start, steps });
        return describe(surface, run).padStart(7);
      });
      console.log(`  ${kind.padEnd(10)}${cells.join('')}`);
    }
    console.log();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
