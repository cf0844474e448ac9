// Figures and tables without a browser: what a docs build can do with descent-lab in Node.
// Runs a race with descent-lab/core and writes it with descent-lab/figure: a standalone SVG
// (vector contours and paths, text as text) and the numbers as CSV, with what is needed to
// compute them again. The README's SVG and CSV figures (docs/figures/) are made by this script:
//
//   npm run build && node examples/node-figures.mjs [out-dir]
//
// (In another project: `npm install descent-lab` and the same two imports.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { surfaces, trajectory } from 'descent-lab/core';
import { figure, figureSvg, presetColors, runsCsv, simplifierReady, simplify } from 'descent-lab/figure';

const out = process.argv[2] ?? 'docs/figures';
mkdirSync(out, { recursive: true });
// Paths are simplified (points within 0.4 px of the drawn line left out) once this has loaded.
await simplifierReady;

for (const [id, start, steps, lrs] of [
  ['rosenbrock', [-1.2, 1], 1000, { sgd: 0.002, momentum: 0.001, nesterov: 0.001, adagrad: 1, adadelta: 1, rmsprop: 0.01, adam: 0.1 }],
  ['himmelblau', [-0.5, 0.5], 200, { sgd: 0.01, momentum: 0.01, adam: 0.1 }],
]) {
  const surface = surfaces[id];
  const runs = Object.entries(lrs).map(([optimizer, lr], index) => {
    const t = trajectory({ surface: id, optimizer, hyper: { lr }, start, steps });
    return { label: optimizer, optimizer, t, run: { label: optimizer, color: presetColors[optimizer], index, x: t.x, y: t.y, loss: t.loss } };
  });
  const caption = `${surface.label} · ${runs.map((r) => `${r.label} (lr ${lrs[r.optimizer]})`).join('; ')} · start (${start.join(', ')}) · step {step}`;
  const svg = figureSvg(
    figure({ surface, panels: [runs.map((r) => r.run)], start, step: steps, width: 640, lossChart: true, caption, simplify }),
    undefined,
    caption.replace('{step}', String(steps)),
  );
  writeFileSync(join(out, `${id}-race.svg`), svg);
  const csv = runsCsv(
    { version: 'node-example', surface: id, start, steps },
    runs.map((r) => ({ label: r.label, options: { optimizer: r.optimizer, hyper: r.t.hyper }, trajectory: r.t })),
  );
  writeFileSync(join(out, `${id}-race.csv`), csv);
  console.log(`${join(out, `${id}-race.svg`)}: ${(svg.length / 1024).toFixed(1)} KB; ${join(out, `${id}-race.csv`)}: ${(csv.length / 1024).toFixed(1)} KB`);
}
