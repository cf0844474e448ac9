/**
 * `npm run bench -- core`: ns per step of `trajectory()` for every preset on Rosenbrock,
 * against a hand-inlined loop doing the same work and against @tensorflow/tfjs-core's optimizer
 * of the same name (CPU backend) applying the same gradients, all in this one process.
 * Targets (issue "Headless core"): trajectory within 1.25x of the inlined loop; the tfjs-core
 * ratio is reported as measured, per optimizer, not against a target.
 *
 * Times are this process's CPU time (see `cpuNow`), not the wall clock: on a shared machine the
 * wall clock mostly measures the other processes. Every side is measured the same way: warmed up first, then timed in paired rounds (ours and
 * the other back to back, alternating which goes first), each round giving a ratio; the table
 * shows the median round and the spread (lowest–highest) of the ratios.
 *
 * The whole-vector rules (L-BFGS, Adafactor, Newton, saddle-free Newton, SAM) are timed against
 * the hand-written loops of bench/inlined-whole.ts. L-BFGS is timed per evaluation of f and ∇f
 * (its steps make 1 to 20+ of them; both sides count the same ones), in two rows: without line
 * search and with strong Wolfe (see `coreCases`). Newton's Hessian in trajectory() is compiled
 * from Rosenbrock's expression (`loadExpressions()` first).
 *
 * A second table (issue #9) times the Adam family on long runs, 10³ to 10⁵ steps, against the
 * inlined loop with β^t products flushed to 0 (as the rules do) and kept unflushed (as they
 * were), whose products turn subnormal after ~7,000 steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadExpressions, optimizers, presetIds, resolveHyper, surfaces, trajectory, type PresetId } from '../src/core/index';
import { useSharedLoop } from '../src/core/trajectory';
import { inlinedRosenbrock } from './inlined';
import { cpuNow, nsPerUnit, pairedRatio, table } from './util';

const surface = surfaces.rosenbrock;
const start: [number, number] = [-1.5, 2];
const steps = 1000;

/** Learning rates that keep every preset on Rosenbrock from diverging, so all run 1000 steps. */
const hyperFor: Record<string, Record<string, number | boolean>> = {
  sgd: { lr: 2e-4 },
  momentum: { lr: 1e-4 },
  nesterov: { lr: 1e-4 },
  adagrad: { lr: 0.05 },
  adadelta: {},
  rmsprop: { lr: 1e-3 },
  adam: { lr: 0.01 },
  amsgrad: { lr: 0.01 },
  adamw: { lr: 0.01 },
  adamax: { lr: 0.01 },
  nadam: { lr: 0.01 },
  radam: { lr: 0.01 },
  rprop: {},
  asgd: { lr: 2e-4 },
  lion: {},
  adabelief: {},
  yogi: {},
  adan: {},
  'schedule-free-adamw': {},
  sam: {},
  adafactor: {},
  // Newton at lr 1 lands on (1, 1) at step 7 and stands there; at lr 0.01 (a damped Newton step)
  // both rules walk towards it for all 1000 steps (0.027 from it at the end).
  newton: { lr: 0.01 },
  'saddle-free-newton': { lr: 0.01 },
  // torch's maxIter 20 (several closure evaluations per step() call) at a small lr, so that all
  // 1000 steps move it: 12.7 evaluations a step, 1.1e-3 from (1, 1) at the end. At lr 1 it stops
  // moving after 5 steps (gᵀd > −toleranceChange near the minimum), at lr 0.01 after 302.
  lbfgs: { lr: 0.001 },
};

/**
 * L-BFGS with its line search, one iteration a step, as the stories run it: it stops moving at
 * step 41 (gᵀd > −toleranceChange), so its bench runs are the 40 steps before.
 */
const lbfgsStrongWolfe: Record<string, number | boolean> = { maxIter: 1, strongWolfe: true };
const lbfgsStrongWolfeSteps = 40;

type TfOptimizer = tf.Optimizer;
function tfOptimizer(id: string, h: Record<string, number | boolean>): TfOptimizer | undefined {
  const n = (k: string) => Number(h[k]);
  switch (id) {
    case 'sgd':
      return tf.train.sgd(n('lr'));
    case 'momentum':
      return tf.train.momentum(n('lr'), n('momentum'), false);
    case 'nesterov':
      return tf.train.momentum(n('lr'), n('momentum'), true);
    case 'adagrad':
      return tf.train.adagrad(n('lr'));
    case 'adadelta':
      return tf.train.adadelta(n('lr'), n('rho'), n('eps'));
    case 'rmsprop':
      return tf.train.rmsprop(n('lr'), n('alpha'), 0, n('eps'));
    case 'adam':
      return tf.train.adam(n('lr'), n('beta1'), n('beta2'), n('eps'));
    case 'adamax':
      return tf.train.adamax(n('lr'), n('beta1'), n('beta2'), n('eps'));
    default:
      return undefined; // tfjs-core has no AMSGrad, AdamW, NAdam or RAdam
  }
}

/**
 * ns per step of tfjs-core applying our Rosenbrock gradients to a 2-vector variable, from the
 * start, with a fresh optimizer (as each of our runs starts with fresh state).
 */
function tfNsPerStep(makeOpt: () => TfOptimizer, tfSteps: number): number {
  const opt = makeOpt();
  const v = tf.variable(tf.tensor1d(start));
  const xs = new Float64Array(tfSteps + 1);
  const grad = new Float64Array(2);
  const t0 = cpuNow();
  for (let t = 1; t <= tfSteps; t++) {
    const [x, y] = v.dataSync();
    surface.grad(x, y, grad);
    tf.tidy(() => opt.applyGradients([{ name: v.name, tensor: tf.tensor1d([grad[0], grad[1]]) }]));
    xs[t] = surface.f(x, y);
  }
  const ns = ((cpuNow() - t0) * 1e6) / tfSteps;
  v.dispose();
  opt.dispose();
  return ns;
}

const spread = (xs: number[], digits: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(digits)}–${s[s.length - 1].toFixed(digits)}`;
};

/** Paired rounds of two timings (ns/step): medians of each and of the per-round ratio b / a, and the ratios' spread. */
function paired(a: () => number, b: () => number, rounds: number) {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = a();
      y = b();
    } else {
      y = b();
      x = a();
    }
    as.push(x);
    bs.push(y);
    ratios.push(y / x);
  }
  const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  return { a: median(as), b: median(bs), ratio: median(ratios), ratios };
}

/** tfjs-core warmed and paired against trajectory(), per optimizer that tfjs-core has. */
export async function benchTfjs(rounds = 15): Promise<string> {
  await tf.setBackend('cpu');
  const rows: (string | number)[][] = [];
  let holds = 0;
  let compared = 0;
  for (const id of presetIds) {
    const h = resolveHyper(id, hyperFor[id]);
    const probe = tfOptimizer(id, h);
    if (!probe) continue;
    probe.dispose();
    const ours = () => trajectory({ surface, optimizer: id, hyper: hyperFor[id], start, steps });
    const makeOpt = () => tfOptimizer(id, h)!;
    // Warm up both: JIT for ours, kernels, backend and JIT for tfjs-core.
    for (let i = 0; i < 5; i++) ours();
    for (let i = 0; i < 3; i++) tfNsPerStep(makeOpt, steps);
    const med = paired(() => nsPerUnit(ours, steps, 40), () => tfNsPerStep(makeOpt, steps), rounds);
    compared++;
    if (med.ratio >= 1000) holds++;
    rows.push([
      optimizers[id].label,
      med.a.toFixed(1),
      (med.b / 1000).toFixed(1),
      `${Math.round(med.ratio).toLocaleString('en-US')}x`,
      `${spread(med.ratios, 0)}x`,
      med.ratio >= 1000 ? 'yes' : 'no',
    ]);
  }
  return [
    table(['preset', 'trajectory() ns/step', 'tfjs-core µs/step', 'tfjs-core / ours (median)', 'spread of rounds', '≥ 1000x'], rows),
    '',
    `${rounds} paired rounds of ${steps} steps each, both warmed up; ≥ 1000x holds for ${holds} of ${compared}.`,
    'The others (AMSGrad, AdamW, NAdam, RAdam and the catalog beyond torch.optim\'s Adam family) have no tfjs-core equivalent.',
  ].join('\n');
}

/**
 * Long runs of the Adam family: trajectory()'s ns/step at 10³, 10⁴, 10⁵ steps, and two ratios
 * measured back to back in each round (so that a busy machine slows both sides alike): the cost
 * per step at 10⁵ steps over that at 10³ (1.0 = no rise), and the hand-inlined loop with β^t kept
 * unflushed over the same loop flushed, at 10³ (control: the products are not yet subnormal)
 * and at 10⁵ steps.
 */
export function benchLongRuns(rounds = 15): string {
  const family = ['adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam'] as const;
  const rows: (string | number)[][] = [];
  const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  const cell = (xs: number[]) => `${med(xs).toFixed(2)}x (${spread(xs, 2)})`;
  for (const id of family) {
    const h = resolveHyper(id, hyperFor[id]);
    const flushedLoop = inlinedRosenbrock(id, h, surface.domain);
    const unflushedLoop = inlinedRosenbrock(id, h, surface.domain, { flush: false });
    const ours = (n: number) => () => trajectory({ surface, optimizer: id, hyper: hyperFor[id], start, steps: n });
    for (const n of [1e3, 1e5]) {
      const a = ours(n)();
      const b = unflushedLoop(n, start[0], start[1]);
      if (a.status !== 'ok' || a.x[n] !== b.x[n] || a.y[n] !== b.y[n]) {
        throw new Error(`${id}, ${n} steps: trajectory() and the unflushed loop disagree at the end`);
      }
    }
    const time = (fn: () => unknown, n: number) => nsPerUnit(fn, n, 25);
    const loop = (f: typeof flushedLoop, n: number) => () => f(n, start[0], start[1]);
    for (let i = 0; i < 3; i++) for (const n of [1e3, 1e5]) (ours(n)(), loop(flushedLoop, n)(), loop(unflushedLoop, n)());
    const ns: Record<number, number[]> = { 1e3: [], 1e4: [], 1e5: [] };
    const rise: number[] = [];
    const control: number[] = [];
    const cost: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const n of [1e3, 1e4, 1e5]) ns[n].push(time(ours(n), n));
      rise.push(ns[1e5][r] / ns[1e3][r]);
      const f3 = time(loop(flushedLoop, 1e3), 1e3);
      control.push(time(loop(unflushedLoop, 1e3), 1e3) / f3);
      const f5 = time(loop(flushedLoop, 1e5), 1e5);
      cost.push(time(loop(unflushedLoop, 1e5), 1e5) / f5);
    }
    rows.push([
      optimizers[id].label,
      med(ns[1e3]).toFixed(1),
      med(ns[1e4]).toFixed(1),
      med(ns[1e5]).toFixed(1),
      cell(rise),
      cell(control),
      cell(cost),
    ]);
  }
  return [
    table(
      ['preset', 'ns/step at 10^3', 'at 10^4', 'at 10^5', 'trajectory() 10^5 / 10^3', 'unflushed / flushed, 10^3', 'unflushed / flushed, 10^5'],
      rows,
    ),
    '',
    `Medians of ${rounds} rounds (spread lowest–highest). ns/step: trajectory(), β^t flushed. Ratios are taken within`,
    'each round, back to back. "unflushed": the hand-inlined loop keeping β^t as plain running products, which',
    'turn subnormal after ~7,000 steps; it ends on the same iterate as trajectory(), bit for bit.',
  ].join('\n');
}

/**
 * The rows of benchCore: one per preset, 1000 steps each, timed per step; L-BFGS per evaluation
 * of f and ∇f (its steps do 1 to 20+ of them), in two rows: without line search (hyperFor's
 * options, 1000 steps) and with strong Wolfe (`lbfgsStrongWolfe`, runs of `lbfgsStrongWolfeSteps`).
 */
interface CoreCase {
  id: PresetId;
  label: string;
  hyper: Record<string, number | boolean>;
  steps: number;
  perEvaluation: boolean;
}

function coreCases(): CoreCase[] {
  return presetIds.flatMap((id): CoreCase[] =>
    id === 'lbfgs'
      ? [
          { id, label: 'L-BFGS (per evaluation)', hyper: hyperFor.lbfgs, steps, perEvaluation: true },
          { id, label: 'L-BFGS, strong Wolfe (per evaluation)', hyper: lbfgsStrongWolfe, steps: lbfgsStrongWolfeSteps, perEvaluation: true },
        ]
      : [{ id, label: optimizers[id].label, hyper: hyperFor[id], steps, perEvaluation: false }],
  );
}

export async function benchCore(): Promise<string> {
  await loadExpressions(); // Newton's and saddle-free Newton's Hessian of Rosenbrock, compiled from its expression
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const { id, label, hyper, steps, perEvaluation } of coreCases()) {
    const h = resolveHyper(id, hyper);
    const inlined = inlinedRosenbrock(id, h, surface.domain);
    const ours = () => trajectory({ surface, optimizer: id, hyper, start, steps });
    // The baseline must compute the same path, or the comparison means nothing: every iterate
    // within 1e-9 (bit for bit but for Newton's, whose Hessians differ in the last bits).
    const a = ours();
    const b = inlined(steps, start[0], start[1]);
    let dx = 0;
    for (let t = 0; t <= steps; t++) {
      const d = (Math.abs(a.x[t] - b.x[t]) + Math.abs(a.y[t] - b.y[t])) / (1 + Math.abs(a.x[t]) + Math.abs(a.y[t]));
      if (!(d <= dx)) dx = d;
    }
    if (a.status !== 'ok' || !(dx < 1e-9)) {
      throw new Error(`${id}: inlined loop and trajectory() disagree (status ${a.status}, |Δ| = ${dx})`);
    }
    // Per evaluation: both count the same evaluations (the start's, each step's end's, and the
    // closure's within the steps, which trajectory() records with record: 'state').
    let work = steps;
    if (perEvaluation) {
      const recorded = trajectory({ surface, optimizer: id, hyper, start, steps, record: 'state' });
      const evaluations = recorded.evaluations!.x.length + steps + 1;
      if (evaluations !== b.evaluations) throw new Error(`${label}: ${evaluations} evaluations in trajectory(), ${b.evaluations} in the inlined loop`);
      let moved = 0;
      for (let t = 1; t <= steps; t++) if (a.x[t] !== a.x[t - 1] || a.y[t] !== a.y[t - 1]) moved++;
      notes.push(
        `${label}: ${JSON.stringify(hyper)}, runs of ${steps} steps, ${evaluations} evaluations a run ` +
          `(${(evaluations / steps).toFixed(1)} a step), ${moved} of the ${steps} steps move it, ends ${Math.hypot(a.x[steps] - 1, a.y[steps] - 1).toExponential(1)} from (1, 1).`,
      );
      work = evaluations;
    }
    // Warm up both (5 runs of 1000 steps; as many steps in shorter runs).
    for (let i = 0; i < Math.ceil(5000 / steps); i++) (ours(), inlined(steps, start[0], start[1]));
    const med = pairedRatio(
      () => nsPerUnit(ours, work, 80),
      () => nsPerUnit(() => inlined(steps, start[0], start[1]), work, 80),
      15,
    );
    rows.push([label, med.ours.toFixed(1), med.baseline.toFixed(1), `${med.ratio.toFixed(2)}x`]);
  }
  return [
    table(['preset', 'trajectory() ns/step', 'inlined ns/step', 'ours / inlined (median of paired runs)'], rows),
    '',
    'L-BFGS\'s rows are ns per evaluation of f and ∇f (start, each step\'s end, and the closure\'s within steps):',
    ...notes,
  ].join('\n');
}

/**
 * What recording and the portable loop cost (issue #11): per preset, trajectory() with
 * `record: 'state'`, and trajectory() in the portable loop a strict Content Security Policy
 * leaves (every rule's `step` called through the loop generated at build time), each as a ratio
 * to the plain compiled loop, paired within each round and warmed up alike.
 */
export async function benchRecord(rounds = 15): Promise<string> {
  await loadExpressions(); // Newton's and saddle-free Newton's Hessian of Rosenbrock
  const rows: (string | number)[][] = [];
  for (const id of presetIds) {
    const options = { surface, optimizer: id, hyper: hyperFor[id], start, steps };
    const plain = () => trajectory(options);
    const recorded = () => trajectory({ ...options, record: 'state' });
    const portable = () => {
      useSharedLoop(true);
      try {
        return trajectory(options);
      } finally {
        useSharedLoop(false);
      }
    };
    for (let i = 0; i < 5; i++) (plain(), recorded(), portable()); // warm up all three
    const rec = paired(() => nsPerUnit(plain, steps, 80), () => nsPerUnit(recorded, steps, 80), rounds);
    const csp = paired(() => nsPerUnit(plain, steps, 80), () => nsPerUnit(portable, steps, 80), rounds);
    rows.push([
      optimizers[id].label,
      rec.a.toFixed(1),
      rec.b.toFixed(1),
      `${rec.ratio.toFixed(2)}x (${spread(rec.ratios, 2)})`,
      csp.b.toFixed(1),
      `${csp.ratio.toFixed(2)}x (${spread(csp.ratios, 2)})`,
    ]);
  }
  return [
    table(['preset', 'plain ns/step', "record: 'state' ns/step", 'record / plain', 'portable ns/step', 'portable / plain'], rows),
    '',
    `Medians of ${rounds} paired rounds of ${steps} steps on Rosenbrock (spread lowest–highest). "portable": the loop that`,
    "runs where a Content Security Policy forbids compiling (each rule's step through the loop generated at build time).",
    'The whole-vector rules (L-BFGS, Adafactor, Newton, saddle-free Newton, SAM) have no compiled loop: both columns run',
    "the same loop for them (core/whole-loop.ts, in the portable loop's place), so their portable / plain is 1 but for noise.",
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Rosenbrock from (${start}), ${steps} steps per run, Node ${process.version}\n`);
  console.log(await benchCore());
  console.log('\n## Against tfjs-core (CPU backend), warmed up and paired\n');
  console.log(await benchTfjs());
  console.log('\n## Long runs: the Adam family at 10³, 10⁴ and 10⁵ steps\n');
  console.log(benchLongRuns());
}
