/**
 * Where every start leads: `convergenceMap()` runs one optimizer from the centre of every cell
 * of a grid over the surface and says, per cell, which minimum the run ends at, from which step
 * on it stayed there, and its last loss. Each cell is exactly the run `trajectory()` makes from
 * that start (the same steps, the same arithmetic: the same iterates to the last bit), with
 * nothing stored per step and nothing allocated per cell: one compiled loop per preset and shape
 * of its options (core/map-loop.ts: mapLoopSource), fed the grid's starts.
 *
 * A run *ends at* minimum m when its last iterate lies within `tolerance` of it (a distance in
 * the map's units; by default 1% of the domain's larger side), and its `steps` is the first step
 * from which on every iterate did. Minima are the surface's `critical` points of kind
 * global-min and local-min; the result's `basin` is their index in `surface.critical`.
 *
 * Runs with a schedule or mini-batches, and pages whose Content Security Policy forbids
 * compiling, take `trajectory()` per cell instead (the same numbers, more slowly).
 */
import { OptionError } from './errors';
import { evalAllowed, evalRefused } from './eval-policy';
import { mapLoopSource } from './map-loop';
import { getPreset, resolveHyper, type Hyper, type OptimizerPreset, type PresetId } from './optimizers/index';
import { DIVERGENCE_SPANS, MAX_TRAJECTORY_STEPS, optionValues, refuseUnknown, resolveSurface, ruleSourceOf, trajectory, type SurfaceInput, type TrajectoryOptions } from './trajectory';
import type { Domain, Surface } from './types';

export interface ConvergenceMapOptions {
  readonly surface: SurfaceInput;
  readonly optimizer: PresetId;
  readonly hyper?: Readonly<Record<string, number | boolean>>;
  /** Steps per run (every run takes them all, as `trajectory()` does). */
  readonly steps: number;
  /** Cells across (x) and up (y). */
  readonly grid: { readonly nx: number; readonly ny: number };
  /** The mapped window; the surface's domain when absent. */
  readonly domain?: Domain;
  /** How near a minimum a run must end to count as ending there; default 1% of the domain's larger side. */
  readonly tolerance?: number;
  /** Only rows `from` (inclusive) to `to` (exclusive), row 0 at the bottom: a band of the map. */
  readonly rows?: readonly [number, number];
  readonly schedule?: TrajectoryOptions['schedule'];
  readonly batch?: TrajectoryOptions['batch'];
}

export interface ConvergenceMap {
  readonly nx: number;
  readonly ny: number;
  /** The rows computed, [from, to); cell (i, j) is at index (j − from)·nx + i. */
  readonly rows: readonly [number, number];
  readonly domain: Domain;
  readonly tolerance: number;
  /** Index in `surface.critical` of the minimum each run ends at; −1 none; −2 diverged. */
  readonly basin: Int16Array;
  /** The step from which on the run stayed within `tolerance` of that minimum; −1 where basin < 0. */
  readonly steps: Int32Array;
  /** The last loss of each run (NaN where it diverged). */
  readonly loss: Float64Array;
}

const MAP_OPTIONS: readonly string[] = ['surface', 'optimizer', 'hyper', 'steps', 'grid', 'domain', 'tolerance', 'rows', 'schedule', 'batch'];

/** The most cells one call computes (a 1024 × 1024 map). */
export const MAX_MAP_CELLS = 1 << 20;

type MapLoop = (
  surface: Surface,
  options: Float64Array,
  s: Float64Array,
  init: OptimizerPreset['kernel']['init'],
  h: Hyper,
  starts: Float64Array,
  steps: number,
  xLo: number,
  xHi: number,
  yLo: number,
  yHi: number,
  minima: Float64Array,
  tol2: number,
  basin: Int16Array,
  arrived: Int32Array,
  finalLoss: Float64Array,
) => void;

/** Compiled map loops by preset, then by the shape of `h` (null: compiling is refused here). */
const mapLoops = new Map<string, Map<string, { loop: MapLoop; options: string[] } | null>>();

function mapLoopFor(preset: OptimizerPreset, h: Hyper): { loop: MapLoop; options: string[] } | undefined {
  if (!evalAllowed()) return undefined;
  const source = ruleSourceOf(preset.ruleId);
  if (!source) return undefined;
  // One loop per set of options that are true or non-zero (the rule's statements depend on them).
  const shape = Object.keys(h)
    .map((name) => (h[name] === true || (typeof h[name] === 'number' && h[name] !== 0) ? '1' : '0'))
    .join('');
  let byShape = mapLoops.get(preset.id);
  if (!byShape) mapLoops.set(preset.id, (byShape = new Map()));
  let compiled = byShape.get(shape);
  if (compiled === undefined) {
    const options = Object.keys(h).filter((name) => typeof h[name] === 'number');
    try {
      compiled = { loop: new Function(mapLoopSource(preset.id, preset.kernel.definition, source, h, options))() as MapLoop, options };
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      evalRefused();
      compiled = null;
    }
    byShape.set(shape, compiled);
  }
  return compiled ?? undefined;
}

const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Runs `optimizer` from the centre of every cell of the grid: see the module's comment. */
export function convergenceMap(options: ConvergenceMapOptions): ConvergenceMap {
  if (!options || typeof options !== 'object') throw new OptionError('options', options, 'must be an object');
  refuseUnknown(options, MAP_OPTIONS, 'convergenceMap()', '');
  const { optimizer, steps, grid } = options;
  const preset = getPreset(optimizer);
  const h = resolveHyper(optimizer, options.hyper ?? {});
  if (!whole(steps, 1, MAX_TRAJECTORY_STEPS)) throw new OptionError('steps', steps, `must be a whole number from 1 to ${MAX_TRAJECTORY_STEPS}`);
  if (!grid || typeof grid !== 'object' || !whole(grid.nx, 1, 4096) || !whole(grid.ny, 1, 4096)) {
    throw new OptionError('grid', grid, 'must be { nx, ny }, whole numbers from 1 to 4096');
  }
  const { nx, ny } = grid;
  const surface = resolveSurface(options.surface);
  const domain = options.domain ?? surface.domain;
  const span = (r: unknown) => Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1];
  if (!domain || !span(domain.x) || !span(domain.y)) throw new OptionError('domain', domain, 'must be { x: [min, max], y: [min, max] } with min < max');
  const [from, to] = options.rows ?? [0, ny];
  if (!whole(from, 0, ny - 1) || !whole(to, from + 1, ny)) throw new OptionError('rows', options.rows, `must be [from, to) with 0 <= from < to <= ny (${ny})`);
  const cells = nx * (to - from);
  if (cells > MAX_MAP_CELLS) throw new OptionError('grid', grid, `asks for ${cells} cells; at most ${MAX_MAP_CELLS} are computed in one call (use rows for bands)`);
  const side = Math.max(domain.x[1] - domain.x[0], domain.y[1] - domain.y[0]);
  const tolerance = options.tolerance ?? 0.01 * side;
  if (typeof tolerance !== 'number' || !(tolerance > 0) || !Number.isFinite(tolerance)) throw new OptionError('tolerance', tolerance, 'must be a number > 0');

  const dx = (domain.x[1] - domain.x[0]) / nx;
  const dy = (domain.y[1] - domain.y[0]) / ny;
  const starts = new Float64Array(2 * cells);
  for (let j = from; j < to; j++) {
    for (let i = 0; i < nx; i++) {
      const c = (j - from) * nx + i;
      starts[2 * c] = domain.x[0] + (i + 0.5) * dx;
      starts[2 * c + 1] = domain.y[0] + (j + 0.5) * dy;
    }
  }
  const minimaIndex: number[] = [];
  surface.critical.forEach((p, k) => (p.kind === 'global-min' || p.kind === 'local-min') && minimaIndex.push(k));
  const minima = new Float64Array(minimaIndex.flatMap((k) => [surface.critical[k].x, surface.critical[k].y]));
  const basin = new Int16Array(cells);
  const arrived = new Int32Array(cells);
  const loss = new Float64Array(cells);
  const result: ConvergenceMap = { nx, ny, rows: [from, to], domain, tolerance, basin, steps: arrived, loss };

  const compiled = options.schedule === undefined && options.batch === undefined ? mapLoopFor(preset, h) : undefined;
  if (compiled) {
    // The divergence bounds of trajectory(): DIVERGENCE_SPANS domain widths past the surface's own domain.
    const { x, y } = surface.domain;
    const s = new Float64Array(preset.kernel.stateSize(2, h));
    compiled.loop(
      surface, optionValues(compiled.options, h), s, preset.kernel.init, h, starts, steps,
      x[0] - DIVERGENCE_SPANS * (x[1] - x[0]), x[1] + DIVERGENCE_SPANS * (x[1] - x[0]),
      y[0] - DIVERGENCE_SPANS * (y[1] - y[0]), y[1] + DIVERGENCE_SPANS * (y[1] - y[0]),
      minima, tolerance * tolerance, basin, arrived, loss,
    );
  } else {
    for (let c = 0; c < cells; c++) {
      const run = trajectory({ surface, optimizer, hyper: h, start: [starts[2 * c], starts[2 * c + 1]], steps, schedule: options.schedule, batch: options.batch });
      classify(run, minima, tolerance * tolerance, c, result);
    }
  }
  // The minima's positions in `minima` → their indices in surface.critical.
  for (let c = 0; c < cells; c++) if (basin[c] >= 0) basin[c] = minimaIndex[basin[c]];
  return result;
}

/** One run's ending, as the map loop finds it (for runs that take trajectory()). */
function classify(run: { x: Float64Array; y: Float64Array; loss: Float64Array; status: string }, minima: Float64Array, tol2: number, c: number, out: ConvergenceMap): void {
  const last = run.x.length - 1;
  if (run.status === 'diverged') {
    out.basin[c] = -2;
    out.steps[c] = -1;
    out.loss[c] = NaN;
    return;
  }
  const near = (t: number) => {
    for (let m = 0; m < minima.length / 2; m++) {
      const ex = run.x[t] - minima[2 * m];
      const ey = run.y[t] - minima[2 * m + 1];
      if (ex * ex + ey * ey <= tol2) return m;
    }
    return -1;
  };
  const m = near(last);
  let since = last;
  while (m >= 0 && since > 0 && near(since - 1) === m) since--;
  out.basin[c] = m;
  out.steps[c] = m >= 0 ? since : -1;
  out.loss[c] = run.loss[last];
}
