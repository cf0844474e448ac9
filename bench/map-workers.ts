/**
 * `npm run bench -- workers`: the map, 256 × 256 starts × 7 optimizers × 500 steps on
 * Himmelblau (229 M steps), in bands of 8 rows pulled by 1 and by 2 worker threads (Node's
 * worker_threads running the same core as a page's Web Workers), wall-clock time from the first
 * band sent to the last received, the workers started and warmed up beforehand (their start is
 * timed separately). Runs alternate 1 and 2 workers; medians and spreads.
 */
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { surfaces } from '../surfaces/index';

const surface = surfaces.himmelblau;
const n = 256;
const steps = 500;
const bandRows = 8;
const race = surface.race!.optimizers;

async function startWorkers(count: number): Promise<{ workers: Worker[]; ms: number }> {
  const t0 = performance.now();
  const workers = await Promise.all(
    Array.from({ length: count }, () => {
      // (The worker loads TypeScript through tsx's loader, registered in it first.)
      const url = new URL('./map-worker-node.ts', import.meta.url).href;
      const w = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`, { eval: true });
      return new Promise<Worker>((resolve) => w.once('message', () => resolve(w)));
    }),
  );
  return { workers, ms: performance.now() - t0 };
}

async function run(workers: Worker[], size = n): Promise<number> {
  const tasks = race.flatMap(({ optimizer, hyper }) =>
    Array.from({ length: Math.ceil(size / bandRows) }, (_, k) => ({ surface: 'himmelblau', optimizer, hyper, steps, grid: { nx: size, ny: size }, rows: [k * bandRows, Math.min(size, (k + 1) * bandRows)] })),
  );
  const t0 = performance.now();
  await Promise.all(
    workers.map(async (w) => {
      for (let task = tasks.shift(); task; task = tasks.shift()) {
        const t = task;
        await new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage(t);
        });
      }
    }),
  );
  return performance.now() - t0;
}

export async function benchMapWorkers(rounds = 3): Promise<string> {
  const one = await startWorkers(1);
  const two = await startWorkers(2);
  // Warm up every worker's loops (a small map of each optimizer).
  await run(one.workers, 32);
  await run(two.workers, 32);
  const t1: number[] = [];
  const t2: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      t1.push(await run(one.workers));
      t2.push(await run(two.workers));
    } else {
      t2.push(await run(two.workers));
      t1.push(await run(one.workers));
    }
  }
  for (const w of [...one.workers, ...two.workers]) await w.terminate();
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const speedups = t1.map((a, i) => a / t2[i]);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `Himmelblau, ${n} × ${n} starts × ${race.length} optimizers × ${steps} steps (${((n * n * race.length * steps) / 1e6).toFixed(0)} M steps), bands of ${bandRows} rows; ${cpus().length} cores; wall clock; ${rounds} runs each, alternating`,
    '',
    `1 worker: ${s(med(t1))} (${s(Math.min(...t1))}–${s(Math.max(...t1))})`,
    `2 workers: ${s(med(t2))} (${s(Math.min(...t2))}–${s(Math.max(...t2))})`,
    `speed-up of 2 over 1 (per pair): median ${med(speedups).toFixed(2)}x (${Math.min(...speedups).toFixed(2)}–${Math.max(...speedups).toFixed(2)})`,
    `starting the workers (importing the core, no expression compiler): 1 in ${one.ms.toFixed(0)} ms, 2 in ${two.ms.toFixed(0)} ms`,
  ].join('\n');
}
