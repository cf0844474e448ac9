/**
 * Pausing computations: generators that yield now and then, so long work (finding a typed-in
 * surface's critical points, sampling its map) can run to its end at once (`runToEnd`) or in
 * short tasks that leave the page responsive (`inShortTasks`), and be dropped half-way.
 */

/** Runs a pausing computation (a generator that yields to pause) to its end, synchronously. */
export function runToEnd<T>(steps: Generator<unknown, T, undefined>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Longest run of work between two yields to the page, in milliseconds. */
export const SLICE_MS = 8;

/**
 * Runs a pausing computation in tasks of about SLICE_MS, yielding to the page before each (so
 * none of it lengthens the caller's task). Rejects with `signal`'s reason at the first pause
 * after it is aborted.
 */
export async function inShortTasks<T>(steps: Generator<unknown, T, undefined>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    await nextTask();
    signal?.throwIfAborted();
    const end = performance.now() + SLICE_MS;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() >= end) break;
    }
  }
}

/**
 * A new task: scheduler.yield() where the browser has it (the work keeps its place in the
 * queue), else a timer (clamped to 4 ms when nested: slower, still responsive).
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve));
}
