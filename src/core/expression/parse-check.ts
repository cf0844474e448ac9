/**
 * Typed-in text -> a checked expression tree, or a SurfaceError that says what and where.
 *
 * Two passes guard the door:
 * 1. A small scanner of our own walks the raw text first. It knows where every name, bracket
 *    and stray character is, so it reports unknown functions and variables, disallowed
 *    characters and too-deep brackets at their exact character position (mathjs nodes carry no
 *    positions), and it keeps pathological input (thousands of nested brackets) away from
 *    mathjs's recursive-descent parser.
 * 2. mathjs parses the text, and the resulting tree is walked against an allowlist: numbers,
 *    x, y, pi, e, + - * / ^, unary minus and plus, parentheses and calls of the functions in
 *    functions.ts. Anything else (strings, assignment, function definitions, matrices, objects,
 *    property access, conditionals, ranges, units, ...) is refused. This walk is the real guard;
 *    the scanner only makes the messages better. Nothing is ever evaluated: the output is a tree
 *    of our own that holds only numbers, 'x', 'y', operator symbols and allowlisted names.
 *
 * mathjs syntax is followed as is: `^` is right-associative (2^3^2 = 512), unary minus binds
 * looser than `^` (-x^2 = -(x^2)), and implicit multiplication works as in mathjs (2x, 2 pi,
 * (x+1)(y+1); note mathjs reads 1/2x as (1/2)*x). The normalised text shows every implicit `*`.
 */
import { create, parseDependencies } from 'mathjs/number';
import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';
import { SurfaceError, where } from './errors';
import { CONSTANTS, FUNCTION_NAMES, FUNCTIONS, isFunctionName } from './functions';
import type { FunctionName } from './functions';

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 1000;
/**
 * Deepest nesting accepted: of brackets, and of operators in the tree (a chain of + and -, or
 * of * and /, counts as one level, so long sums are fine; `----x` or `x^x^x` chains are not).
 */
export const MAX_NESTING = 64;

/** The checked tree: nothing in it can name anything outside the allowlist. */
export type Ast =
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'variable'; readonly name: 'x' | 'y' }
  | { readonly type: 'negate'; readonly arg: Ast }
  | { readonly type: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Ast; readonly right: Ast }
  | { readonly type: 'call'; readonly name: FunctionName; readonly args: readonly Ast[] };

export interface CheckedExpression {
  readonly ast: Ast;
  /** mathjs's rendering of the tree, implicit multiplication shown: re-parses to the same f. */
  readonly normalized: string;
}

// A private mathjs instance: its parser config cannot be changed by other code on the page
// (math.config({ number: 'BigNumber' }) on the shared instance would change what parse returns).
const math = create({ parseDependencies }, { number: 'number' });

interface Token {
  readonly kind: 'number' | 'name' | 'string' | 'char' | 'newline';
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** For names: followed (after spaces) by '(', i.e. called as a function. */
  call?: boolean;
}

/** The identifier characters of mathjs's parser (parse.isValidLatinOrGreek). */
const NAME_START = /[a-zA-Z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]/;
const NAME_PART = /[a-zA-Z_$\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F0-9]/;
const DIGIT = /[0-9]/;
const SPACE = /[ \t\u00A0\r]/;
/** Names mathjs reads as operators. */
const NAMED_OPERATORS = new Set(['mod', 'to', 'in', 'and', 'xor', 'or', 'not']);

/**
 * Splits the text into tokens the way mathjs's tokenizer does, closely enough to place errors.
 * Never throws; characters it does not know become one-character 'char' tokens.
 */
function scan(text: string, comments: [number, number][] = []): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (SPACE.test(c)) {
      i++;
    } else if (c === '#') {
      const start = i;
      while (i < n && text[i] !== '\n') i++;
      comments.push([start, i]);
    } else if (c === '\n') {
      tokens.push({ kind: 'newline', start: i, end: i + 1, text: c });
      i++;
    } else if (c === '"' || c === "'") {
      // A quote opens a string in mathjs (or, after a value, is the transpose operator); both are
      // refused, so its extent only matters for the message.
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', start: i, end: Math.min(j + 1, n), text: text.slice(i, Math.min(j + 1, n)) });
      i = j + 1;
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      let j = i;
      const prefix = text.slice(i, i + 2);
      if (prefix === '0x' || prefix === '0b' || prefix === '0o') {
        j += 2;
        while (j < n && (NAME_PART.test(text[j]) || text[j] === '.')) j++;
      } else {
        while (j < n && DIGIT.test(text[j])) j++;
        if (text[j] === '.') j++;
        while (j < n && DIGIT.test(text[j])) j++;
        if ((text[j] === 'e' || text[j] === 'E') && /^[+-]?[0-9]/.test(text.slice(j + 1, j + 3))) {
          j += text[j + 1] === '+' || text[j + 1] === '-' ? 2 : 1;
          while (j < n && DIGIT.test(text[j])) j++;
        }
      }
      tokens.push({ kind: 'number', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < n && NAME_PART.test(text[j])) j++;
      tokens.push({ kind: 'name', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else {
      // Keep surrogate pairs whole so the reported extent is one visible character.
      const width = c >= '\uD800' && c <= '\uDBFF' && i + 1 < n ? 2 : 1;
      tokens.push({ kind: 'char', start: i, end: i + width, text: text.slice(i, i + width) });
      i += width;
    }
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'name') t.call = tokens[k + 1]?.kind === 'char' && tokens[k + 1].text === '(';
  }
  return tokens;
}

/** Why a character outside the grammar is refused. */
function charProblem(c: string): string {
  switch (c) {
    case '=':
      return 'assignment, function definitions and comparisons are not allowed';
    case '<':
    case '>':
      return 'comparisons are not allowed';
    case '!':
      return 'factorials and comparisons are not allowed';
    case '.':
      return '"." is only allowed inside numbers (no property access or element-wise operators)';
    case '[':
    case ']':
      return 'matrices and indexing are not allowed';
    case '{':
    case '}':
      return 'objects are not allowed';
    case ';':
      return 'only one expression is allowed';
    case '?':
    case ':':
      return 'conditionals and ranges are not allowed';
    case '%':
      return 'the modulo operator is not allowed';
    case '&':
    case '|':
    case '~':
      return 'bitwise and logical operators are not allowed';
    default:
      return `unexpected character ${JSON.stringify(c)}`;
  }
}

const FUNCTION_LIST = FUNCTION_NAMES.join(', ');

function unknownName(token: Token): SurfaceError {
  const { text: name, start, end } = token;
  const at = where(start, end);
  if (token.call) {
    if (name === 'x' || name === 'y' || name in CONSTANTS) {
      return new SurfaceError(
        'unknown-function',
        `"${name}" is not a function (${at}); to multiply, write ${name} * (...)`,
        start,
        end,
      );
    }
    return new SurfaceError('unknown-function', `unknown function "${name}" ${at}; the functions are ${FUNCTION_LIST}`, start, end);
  }
  if (isFunctionName(name)) {
    return new SurfaceError('unknown-variable', `"${name}" is a function: call it as ${name}(...) (${at})`, start, end);
  }
  return new SurfaceError(
    'unknown-variable',
    `unknown variable "${name}" ${at}; the variables are x and y, the constants pi and e`,
    start,
    end,
  );
}

/** Pass 1: everything that can be placed exactly, before mathjs sees the text. */
function prescan(tokens: readonly Token[]): void {
  let depth = 0;
  const first = tokens.findIndex((t) => t.kind !== 'newline');
  const last = tokens.length - 1 - [...tokens].reverse().findIndex((t) => t.kind !== 'newline');
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const at = where(t.start, t.end);
    switch (t.kind) {
      case 'string':
        throw new SurfaceError('disallowed', `quotes are not allowed (${at}): no strings or transposes`, t.start, t.end);
      case 'newline':
        // mathjs ends a statement at a line break outside brackets; leading and trailing ones
        // are harmless (blanked before parsing), one between two parts starts a second statement.
        if (depth === 0 && k > first && k < last) {
          throw new SurfaceError('disallowed', `only one expression is allowed: a line break outside brackets starts another (${at})`, t.start, t.end);
        }
        break;
      case 'number': {
        if (/^[0-9.]/.test(t.text) && !/^0[xbo]/.test(t.text) && !Number.isFinite(Number(t.text))) {
          throw new SurfaceError('bad-number', `the number ${t.text} ${at} is too large to be finite`, t.start, t.end);
        }
        break;
      }
      case 'name':
        if (NAMED_OPERATORS.has(t.text)) {
          throw new SurfaceError('disallowed', `the operator "${t.text}" is not allowed (${at})`, t.start, t.end);
        }
        // A name before "." is left for the "." to report (property access, x.constructor).
        if (tokens[k + 1]?.text === '.') break;
        if (t.call ? !isFunctionName(t.text) : !(t.text === 'x' || t.text === 'y' || t.text in CONSTANTS)) {
          throw unknownName(t);
        }
        break;
      case 'char':
        if (t.text === '(') {
          depth++;
          if (depth > MAX_NESTING) {
            throw new SurfaceError('too-deep', `brackets are nested too deep ${at} (at most ${MAX_NESTING} levels)`, t.start, t.end);
          }
        } else if (t.text === ')') {
          depth--;
        } else if (!'+-*/^,'.includes(t.text)) {
          throw new SurfaceError('disallowed', `${charProblem(t.text)} (${at})`, t.start, t.end);
        }
        break;
    }
  }
}

/** Maps the k-th function call / k-th variable of a name in the tree to its token. */
class Places {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}
  /** Counts one more occurrence; returns a function that finds its place (only on errors). */
  next(name: string, call: boolean): () => { start: number; end: number } {
    const key = `${call ? 'f' : 'v'}:${name}`;
    const k = this.seen.get(key) ?? 0;
    this.seen.set(key, k + 1);
    return () => {
      const matches = this.tokens.filter((t) => t.kind === 'name' && t.text === name && t.call === call);
      const t = matches[k];
      return t ? { start: t.start, end: t.end } : { start: 0, end: this.length };
    };
  }
}

/** Operator families whose left-nested chains count as one nesting level. */
function family(node: MathNode): string | undefined {
  if (node.type !== 'OperatorNode') return undefined;
  const fn = (node as OperatorNode).fn as string;
  if (fn === 'add' || fn === 'subtract') return '+';
  if (fn === 'multiply' || fn === 'divide') return '*';
  return undefined;
}

const BINARY: Record<string, '+' | '-' | '*' | '/' | '^'> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
};

/** Pass 2: the allowlist walk over mathjs's tree, producing our own tree. */
function toAst(root: MathNode, text: string, places: Places): Ast {
  const everywhere = (code: 'disallowed' | 'too-deep' | 'bad-number', message: string) =>
    new SurfaceError(code, message, 0, text.length);

  const walk = (node: MathNode, depth: number): Ast => {
    if (depth > MAX_NESTING) {
      throw everywhere('too-deep', `the expression is nested too deep (more than ${MAX_NESTING} levels of operators)`);
    }
    switch (node.type) {
      case 'ConstantNode': {
        const { value } = node as ConstantNode<string | number | boolean | null | undefined>;
        if (typeof value !== 'number') throw everywhere('disallowed', `only numbers are allowed as constants, got ${String(value)}`);
        if (!Number.isFinite(value)) throw everywhere('bad-number', `the number ${String(value)} is not finite`);
        return { type: 'number', value };
      }
      case 'SymbolNode': {
        const { name } = node as SymbolNode;
        if (name === 'x' || name === 'y') return { type: 'variable', name };
        if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) return { type: 'number', value: CONSTANTS[name] };
        const { start, end } = places.next(name, false)();
        throw unknownName({ kind: 'name', text: name, start, end, call: false });
      }
      case 'ParenthesisNode':
        return walk((node as ParenthesisNode).content, depth + 1);
      case 'OperatorNode': {
        const op = node as OperatorNode;
        const fn = op.fn as string;
        const args = op.args;
        if ((fn === 'unaryMinus' || fn === 'unaryPlus') && args.length === 1) {
          const arg = walk(args[0], depth + 1);
          return fn === 'unaryMinus' ? { type: 'negate', arg } : arg;
        }
        const symbol = Object.prototype.hasOwnProperty.call(BINARY, fn) ? BINARY[fn] : undefined;
        if (symbol && args.length === 2) {
          const own = family(node);
          // The left operand of a chain like a + b - c stays on this level.
          const left = walk(args[0], own && family(args[0]) === own ? depth : depth + 1);
          const right = walk(args[1], depth + 1);
          return { type: 'binary', op: symbol, left, right };
        }
        throw everywhere('disallowed', `the operator "${String(op.op)}" is not allowed`);
      }
      case 'FunctionNode': {
        const call = node as FunctionNode<MathNode>;
        if (call.fn.type !== 'SymbolNode') throw everywhere('disallowed', 'only named functions can be called');
        const name = (call.fn as unknown as SymbolNode).name;
        const locate = places.next(name, true);
        if (!isFunctionName(name)) throw unknownName({ kind: 'name', text: name, ...locate(), call: true });
        const spec = FUNCTIONS[name];
        const count = call.args.length;
        if (count < spec.min || count > spec.max) {
          const place = locate();
          const wanted =
            spec.min === spec.max
              ? `${spec.min} argument${spec.min === 1 ? '' : 's'}`
              : spec.max === Infinity
                ? `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`
                : `${spec.min} or ${spec.max} arguments`;
          throw new SurfaceError(
            'arity',
            `${name}() takes ${wanted}, got ${count} (${where(place.start, place.end)})`,
            place.start,
            place.end,
          );
        }
        return { type: 'call', name, args: call.args.map((a) => walk(a, depth + 1)) };
      }
      default:
        throw everywhere('disallowed', `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`);
    }
  };
  return walk(root, 1);
}

/**
 * Checks `text` and returns its tree, or throws a SurfaceError (never anything else) that says
 * what is wrong and at which characters.
 */
export function checkExpression(text: string): CheckedExpression {
  if (typeof text !== 'string') {
    throw new SurfaceError('type', `the expression must be a string, got ${typeof text}`, 0, 0);
  }
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new SurfaceError(
      'too-long',
      `the expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
      MAX_EXPRESSION_LENGTH,
      text.length,
    );
  }
  const comments: [number, number][] = [];
  const tokens = scan(text, comments);
  if (!tokens.some((t) => t.kind !== 'newline')) throw new SurfaceError('empty', 'the expression is empty', 0, text.length);
  prescan(tokens);
  let tree: MathNode;
  try {
    // Comments, and line breaks before and after the expression, become spaces: the same
    // positions, and one statement even where a comment line comes first.
    let plain = text;
    for (const [from, to] of comments) plain = plain.slice(0, from) + ' '.repeat(to - from) + plain.slice(to);
    tree = math.parse(plain.replace(/^\s+|\s+$/g, (blank) => ' '.repeat(blank.length)));
  } catch (error) {
    if (error instanceof SyntaxError) {
      const char = (error as SyntaxError & { char?: unknown }).char;
      let start = typeof char === 'number' && char >= 1 ? Math.min(char - 1, text.length) : 0;
      // Inside a number mathjs reports where the number starts ("2e+x": at the 2): the fault is
      // the character it names, the first such one from there.
      const got = /got "(.)"/.exec(error.message)?.[1];
      if (got !== undefined) {
        const at = text.indexOf(got, start);
        if (at >= 0) start = at;
      }
      const end = Math.min(start + 1, text.length);
      const reason = error.message.replace(/\s*\(char \d+\)$/, '');
      const atEnd = start >= text.trimEnd().length;
      const place = atEnd ? (/end of expression/i.test(reason) ? '' : 'at the end of the expression') : where(start, end);
      throw new SurfaceError('syntax', place ? `${reason} ${place}` : reason, start, end);
    }
    if (error instanceof RangeError) {
      throw new SurfaceError('too-deep', 'the expression is nested too deep to parse', 0, text.length);
    }
    throw new SurfaceError('syntax', `cannot parse the expression: ${String((error as Error)?.message ?? error)}`, 0, text.length);
  }
  const ast = toAst(tree, text, new Places(tokens, text.length));
  let normalized: string;
  try {
    normalized = tree.toString({ implicit: 'show' });
  } catch {
    normalized = text.trim();
  }
  return { ast, normalized };
}
