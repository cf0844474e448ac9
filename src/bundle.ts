/**
 * The single-file bundle's entry (dist/bundle/descent-lab.js), for pages without a bundler:
 *
 *   <script type="module" src="dist/bundle/descent-lab.js"></script>
 *
 * (after `npm run build`, from wherever dist/bundle is served; once the package is published on
 * npm, also `https://cdn.jsdelivr.net/npm/descent-lab@<version>/dist/bundle/descent-lab.js`).
 *
 * Loading it registers every element: the element modules call `define` as they load (they are
 * listed in package.json `sideEffects`, so no bundler drops them). lit and d3 are inlined; mathjs,
 * the rules' MathML and the catalog surfaces (all but the default, Rosenbrock) are not: they are
 * lazy chunks beside it, fetched relative to its own URL only when a typed-in expression, a rendered rule or
 * a surface first needs them.
 *
 * A module script can also import from it: the element classes and the light part of the core
 * (already inside for the elements, so free). The presets beyond the default races (AMSGrad,
 * AdamW, Adamax, NAdam, RAdam, Rprop, ASGD, Lion, AdaBelief, Yogi, Adan, schedule-free AdamW: the
 * catalog; under a Content Security Policy without 'unsafe-eval', every optimizer) need
 * `await loadOptimizers()` before `trajectory()` runs them (`presetIds` lists them all from the
 * start; `optimizers` has them once loaded), and a run with a `schedule` needs `await loadSchedules()`. The presets' `rule` TeX comes with the rules' lazy
 * chunk, so here it is filled once a rule has been shown. The rest of the core (`compileSurface`,
 * `findCriticalPoints`, the URL-hash codec) is in the npm package; here typed-in expressions go
 * through `loadExpressions()`, and a catalog surface must be loaded (`await loadSurface(id)`)
 * before `trajectory({ surface: id })` can find it.
 */
import { setBundleUrl } from './state/bundle-url';

export { DescentPlayground } from './components/descent-playground/descent-playground';
export { DescentSurface } from './components/descent-surface/descent-surface';
export { DescentLossChart } from './components/descent-loss-chart/descent-loss-chart';
export { DescentOptimizer } from './components/descent-optimizer/descent-optimizer';
export { trajectory, loadSchedules } from './core/trajectory';
export { optimizers, presetIds, loadOptimizers } from './core/optimizers/index';
export { loadSurface, surfaceIds, surfaceLabels } from './state/surfaces';
export { loadExpressions } from './core/expression/load';

// "Copy embed code" writes a script tag that loads this very file.
setBundleUrl(import.meta.url);
