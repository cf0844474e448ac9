/**
 * `npm run bench -- map`: the cost of a convergence map per step and cell. For each of the notes'
 * seven optimizers (Himmelblau's race learning rates), `convergenceMap()` on a 32 × 32 grid of
 * 500-step runs against `trajectory()` called for each of the same cells (what a map cost before
 * it had a loop of its own), in paired rounds alternating which goes first, both warmed up; the
 * table gives ns per step-cell, the median ratio and its spread.
 *
 * And a floor: SGD's map beside a hand-written loop doing the least a cell's run needs (the
 * gradient, the step, the loss and the bounds test each step: what makes its iterates and its
 * verdict trajectory()'s), so the loop's own overhead shows.
 */
import { convergenceMap } from '../src/core/convergence-map';
import { trajectory } from '../src/core/index';
import type { PresetId } from '../src/core/optimizers/index';
import { surfaces } from '../surfaces/index';
import { nsPerUnit, table } from './util';

const surface = surfaces.himmelblau;
const steps = 500;
const nx = 32;
const ny = 32;
const cells = nx * ny;
const race = surface.race!.optimizers;

const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];

function paired(ours: () => void, base: () => void, work: number, rounds: number) {
  for (let i = 0; i < 2; i++) (ours(), base());
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const first = k % 2 === 0;
    const x = first ? nsPerUnit(ours, work, 150) : 0;
    const y = nsPerUnit(base, work, 150);
    const z = first ? x : nsPerUnit(ours, work, 150);
    o.push(z);
    b.push(y);
    r.push(z / y);
  }
  return { ours: med(o), base: med(b), ratio: med(r), lo: Math.min(...r), hi: Math.max(...r) };
}

/** SGD on Himmelblau from every cell, written out by hand: the floor a map loop could reach. */
function handSgd(lr: number): number {
  const [x0, x1] = surface.domain.x;
  const [y0, y1] = surface.domain.y;
  const dx = (x1 - x0) / nx;
  const dy = (y1 - y0) / ny;
  const lo = x0 - 10 * (x1 - x0);
  const hi = x1 + 10 * (x1 - x0);
  let sum = 0;
  for (let c = 0; c < cells; c++) {
    let x = x0 + ((c % nx) + 0.5) * dx;
    let y = y0 + (Math.floor(c / nx) + 0.5) * dy;
    let a = x * x + y - 11;
    let b = x + y * y - 7;
    let l = a * a + b * b;
    for (let t = 1; t <= steps; t++) {
      x -= lr * (4 * a * x + 2 * b);
      y -= lr * (2 * a + 4 * b * y);
      a = x * x + y - 11;
      b = x + y * y - 7;
      l = a * a + b * b;
      if (!(x >= lo && x <= hi && y >= lo && y <= hi && l - l === 0)) break;
    }
    sum += l;
  }
  return sum;
}

export function benchMap(rounds = 7): string {
  const rows: (string | number)[][] = [];
  const dx = (surface.domain.x[1] - surface.domain.x[0]) / nx;
  const dy = (surface.domain.y[1] - surface.domain.y[0]) / ny;
  for (const { optimizer, hyper } of race) {
    const h = { ...(hyper ?? {}) };
    const ours = () => void convergenceMap({ surface, optimizer: optimizer as PresetId, hyper: h, steps, grid: { nx, ny } });
    const base = () => {
      for (let c = 0; c < cells; c++) {
        trajectory({ surface, optimizer: optimizer as PresetId, hyper: h, start: [surface.domain.x[0] + ((c % nx) + 0.5) * dx, surface.domain.y[0] + (Math.floor(c / nx) + 0.5) * dy], steps });
      }
    };
    const m = paired(ours, base, cells * steps, rounds);
    rows.push([optimizer, m.ours.toFixed(1), m.base.toFixed(1), `${m.ratio.toFixed(2)}x`, `${m.lo.toFixed(2)}–${m.hi.toFixed(2)}`]);
  }
  const lr = (race.find((r) => r.optimizer === 'sgd')?.hyper?.lr as number) ?? 0.01;
  const floor = paired(() => void convergenceMap({ surface, optimizer: 'sgd', hyper: { lr }, steps, grid: { nx, ny } }), () => void handSgd(lr), cells * steps, rounds);
  return [
    `Himmelblau, ${nx} × ${ny} cells × ${steps} steps, the race's learning rates; CPU time per step-cell; ${rounds} paired rounds`,
    '',
    table(['optimizer', 'convergenceMap() ns', 'trajectory() per cell ns', 'map / per cell (median)', 'spread of rounds'], rows),
    '',
    `SGD's map against a hand-written loop (gradient, step, loss, bounds; no verdict): ${floor.ours.toFixed(1)} vs ${floor.base.toFixed(1)} ns per step-cell, ${floor.ratio.toFixed(2)}x (${floor.lo.toFixed(2)}–${floor.hi.toFixed(2)})`,
  ].join('\n');
}
