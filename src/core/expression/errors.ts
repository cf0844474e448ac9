/**
 * The one error a typed-in expression can raise. It says what is wrong and where: `start` and
 * `end` are 0-based offsets into the expression as typed (`end` exclusive, like
 * `String.prototype.slice`), so an editor can underline `expr.slice(start, end)`; the message
 * gives the same place 1-based ("at character 5"), as people count.
 */

/** What kind of problem the expression has. */
export type SurfaceErrorCode =
  /** Not a string. */
  | 'type'
  /** Nothing but whitespace or comments. */
  | 'empty'
  /** Longer than MAX_EXPRESSION_LENGTH characters. */
  | 'too-long'
  /** Brackets or operators nested deeper than MAX_NESTING. */
  | 'too-deep'
  /** mathjs cannot parse it. */
  | 'syntax'
  /** A name called as a function that is not on the allowlist. */
  | 'unknown-function'
  /** A name used as a value other than x, y, pi and e. */
  | 'unknown-variable'
  /** A function called with the wrong number of arguments. */
  | 'arity'
  /** A construct outside the allowlist: strings, assignment, matrices, property access, ... */
  | 'disallowed'
  /** A number literal that is not finite (1e400). */
  | 'bad-number'
  /** f is not finite on most of the domain. */
  | 'not-finite'
  /** f, its gradient and its Hessian need more than MAX_GRAPH_NODES operations. */
  | 'too-complex';

export class SurfaceError extends SyntaxError {
  readonly code: SurfaceErrorCode;
  /** 0-based offset of the first character at fault. */
  readonly start: number;
  /** 0-based offset just past the last character at fault. */
  readonly end: number;
  constructor(code: SurfaceErrorCode, message: string, start: number, end: number) {
    super(message);
    this.name = 'SurfaceError';
    this.code = code;
    this.start = start;
    this.end = end;
  }
}

/** "at character 5" or "at characters 5–7", 1-based for people. */
export function where(start: number, end: number): string {
  return end - start > 1 ? `at characters ${start + 1}–${end}` : `at character ${start + 1}`;
}
