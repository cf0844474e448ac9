/**
 * Import time of the published entries in Node, after `npm run build` (they resolve through the
 * package's own `exports`). Each sample is a fresh Node process that times its own `import()`
 * (node startup left out), so module caches never carry over; the candidates are interleaved
 * over the rounds and medians reported. `descent-lab/core` must be ready in milliseconds (no
 * mathjs: scripts/check-core-graph.mjs enforces that, this only measures), also inside a
 * worker_threads Worker, the Node stand-in for a module Worker; typed-in expressions pay for
 * mathjs on first use (`loadExpressions()`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Child-process scripts that print how many ms their import took. */
const programs: Record<string, string> = {
  'descent-lab/core': `const t = performance.now(); await import('descent-lab/core'); console.log(performance.now() - t);`,
  'descent-lab/core in a Worker': `
    import { Worker } from 'node:worker_threads';
    const url = import.meta.resolve('descent-lab/core');
    const inner = "import { parentPort } from 'node:worker_threads'; const t = performance.now(); await import('" + url + "'); parentPort.postMessage(performance.now() - t);";
    const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(inner)));
    worker.once('message', (ms) => { console.log(ms); worker.terminate(); });`,
  'descent-lab/core, then loadExpressions()': `const t = performance.now(); const core = await import('descent-lab/core'); await core.loadExpressions(); console.log(performance.now() - t);`,
  'descent-lab/expression': `const t = performance.now(); await import('descent-lab/expression'); console.log(performance.now() - t);`,
  'descent-lab (elements + core)': `const t = performance.now(); await import('descent-lab'); console.log(performance.now() - t);`,
};

/** Node's ESM loader starts on the first dynamic import; start it first, so it is not counted. */
const WARM_UP = `await import('data:text/javascript,');`;

function sample(program: string): number {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', WARM_UP + program], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`import bench failed: ${result.stderr}`);
  return Number(result.stdout.trim().split('\n').pop());
}

export async function benchImport(rounds = 7): Promise<string> {
  if (!existsSync(resolve(root, 'dist/lib/core.js'))) return 'dist/lib is missing: run `npm run build` first.';
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(programs).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, program] of Object.entries(programs)) samples[name].push(sample(program));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const medians = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
  const core = medians['descent-lab/core'];
  const width = Math.max(...Object.keys(medians).map((k) => k.length));
  const lines = Object.entries(medians).map(
    ([name, ms]) => `${name.padEnd(width)}  ${ms.toFixed(1).padStart(7)} ms  ${(ms / core).toFixed(1).padStart(6)} x core`,
  );
  return [
    `median of ${rounds} fresh Node ${process.version} processes each (import() only, startup excluded)`,
    ...lines,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchImport());
