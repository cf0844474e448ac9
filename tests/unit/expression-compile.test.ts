/**
 * compileExpression(): compiled f, grad and hessian against mathjs's own evaluate and derivative
 * at many random points; both back ends identical; generated code made of numbers, x, y,
 * Math.<allowlisted> and trig.ts's kernels only; the Content-Security-Policy fallback;
 * conventions at kinks.
 */
import { all, create } from 'mathjs';
import type { EvalFunction } from 'mathjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRIG_PRELUDE, generateSource, sharesCalls } from '../../src/core/expression/compile';
import { FUNCTION_NAMES } from '../../src/core/expression/functions';
import { Graph } from '../../src/core/expression/graph';
import { compileExpression } from '../../src/core/expression/index';
import { checkExpression } from '../../src/core/expression/parse-check';
import { mulberry32 } from '../../src/core/random';
import { setEvalAllowed } from '../../src/core/eval-policy';

const math = create(all);

/** Expressions whose every function mathjs can differentiate: mathjs is the oracle for f, grad and Hessian. */
const SYMBOLIC = [
  'sin(x)*cos(y) + 0.1*(x^2+y^2)',
  '(1 - x)^2 + 100 * (y - x^2)^2',
  'exp(-(x^2 + y^2))',
  'x^y',
  'log(x^2 + y^2 + 1)',
  'sqrt(x^2 + y^2 + 1)',
  'tanh(x*y)',
  'atan(x/y)',
  'sinh(x/3) * cosh(y/3)',
  'x^3 - 3*x*y^2',
  '1/(1 + x^2 + y^2)',
  '2^x + 3^(-y)',
  'e^(x/2) - pi*y',
  'abs(x - y) + abs(x + y)^1.5',
  'log(x^2 + 1, 2) + log10(y^2 + 1)',
  'tan(x/4) + asin(y/4)',
  'acos(x/4) * atan(y)',
  'asinh(x) + acosh(y^2 + 1) + atanh(x/4)',
  'cbrt(x^3 + y + 8)',
  'pow(x, 2) + pow(y, 3)',
  '-x^2 - -y^2',
  '2^3^(x/3)',
  '(x+1)(y-1)',
  '2x^2 + 3 y',
  '1/2x + x / y / 2',
  'exp(sin(x)) * log(2 + cos(y))',
  '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  'x^(y^2 + 1) + y^x',
  'sqrt(abs(x)) * y',
  'log(x, y)',
  'x^0.5 + y^(1/3)',
  'x^-2 + y^-1 + x^4 * y^3',
  '(x - y)^2 / (1 + (x + y)^2)',
];

/** Functions mathjs's derivative does not know: checked against central differences of mathjs's evaluate. */
const NUMERIC = [
  'min(x, y) + max(x^2, y)',
  'hypot(x, y, 1)',
  'atan2(y, x + 4)',
  'sign(x) * x^2',
  'expm1(x/3) + log1p(y^2)',
  'log2(x^2 + 1)',
  'square(x - y) + cube(y)',
  'min(x) + max(x, y, x*y)',
  'hypot(x) + max(sin(x), cos(y))',
];

interface Oracle {
  f: EvalFunction;
  grad?: [EvalFunction, EvalFunction];
  hessian?: [EvalFunction, EvalFunction, EvalFunction];
}

function oracle(expr: string, symbolic: boolean): Oracle {
  const node = math.parse(expr);
  if (!symbolic) return { f: node.compile() };
  const dx = math.derivative(node, 'x', { simplify: false });
  const dy = math.derivative(node, 'y', { simplify: false });
  return {
    f: node.compile(),
    grad: [dx.compile(), dy.compile()],
    hessian: [
      math.derivative(dx, 'x', { simplify: false }).compile(),
      math.derivative(dx, 'y', { simplify: false }).compile(),
      math.derivative(dy, 'y', { simplify: false }).compile(),
    ],
  };
}

/** A real finite number from mathjs, or undefined (complex results where ours is NaN, infinities). */
function real(fn: EvalFunction, x: number, y: number): number | undefined {
  let v: unknown;
  try {
    v = fn.evaluate({ x, y });
  } catch {
    return undefined;
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function close(actual: number, expected: number, tolerance: number): boolean {
  return Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

const POINTS = 300;

describe('compileExpression agrees with mathjs', () => {
  it.each(SYMBOLIC)('%s: f, grad and hessian equal mathjs evaluate and derivative at random points', (expr) => {
    const compiled = compileExpression(expr);
    const o = oracle(expr, true);
    const rnd = mulberry32(expr.length * 7919 + 1);
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    let compared = 0;
    for (let k = 0; k < POINTS; k++) {
      const x = -3 + 6 * rnd();
      const y = -3 + 6 * rnd();
      const f = real(o.f, x, y);
      if (f === undefined) {
        // Where mathjs has no real finite value ours is not a finite number either, or is one
        // of mathjs's infinities (mathjs's complex results are NaN in plain JavaScript).
        const ours = compiled.f(x, y);
        if (Number.isFinite(ours)) expect(typeof o.f.evaluate({ x, y }), `${expr} at ${x}, ${y}`).not.toBe('number');
        continue;
      }
      expect(close(compiled.f(x, y), f, 1e-12), `f at (${x}, ${y}): ${compiled.f(x, y)} vs ${f}`).toBe(true);
      compiled.grad(x, y, g);
      compiled.hessian(x, y, h);
      const expected = [...(o.grad ?? []), ...(o.hessian ?? [])].map((fn) => real(fn, x, y));
      const actual = [g[0], g[1], h[0], h[1], h[2]];
      for (let i = 0; i < 5; i++) {
        const e = expected[i];
        if (e === undefined) continue;
        expect(close(actual[i], e, 1e-9), `${['fx', 'fy', 'fxx', 'fxy', 'fyy'][i]} at (${x}, ${y}): ${actual[i]} vs ${e}`).toBe(true);
        compared++;
      }
    }
    // Every expression is really compared (x^0.5 + y^(1/3) is real on a quarter of the square only).
    expect(compared).toBeGreaterThan(POINTS / 2);
  });

  it.each(NUMERIC)('%s: f equals mathjs evaluate; grad and hessian equal central differences', (expr) => {
    const compiled = compileExpression(expr);
    const { f: fn } = oracle(expr, false);
    const rnd = mulberry32(expr.length * 104729 + 3);
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    const gp = new Float64Array(2);
    const gm = new Float64Array(2);
    const step = 1e-6;
    let compared = 0;
    for (let k = 0; k < POINTS; k++) {
      const x = -3 + 6 * rnd();
      const y = -3 + 6 * rnd();
      const f = real(fn, x, y);
      if (f === undefined) continue;
      expect(close(compiled.f(x, y), f, 1e-12), `f at (${x}, ${y})`).toBe(true);
      // Central differences of mathjs's f, at two steps: where they disagree a kink is near, skip.
      const diff = (dx: number, dy: number, s: number) =>
        ((real(fn, x + dx * s, y + dy * s) ?? NaN) - (real(fn, x - dx * s, y - dy * s) ?? NaN)) / (2 * s);
      compiled.grad(x, y, g);
      for (const [i, dx, dy] of [
        [0, 1, 0],
        [1, 0, 1],
      ] as const) {
        const d1 = diff(dx, dy, step);
        const d2 = diff(dx, dy, 2 * step);
        if (!(Math.abs(d1 - d2) < 1e-6 * Math.max(1, Math.abs(d1)))) continue;
        expect(close(g[i], d1, 1e-6), `${expr}: grad[${i}] at (${x}, ${y}): ${g[i]} vs ${d1}`).toBe(true);
        compared++;
      }
      // Hessian against central differences of our (already checked) gradient.
      compiled.hessian(x, y, h);
      compiled.grad(x + step, y, gp);
      compiled.grad(x - step, y, gm);
      const fxx = (gp[0] - gm[0]) / (2 * step);
      const fxy = (gp[1] - gm[1]) / (2 * step);
      compiled.grad(x, y + step, gp);
      compiled.grad(x, y - step, gm);
      const fyy = (gp[1] - gm[1]) / (2 * step);
      if ([fxx, fxy, fyy].every(Number.isFinite) && Math.abs(h[0] - fxx) < 1e-3 * Math.max(1, Math.abs(fxx))) {
        expect(close(h[1], fxy, 1e-4) && close(h[2], fyy, 1e-4), `${expr}: hessian at (${x}, ${y})`).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(POINTS);
  });

  it('covers every allowlisted function in the corpora above', () => {
    const used = new Set<string>();
    for (const expr of [...SYMBOLIC, ...NUMERIC]) for (const m of expr.matchAll(/([a-z0-9]+)\(/g)) used.add(m[1]);
    expect(FUNCTION_NAMES.filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('compileExpression back ends', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('generated code and the interpreter return identical numbers', () => {
    const rnd = mulberry32(11);
    for (const expr of [...SYMBOLIC, ...NUMERIC]) {
      const fast = compileExpression(expr, { backend: 'function' });
      const slow = compileExpression(expr, { backend: 'interpreter' });
      expect(fast.backend).toBe('function');
      expect(slow.backend).toBe('interpreter');
      const a = new Float64Array(3);
      const b = new Float64Array(3);
      for (let k = 0; k < 50; k++) {
        const x = -4 + 8 * rnd();
        const y = -4 + 8 * rnd();
        expect(Object.is(fast.f(x, y), slow.f(x, y)), `${expr} f`).toBe(true);
        fast.grad(x, y, a);
        slow.grad(x, y, b);
        expect([...a.subarray(0, 2)], `${expr} grad`).toEqual([...b.subarray(0, 2)]);
        fast.hessian(x, y, a);
        slow.hessian(x, y, b);
        expect([...a], `${expr} hessian`).toEqual([...b]);
      }
    }
  });

  it('both back ends agree exactly where sin and cos of one argument come from one sincos call', () => {
    // Rastrigin, Ackley, Lévi N.13: generated code calls sincos once per argument, the
    // interpreter runs a SINCOS instruction in the fused pass and single sin, cos in f and grad.
    const exprs = [
      '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
      '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20',
      'sin(3*pi*x)^2 + (x - 1)^2*(1 + sin(3*pi*y)^2) + (y - 1)^2*(1 + sin(2*pi*y)^2)',
      'cos(x*y)^2 - sin(x*y) * cos(x - y) + sin(x)',
    ];
    const rnd = mulberry32(5);
    for (const expr of exprs) {
      const fast = compileExpression(expr, { backend: 'function' });
      const slow = compileExpression(expr, { backend: 'interpreter' });
      const a = new Float64Array(3);
      const b = new Float64Array(3);
      for (let k = 0; k < 200; k++) {
        // Mostly ordinary points, some huge (Math.sin path) and some at exact zeros of sin.
        const x = k % 10 === 0 ? 1e6 * rnd() : k % 10 === 1 ? Math.round(8 * rnd() - 4) : -5 + 10 * rnd();
        const y = -5 + 10 * rnd();
        expect(Object.is(fast.valueAndGrad(x, y, a), slow.valueAndGrad(x, y, b)), `${expr} f at ${x}, ${y}`).toBe(true);
        expect([a[0], a[1]], `${expr} grad at ${x}, ${y}`).toEqual([b[0], b[1]]);
        expect(Object.is(fast.f(x, y), slow.valueAndGrad(x, y, b)), `${expr} f at ${x}, ${y}`).toBe(true);
        fast.hessian(x, y, a);
        slow.hessian(x, y, b);
        expect([...a], `${expr} hessian at ${x}, ${y}`).toEqual([...b]);
      }
    }
  });

  it('valueAndGrad returns exactly f and writes exactly grad, in both back ends', () => {
    const rnd = mulberry32(23);
    for (const expr of [...SYMBOLIC, ...NUMERIC]) {
      for (const backend of ['function', 'interpreter'] as const) {
        const c = compileExpression(expr, { backend });
        const g = new Float64Array(2);
        const fused = [0, 0];
        for (let k = 0; k < 50; k++) {
          const x = -4 + 8 * rnd();
          const y = -4 + 8 * rnd();
          c.grad(x, y, g);
          const v = c.valueAndGrad(x, y, fused);
          expect(Object.is(v, c.f(x, y)), `${expr} (${backend}) f at ${x}, ${y}`).toBe(true);
          expect(Object.is(fused[0], g[0]) && Object.is(fused[1], g[1]), `${expr} (${backend}) grad at ${x}, ${y}`).toBe(true);
        }
      }
    }
  });

  it('valueAndGrad computes sin, cos and exp shared by f and the gradient once', () => {
    const graph = new Graph();
    const f = graph.fromAst(checkExpression('-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y)))').ast);
    const fx = graph.derivative(f, 'x');
    const fy = graph.derivative(f, 'y');
    const text = generateSource(graph, { f, grad: [fx, fy], hessian: [fx, fx, fx] });
    const fused = text.slice(text.indexOf('function valueAndGrad'), text.indexOf('function hessian'));
    expect(fused.match(/Math\.exp/g)).toHaveLength(2);
    expect(fused.match(/Math\.sqrt/g)).toHaveLength(1);
    // cos(2πx) in f and sin(2πx) in the gradient: one sincos call for both, for x and for y.
    expect(fused.match(/\bsincos\(/g)).toHaveLength(2);
    expect(fused.match(/\blastCos\(\)/g)).toHaveLength(2);
    expect(fused).not.toMatch(/\b(sin|cos)\(|Math\.(sin|cos)/);
  });

  it('valueAndGrad takes sin and cos of one argument from one sincos call (Rastrigin)', () => {
    const graph = new Graph();
    const f = graph.fromAst(checkExpression('20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)').ast);
    const grad = [graph.derivative(f, 'x'), graph.derivative(f, 'y')] as const;
    // f has cos(2πx), the gradient sin(2πx): no call in common, but one range reduction.
    expect(sharesCalls(graph, { f, grad })).toBe(true);
    const text = generateSource(graph, { f, grad, hessian: [f, f, f] });
    const body = (name: string) => text.slice(text.indexOf(`function ${name}(`), text.indexOf('}', text.indexOf(`function ${name}(`)));
    expect(body('f').match(/\bcos\(/g)).toHaveLength(2);
    expect(body('f')).not.toMatch(/\bsin(cos)?\(/);
    expect(body('grad').match(/\bsin\(/g)).toHaveLength(2);
    expect(body('valueAndGrad').match(/\bsincos\(/g)).toHaveLength(2);
    expect(body('valueAndGrad')).not.toMatch(/\b(sin|cos)\(/);
  });

  it('valueAndGrad is grad then f where f and the gradient share no call (nothing to save)', () => {
    for (const expr of ['(1 - x)^2 + 100 * (y - x^2)^2', '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', 'abs(x) + y^3']) {
      const graph = new Graph();
      const f = graph.fromAst(checkExpression(expr).ast);
      const grad = [graph.derivative(f, 'x'), graph.derivative(f, 'y')] as const;
      expect(sharesCalls(graph, { f, grad }), expr).toBe(false);
      const text = generateSource(graph, { f, grad, hessian: [f, f, f] });
      const fused = text.slice(text.indexOf('function valueAndGrad'), text.indexOf('function hessian'));
      expect(fused, expr).toBe('function valueAndGrad(x, y, out) {\ngrad(x, y, out);\nreturn f(x, y);\n}\n');
    }
    const graph = new Graph();
    const f = graph.fromAst(checkExpression('exp(x*y) + y^2').ast);
    expect(sharesCalls(graph, { f, grad: [graph.derivative(f, 'x'), graph.derivative(f, 'y')] })).toBe(true);
  });

  it('falls back to the interpreter where generated code is forbidden (CSP without unsafe-eval)', () => {
    const real = globalThis.Function;
    // What a browser does under such a policy: the Function constructor throws an EvalError.
    vi.stubGlobal('Function', function Function() {
      throw new EvalError('Refused to evaluate a string as JavaScript because unsafe-eval is not allowed');
    });
    const compiled = compileExpression('sin(x)*cos(y) + 0.1*(x^2+y^2)');
    // The refusal is remembered for the page: the next compile does not ask again (each asking
    // is a CSP violation report), even with the constructor back.
    vi.unstubAllGlobals();
    expect(globalThis.Function).toBe(real);
    expect(compiled.backend).toBe('interpreter');
    expect(compileExpression('x^2 + 2*y^2 + 1').backend).toBe('interpreter');
    setEvalAllowed(true); // a fresh page, for the tests that follow
    const g = new Float64Array(2);
    compiled.grad(1, 2, g);
    expect(compiled.f(1, 2)).toBeCloseTo(Math.sin(1) * Math.cos(2) + 0.5, 14);
    expect(g[0]).toBeCloseTo(Math.cos(1) * Math.cos(2) + 0.2, 14);
    expect(g[1]).toBeCloseTo(-Math.sin(1) * Math.sin(2) + 0.4, 14);
  });

  it('by default uses generated code where it is allowed', () => {
    expect(compileExpression('x + y').backend).toBe('function');
  });

  it('refuses an unknown backend option', () => {
    expect(() => compileExpression('x', { backend: 'eval' as never })).toThrow(/option "backend" must be/);
  });
});

describe('generated code', () => {
  const ALLOWED_WORDS = new Set(['use', 'strict', 'function', 'f', 'grad', 'valueAndGrad', 'hessian', 'x', 'y', 'out', 'const', 'return', 'Math', 'sincos', 'lastCos', 'trig']);

  function source(expr: string): string {
    const graph = new Graph();
    const f = graph.fromAst(checkExpression(expr).ast);
    const fx = graph.derivative(f, 'x');
    const fy = graph.derivative(f, 'y');
    return generateSource(graph, {
      f,
      grad: [fx, fy],
      hessian: [graph.derivative(fx, 'x'), graph.derivative(fx, 'y'), graph.derivative(fy, 'y')],
    });
  }

  it('contains only numbers, x, y, locals, operators and Math.<allowlisted function>', () => {
    for (const expr of [...SYMBOLIC, ...NUMERIC]) {
      const text = source(expr);
      // Strip number literals (1e-7 included) so their exponent letters are not read as names.
      const words = text.replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/g, ' ').match(/[A-Za-z_$][\w$]*/g) ?? [];
      for (const word of words) {
        const ok = ALLOWED_WORDS.has(word) || /^t\d+$/.test(word) || (FUNCTION_NAMES as string[]).includes(word) || word === 'pow';
        expect(ok, `${expr}: "${word}" in generated code`).toBe(true);
      }
      for (const m of text.matchAll(/Math\.(\w+)/g)) expect(Object.prototype.hasOwnProperty.call(Math, m[1])).toBe(true);
      // sin and cos are trig.ts's kernels (the same numbers whether one sincos call or two).
      expect(text, expr).not.toMatch(/Math\.(sin|cos)\b/);
      // trig is named only by the prelude: the kernels and nothing else are taken from it.
      expect(text.match(/\btrig\b/g)?.length ?? 0).toBe(4);
      // Apart from the fixed frame, every line is one assignment or return of an arithmetic
      // expression: no quotes, brackets other than out[0..2], braces, or statements of other kinds.
      const frame = new Set(['"use strict";', TRIG_PRELUDE, 'function f(x, y) {', 'function grad(x, y, out) {', 'function valueAndGrad(x, y, out) {', 'grad(x, y, out);', 'return f(x, y);', 'function hessian(x, y, out) {', '}', 'return { f, grad, valueAndGrad, hessian };']);
      for (const line of text.split('\n')) {
        if (frame.has(line)) continue;
        expect(line, expr).toMatch(/^(const t\d+ = |out\[[0-2]\] = |return )[\w. +\-*/()<=?:,]+;$/);
      }
    }
  });

  it('computes a shared subexpression once', () => {
    const text = source('sin(x*y) + sin(x*y)^2');
    const f = text.slice(text.indexOf('function f'), text.indexOf('function grad'));
    expect(f.match(/\bsin\(/g)).toHaveLength(1);
    expect(f.match(/x \* y/g)).toHaveLength(1);
  });

  it('writes small integer powers as multiplications', () => {
    const text = source('(1 - x)^2 + 100 * (y - x^2)^2');
    expect(text).not.toMatch(/Math\.pow/);
  });
});

describe('derivative conventions', () => {
  const at = (expr: string, x: number, y: number) => {
    const c = compileExpression(expr);
    const g = new Float64Array(2);
    c.grad(x, y, g);
    return [g[0], g[1]];
  };

  it('gives 0, not NaN, at the tip of a cone where the gradient is undefined', () => {
    expect(at('sqrt(x^2 + y^2)', 0, 0)).toEqual([0, 0]);
    expect(at('hypot(x, y)', 0, 0)).toEqual([0, 0]);
    expect(at('(x^2 + y^2)^0.5', 0, 0)).toEqual([0, 0]);
    expect(at('abs(x) + abs(y)', 0, 0)).toEqual([0, 0]);
    expect(at('-20*exp(-0.2*sqrt(0.5*(x^2 + y^2)))', 0, 0)).toEqual([0, 0]);
  });

  it('is exact away from the kink', () => {
    const [gx, gy] = at('sqrt(x^2 + y^2)', 3, 4);
    expect(gx).toBeCloseTo(0.6, 15);
    expect(gy).toBeCloseTo(0.8, 15);
    expect(at('abs(x) + abs(y)', -2, 3)).toEqual([-1, 1]);
    expect(at('min(x, y)', 1, 2)).toEqual([1, 0]);
    expect(at('max(x, y)', 1, 2)).toEqual([0, 1]);
  });

  it('differentiates a term free of the variable to exactly 0, even where it is not finite', () => {
    // d/dy (log(x) + y) at x < 0 is 1: the NaN of log(x) does not leak into it.
    expect(at('log(x) + y', -1, 0)[1]).toBe(1);
  });
});
