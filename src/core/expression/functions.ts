/**
 * The functions a typed-in expression may call. Each one is a `Math` function of the same name
 * (or reduces to operators: `pow`, `square`, `cube`, two-argument `log`), agrees with mathjs for
 * real arguments where mathjs returns a real number, and has a derivative rule in graph.ts.
 * Where mathjs would return a complex number (sqrt(-1), log(-1), asin(2)) ours gives NaN.
 */

export interface FunctionSpec {
  /** Fewest and most arguments. */
  readonly min: number;
  readonly max: number;
}

const one: FunctionSpec = { min: 1, max: 1 };
const two: FunctionSpec = { min: 2, max: 2 };
const many: FunctionSpec = { min: 1, max: Infinity };

export const FUNCTIONS = {
  sqrt: one,
  cbrt: one,
  exp: one,
  expm1: one,
  /** log(x) natural, log(x, base) = log(x) / log(base), as in mathjs. */
  log: { min: 1, max: 2 },
  log10: one,
  log2: one,
  log1p: one,
  sin: one,
  cos: one,
  tan: one,
  asin: one,
  acos: one,
  atan: one,
  /** atan2(y, x), the argument order of Math and mathjs. */
  atan2: two,
  sinh: one,
  cosh: one,
  tanh: one,
  asinh: one,
  acosh: one,
  atanh: one,
  abs: one,
  sign: one,
  min: many,
  max: many,
  hypot: many,
  pow: two,
  square: one,
  cube: one,
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

/** Own-property check, so `constructor`, `__proto__` and friends are never "known". */
export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** The values a name may stand for: the two variables and two constants. */
export const VARIABLES = ['x', 'y'] as const;
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, { pi: Math.PI, e: Math.E }),
);
