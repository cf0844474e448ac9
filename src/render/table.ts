/**
 * Every run's numbers as CSV or JSON, with what is needed to compute them again with the core:
 * the surface (catalog id, or expression and domain), the start, the step count and, per run,
 * the options given to `trajectory()` (preset, hyperparameters, noise, batch, schedule). Numbers
 * are written in full (JavaScript's shortest round-trip form), so reading them back gives the
 * same doubles; NaN past a divergence.
 */
import type { Domain, Trajectory, TrajectoryEvaluations } from '../core/types';

/** What a run was computed from: `trajectory({ surface, start, steps, ...options })`. */
export interface TableRunOptions {
  readonly optimizer: string;
  readonly hyper: Readonly<Record<string, number | boolean>>;
  readonly noise?: { readonly sd: number; readonly seed: number };
  readonly batch?: { readonly size: number; readonly seed?: number };
  readonly schedule?: string;
}

export interface TableRun {
  readonly label: string;
  readonly options: TableRunOptions;
  readonly trajectory: Trajectory;
}

export interface TableMeta {
  /** The package's version. */
  readonly version: string;
  /** A catalog id, or a typed-in expression with its domain. */
  readonly surface: string | { readonly expr: string; readonly domain: Domain };
  readonly start: readonly [number, number];
  readonly steps: number;
}

/** A column: its name and the value at step k (undefined where the run has none). */
type Column = readonly [string, (t: Trajectory, k: number) => number | undefined];

const pair = (name: string, get: (t: Trajectory) => Float64Array | undefined): Column[] => [
  [`${name}_x`, (t, k) => get(t)?.[2 * k]],
  [`${name}_y`, (t, k) => get(t)?.[2 * k + 1]],
];

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Recorded = Trajectory & { state?: Record<string, Float64Array>; grad?: Float64Array; effectiveLr?: Float64Array; evaluations?: TrajectoryEvaluations };

/** The columns the runs have, in a fixed order: the path, then lr and the mini-batch loss, then the recorded state. */
function columns(runs: readonly TableRun[]): Column[] {
  const cols: Column[] = [
    ['x', (t, k) => t.x[k]],
    ['y', (t, k) => t.y[k]],
    ['loss', (t, k) => t.loss[k]],
  ];
  const ts = runs.map((r) => r.trajectory as Recorded);
  // lr[i] is the lr of step i + 1: the row of iterate k shows the lr that made it (none at k = 0).
  if (ts.some((t) => t.lr)) cols.push(['lr', (t, k) => (k > 0 ? t.lr?.[k - 1] : undefined)]);
  if (ts.some((t) => t.batchLoss)) cols.push(['batch_loss', (t, k) => t.batchLoss?.[k]]);
  if (ts.some((t) => t.grad)) cols.push(...pair('grad', (t) => (t as Recorded).grad), ...pair('effective_lr', (t) => (t as Recorded).effectiveLr));
  const names = [...new Set(ts.flatMap((t) => Object.keys(t.state ?? {})))];
  for (const name of names) cols.push(...pair(snake(name), (t) => (t as Recorded).state?.[name]));
  // L-BFGS's and SAM's evaluations of f and ∇f in the step that made iterate k, as torch counts
  // them (its first, at the iterate it starts from, included); the points are in the JSON.
  if (ts.some((t) => t.evaluations)) {
    cols.push(['function_evals', (t, k) => {
      const start = (t as Recorded).evaluations?.start;
      return start && k > 0 && k <= (t.divergedAt ?? t.x.length - 1) ? start[k] - start[k - 1] + 1 : undefined;
    }]);
  }
  return cols;
}

const text = (v: number | undefined) => (v === undefined ? '' : String(v));

/** The step range [from, to] clamped to the runs (default: all of it). */
function range(runs: readonly TableRun[], from = 0, to = Infinity): [number, number] {
  const last = Math.max(0, ...runs.map((r) => r.trajectory.x.length - 1));
  const a = Math.max(0, Math.min(last, Math.floor(from)));
  return [a, Math.max(a, Math.min(last, Math.floor(to)))];
}

function header(meta: TableMeta, runs: readonly TableRun[]) {
  return {
    generator: `descent-lab ${meta.version}`,
    surface: meta.surface,
    start: meta.start,
    steps: meta.steps,
    runs: runs.map((r) => ({ label: r.label, ...r.options })),
  };
}

/**
 * CSV: `#` lines first (the JSON header: surface, start, steps, each run's options), then one row
 * per run and step: `run` (its place, from 1), `step`, `x`, `y`, `loss`, and where any run has
 * them `lr`, `batch_loss`, the recorded inner state as `<name>_x`, `<name>_y` pairs and
 * `function_evals` (L-BFGS's and SAM's evaluations per step).
 */
export function runsCsv(meta: TableMeta, runs: readonly TableRun[], from?: number, to?: number): string {
  const cols = columns(runs);
  const [a, b] = range(runs, from, to);
  const h = header(meta, runs);
  const lines = [
    `# ${h.generator}: every run's iterates; re-run each with trajectory({ surface, start, steps, ...run }) from descent-lab/core`,
    `# surface: ${JSON.stringify(h.surface)}`,
    `# start: ${JSON.stringify(h.start)}`,
    `# steps: ${h.steps}`,
    ...h.runs.map((r, i) => `# run ${i + 1}: ${JSON.stringify(r)}`),
    ['run', 'step', ...cols.map((c) => c[0])].join(','),
  ];
  runs.forEach((r, i) => {
    const t = r.trajectory;
    for (let k = a; k <= Math.min(b, t.x.length - 1); k++) lines.push([i + 1, k, ...cols.map((c) => text(c[1](t, k)))].join(','));
  });
  return lines.join('\n') + '\n';
}

/** JSON: the header's fields, and per run its options and one array per column (NaN written as null). */
export function runsJson(meta: TableMeta, runs: readonly TableRun[], from?: number, to?: number): string {
  const cols = columns(runs);
  const [a, b] = range(runs, from, to);
  const h = header(meta, runs);
  return JSON.stringify(
    {
      ...h,
      from: a,
      to: b,
      runs: runs.map((r, i) => {
        const t = r.trajectory;
        const upTo = Math.min(b, t.x.length - 1);
        const data: Record<string, (number | null)[]> = { step: [] };
        for (let k = a; k <= upTo; k++) data.step.push(k);
        for (const [name, get] of cols) {
          const values: (number | null)[] = [];
          let any = false;
          for (let k = a; k <= upTo; k++) {
            const v = get(t, k);
            if (v !== undefined) any = true;
            values.push(v === undefined || Number.isNaN(v) ? null : v);
          }
          if (any) data[name] = values;
        }
        // The points a whole-vector rule evaluated (L-BFGS's line search, SAM's ascent point) in the
        // steps that made the iterates shown: step firstStep + j's are entries start[j] up to
        // start[j + 1] of x, y and loss.
        const ev = (t as Recorded).evaluations;
        const firstStep = Math.max(1, a);
        const base = ev?.start[firstStep - 1] ?? 0;
        const end = ev?.start[Math.max(upTo, firstStep - 1)] ?? 0;
        const evaluations = ev && {
          firstStep,
          start: Array.from(ev.start.slice(firstStep - 1, Math.max(upTo, firstStep - 1) + 1), (v) => v - base),
          x: Array.from(ev.x.slice(base, end)),
          y: Array.from(ev.y.slice(base, end)),
          loss: Array.from(ev.loss.slice(base, end)),
        };
        return { ...h.runs[i], ...(t.divergedAt !== undefined ? { divergedAt: t.divergedAt } : {}), data, ...(evaluations ? { evaluations } : {}) };
      }),
    },
    null,
    1,
  );
}
