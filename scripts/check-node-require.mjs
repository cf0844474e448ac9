// After `npm run build`: CommonJS can load the package. The entries are ESM only; every export
// condition ends in `default`, so `require()` resolves them, and Node >= 20.19 (the package's
// `engines`) loads ES modules from `require()` without a flag as long as their graph has no
// top-level await. This script is CommonJS's view: `require('descent-lab/core')` and
// `require('descent-lab')` (elements + core; no DOM in Node, registration is skipped or goes to
// lit's server shim) return the same exports `import` does, and a trajectory runs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fail = (...message) => {
  console.error(...message);
  process.exit(1);
};
const requireOrFail = (id) => {
  try {
    return require(id);
  } catch (error) {
    fail(`require('${id}') threw on Node ${process.version}:`, error.code ?? '', error.message);
  }
};

const core = requireOrFail('descent-lab/core');
const run = core.trajectory({ surface: 'himmelblau', optimizer: 'momentum', hyper: { lr: 0.01 }, start: [0, 0], steps: 50 });
if (run.x.length !== 51 || !(run.loss[50] < run.loss[0])) fail("require('descent-lab/core'): trajectory() did not behave", run.loss[0], run.loss[50]);
if (core.trajectory !== (await import('descent-lab/core')).trajectory) {
  fail("require('descent-lab/core') and import('descent-lab/core') are different module instances");
}

const warn = console.warn;
console.warn = () => {};
const lib = requireOrFail('descent-lab');
console.warn = warn;
for (const name of ['DescentPlayground', 'DescentSurface', 'trajectory', 'encodeHash', 'loadExpressions']) {
  if (typeof lib[name] !== 'function') fail(`require('descent-lab'): export ${name} is ${typeof lib[name]}`);
}
if (lib.trajectory !== core.trajectory) fail("require('descent-lab') and require('descent-lab/core') do not share trajectory()");
const expression = requireOrFail('descent-lab/expression');
if (expression.compileSurface('x^2 + y^2').critical[0]?.kind !== 'global-min') fail("require('descent-lab/expression'): compileSurface did not find x^2 + y^2's minimum");
console.log(
  `require() on Node ${process.version}: descent-lab/core (${Object.keys(core.optimizers).length} presets), descent-lab ` +
    `(elements + core) and descent-lab/expression load and run`,
);
