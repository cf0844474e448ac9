/**
 * Expression graph -> plain JavaScript functions f, grad and hessian.
 *
 * Preferred back end: generated source compiled with `new Function`, one `const` per graph node
 * (so shared subexpressions are computed once), operands being only `x`, `y`, number literals
 * and earlier locals, calls only `Math.<name>` from a fixed table and trig.ts's sin and cos
 * kernels. Nothing the user typed is ever spliced in: the source is built from the graph, whose
 * nodes hold numbers and a closed set of operation names. V8 then compiles it like hand-written
 * code. Where a body needs both sin(u) and cos(u) (differentiation pairs them), one `sincos(u)`
 * call gives both.
 *
 * Fallback: where a Content Security Policy without 'unsafe-eval' makes `new Function` throw, a
 * tape interpreter runs the same node list over a Float64Array of registers. Same operations in
 * the same order, so both back ends return identical numbers; the fallback is just slower.
 */
import { evalAllowed, evalRefused } from '../eval-policy';
import { BINARY_FNS, UNARY_FNS, powConst } from './graph';
import type { Graph, GraphNode } from './graph';
import * as trig from './trig';

/** 'auto' tries 'function' (generated code) and falls back to 'interpreter'. */
export type Backend = 'auto' | 'function' | 'interpreter';

export interface CompiledFunctions {
  f(x: number, y: number): number;
  /** Writes [df/dx, df/dy] to out[0..1]. */
  grad(x: number, y: number, out: Float64Array): void;
  /**
   * f and its gradient in one pass: returns f(x, y) and writes [df/dx, df/dy] to out[0..1].
   * Subexpressions that f and the gradient share (sin, cos, exp, ... of the same argument) are
   * computed once. The same operations in the same order as `f` and `grad`, so the numbers are
   * identical to theirs.
   */
  valueAndGrad(x: number, y: number, out: Float64Array | number[]): number;
  /** Writes [fxx, fxy, fyy] to out[0..2]. */
  hessian(x: number, y: number, out: Float64Array): void;
  /** The back end actually used. */
  readonly backend: 'function' | 'interpreter';
}

/** Graph nodes of f, its gradient and its Hessian. */
export interface Roots {
  readonly f: number;
  readonly grad: readonly [number, number];
  readonly hessian: readonly [number, number, number];
}

/** A number as a JavaScript literal that parses back to exactly the same double. */
function literal(v: number): string {
  if (Number.isNaN(v)) return '(0 / 0)';
  if (v === Infinity) return '(1 / 0)';
  if (v === -Infinity) return '(-1 / 0)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

/** The integer exponents that powConst turns into multiplications (powSource's cases). */
const INLINE_POWERS: ReadonlySet<number> = new Set([2, 3, 4, -1, -2]);

/** The integer exponents that powConst turns into multiplications. */
function powSource(a: string, c: number): string {
  switch (c) {
    case 2:
      return `${a} * ${a}`;
    case 3:
      return `${a} * ${a} * ${a}`;
    case 4:
      return `(${a} * ${a}) * (${a} * ${a})`;
    case -1:
      return `1 / ${a}`;
    case -2:
      return `1 / (${a} * ${a})`;
    default:
      return `Math.pow(${a}, ${literal(c)})`;
  }
}

const MATH_NAMES: ReadonlySet<string> = new Set([...UNARY_FNS, ...BINARY_FNS]);

/** JavaScript source of one node's value, its operands referenced by `ref`. */
function nodeSource(graph: Graph, node: GraphNode, ref: (id: number) => string): string {
  const [a, b, c, d] = node.args.map(ref);
  switch (node.op) {
    case 'add':
      return `${a} + ${b}`;
    case 'sub':
      return `${a} - ${b}`;
    case 'mul':
      return `${a} * ${b}`;
    case 'div':
      return `${a} / ${b}`;
    case 'neg':
      return `-${a}`;
    case 'pow': {
      const exponent = graph.constant(node.args[1]);
      return exponent !== undefined ? powSource(a, exponent) : `Math.pow(${a}, ${b})`;
    }
    case 'gmul':
      return `${a} === 0 ? 0 : ${a} * ${b}`;
    case 'sel':
      return `${a} <= ${b} ? ${c} : ${d}`;
    case 'sin':
    case 'cos':
      // trig.ts's kernels, not Math's: the same numbers as where a sincos call gives both.
      return `${node.op}(${a})`;
    default:
      if (!MATH_NAMES.has(node.op)) throw new Error(`cannot generate code for ${node.op}`);
      return `Math.${node.op}(${node.args.map(ref).join(', ')})`;
  }
}

/**
 * sin and cos nodes of the same argument among `ids`: each one's id -> the other's. These are
 * computed by one sincos call (one range reduction).
 */
export function trigPairs(graph: Graph, ids: readonly number[]): Map<number, number> {
  const sinOf = new Map<number, number>();
  const cosOf = new Map<number, number>();
  for (const id of ids) {
    const node = graph.nodes[id];
    if (node.op === 'sin') sinOf.set(node.args[0], id);
    else if (node.op === 'cos') cosOf.set(node.args[0], id);
  }
  const pairs = new Map<number, number>();
  for (const [arg, s] of sinOf) {
    const c = cosOf.get(arg);
    if (c === undefined) continue;
    pairs.set(s, c);
    pairs.set(c, s);
  }
  return pairs;
}

/** The body of a function computing the given outputs: one const per reachable inner node. */
function bodySource(graph: Graph, outputs: readonly number[], finish: (refs: string[]) => string): string {
  const ref = (id: number): string => {
    const node = graph.nodes[id];
    if (node.op === 'num') return literal(node.value);
    if (node.op === 'x' || node.op === 'y') return node.op;
    return `t${id}`;
  };
  const ids = graph.reachable(outputs);
  const pairs = trigPairs(graph, ids);
  const done = new Set<number>();
  const lines: string[] = [];
  for (const id of ids) {
    const node = graph.nodes[id];
    if (node.op === 'num' || node.op === 'x' || node.op === 'y' || done.has(id)) continue;
    const other = pairs.get(id);
    if (other !== undefined) {
      // The first of sin(u), cos(u) to come emits both (the other depends only on u).
      const [s, c] = node.op === 'sin' ? [id, other] : [other, id];
      lines.push(`const t${s} = sincos(${ref(node.args[0])});`, `const t${c} = lastCos();`);
      done.add(other);
      continue;
    }
    lines.push(`const t${id} = ${nodeSource(graph, node, ref)};`);
  }
  lines.push(finish(outputs.map(ref)));
  return lines.join('\n');
}

/**
 * Whether f and its gradient use a common Math call (or a power with a variable exponent), or
 * take sin and cos of a common argument (one sincos call for both, as Rastrigin's cos(2πx) in f
 * and sin(2πx) in the gradient).
 */
export function sharesCalls(graph: Graph, roots: Pick<Roots, 'f' | 'grad'>): boolean {
  const callKey = (id: number): string | undefined => {
    const node = graph.nodes[id];
    if (node.op === 'sin' || node.op === 'cos') return `trig ${node.args[0]}`;
    if (node.op !== 'pow') return MATH_NAMES.has(node.op) ? String(id) : undefined;
    const exponent = graph.constant(node.args[1]);
    return exponent === undefined || !INLINE_POWERS.has(exponent) ? String(id) : undefined;
  };
  const inF = new Set(graph.reachable([roots.f]).map(callKey));
  return graph.reachable(roots.grad).some((id) => {
    const key = callKey(id);
    return key !== undefined && inF.has(key);
  });
}

/** The generated source's one line outside its four functions: trig.ts's kernels, passed in as `trig`. */
export const TRIG_PRELUDE = 'const sincos = trig.sincos, lastCos = trig.lastCos, sin = trig.sin, cos = trig.cos;';

/** The complete generated source; exported for tests that inspect what it may contain. */
export function generateSource(graph: Graph, roots: Roots): string {
  const f = bodySource(graph, [roots.f], ([v]) => `return ${v};`);
  const grad = bodySource(graph, roots.grad, ([gx, gy]) => `out[0] = ${gx};\nout[1] = ${gy};`);
  // One pass pays where f and the gradient share calls (exp, ..., or sin and cos of one argument:
  // Rastrigin's cos(2πx) in f, sin(2πx) in the gradient). Where they share none (polynomials)
  // there is nothing to save, and a single long body can exceed V8's inlining budget where f and
  // grad alone do not (measured: Goldstein-Price 1.6x slower than f + grad), so valueAndGrad is
  // then grad followed by f.
  const fused = sharesCalls(graph, roots)
    ? bodySource(graph, [roots.f, ...roots.grad], ([v, gx, gy]) => `out[0] = ${gx};\nout[1] = ${gy};\nreturn ${v};`)
    : 'grad(x, y, out);\nreturn f(x, y);';
  const hessian = bodySource(graph, roots.hessian, ([xx, xy, yy]) => `out[0] = ${xx};\nout[1] = ${xy};\nout[2] = ${yy};`);
  return `"use strict";
${TRIG_PRELUDE}
function f(x, y) {
${f}
}
function grad(x, y, out) {
${grad}
}
function valueAndGrad(x, y, out) {
${fused}
}
function hessian(x, y, out) {
${hessian}
}
return { f, grad, valueAndGrad, hessian };`;
}

function compileWithFunction(graph: Graph, roots: Roots): CompiledFunctions {
  const source = generateSource(graph, roots);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is built from the checked graph only
  const made = new Function('trig', source)(trig) as Omit<CompiledFunctions, 'backend'>;
  return { f: made.f, grad: made.grad, valueAndGrad: made.valueAndGrad, hessian: made.hessian, backend: 'function' };
}

// Opcodes of the tape interpreter.
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const NEG = 4;
const POW = 5;
const POWC = 6;
const GMUL = 7;
const SEL = 8;
const FN1 = 9;
const FN2 = 10;
/** sin(a) to dst and cos(a) to the register in slot 4: one range reduction, as generated code. */
const SINCOS = 11;
/** trig.ts's sin and cos, as in generated code (each its own call site, which V8 can inline). */
const SIN = 12;
const COS = 13;
const STRIDE = 6;

/** Math's functions (sin and cos have opcodes of their own). */
const FN1_TABLE: readonly ((a: number) => number)[] = UNARY_FNS.map((name) => Math[name]);
const FN2_TABLE: readonly ((a: number, b: number) => number)[] = BINARY_FNS.map((name) => Math[name]);

/** Registers 0 and 1 hold x and y; constants are loaded once; each instruction writes one. */
interface Tape {
  readonly code: Int32Array;
  readonly registers: Float64Array;
  readonly outputs: Int32Array;
}

function buildTape(graph: Graph, outputs: readonly number[]): Tape {
  const ids = graph.reachable(outputs);
  const pairs = trigPairs(graph, ids);
  const register = new Map<number, number>([
    [graph.X, 0],
    [graph.Y, 1],
  ]);
  let next = 2;
  const registers: number[] = [0, 0];
  const code: number[] = [];
  for (const id of ids) {
    const node = graph.nodes[id];
    if (node.op === 'x' || node.op === 'y' || register.has(id)) continue;
    const dst = next++;
    register.set(id, dst);
    if (node.op === 'num') {
      registers[dst] = node.value;
      continue;
    }
    registers[dst] = 0;
    const [a = 0, b = 0, c = 0, d = 0] = node.args.map((arg) => register.get(arg) as number);
    const other = pairs.get(id);
    if (other !== undefined) {
      // sin(u) and cos(u) both needed: one SINCOS now gives the other's register too.
      const dst2 = next++;
      register.set(other, dst2);
      registers[dst2] = 0;
      const [s, cs] = node.op === 'sin' ? [dst, dst2] : [dst2, dst];
      code.push(SINCOS, s, a, 0, cs, 0);
      continue;
    }
    let op: number;
    let extra = 0;
    switch (node.op) {
      case 'add':
        op = ADD;
        break;
      case 'sub':
        op = SUB;
        break;
      case 'mul':
        op = MUL;
        break;
      case 'div':
        op = DIV;
        break;
      case 'neg':
        op = NEG;
        break;
      case 'pow':
        // A constant exponent: powConst's special cases, as in the generated code.
        op = graph.constant(node.args[1]) !== undefined ? POWC : POW;
        break;
      case 'gmul':
        op = GMUL;
        break;
      case 'sel':
        op = SEL;
        break;
      case 'sin':
        op = SIN;
        break;
      case 'cos':
        op = COS;
        break;
      default: {
        const unary = (UNARY_FNS as readonly string[]).indexOf(node.op);
        if (unary >= 0) {
          op = FN1;
          extra = unary;
        } else {
          op = FN2;
          extra = (BINARY_FNS as readonly string[]).indexOf(node.op);
          if (extra < 0) throw new Error(`cannot interpret ${node.op}`);
        }
      }
    }
    code.push(op, dst, a, b, op === SEL ? c : extra, d);
  }
  return {
    code: Int32Array.from(code),
    registers: Float64Array.from(registers),
    outputs: Int32Array.from(outputs.map((id) => register.get(id) as number)),
  };
}

function run(tape: Tape, x: number, y: number): Float64Array {
  const { code, registers: r } = tape;
  r[0] = x;
  r[1] = y;
  for (let pc = 0; pc < code.length; pc += STRIDE) {
    const dst = code[pc + 1];
    const a = r[code[pc + 2]];
    const b = r[code[pc + 3]];
    switch (code[pc]) {
      case ADD:
        r[dst] = a + b;
        break;
      case SUB:
        r[dst] = a - b;
        break;
      case MUL:
        r[dst] = a * b;
        break;
      case DIV:
        r[dst] = a / b;
        break;
      case NEG:
        r[dst] = -a;
        break;
      case POW:
        r[dst] = Math.pow(a, b);
        break;
      case POWC:
        r[dst] = powConst(a, b);
        break;
      case GMUL:
        r[dst] = a === 0 ? 0 : a * b;
        break;
      case SEL:
        r[dst] = a <= b ? r[code[pc + 4]] : r[code[pc + 5]];
        break;
      case FN1:
        r[dst] = FN1_TABLE[code[pc + 4]](a);
        break;
      case FN2:
        r[dst] = FN2_TABLE[code[pc + 4]](a, b);
        break;
      case SINCOS:
        r[dst] = trig.sincos(a);
        r[code[pc + 4]] = trig.lastCos();
        break;
      case SIN:
        r[dst] = trig.sin(a);
        break;
      case COS:
        r[dst] = trig.cos(a);
        break;
    }
  }
  return r;
}

function compileWithInterpreter(graph: Graph, roots: Roots): CompiledFunctions {
  const fTape = buildTape(graph, [roots.f]);
  const gTape = buildTape(graph, roots.grad);
  const vgTape = buildTape(graph, [roots.f, ...roots.grad]);
  const hTape = buildTape(graph, roots.hessian);
  const fOut = fTape.outputs[0];
  const [gx, gy] = gTape.outputs;
  const [hxx, hxy, hyy] = hTape.outputs;
  const [vgF, vgX, vgY] = vgTape.outputs;
  return {
    f: (x, y) => run(fTape, x, y)[fOut],
    grad: (x, y, out) => {
      const r = run(gTape, x, y);
      out[0] = r[gx];
      out[1] = r[gy];
    },
    valueAndGrad: (x, y, out) => {
      const r = run(vgTape, x, y);
      out[0] = r[vgX];
      out[1] = r[vgY];
      return r[vgF];
    },
    hessian: (x, y, out) => {
      const r = run(hTape, x, y);
      out[0] = r[hxx];
      out[1] = r[hxy];
      out[2] = r[hyy];
    },
    backend: 'interpreter',
  };
}

/**
 * Compiles the graph's f, gradient and Hessian. 'auto' uses generated code and falls back to
 * the interpreter if the page forbids it (CSP without 'unsafe-eval' throws an EvalError).
 */
export function compileGraph(graph: Graph, roots: Roots, backend: Backend = 'auto'): CompiledFunctions {
  if (backend === 'interpreter') return compileWithInterpreter(graph, roots);
  if (backend === 'function') return compileWithFunction(graph, roots);
  // Refused once, never asked again (each refusal is a CSP violation report): eval-policy.ts.
  if (!evalAllowed()) return compileWithInterpreter(graph, roots);
  try {
    return compileWithFunction(graph, roots);
  } catch {
    evalRefused();
    return compileWithInterpreter(graph, roots);
  }
}
