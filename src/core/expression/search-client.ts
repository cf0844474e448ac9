/**
 * The page's side of the critical-point search Worker (search-worker.ts): compileSurfaceAsync
 * hands it the search, the long part of compiling a typed-in surface, so that the page's main
 * thread only parses, differentiates and generates code.
 *
 * Where there is no Worker the answer is `undefined`, and the caller searches in short tasks on
 * the main thread instead: in Node; where the module was loaded from another origin (a bundle on
 * a CDN: a Worker's script must be same-origin, and a blob: shim would need the host page's
 * Content-Security-Policy to allow blob:); and once the Worker failed to start (a policy without
 * 'self' in worker-src or script-src; a bundler that did not emit the file). The first failure
 * is remembered for the page, so a policy is asked (and reports a refusal) at most once.
 */
import type { Domain } from '../types';
import type { Backend, Roots } from './compile';
import type { GraphNode } from './graph';
import type { CancelRequest, SearchReply, SearchRequest } from './search-protocol';
import type { ExpressionFacts, SurfaceSearchResult } from './surface-search';

/** With nothing to search for this long, the Worker is closed (an idle one still holds memory). */
export const WORKER_IDLE_MS = 30_000;

type Settle = (result: SurfaceSearchResult | undefined) => void;

let worker: Worker | undefined;
/** Set once the Worker could not be had on this page: never asked again. */
let unavailable = false;
let nextId = 1;
const pending = new Map<number, Settle>();
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Whether this page can run the search in a Worker, as far as can be told without trying. */
function possible(): boolean {
  if (typeof Worker !== 'function' || typeof location === 'undefined') return false;
  try {
    return new URL(import.meta.url).origin === location.origin;
  } catch {
    return false;
  }
}

function open(): Worker | undefined {
  if (worker || unavailable) return worker;
  if (!possible()) {
    unavailable = true;
    return undefined;
  }
  let created: Worker;
  try {
    created = new Worker(new URL('./search-worker.ts', import.meta.url), { type: 'module', name: 'descent-lab search' });
  } catch {
    unavailable = true;
    return undefined;
  }
  created.addEventListener('message', (event: MessageEvent<SearchReply>) => {
    const reply = event.data;
    const settle = pending.get(reply.id);
    if (!settle) return;
    pending.delete(reply.id);
    settle('result' in reply ? reply.result : undefined);
    idleLater();
  });
  // A script that did not load (refused by a policy, missing) or did not run: the page searches
  // itself from now on. preventDefault keeps it from being reported as the page's own error.
  created.addEventListener('error', (event) => {
    event.preventDefault();
    giveUp();
  });
  created.addEventListener('messageerror', () => giveUp());
  worker = created;
  return created;
}

/** The Worker failed: every search waiting on it is answered `undefined` (search on the page). */
function giveUp(): void {
  unavailable = true;
  close();
}

function close(): void {
  worker?.terminate();
  worker = undefined;
  clearTimeout(idleTimer);
  idleTimer = undefined;
  const waiting = [...pending.values()];
  pending.clear();
  for (const settle of waiting) settle(undefined);
}

function idleLater(): void {
  clearTimeout(idleTimer);
  idleTimer = pending.size === 0 && worker ? setTimeout(close, WORKER_IDLE_MS) : undefined;
}

/**
 * Runs searchSurface for a compiled expression in the Worker: its result, or `undefined` where
 * no Worker can do it (search on the page then). Rejects with `signal`'s reason once aborted,
 * and the Worker drops that search.
 */
export function searchInWorker(
  parts: { readonly compiled: ExpressionFacts; readonly nodes: readonly GraphNode[]; readonly roots: Roots },
  domain: Domain,
  backend: Backend,
  signal?: AbortSignal,
): Promise<SurfaceSearchResult | undefined> {
  const target = open();
  if (!target) return Promise.resolve(undefined);
  clearTimeout(idleTimer);
  idleTimer = undefined;
  const id = nextId++;
  const { flat, affine, linearPieces, noCriticalPoints, size } = parts.compiled;
  const request: SearchRequest = {
    id,
    nodes: parts.nodes,
    roots: parts.roots,
    facts: { flat, affine, linearPieces, noCriticalPoints, size },
    domain,
    backend,
  };
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      if (!pending.delete(id)) return;
      const cancel: CancelRequest = { cancel: id };
      worker?.postMessage(cancel);
      reject(signal?.reason);
      idleLater();
    };
    pending.set(id, (result) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      target.postMessage(request);
    } catch {
      giveUp();
    }
  });
}
