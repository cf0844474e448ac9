/**
 * checkExpression(): the allowlist, mathjs's syntax decisions (precedence, implicit
 * multiplication), and SurfaceErrors that name the problem and its character position.
 */
import { describe, expect, it } from 'vitest';
import { SurfaceError } from '../../src/core/expression/errors';
import type { SurfaceErrorCode } from '../../src/core/expression/errors';
import { FUNCTION_NAMES } from '../../src/core/expression/functions';
import { MAX_EXPRESSION_LENGTH, MAX_NESTING, checkExpression } from '../../src/core/expression/parse-check';
import type { Ast } from '../../src/core/expression/parse-check';

/** The SurfaceError that checkExpression throws for `text` (fails if it throws anything else). */
function errorOf(text: string): SurfaceError {
  try {
    checkExpression(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SurfaceError);
    return error as SurfaceError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

/** Expects a SurfaceError of `code` whose [start, end) covers exactly `culprit` in `text`. */
function expectRefused(text: string, code: SurfaceErrorCode, culprit: string | null, message: RegExp): void {
  const error = errorOf(text);
  expect(error.code, `${JSON.stringify(text)}: ${error.message}`).toBe(code);
  expect(error.message).toMatch(message);
  if (culprit !== null) {
    expect(text.slice(error.start, error.end), `${JSON.stringify(text)}: ${error.message}`).toBe(culprit);
    // The message gives the same place, 1-based.
    expect(error.message).toContain(`character${error.end - error.start > 1 ? 's' : ''} ${error.start + 1}`);
  }
}

/** A compact rendering of our tree, fully parenthesised, to pin down structure. */
function show(ast: Ast): string {
  switch (ast.type) {
    case 'number':
      return String(ast.value);
    case 'variable':
      return ast.name;
    case 'negate':
      return `(-${show(ast.arg)})`;
    case 'binary':
      return `(${show(ast.left)} ${ast.op} ${show(ast.right)})`;
    case 'call':
      return `${ast.name}(${ast.args.map(show).join(', ')})`;
  }
}

describe('checkExpression', () => {
  it('accepts numbers, x, y, pi, e, + - * / ^, unary signs, parentheses and every allowlisted function', () => {
    expect(show(checkExpression('1 + 2.5 * x - y / 4').ast)).toBe('((1 + (2.5 * x)) - (y / 4))');
    expect(show(checkExpression('pi * e').ast)).toBe(`(${Math.PI} * ${Math.E})`);
    expect(show(checkExpression('+x - -y').ast)).toBe('(x - (-y))');
    expect(show(checkExpression('.5e1 + 0x10 + 1e-3').ast)).toBe('((5 + 16) + 0.001)');
    for (const name of FUNCTION_NAMES) {
      const args = ['pow', 'atan2'].includes(name) ? '(x, y)' : '(x)';
      expect(checkExpression(`${name}${args}`).ast).toMatchObject({ type: 'call', name });
    }
    expect(show(checkExpression('log(x, 2) + min(x, y, 1) + hypot(x, y, 3)').ast)).toBe(
      '((log(x, 2) + min(x, y, 1)) + hypot(x, y, 3))',
    );
  });

  it('follows mathjs precedence: ^ is right-associative and binds tighter than unary minus', () => {
    expect(show(checkExpression('2^3^2').ast)).toBe('(2 ^ (3 ^ 2))');
    expect(show(checkExpression('-x^2').ast)).toBe('(-(x ^ 2))');
    expect(show(checkExpression('x^-y^2').ast)).toBe('(x ^ (-(y ^ 2)))');
    expect(show(checkExpression('x - y - 1').ast)).toBe('((x - y) - 1)');
    expect(show(checkExpression('x / y / 2').ast)).toBe('((x / y) / 2)');
  });

  it('accepts implicit multiplication as mathjs reads it, and shows it in the normalised text', () => {
    expect(show(checkExpression('2x').ast)).toBe('(2 * x)');
    expect(show(checkExpression('2x^2').ast)).toBe('(2 * (x ^ 2))');
    expect(show(checkExpression('2e').ast)).toBe(`(2 * ${Math.E})`); // not a malformed exponent
    expect(show(checkExpression('2 pi y').ast)).toBe(`((2 * ${Math.PI}) * y)`);
    expect(show(checkExpression('(x+1)(y-1)').ast)).toBe('((x + 1) * (y - 1))');
    // mathjs's rule: a number divided by a number then implicitly times a name is (1/2)*x.
    expect(show(checkExpression('1/2x').ast)).toBe('((1 / 2) * x)');
    expect(checkExpression('2x + 3 y').normalized).toBe('2 * x + 3 * y');
    expect(checkExpression('sin(x)cos(y)').normalized).toBe('sin(x) * cos(y)');
  });

  it('ignores comments and line breaks before and after the expression', () => {
    expect(show(checkExpression('\n x^2 # a bowl\n').ast)).toBe('(x ^ 2)');
    expect(show(checkExpression('(x +\n y)').ast)).toBe('(x + y)');
    expect(show(checkExpression('# a bowl\nx^2 + y^2').ast)).toBe('((x ^ 2) + (y ^ 2))');
    expect(show(checkExpression('(x^2 + # the x part\n y^2)').ast)).toBe('((x ^ 2) + (y ^ 2))');
  });

  it('refuses unknown functions and variables at their position, and says what is allowed', () => {
    expectRefused('x + foo(y)', 'unknown-function', 'foo', /unknown function "foo".*sqrt, .*max/);
    expectRefused('x + z', 'unknown-variable', 'z', /unknown variable "z".*x and y.*pi and e/);
    expectRefused('sin(x) + sin y', 'unknown-variable', 'sin', /"sin" is a function: call it as sin\(/);
    expectRefused('3 + x(y + 1)', 'unknown-function', 'x', /"x" is not a function.*x \* \(/);
    expectRefused('NaN * x', 'unknown-variable', 'NaN', /unknown variable "NaN"/);
    expectRefused('x + Infinity', 'unknown-variable', 'Infinity', /unknown variable/);
    expectRefused('true + x', 'unknown-variable', 'true', /unknown variable "true"/);
    expectRefused('import("fs")', 'unknown-function', 'import', /unknown function "import"/);
    expectRefused('x * evaluate(y)', 'unknown-function', 'evaluate', /unknown function "evaluate"/);
    expectRefused('createUnit(x)', 'unknown-function', 'createUnit', /unknown function/);
    expectRefused('__proto__ + x', 'unknown-variable', '__proto__', /unknown variable "__proto__"/);
    expectRefused('x + constructor(1)', 'unknown-function', 'constructor', /unknown function "constructor"/);
    expectRefused('PI * x', 'unknown-variable', 'PI', /unknown variable "PI"/);
  });

  it('refuses disallowed constructs at the offending character', () => {
    expectRefused('x + "str"', 'disallowed', '"str"', /quotes are not allowed/);
    expectRefused("x'", 'disallowed', "'", /quotes/);
    expectRefused('x = 1', 'disallowed', '=', /assignment/);
    expectRefused('f(x) = x^2', 'unknown-function', 'f', /unknown function "f"/);
    expectRefused('g(t) = t', 'unknown-function', 'g', /unknown function/);
    expectRefused('x == y', 'disallowed', '=', /assignment, function definitions and comparisons/);
    expectRefused('[1, 2]', 'disallowed', '[', /matrices/);
    expectRefused('x + {a: 1}', 'disallowed', '{', /objects/);
    expectRefused('x.constructor', 'disallowed', '.', /property access/);
    expectRefused('cos.constructor("return process")()', 'disallowed', '.', /property access/);
    expectRefused('x; y', 'disallowed', ';', /only one expression/);
    expectRefused('x\ny', 'disallowed', '\n', /only one expression/);
    expectRefused('x > 1 ? x : y', 'disallowed', '>', /comparisons/);
    expectRefused('1:3', 'disallowed', ':', /conditionals and ranges/);
    expectRefused('x!', 'disallowed', '!', /factorials/);
    expectRefused('x % 3', 'disallowed', '%', /modulo/);
    expectRefused('x mod 3', 'disallowed', 'mod', /operator "mod"/);
    expectRefused('x to y', 'disallowed', 'to', /operator "to"/);
    expectRefused('x & y', 'disallowed', '&', /bitwise/);
    expectRefused('x .* y', 'disallowed', '.', /element-wise/);
    expectRefused('x @ y', 'disallowed', '@', /unexpected character "@"/);
  });

  it('places a broken exponent at the character mathjs names, not at the start of the number', () => {
    for (const [text, at] of [
      ['x^2 + y^2 + 2e+x', 15],
      ['1e-y + x', 3],
    ] as const) {
      let error: unknown;
      try {
        checkExpression(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(SurfaceError);
      expect((error as SurfaceError).start, text).toBe(at);
      expect((error as SurfaceError).message, text).toContain(`at character ${at + 1}`);
    }
  });

  it('refuses wrong argument counts at the function name', () => {
    expectRefused('x + sin(x, y)', 'arity', 'sin', /sin\(\) takes 1 argument, got 2/);
    expectRefused('atan2(y)', 'arity', 'atan2', /takes 2 arguments, got 1/);
    expectRefused('log(x, 2, 3)', 'arity', 'log', /takes 1 or 2 arguments, got 3/);
    expectRefused('max()', 'arity', 'max', /at least 1 argument, got 0/);
    // The second call of the same name is the one at fault, and the position says so.
    expectRefused('sin(x) + sin(x, y)', 'arity', 'sin', /at characters 10–12/);
  });

  it('reports syntax errors with mathjs reason and position', () => {
    expectRefused('x + * y', 'syntax', '*', /Value expected/);
    expectRefused('sin(x', 'syntax', null, /Parenthesis \) expected/);
    const end = errorOf('x +');
    expect(end.code).toBe('syntax');
    expect(end.message).toMatch(/end of expression/);
    expect([end.start, end.end]).toEqual([3, 3]);
  });

  it('refuses empty input, non-strings and non-finite literals', () => {
    expect(errorOf('').code).toBe('empty');
    expect(errorOf('   \n  ').code).toBe('empty');
    expect(errorOf('# only a comment').code).toBe('empty');
    expect(errorOf(42 as unknown as string).code).toBe('type');
    expectRefused('x + 1e400', 'bad-number', '1e400', /not finite|too large/);
  });

  it(`refuses more than ${MAX_EXPRESSION_LENGTH} characters, and nesting deeper than ${MAX_NESTING}`, () => {
    const ok = `${'x+'.repeat(MAX_EXPRESSION_LENGTH / 2 - 1)}10`;
    expect(ok.length).toBe(MAX_EXPRESSION_LENGTH);
    expect(() => checkExpression(ok)).not.toThrow(); // a long sum is long, not deep
    const long = errorOf(`${ok}+y`);
    expect(long.code).toBe('too-long');
    expect(long.message).toMatch(/1002 characters long; at most 1000/);
    expect([long.start, long.end]).toEqual([MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_LENGTH + 2]);
    expect(errorOf('x'.repeat(5000)).code).toBe('too-long');

    const nested = (n: number) => `${'('.repeat(n)}x${')'.repeat(n)}`;
    expect(() => checkExpression(nested(MAX_NESTING - 1))).not.toThrow();
    const deep = errorOf(nested(MAX_NESTING + 1));
    expect(deep.code).toBe('too-deep');
    expect(deep.start).toBe(MAX_NESTING);
    expect(errorOf(`${'sin('.repeat(MAX_NESTING + 1)}x${')'.repeat(MAX_NESTING + 1)}`).code).toBe('too-deep');
    expect(errorOf(`${'-'.repeat(200)}x`).code).toBe('too-deep');
    expect(errorOf(`${'x^'.repeat(100)}x`).code).toBe('too-deep');
    // mathjs's recursive parser never sees 500 open brackets.
    expect(errorOf(nested(499)).code).toBe('too-deep');
  });

  it('normalises to text that mathjs parses back to the same tree', () => {
    for (const text of ['sin(x)*cos(y) + 0.1*(x^2+y^2)', '-x^2 - 2^-y', '2x*(y+1)', 'log(x, 2) / e', '(x+1)(y+1)']) {
      const first = checkExpression(text);
      expect(checkExpression(first.normalized)).toEqual(first);
    }
  });
});
