/**
 * `npm run bench -- compile`: compiling the issue's slow typed-in expressions (issue #10),
 * before and after the critical-point search got its budget, in one process.
 *
 * - "unbounded": compileExpression, then the search run to its end with no budget (what
 *   compileSurface did before, except that its compass searches then ran up to 5000 steps, not
 *   1000, so the old code was slower still);
 * - "compileSurface": today's, budgeted (a fresh domain each round, so no cache);
 * - "longest step": the longest stretch between two pauses of compileSurfaceSteps, i.e. the
 *   longest piece compileSurfaceAsync (the playground) runs in one task, plus its ~8 ms slice.
 *
 * CPU ms, medians of ROUNDS rounds (unbounded and bounded paired in each round) with their
 * range; the ratio is the median of the rounds' ratios. Machines here are shared: read ratios.
 */
import { criticalPointSearch } from '../src/core/critical-points';
import { compileExpression, compileSurface, compileSurfaceSteps } from '../src/core/expression/index';
import type { Domain } from '../src/core/types';
import { surfaces } from '../surfaces/index';
import { cpuNow, table } from './util';

const ROUNDS = 5;

const EXPRESSIONS: [string, string][] = [
  ['sum of 241 x', 'x' + ' + x'.repeat(240) + ' + y^2'],
  ['max of 160', `max(${Array.from({ length: 160 }, (_, i) => `x+${i}`).join(',')},y)`],
  ['hypot of 99', `hypot(${Array(99).fill('x').join(', ')})`],
  ['sin(50x) sin(50y)', 'sin(50*x)*sin(50*y)'],
  ['sin(10x) cos(10y)', 'sin(10*x)*cos(10*y)'],
  ['Rosenbrock', surfaces.rosenbrock.expr],
];

/** Median and range of xs, formatted. */
function spread(xs: number[], digits = 0): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[s.length >> 1].toFixed(digits)} (${s[0].toFixed(digits)}–${s[s.length - 1].toFixed(digits)})`;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[xs.length >> 1];
}

export async function benchCompile(): Promise<string> {
  const rows: (string | number)[][] = [];
  let round = 0;
  for (const [name, expr] of EXPRESSIONS) {
    const unbounded: number[] = [];
    const bounded: number[] = [];
    const ratios: number[] = [];
    const steps: number[] = [];
    let note = '';
    for (let r = 0; r < ROUNDS; r++) {
      // A domain of its own each round: compileSurface caches by expression and domain.
      const d = 5 + ++round * 1e-9;
      const domain: Domain = { x: [-d, d], y: [-d, d] };
      let t = cpuNow();
      const c = compileExpression(expr);
      const search = criticalPointSearch({ f: c.f, grad: c.grad, hessian: c.hessian, domain }, c.linearPieces ? { seeds: 21 } : {});
      for (let s = search.next(); !s.done; s = search.next());
      const a = cpuNow() - t;
      t = cpuNow();
      const s = compileSurface(expr, { domain: { x: [-d, d], y: [-d, d + 1e-12] } });
      const b = cpuNow() - t;
      note = s.criticalSearchStopped ? 'partial' : `${s.critical.length} points`;
      unbounded.push(a);
      bounded.push(b);
      ratios.push(a / b);
      // The longest step, timed on the wall clock around each resumption.
      const gen = compileSurfaceSteps(expr, { domain: { x: [-d, d], y: [-d, d + 2e-12] } });
      let longest = 0;
      for (;;) {
        const t0 = performance.now();
        const step = gen.next();
        longest = Math.max(longest, performance.now() - t0);
        if (step.done) break;
      }
      steps.push(longest);
    }
    rows.push([name, spread(unbounded), spread(bounded), `${median(ratios).toFixed(1)}x`, spread(steps, 1), note]);
  }
  return [
    `CPU ms per compile, median (range) of ${ROUNDS} rounds:`,
    '',
    table(['expression', 'unbounded ms', 'compileSurface ms', 'unbounded / now', 'longest step ms', 'critical points'], rows),
  ].join('\n');
}
