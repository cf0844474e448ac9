// After `npm run build`: the published entries must load in plain Node (no bundler, no DOM),
// as a static-site generator or an SSR step would load them. Uses the package's self-reference,
// i.e. its `exports` map.
//
// - `descent-lab/core` loads and runs a trajectory.
// - `descent-lab` (elements + core) loads without throwing. lit's Node build stands in for the
//   DOM classes; the elements register with lit's server-side registry shim when there is one.
//   Loading a second copy (another URL) warns once and does not throw either.
// - `descent-lab/bundle` (the browser's single file, DOM classes inlined) resolves in Node to
//   the library entry (the `node` export condition), so it loads too.
const fail = (...message) => {
  console.error(...message);
  process.exit(1);
};

const core = await import('descent-lab/core');
const run = core.trajectory({ surface: 'rosenbrock', optimizer: 'adam', hyper: { lr: 0.01 }, start: [-1.5, 2], steps: 100 });
if (run.x.length !== 101 || !(run.loss[100] < run.loss[0])) {
  fail('descent-lab/core loaded but a trajectory did not behave:', run.status, run.loss[0], run.loss[100]);
}
const presets = Object.keys(core.optimizers).length;
const surfaceCount = Object.keys(core.surfaces).length;
console.log(`descent-lab/core loads in Node ${process.version}: ${presets} presets, ${surfaceCount} surfaces`);

// `descent-lab/figure`: a race's SVG and CSV with no browser.
const fig = await import('descent-lab/figure');
await fig.simplifierReady;
const rosenbrock = core.surfaces.rosenbrock;
const figureRuns = ['sgd', 'adam'].map((optimizer, index) => {
  const t = core.trajectory({ surface: 'rosenbrock', optimizer, start: [-1.5, 2], steps: 200 });
  return { label: optimizer, color: '#333333', index, x: t.x, y: t.y, loss: t.loss, t };
});
const svg = fig.figureSvg(fig.figure({ surface: rosenbrock, panels: [figureRuns], start: [-1.5, 2], step: 200, width: 600, lossChart: true, caption: 'Rosenbrock · step {step}', simplify: fig.simplify }));
if (!svg.startsWith('<svg') || (svg.match(/class="trajectory"/g) ?? []).length !== 2 || !svg.includes('step 200') || /href="(?!#)/.test(svg)) {
  fail('descent-lab/figure: the SVG of a two-run race is not what it should be', svg.slice(0, 200));
}
const csv = fig.runsCsv({ version: '0', surface: 'rosenbrock', start: [-1.5, 2], steps: 200 }, figureRuns.map((r) => ({ label: r.label, options: { optimizer: r.label, hyper: r.t.hyper }, trajectory: r.t })));
const row = csv.split('\n').find((l) => l.startsWith('2,200,'));
if (!row || Number(row.split(',')[2]) !== figureRuns[1].t.x[200]) fail('descent-lab/figure: the CSV does not hold the run\'s numbers', row);
console.log(`descent-lab/figure runs in Node: a two-run SVG of ${Math.round(svg.length / 1024)} KB and its CSV`);

const warnings = [];
const warn = console.warn;
console.warn = (...args) => warnings.push(args.join(' '));
let lib;
let copy;
try {
  lib = await import('descent-lab');
  // The same file under another URL is a second module instance, as two script tags with
  // different URLs are in a page.
  copy = await import(`${import.meta.resolve('descent-lab')}?second-copy`);
} catch (error) {
  fail('importing descent-lab in Node threw:', error);
} finally {
  console.warn = warn;
}
let bundle;
try {
  bundle = await import('descent-lab/bundle');
} catch (error) {
  fail('importing descent-lab/bundle in Node threw:', error);
}
if (bundle.DescentPlayground !== lib.DescentPlayground) fail('descent-lab/bundle in Node is not the library entry');
for (const name of ['DescentPlayground', 'DescentSurface', 'DescentLossChart', 'DescentOptimizer', 'trajectory', 'encodeHash']) {
  if (typeof lib[name] !== 'function') fail(`descent-lab in Node: export ${name} is ${typeof lib[name]}`);
}
if (lib.trajectory({ surface: 'saddle', optimizer: 'sgd', start: [1, 0.01], steps: 5 }).x.length !== 6) {
  fail('descent-lab in Node: trajectory() did not run');
}
if (lib.DescentPlayground === copy.DescentPlayground) fail('descent-lab in Node: the second copy was not a second module instance');
const registry = globalThis.customElements;
if (registry && registry.get('descent-playground') !== lib.DescentPlayground) {
  fail('descent-lab in Node: <descent-playground> is not the first copy\'s class');
}
const twice = warnings.filter((w) => w.includes('descent-lab: loaded twice'));
if (registry && (twice.length !== 1 || warnings.length !== 1)) {
  fail(`descent-lab in Node: expected exactly one "loaded twice" warning, got ${JSON.stringify(warnings)}`);
}
console.log(
  `descent-lab loads in Node ${process.version}: elements ${registry ? "registered with lit's server-side registry" : 'not registered (no registry)'}` +
    `, a second copy ${twice.length ? 'warned once' : 'stayed silent'}`,
);
