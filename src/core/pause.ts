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
 * Runs a pausing computation in tasks of about SLICE_MS, yielding to the page between them.
 * Rejects with `signal`'s reason at the first pause after it is aborted.
 */
export async function inShortTasks<T>(steps: Generator<unknown, T, undefined>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    signal?.throwIfAborted();
    const end = performance.now() + SLICE_MS;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      if (performance.now() >= end) break;
    }
    await nextTask();
  }
}

/**
 * A new task: scheduler.yield() where the browser has it (the work keeps its place in the
 * queue), else a MessageChannel message (setTimeout is clamped to 4 ms when nested).
 */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
