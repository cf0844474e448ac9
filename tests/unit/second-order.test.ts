/**
 * L-BFGS, Adafactor, Newton, saddle-free Newton and SAM against the 60-digit Decimal oracle
 * (scripts/oracle/second_order.py, which wrote second-order-cases.ts from each reference's code
 * without reading ours; scripts/oracle/torch-lbfgs.py checks its L-BFGS cases against torch's
 * own LBFGS): iterates, the points each step evaluated, and the recorded state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../src/core/index';
import { loadExpressions } from '../../src/core/expression/load';
import { trajectory } from '../../src/core/trajectory';
import { quadratic } from './oracle-quadratic';
import { surfaces } from '../../surfaces/index';
import { secondOrderCases, type SecondOrderCase } from './second-order-cases';

beforeAll(() => loadExpressions());

/** Within 1e-12: relative above 1, absolute below (the oracle's float64 runs stay within 5e-14). */
function close(actual: number, expected: number, what: string, tol = 1e-12): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

const label = (c: SecondOrderCase) => `${c.optimizer} ${JSON.stringify(c.hyper)} on ${c.surface} from ${c.start.join(', ')}`;

describe('whole-vector rules against the Decimal oracle', () => {
  it('has cases for each of the five rules', () => {
    const counts = new Map<string, number>();
    for (const c of secondOrderCases) counts.set(c.optimizer, (counts.get(c.optimizer) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['adafactor', 'lbfgs', 'newton', 'saddle-free-newton', 'sam']);
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(8);
  });

  it.each(secondOrderCases.map((c) => [label(c), c] as const))('%s', (what, c) => {
    const surface = c.surface === 'quadratic' ? quadratic : surfaces[c.surface];
    const run = trajectory({ surface, optimizer: c.optimizer, hyper: c.hyper, start: c.start, steps: c.steps, record: 'state' });
    expect(run.status, what).toBe('ok');
    for (let t = 0; t <= c.steps; t++) {
      close(run.x[t], c.x[t], `${what} x[${t}]`);
      close(run.y[t], c.y[t], `${what} y[${t}]`);
    }
    if (c.evals) {
      const ev = run.evaluations!;
      for (let t = 1; t <= c.steps; t++) {
        const want = c.evals[t - 1];
        const from = ev.start[t - 1];
        expect(ev.start[t] - from, `${what}: evaluations of step ${t}`).toBe(want.length / 2);
        for (let j = 0; j < want.length / 2; j++) {
          close(ev.x[from + j], want[2 * j], `${what} step ${t} evaluation ${j} x`);
          close(ev.y[from + j], want[2 * j + 1], `${what} step ${t} evaluation ${j} y`);
        }
      }
    }
    if (c.state) {
      // torch's d after the last call; its func_evals: one per call (at the iterate) and the rest.
      close(run.state.d[2 * c.steps], c.state.d[0], `${what} d`, 1e-11);
      close(run.state.d[2 * c.steps + 1], c.state.d[1], `${what} d`, 1e-11);
      expect(c.steps + run.evaluations!.start[c.steps], `${what} func_evals`).toBe(c.state.func_evals);
    }
    for (const [name, want] of [['variance', c.variance], ['momentumBuffer', c.momentumBuffer]] as const) {
      if (!want) continue;
      for (let k = 0; k < want.length; k++) close(run.state[name][k + 2], want[k], `${what} ${name}[${k}]`, 1e-11);
    }
  });
});
