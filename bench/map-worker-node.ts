/** bench/map-workers.ts's worker: computes the bands it is sent with convergenceMap(). */
import { parentPort } from 'node:worker_threads';
import { convergenceMap } from '../src/core/index';

parentPort!.on('message', (options: Parameters<typeof convergenceMap>[0]) => {
  const { basin, steps, loss } = convergenceMap(options);
  parentPort!.postMessage({ basin, steps, loss }, [basin.buffer as ArrayBuffer, steps.buffer as ArrayBuffer, loss.buffer as ArrayBuffer]);
});
parentPort!.postMessage('ready');
