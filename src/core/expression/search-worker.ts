/**
 * The critical-point search, off the page's main thread: a module Worker that receives the graph
 * of f, its gradient and its Hessian (no mathjs here: the page parsed and differentiated), compiles
 * it and runs searchSurface, replying with plain data. Several requests may run at once, each in
 * short slices, so that a cancel message is read between them.
 */
import { inShortTasks } from '../pause';
import { compileGraph } from './compile';
import { Graph } from './graph';
import type { CancelRequest, SearchReply, SearchRequest } from './search-protocol';
import { searchSurface } from './surface-search';

/** The parts of a dedicated worker's global scope used here (the DOM typings describe a window). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<SearchRequest | CancelRequest>) => void): void;
  postMessage(reply: SearchReply): void;
};

const running = new Map<number, AbortController>();
/** Searches answered, as `self.searchesAnswered` (for a look from the devtools, and the tests). */
let answered = 0;

scope.addEventListener('message', (event) => {
  const message = event.data;
  if ('cancel' in message) {
    running.get(message.cancel)?.abort();
    running.delete(message.cancel);
    return;
  }
  void search(message);
});

async function search(request: SearchRequest): Promise<void> {
  const { id } = request;
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const functions = compileGraph(Graph.fromNodes(request.nodes), request.roots, request.backend);
    const result = await inShortTasks(searchSurface({ ...functions, ...request.facts }, request.domain), controller.signal);
    scope.postMessage({ id, result });
    (self as unknown as { searchesAnswered: number }).searchesAnswered = ++answered;
  } catch (error) {
    if (!controller.signal.aborted) scope.postMessage({ id, failed: String(error) });
  } finally {
    running.delete(id);
  }
}
