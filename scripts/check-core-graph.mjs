// After `npm run build`: `descent-lab/core` must not load mathjs (1.4-2 s in Node before this
// check existed); typed-in expressions reach it through `loadExpressions()` or
// `descent-lab/expression`. Two views of the same question:
//
// 1. Static: every file dist/lib/core.js reaches through static `import`/`export … from`,
//    followed transitively with Node's own resolution (import.meta.resolve), dynamic import()
//    left out. No file of mathjs (or of its dependencies) may be among them.
// 2. Loaded: a child Node process with a module.register() resolve hook that reports every URL
//    Node actually loads while importing descent-lab/core. Same rule. It also prints how long the
//    import took; the timing itself is the bench's business (`npm run bench`), not an assertion.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fail = (...message) => {
  console.error(...message);
  process.exit(1);
};
/** mathjs and the packages only mathjs brings. */
const HEAVY = /\/node_modules\/(mathjs|complex\.js|fraction\.js|decimal\.js|typed-function|javascript-natural-sort|seedrandom|tiny-emitter|escape-latex|@babel\/runtime)\//;

// A second entry can be named to see the check fail: `node scripts/check-core-graph.mjs descent-lab/expression`.
const id = process.argv[2] ?? 'descent-lab/core';
const entry = import.meta.resolve(id);
const staticImport = /(?:^|[;\n])\s*(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["']([^"']+)["']/g;
/** Relative specifiers against their file; bare ones from the package root (the library's dependencies are hoisted there). */
const resolveFrom = (spec, parent) => (spec.startsWith('.') ? new URL(spec, parent).href : import.meta.resolve(spec));
const graph = new Set();
const visit = (url) => {
  if (graph.has(url)) return;
  graph.add(url);
  if (!url.startsWith('file:')) return;
  const text = readFileSync(fileURLToPath(url), 'utf8');
  for (const [, spec] of text.matchAll(staticImport)) if (!spec.startsWith('node:')) visit(resolveFrom(spec, url));
};
visit(entry);
const heavyStatic = [...graph].filter((url) => HEAVY.test(url));
if (heavyStatic.length) fail(`${id} statically imports mathjs:\n  ${heavyStatic.slice(0, 5).join('\n  ')}`);

// The hook runs on Node's loader thread and posts each resolved URL to the main thread.
const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  port.postMessage(result.url);
  return result;
}`;
const child = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const loaded = new Set();
port1.on('message', (url) => loaded.add(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}), { data: { port: port2 }, transferList: [port2] });
const t0 = performance.now();
const core = await import(${JSON.stringify(id)});
const ms = performance.now() - t0;
const run = (core.trajectory ?? (await import('descent-lab/core')).trajectory)({ surface: 'rosenbrock', optimizer: 'adam', start: [-1.5, 2], steps: 10 });
await new Promise((done) => setTimeout(done, 50));
console.log(JSON.stringify({ ms, loaded: [...loaded], ok: run.x.length === 11 }));
`;
const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
if (result.status !== 0) fail(`importing ${id} under a loader hook failed:`, result.stderr);
const { ms, loaded, ok } = JSON.parse(result.stdout.trim().split('\n').pop());
if (!ok) fail(`${id} loaded but trajectory() did not run`);
const files = loaded.filter((url) => url.startsWith('file:'));
if (!files.includes(entry)) fail(`the loader hook did not see ${entry} load:`, files);
const heavyLoaded = files.filter((url) => HEAVY.test(url));
if (heavyLoaded.length) fail(`importing ${id} loaded mathjs:\n  ${heavyLoaded.slice(0, 5).join('\n  ')}`);
const packages = [...new Set(files.map((url) => url.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1]).filter(Boolean))];
console.log(
  `${id}: ${graph.size} modules statically, ${files.length} files loaded ` +
    `(${packages.length ? `packages: ${packages.join(', ')}` : 'no dependency packages'}), no mathjs; ` +
    `import took ${ms.toFixed(0)} ms here (\`npm run bench\` measures it properly)`,
);
