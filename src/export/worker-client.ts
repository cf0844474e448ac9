/**
 * A Worker for an export (export-worker.ts), where the page may have one: same origin as this
 * module (a bundle on a CDN cannot start one), and allowed by the page's policy. A refusal is
 * remembered for the page, so a policy is asked (and reports) at most once. Each export has its
 * own Worker, closed when it is done.
 */
let refused = false;

export interface ExportWorker {
  /** Sends a message; the promise has the next reply (an `{ error }` reply rejects). */
  ask<T>(message: unknown, transfer?: Transferable[]): Promise<T>;
  /** Sends a message that has no reply. */
  tell(message: unknown, transfer?: Transferable[]): void;
  close(): void;
}

export async function openWorker(): Promise<ExportWorker | undefined> {
  if (refused || typeof Worker !== 'function') return undefined;
  try {
    if (new URL(import.meta.url).origin !== location.origin) return undefined;
  } catch {
    return undefined;
  }
  let worker: Worker;
  try {
    worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module', name: 'descent-lab export' });
  } catch {
    refused = true;
    return undefined;
  }
  const ready = await new Promise<boolean>((resolve) => {
    worker.onmessage = (e) => resolve(e.data === 'ready');
    worker.onerror = () => resolve(false);
  });
  if (!ready) {
    worker.terminate();
    refused = true;
    return undefined;
  }
  let waiting: ((m: { error?: string }) => void) | undefined;
  worker.onmessage = (e) => waiting?.(e.data as { error?: string });
  return {
    ask: <T>(message: unknown, transfer: Transferable[] = []) => {
      const reply = new Promise<T>((resolve, reject) => {
        waiting = (m) => (m.error ? reject(new Error(m.error)) : resolve(m as T));
      });
      worker.postMessage(message, transfer);
      return reply;
    },
    tell: (message, transfer = []) => worker.postMessage(message, transfer),
    close: () => worker.terminate(),
  };
}
