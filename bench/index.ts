/**
 * `npm run bench`: every benchmark in one process, each printing ratios against a baseline
 * measured alongside it. Pass names to run a subset: `npm run bench -- core expression`.
 * Machines here are shared and noisy: compare ratios, not absolute times.
 */
import { benchBatch } from './batch';
import { benchBrowser } from './browser';
import { benchCompile } from './compile';
import { benchContours } from './contours';
import { benchCore, benchLongRuns, benchRecord, benchTfjs } from './core';
import { benchExpression } from './expression';
import { benchImport } from './import';
import { benchPaint } from './paint';
import { benchPaths } from './paths';
import { benchMap } from './map';
import { benchMapWorkers } from './map-workers';
import { benchMapFrames } from './map-frames';
import { benchExport } from './export';

const all = {
  core: ['Core: trajectory() on Rosenbrock, ns per step', benchCore],
  tfjs: ['Core against tfjs-core (CPU backend), warmed up and paired', benchTfjs],
  record: ["Recording (record: 'state') and the portable loop, against the plain compiled loop", async () => benchRecord()],
  long: ['Long runs: the Adam family at 10^3, 10^4 and 10^5 steps', async () => benchLongRuns()],
  batch: ['Mini-batches on tiny-net (n = 256): trajectory() against a hand-written loop', async () => benchBatch()],
  map: ['Convergence maps: convergenceMap() against trajectory() per cell, ns per step-cell', async () => benchMap()],
  workers: ['Convergence maps in worker threads: the 229 M-step map with 1 and 2 workers', benchMapWorkers],
  mapframes: ['Frames of the page while the map layout computes seven basin maps in Workers', () => benchMapFrames()],
  export: ['Exports in Chromium: the default race as GIF, PNG and video; SVG bytes per surface', () => benchExport()],
  expression: ['Typed-in surfaces: f + grad per call', benchExpression],
  compile: ['Compiling slow typed-in expressions: the unbounded search against the budgeted one', benchCompile],
  import: ['Import time of the built entries in Node (after `npm run build`)', benchImport],
  paths: ['Trajectory paths of a drag: build time and size', benchPaths],
  browser: ['Playground in Chromium: drag and animation frames', benchBrowser],
  paint: ['Twenty widgets in Chromium: main-thread paint of the page against its visible widgets alone', benchPaint],
  contours: ['Contour map of a corrugated surface (Lévi N.13): polygons vs pixels, first paint', benchContours],
} as const;

const wanted = process.argv.slice(2).filter((a) => a in all) as (keyof typeof all)[];
console.log(`descent-lab benchmarks, Node ${process.version}, ${new Date().toISOString()}\n`);
for (const name of wanted.length ? wanted : (Object.keys(all) as (keyof typeof all)[])) {
  const [title, run] = all[name];
  console.log(`## ${title}\n`);
  console.log(await run());
  console.log('');
}
