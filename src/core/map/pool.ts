/**
 * Convergence maps computed off the page's main thread: a pool of module Workers (worker.ts),
 * `navigator.hardwareConcurrency − 1` of them (at least one), each computing one band of rows at
 * a time, so that bands of several maps interleave and a cancelled map stops at once (its queued
 * bands are dropped; a band already running finishes and is thrown away).
 *
 * Where there are no Workers (Node; a bundle loaded from another origin; a Content Security
 * Policy that refuses the worker's script) the bands are computed on the main thread instead, a
 * few rows at a time in idle time (requestIdleCallback; each slice sized from the last to take
 * about 8 ms), so the page keeps its frame budget. The first failure is remembered for the page: a policy is asked
 * (and reports a refusal) at most once.
 */
import { convergenceMap, type ConvergenceMap } from '../convergence-map';
import type { BandReply, BandRequest } from './protocol';

/** A band as it arrives: rows [from, to) of the map, cell (i, j) at (j − from)·nx + i. */
export interface MapBand {
  readonly rows: readonly [number, number];
  readonly basin: Int16Array;
  readonly steps: Int32Array;
  readonly loss: Float64Array;
}

export interface MapJobOptions {
  /** Called for each band as it arrives (in no particular order). */
  readonly onBand?: (band: MapBand) => void;
  readonly signal?: AbortSignal;
  /** Rows per band; by default about 40 ms of work each. */
  readonly bandRows?: number;
}

type Request = BandRequest['options'] extends infer O ? Omit<O, 'rows'> : never;

interface Task {
  readonly id: number;
  readonly request: BandRequest;
  readonly settle: (reply: BandReply) => void;
}

/** With nothing to compute for this long, the pool's Workers are closed (idle ones hold memory). */
export const POOL_IDLE_MS = 30_000;

interface Slot {
  readonly worker: Worker;
  busy: Task | undefined;
}

let workers: Slot[] | undefined;
let unavailable = false;
const queue: Task[] = [];
let nextId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Whether this page can have Workers, as far as can be told without trying. */
function possible(): boolean {
  if (typeof Worker !== 'function' || typeof location === 'undefined') return false;
  try {
    return new URL(import.meta.url).origin === location.origin;
  } catch {
    return false;
  }
}

/** The pool's size: one core is left to the page. */
export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  return Math.max(1, cores - 1);
}

function open(): Slot[] | undefined {
  if (workers || unavailable) return workers;
  if (!possible()) {
    unavailable = true;
    return undefined;
  }
  const made: Slot[] = [];
  try {
    for (let k = 0; k < poolSize(); k++) {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `descent-lab map ${k + 1}` });
      const slot: Slot = { worker, busy: undefined };
      worker.addEventListener('message', (event: MessageEvent<BandReply>) => {
        const task = slot.busy;
        slot.busy = undefined;
        if (task && task.id === event.data.id) task.settle(event.data);
        pump();
      });
      // A script refused by a policy or missing: the page computes the bands itself from now on.
      // preventDefault keeps it from being reported as the page's own error.
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        giveUp();
      });
      made.push(slot);
    }
  } catch {
    for (const { worker } of made) worker.terminate();
    unavailable = true;
    return undefined;
  }
  workers = made;
  return workers;
}

/** The Workers failed: what they held and what waits goes to the main thread. */
function giveUp(): void {
  unavailable = true;
  const held = workers?.flatMap((w) => (w.busy ? [w.busy] : [])) ?? [];
  for (const w of workers ?? []) w.worker.terminate();
  workers = undefined;
  queue.unshift(...held);
  pumpHere();
}

function pump(): void {
  if (!workers) {
    pumpHere();
    return;
  }
  clearTimeout(idleTimer);
  for (const slot of workers) {
    if (slot.busy) continue;
    const task = queue.shift();
    if (!task) break;
    slot.busy = task;
    slot.worker.postMessage(task.request);
  }
  if (!queue.length && workers.every((w) => !w.busy)) {
    idleTimer = setTimeout(() => {
      for (const w of workers ?? []) w.worker.terminate();
      workers = undefined;
    }, POOL_IDLE_MS);
  }
}

// ---- on the main thread ------------------------------------------------------------------------

let pumping = false;
/** Estimated ms per cell-step here, from the last slice. */
let msPerCellStep = 2e-5;
const SLICE_MS = 8;

/** Runs `fn` when the page is idle (between frames, at the latest after 100 ms), or soon where there is no such thing. */
const later = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 100 }) : setTimeout(fn, 0));

function pumpHere(): void {
  if (pumping) return;
  pumping = true;
  later(slice);
}

/** Computes the next task's rows for about SLICE_MS (at least one row), then yields. */
function slice(): void {
  pumping = false;
  const task = queue[0];
  if (!task) return;
  // Counted, as `descentMapSlicesHere` (a look from the devtools, and the tests: 0 where Workers did it all).
  const counter = globalThis as unknown as { descentMapSlicesHere?: number };
  counter.descentMapSlicesHere = (counter.descentMapSlicesHere ?? 0) + 1;
  const { options } = task.request;
  const [from, to] = options.rows;
  const nx = options.grid.nx;
  const rows = Math.max(1, Math.min(to - from, Math.floor(SLICE_MS / (msPerCellStep * nx * options.steps))));
  const t0 = performance.now();
  let reply: BandReply;
  try {
    const part = convergenceMap({ ...options, rows: [from, from + rows] });
    reply = { id: task.id, basin: part.basin, steps: part.steps, loss: part.loss, tolerance: part.tolerance };
  } catch (error) {
    reply = { id: task.id, failed: error instanceof Error ? error.message : String(error) };
  }
  msPerCellStep = Math.max(1e-7, (performance.now() - t0) / (rows * nx * options.steps));
  queue.shift();
  if (from + rows < to && !('failed' in reply)) {
    // The rest of the band goes back to the front of the queue, as a task of its own.
    const rest: BandRequest = { id: task.id, options: { ...options, rows: [from + rows, to] } };
    queue.unshift({ id: task.id, request: rest, settle: task.settle });
  }
  task.settle(reply);
  if (queue.length) pumpHere();
}

// ---- the job -------------------------------------------------------------------------------------

/**
 * Computes a convergence map in bands (see the module's comment), calling `onBand` as each
 * arrives; resolves to the whole map. Rejects with the signal's reason once aborted (no band is
 * reported after that), or with the error convergenceMap() threw for a band.
 */
export function computeMap(options: Request & { readonly domain: ConvergenceMap['domain'] }, job: MapJobOptions = {}): Promise<ConvergenceMap> {
  const { nx, ny } = options.grid;
  const perRow = nx * options.steps;
  // About 40 ms of work per band at ~15 ns per cell-step, and at least two bands per Worker.
  const bandRows = job.bandRows ?? Math.max(1, Math.min(Math.ceil(ny / (2 * poolSize())), Math.round(40 / (1.5e-5 * perRow))));
  const basin = new Int16Array(nx * ny);
  const steps = new Int32Array(nx * ny);
  const loss = new Float64Array(nx * ny);
  const domain = options.domain;
  return new Promise((resolve, reject) => {
    const { signal } = job;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let left = ny;
    let tolerance = NaN;
    let done = false;
    const mine = new Set<number>();
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      // Drop what is still queued of this map.
      for (let k = queue.length - 1; k >= 0; k--) if (mine.has(queue[k].id)) queue.splice(k, 1);
      if (error !== undefined) reject(error);
    };
    const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    for (let from = 0; from < ny; from += bandRows) {
      const rows: [number, number] = [from, Math.min(ny, from + bandRows)];
      const id = nextId++;
      mine.add(id);
      let at = rows[0];
      queue.push({
        id,
        request: { id, options: { ...options, rows } },
        settle: (reply) => {
          if (done) return;
          if ('failed' in reply) {
            finish(new Error(reply.failed));
            return;
          }
          // (On the main thread a band may come in slices: each reply is the next rows.)
          const n = reply.basin.length / nx;
          const part: MapBand = { rows: [at, at + n], basin: reply.basin, steps: reply.steps, loss: reply.loss };
          basin.set(reply.basin, at * nx);
          steps.set(reply.steps, at * nx);
          loss.set(reply.loss, at * nx);
          at += n;
          tolerance = reply.tolerance;
          left -= n;
          job.onBand?.(part);
          if (left === 0) {
            finish();
            resolve({ nx, ny, rows: [0, ny], domain, tolerance, basin, steps, loss });
          }
        },
      });
    }
    if (open()) pump();
    else pumpHere();
  });
}

/** Whether maps are computed in Workers here (false once they failed, or where there are none). */
export function workersAvailable(): boolean {
  return !!open();
}
