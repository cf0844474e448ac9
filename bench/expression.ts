/**
 * `npm run bench` (expression part): ns per f + grad call of a typed-in surface, for several
 * catalog surfaces: the hand-written code, the compiled expression (generated code), the
 * compiled expression in its interpreter fallback (pages whose CSP forbids generated code), and
 * mathjs's own compile().evaluate() of f and of its two derivatives (mathjs's derivative).
 * "fused" is the compiled `valueAndGrad` (f and gradient in one call, sharing sin, cos, exp,
 * ... between them), measured the same way: same points, same runner, same checks.
 * mathjs is measured at its best (its recommended Map scope, simplified derivatives, warmed up)
 * and interleaved with the others, round by round, on the first MATHJS_POINTS of the points.
 * ns columns are medians over the rounds, ratio columns medians of the rounds' ratios.
 * Targets (issue "Type your own surface"): compiled within 2x of hand-written, and over 100x
 * faster than mathjs evaluate.
 */
import { all, create } from 'mathjs';
import { compileExpression } from '../src/core/expression/index';
import { mulberry32 } from '../src/core/random';
import type { Surface } from '../src/core/types';
import { surfaces } from '../surfaces/index';
import { nsPerUnit, table } from './util';

const math = create(all);
const ids = ['rosenbrock', 'himmelblau', 'beale', 'goldstein-price', 'six-hump-camel', 'rastrigin', 'ackley', 'levi13'] as const;
const POINTS = 512;
const MATHJS_POINTS = 64;
const ROUNDS = 9;


/**
 * A runner doing f + grad at every point (the returned sum keeps the work from being optimised
 * away). Each candidate gets its own copy of the code, so that no call site is shared between
 * candidates: a shared one becomes polymorphic, and V8 then inlines f and grad for the first
 * candidate only, which skews the ratios by up to 10x. The serial number makes each source
 * distinct, since V8 caches `new Function` by source text and would share the call sites again.
 */
let serial = 0;
function runner(f: Surface['f'], grad: Surface['grad'], xs: Float64Array, ys: Float64Array): () => number {
  const make = new Function(
    'f',
    'grad',
    'xs',
    'ys',
    `// runner ${serial++}
    const out = new Float64Array(2);
    return function run() {
      let sum = 0;
      for (let i = 0; i < xs.length; i++) {
        sum += f(xs[i], ys[i]);
        grad(xs[i], ys[i], out);
        sum += out[0] + out[1];
      }
      return sum;
    };`,
  ) as (f: Surface['f'], grad: Surface['grad'], xs: Float64Array, ys: Float64Array) => () => number;
  return make(f, grad, xs, ys);
}

/** As `runner`, for a fused f + grad (one call returning f and writing the gradient). */
function fusedRunner(valueAndGrad: NonNullable<Surface['valueAndGrad']>, xs: Float64Array, ys: Float64Array): () => number {
  const make = new Function(
    'valueAndGrad',
    'xs',
    'ys',
    `// fused runner ${serial++}
    const out = new Float64Array(2);
    return function run() {
      let sum = 0;
      for (let i = 0; i < xs.length; i++) {
        sum += valueAndGrad(xs[i], ys[i], out);
        sum += out[0] + out[1];
      }
      return sum;
    };`,
  ) as (valueAndGrad: NonNullable<Surface['valueAndGrad']>, xs: Float64Array, ys: Float64Array) => () => number;
  return make(valueAndGrad, xs, ys);
}

/**
 * mathjs at its best: f and its two derivatives (simplified, as mathjs's derivative returns them
 * by default) each compiled once, evaluated at every point with one scope. The scope is a Map,
 * as mathjs's documentation recommends: a plain object it wraps in a new map on every
 * evaluate(), which measured ~30% slower (earlier versions of this bench used one).
 */
function mathjsRunner(expr: string, xs: Float64Array, ys: Float64Array): () => number {
  const node = math.parse(expr);
  const f = node.compile();
  const fx = math.derivative(node, 'x').compile();
  const fy = math.derivative(node, 'y').compile();
  const scope = new Map<string, number>([
    ['x', 0],
    ['y', 0],
  ]);
  return () => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      scope.set('x', xs[i]);
      scope.set('y', ys[i]);
      sum += (f.evaluate(scope) as number) + (fx.evaluate(scope) as number) + (fy.evaluate(scope) as number);
    }
    return sum;
  };
}

/**
 * Times the candidates in ROUNDS interleaved rounds. ns: each one's median. ratio(a, b): the
 * median over rounds of a's time over b's in the same round (the paired measure of the core
 * bench), so that a slow patch of this shared machine, which lasts seconds, hits both alike.
 */
function rounds(candidates: Record<string, () => number>): { ns: Record<string, number>; ratio(a: string, b: string): number } {
  const samples: Record<string, number[]> = {};
  for (const name of Object.keys(candidates)) samples[name] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(candidates)) samples[name].push(run());
  }
  const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1];
  const ns = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
  return { ns, ratio: (a, b) => median(samples[a].map((v, i) => v / samples[b][i])) };
}

export async function benchExpression(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const id of ids) {
    const s = surfaces[id] as Surface;
    const rnd = mulberry32(7);
    const xs = new Float64Array(POINTS);
    const ys = new Float64Array(POINTS);
    for (let i = 0; i < POINTS; i++) {
      xs[i] = s.domain.x[0] + (s.domain.x[1] - s.domain.x[0]) * rnd();
      ys[i] = s.domain.y[0] + (s.domain.y[1] - s.domain.y[0]) * rnd();
    }
    const generated = compileExpression(s.expr, { backend: 'function' });
    const interpreted = compileExpression(s.expr, { backend: 'interpreter' });
    const runs: Record<string, () => number> = {
      hand: runner(s.f, s.grad, xs, ys),
      compiled: runner(generated.f, generated.grad, xs, ys),
      fused: fusedRunner(generated.valueAndGrad, xs, ys),
      interpreter: runner(interpreted.f, interpreted.grad, xs, ys),
    };
    // Same numbers from all, or the comparison means nothing.
    const reference = runs.hand();
    for (const [name, run] of Object.entries(runs)) {
      const v = run();
      if (!(Math.abs(v - reference) <= 1e-9 * Math.max(1, Math.abs(reference)))) {
        throw new Error(`${id}: ${name} disagrees with the hand-written code (${v} vs ${reference})`);
      }
    }
    // mathjs is ~100x slower: the first MATHJS_POINTS points are plenty. Its sum is checked
    // against the hand-written code's on the same points.
    const mathjs = mathjsRunner(s.expr, xs.subarray(0, MATHJS_POINTS), ys.subarray(0, MATHJS_POINTS));
    const handFew = runner(s.f, s.grad, xs.subarray(0, MATHJS_POINTS), ys.subarray(0, MATHJS_POINTS))();
    if (!(Math.abs(mathjs() - handFew) <= 1e-9 * Math.max(1, Math.abs(handFew)))) {
      throw new Error(`${id}: mathjs disagrees with the hand-written code`);
    }
    // Warm up every candidate, mathjs included (its JIT needs longer), then time them all
    // interleaved, round by round, so that the machine's noise hits them alike.
    for (const run of Object.values(runs)) for (let i = 0; i < 200; i++) run();
    nsPerUnit(mathjs, MATHJS_POINTS, 200);
    const t = rounds({
      ...Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, () => nsPerUnit(run, POINTS, 40)])),
      mathjs: () => nsPerUnit(mathjs, MATHJS_POINTS, 40),
    });
    rows.push([
      s.label,
      t.ns.hand.toFixed(1),
      t.ns.compiled.toFixed(1),
      t.ns.fused.toFixed(1),
      t.ns.interpreter.toFixed(1),
      t.ns.mathjs.toFixed(0),
      `${t.ratio('compiled', 'hand').toFixed(2)}x`,
      `${t.ratio('fused', 'hand').toFixed(2)}x`,
      `${t.ratio('interpreter', 'hand').toFixed(1)}x`,
      `${Math.round(t.ratio('mathjs', 'compiled')).toLocaleString('en-US')}x`,
      `${Math.round(t.ratio('mathjs', 'fused')).toLocaleString('en-US')}x`,
    ]);
  }
  return table(
    [
      'surface',
      'hand ns',
      'compiled ns',
      'fused ns',
      'interpreter ns',
      'mathjs ns',
      'compiled / hand',
      'fused / hand',
      'interpreter / hand',
      'mathjs / compiled',
      'mathjs / fused',
    ],
    rows,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`ns per f + grad call at ${POINTS} random points in each domain, Node ${process.version}\n`);
  console.log(await benchExpression());
}
