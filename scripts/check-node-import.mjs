// After `npm run build`: the published entry `descent-lab/core` must load in plain Node (no
// bundler, no DOM) and run. Uses the package's self-reference, i.e. its `exports` map.
const core = await import('descent-lab/core');
const run = core.trajectory({ surface: 'rosenbrock', optimizer: 'adam', hyper: { lr: 0.01 }, start: [-1.5, 2], steps: 100 });
if (run.x.length !== 101 || !(run.loss[100] < run.loss[0])) {
  console.error('descent-lab/core loaded but a trajectory did not behave:', run.status, run.loss[0], run.loss[100]);
  process.exit(1);
}
const presets = Object.keys(core.optimizers).length;
const surfaceCount = Object.keys(core.surfaces).length;
console.log(`descent-lab/core loads in Node ${process.version}: ${presets} presets, ${surfaceCount} surfaces`);
