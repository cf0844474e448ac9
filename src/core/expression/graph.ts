/**
 * The checked tree as a hash-consed expression graph (a DAG: every distinct subexpression is one
 * node), folded where exact, and differentiated symbolically on the graph itself.
 *
 * Why a graph of our own rather than mathjs's `derivative`: mathjs returns trees, where each
 * product or chain rule copies subtrees, so the Hessian of a long expression grows by orders of
 * magnitude before anything could share it; its `simplify` is unbounded in time on the kind of
 * input a fuzzer types; it has no rule for min and max; and it differentiates abs(u) as
 * abs(u)/u, NaN at the kink. Here, differentiating is one pass over the nodes in creation order
 * (children are always created before parents, so ids are a topological order), each node's
 * derivative reuses the node itself and its children (d exp(u) = exp(u) du, d sqrt(u) = du /
 * (2 sqrt(u))), and identical subexpressions are one node, so the code generator gets common
 * subexpressions for free. Tests check the result against mathjs's derivative.
 *
 * Conventions at kinks, chosen so that optimizers and the critical-point finder can stand at a
 * cone's tip the way the catalog's hand-written gradients let them (Ackley at the origin):
 * d|u| = sign(u) du (0 at u = 0), and wherever the chain rule multiplies du by a rate that is
 * infinite where f is finite (sqrt, cbrt and u^c with 0 < c < 1 at 0, asin, acos, acosh at the
 * ends of their domains, hypot at the origin), a zero du gives 0 rather than 0 * Infinity = NaN.
 */
import type { Ast } from './parse-check';
import * as trig from './trig';

export type UnaryFn =
  | 'sqrt'
  | 'cbrt'
  | 'exp'
  | 'expm1'
  | 'log'
  | 'log10'
  | 'log2'
  | 'log1p'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'asin'
  | 'acos'
  | 'atan'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'asinh'
  | 'acosh'
  | 'atanh'
  | 'abs'
  | 'sign';
export type BinaryFn = 'atan2' | 'min' | 'max' | 'hypot';

export const UNARY_FNS: readonly UnaryFn[] = [
  'sqrt', 'cbrt', 'exp', 'expm1', 'log', 'log10', 'log2', 'log1p', 'sin', 'cos', 'tan', 'asin', 'acos',
  'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'abs', 'sign',
];
export const BINARY_FNS: readonly BinaryFn[] = ['atan2', 'min', 'max', 'hypot'];

/**
 * Node operations. `gmul(a, b)` is a * b except that a = 0 gives 0 even if b is infinite (the
 * guarded chain rule); `sel(p, q, t, e)` is p <= q ? t : e (the derivative of min and max).
 */
export type Op = 'num' | 'x' | 'y' | 'add' | 'sub' | 'mul' | 'div' | 'neg' | 'pow' | 'gmul' | 'sel' | UnaryFn | BinaryFn;

export interface GraphNode {
  readonly id: number;
  readonly op: Op;
  /** Ids of the operands, all smaller than `id`. */
  readonly args: readonly number[];
  /** The value of a 'num' node. */
  readonly value: number;
}

/** Exponents that become multiplications; the same rule everywhere, so all back ends agree. */
export function powConst(a: number, c: number): number {
  switch (c) {
    case 2:
      return a * a;
    case 3:
      return a * a * a;
    case 4: {
      const s = a * a;
      return s * s;
    }
    case -1:
      return 1 / a;
    case -2:
      return 1 / (a * a);
    default:
      return Math.pow(a, c);
  }
}

const MATH1: Record<UnaryFn, (a: number) => number> = {
  sqrt: Math.sqrt, cbrt: Math.cbrt, exp: Math.exp, expm1: Math.expm1, log: Math.log, log10: Math.log10,
  // sin and cos: trig.ts's, as the compiled code computes them, so that sin(1) folded and sin(x)
  // at x = 1 are the same number.
  log2: Math.log2, log1p: Math.log1p, sin: trig.sin, cos: trig.cos, tan: Math.tan, asin: Math.asin,
  acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, asinh: Math.asinh,
  acosh: Math.acosh, atanh: Math.atanh, abs: Math.abs, sign: Math.sign,
};
const MATH2: Record<BinaryFn, (a: number, b: number) => number> = {
  atan2: Math.atan2, min: Math.min, max: Math.max, hypot: Math.hypot,
};

function numKey(v: number): string {
  return Object.is(v, -0) ? 'n-0' : `n${v}`;
}

export class Graph {
  readonly nodes: GraphNode[] = [];
  private readonly index = new Map<string, number>();
  readonly X: number;
  readonly Y: number;
  readonly ZERO: number;
  readonly ONE: number;

  constructor() {
    this.X = this.make('x', []);
    this.Y = this.make('y', []);
    this.ZERO = this.num(0);
    this.ONE = this.num(1);
  }

  /**
   * The graph of another graph's nodes (as a Worker receives them): the same ids, operands and
   * values. Throws if the nodes are not in the order a Graph makes them.
   */
  static fromNodes(nodes: readonly GraphNode[]): Graph {
    const graph = new Graph();
    for (const { id, op, args, value } of nodes) {
      if (graph.make(op, args, value) !== id) throw new Error(`graph node ${id} (${op}) is out of order`);
    }
    return graph;
  }

  private make(op: Op, args: readonly number[], value = 0): number {
    const key = op === 'num' ? numKey(value) : `${op}(${args.join(',')})`;
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const id = this.nodes.length;
    this.nodes.push({ id, op, args, value });
    this.index.set(key, id);
    return id;
  }

  num(value: number): number {
    return this.make('num', [], value);
  }

  /** The value of a constant node, or undefined. */
  constant(id: number): number | undefined {
    const node = this.nodes[id];
    return node.op === 'num' ? node.value : undefined;
  }

  private isZero(id: number): boolean {
    return this.constant(id) === 0;
  }

  private node(id: number): GraphNode {
    return this.nodes[id];
  }

  add(a: number, b: number): number {
    const ca = this.constant(a);
    const cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(ca + cb);
    if (ca === 0) return b;
    if (cb === 0) return a;
    if (this.node(b).op === 'neg') return this.sub(a, this.node(b).args[0]);
    if (this.node(a).op === 'neg') return this.sub(b, this.node(a).args[0]);
    return a < b ? this.make('add', [a, b]) : this.make('add', [b, a]);
  }

  sub(a: number, b: number): number {
    const ca = this.constant(a);
    const cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(ca - cb);
    if (cb === 0) return a;
    if (ca === 0) return this.neg(b);
    if (this.node(b).op === 'neg') return this.add(a, this.node(b).args[0]);
    return this.make('sub', [a, b]);
  }

  mul(a: number, b: number): number {
    let ca = this.constant(a);
    let cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(ca * cb);
    if (cb !== undefined) {
      [a, b] = [b, a];
      [ca, cb] = [cb, ca];
    }
    if (ca === 1) return b;
    if (ca === -1) return this.neg(b);
    const nb = this.node(b);
    if (nb.op === 'neg') return this.neg(this.mul(a, nb.args[0]));
    const na = this.node(a);
    if (na.op === 'neg') return this.neg(this.mul(na.args[0], b));
    if (ca !== undefined && nb.op === 'mul') {
      const inner = this.constant(nb.args[0]);
      if (inner !== undefined) return this.mul(this.num(ca * inner), nb.args[1]);
    }
    if (ca !== undefined) return this.make('mul', [a, b]);
    return a < b ? this.make('mul', [a, b]) : this.make('mul', [b, a]);
  }

  div(a: number, b: number): number {
    const ca = this.constant(a);
    const cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(ca / cb);
    if (cb === 1) return a;
    if (this.node(a).op === 'neg') return this.neg(this.div(this.node(a).args[0], b));
    if (this.node(b).op === 'neg') return this.neg(this.div(a, this.node(b).args[0]));
    return this.make('div', [a, b]);
  }

  neg(a: number): number {
    const ca = this.constant(a);
    if (ca !== undefined) return this.num(-ca);
    const na = this.node(a);
    if (na.op === 'neg') return na.args[0];
    return this.make('neg', [a]);
  }

  pow(a: number, b: number): number {
    const ca = this.constant(a);
    const cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(powConst(ca, cb));
    // Math.pow(anything, 0) is 1, NaN included, as in mathjs.
    if (cb === 0) return this.ONE;
    if (cb === 1) return a;
    return this.make('pow', [a, b]);
  }

  /** a * b, but 0 where a is 0 even if b is infinite. */
  gmul(a: number, b: number): number {
    const ca = this.constant(a);
    if (ca === 0) return this.ZERO;
    const cb = this.constant(b);
    if (ca !== undefined || (cb !== undefined && Number.isFinite(cb))) return this.mul(a, b);
    const na = this.node(a);
    if (na.op === 'neg') return this.neg(this.gmul(na.args[0], b));
    return this.make('gmul', [a, b]);
  }

  /** p <= q ? t : e */
  sel(p: number, q: number, t: number, e: number): number {
    if (t === e) return t;
    const cp = this.constant(p);
    const cq = this.constant(q);
    if (cp !== undefined && cq !== undefined) return cp <= cq ? t : e;
    return this.make('sel', [p, q, t, e]);
  }

  call1(fn: UnaryFn, a: number): number {
    const ca = this.constant(a);
    if (ca !== undefined) return this.num(MATH1[fn](ca));
    return this.make(fn, [a]);
  }

  call2(fn: BinaryFn, a: number, b: number): number {
    const ca = this.constant(a);
    const cb = this.constant(b);
    if (ca !== undefined && cb !== undefined) return this.num(MATH2[fn](ca, cb));
    return this.make(fn, [a, b]);
  }

  // Derivative-only helpers: a structural zero factor makes the term vanish, whatever the other
  // factor is (d(c * log(x))/dy is 0, not 0 * log(x), which would be NaN for x < 0).
  private dmul(a: number, b: number): number {
    return this.isZero(a) || this.isZero(b) ? this.ZERO : this.mul(a, b);
  }

  private ddiv(a: number, b: number): number {
    return this.isZero(a) ? this.ZERO : this.div(a, b);
  }

  /** Node ids reachable from `roots`, ascending (a topological order). */
  reachable(roots: readonly number[]): number[] {
    const seen = new Uint8Array(this.nodes.length);
    const stack = [...roots];
    const out: number[] = [];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (seen[id]) continue;
      seen[id] = 1;
      out.push(id);
      for (const a of this.nodes[id].args) if (!seen[a]) stack.push(a);
    }
    return out.sort((p, q) => p - q);
  }

  /** d(root)/d(wrt) as a node of this graph. Iterative: no recursion, whatever the depth. */
  derivative(root: number, wrt: 'x' | 'y'): number {
    const d = new Map<number, number>();
    const one = this.ONE;
    const zero = this.ZERO;
    for (const id of this.reachable([root])) {
      const node = this.nodes[id];
      const [a, b] = node.args;
      const da = a === undefined ? zero : (d.get(a) as number);
      const db = b === undefined ? zero : (d.get(b) as number);
      let r: number;
      switch (node.op) {
        case 'num':
          r = zero;
          break;
        case 'x':
          r = wrt === 'x' ? one : zero;
          break;
        case 'y':
          r = wrt === 'y' ? one : zero;
          break;
        case 'add':
          r = this.add(da, db);
          break;
        case 'sub':
          r = this.sub(da, db);
          break;
        case 'neg':
          r = this.neg(da);
          break;
        case 'mul':
          r = this.add(this.dmul(da, b), this.dmul(a, db));
          break;
        case 'div':
          // d(a/b) = (da - (a/b) db) / b reuses the quotient itself.
          r = this.isZero(db) ? this.ddiv(da, b) : this.div(this.sub(da, this.dmul(id, db)), b);
          break;
        case 'pow':
          r = this.powDerivative(id, a, b, da, db);
          break;
        case 'gmul':
          r = this.add(this.gmul(da, b), this.gmul(a, db));
          break;
        case 'sel': {
          const [p, q, t, e] = node.args;
          r = this.sel(p, q, d.get(t) as number, d.get(e) as number);
          break;
        }
        case 'atan2':
          // atan2(a, b) = angle of the point (b, a): (b da - a db) / (a^2 + b^2)
          r = this.ddiv(this.sub(this.dmul(b, da), this.dmul(a, db)), this.add(this.mul(a, a), this.mul(b, b)));
          break;
        case 'min':
          r = this.sel(a, b, da, db);
          break;
        case 'max':
          r = this.sel(b, a, da, db);
          break;
        case 'hypot':
          r = this.gmul(this.add(this.dmul(a, da), this.dmul(b, db)), this.div(one, id));
          break;
        default:
          r = this.unaryDerivative(node.op, id, a, da);
      }
      d.set(id, r);
    }
    return d.get(root) as number;
  }

  private powDerivative(id: number, a: number, b: number, da: number, db: number): number {
    const c = this.constant(b);
    if (c !== undefined) {
      const rate = this.mul(this.num(c), this.pow(a, this.num(c - 1)));
      // 0 < c < 1: the rate is infinite at a = 0 where f is finite (sqrt-like); guard.
      return c < 1 && !Number.isInteger(c) ? this.gmul(da, rate) : this.dmul(da, rate);
    }
    const base = this.constant(a);
    if (base !== undefined) {
      // c^v: 0^v and 1^v are constant where defined, as mathjs's derivative has it.
      if (base === 0 || base === 1) return this.ZERO;
      return this.dmul(db, this.mul(this.num(Math.log(base)), id));
    }
    // a^b = exp(b log a): d = a^b (db log a + b da / a)
    return this.mul(id, this.add(this.dmul(db, this.call1('log', a)), this.dmul(da, this.div(b, a))));
  }

  private unaryDerivative(op: Op, id: number, a: number, da: number): number {
    if (this.isZero(da)) return this.ZERO;
    const one = this.ONE;
    const sq = (u: number) => this.mul(u, u);
    switch (op) {
      case 'sqrt':
        return this.gmul(da, this.div(this.num(0.5), id));
      case 'cbrt':
        return this.gmul(da, this.div(this.num(1 / 3), sq(id)));
      case 'exp':
        return this.mul(da, id);
      case 'expm1':
        return this.mul(da, this.add(id, one));
      case 'log':
        return this.div(da, a);
      case 'log10':
        return this.div(da, this.mul(this.num(Math.LN10), a));
      case 'log2':
        return this.div(da, this.mul(this.num(Math.LN2), a));
      case 'log1p':
        return this.div(da, this.add(one, a));
      case 'sin':
        return this.mul(da, this.call1('cos', a));
      case 'cos':
        return this.neg(this.mul(da, this.call1('sin', a)));
      case 'tan':
        return this.mul(da, this.add(one, sq(id)));
      case 'asin':
        return this.gmul(da, this.div(one, this.call1('sqrt', this.sub(one, sq(a)))));
      case 'acos':
        return this.neg(this.gmul(da, this.div(one, this.call1('sqrt', this.sub(one, sq(a))))));
      case 'atan':
        return this.div(da, this.add(one, sq(a)));
      case 'sinh':
        return this.mul(da, this.call1('cosh', a));
      case 'cosh':
        return this.mul(da, this.call1('sinh', a));
      case 'tanh':
        return this.mul(da, this.sub(one, sq(id)));
      case 'asinh':
        return this.div(da, this.call1('sqrt', this.add(sq(a), one)));
      case 'acosh':
        return this.gmul(da, this.div(one, this.call1('sqrt', this.sub(sq(a), one))));
      case 'atanh':
        return this.div(da, this.sub(one, sq(a)));
      case 'abs':
        return this.mul(da, this.call1('sign', a));
      case 'sign':
        return this.ZERO;
      default:
        throw new Error(`no derivative rule for ${op}`);
    }
  }

  /** Adds the checked tree to the graph; returns the root's id. */
  fromAst(ast: Ast): number {
    switch (ast.type) {
      case 'number':
        return this.num(ast.value);
      case 'variable':
        return ast.name === 'x' ? this.X : this.Y;
      case 'negate':
        return this.neg(this.fromAst(ast.arg));
      case 'binary': {
        const l = this.fromAst(ast.left);
        const r = this.fromAst(ast.right);
        if (ast.op === '+') return this.add(l, r);
        if (ast.op === '-') return this.sub(l, r);
        if (ast.op === '*') return this.mul(l, r);
        if (ast.op === '/') return this.div(l, r);
        return this.pow(l, r);
      }
      case 'call': {
        const args = ast.args.map((arg) => this.fromAst(arg));
        switch (ast.name) {
          case 'pow':
            return this.pow(args[0], args[1]);
          case 'square':
            return this.pow(args[0], this.num(2));
          case 'cube':
            return this.pow(args[0], this.num(3));
          case 'log':
            // mathjs: log(x, base) = log(x) / log(base)
            return args.length === 2
              ? this.div(this.call1('log', args[0]), this.call1('log', args[1]))
              : this.call1('log', args[0]);
          case 'atan2':
            return this.call2('atan2', args[0], args[1]);
          case 'min':
          case 'max':
          case 'hypot': {
            const fn = ast.name;
            let acc = args[0];
            if (args.length === 1) return fn === 'hypot' ? this.call1('abs', acc) : acc;
            for (let k = 1; k < args.length; k++) acc = this.call2(fn, acc, args[k]);
            return acc;
          }
          default:
            return this.call1(ast.name, args[0]);
        }
      }
    }
  }
}
