/**
 * Fuzz: thousands of random, mutated and hostile expressions (seeded, so every run is the same)
 * give either a Surface or a SurfaceError: never another exception, never a hang, never a side
 * effect on the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SurfaceError } from '../../src/core/expression/errors';
import type { SurfaceErrorCode } from '../../src/core/expression/errors';
import { FUNCTION_NAMES } from '../../src/core/expression/functions';
import { compileExpression, compileSurface } from '../../src/core/expression/index';
import { mulberry32 } from '../../src/core/random';

const CODES: readonly SurfaceErrorCode[] = [
  'type', 'empty', 'too-long', 'too-deep', 'syntax', 'unknown-function', 'unknown-variable', 'arity',
  'disallowed', 'bad-number', 'not-finite',
];

/** Per-case bound: far above the slowest real case, so it only ever catches a hang. */
const HANG_MS = 2000;

/** Things that would do harm if anything ever evaluated them as code or as mathjs. */
const HOSTILE = [
  'import',
  'import("fs")',
  'import({}, {override: true})',
  'createUnit("foo")',
  'evaluate("1+1")',
  'parse("x")',
  'compile("x")',
  'simplify("x")',
  'config({number: "BigNumber"})',
  'f(x)=1',
  'x=1',
  'pi=3',
  '"str"',
  "'str'",
  '[1,2]',
  '{a:1}',
  'x.constructor',
  'cos.constructor("return process")()',
  'sin.constructor("globalThis.__descentFuzzSentinel = 1")()',
  'x["constructor"]',
  '__proto__',
  '__proto__.polluted',
  'constructor',
  'toString()',
  'valueOf',
  'hasOwnProperty("x")',
  'globalThis.__descentFuzzSentinel = 2',
  'process.exit(1)',
  'process.env.FUZZ = 1',
  'require("child_process")',
  'Function("return 1")()',
  'eval("1")',
  'this',
  '1 ? 2 : 3',
  'a.b.c',
  '1:10',
  'x to cm',
  '5 cm',
  'x;y',
  'x\ny',
  '# comment\nx',
  '`x`',
  '${x}',
  '\\u0061',
  '\u0000',
  '\u2028',
  'π',
  'ℯ',
  '𝑥',
  'x?.y',
  'x ?? y',
  'x => x',
  '() => 1',
  'new Function',
  'delete x',
  'typeof x',
  'x++',
  'x += 1',
  '0xFFi8',
  '1e400',
  '-1e-400',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'x!',
  "x'",
  'x % 2',
  'x mod 2',
  'not x',
  'x and y',
  'x | y',
  'x << 2',
  'x == y',
  'matrix([1])',
  'map([1], f)',
  'resolve(x, {x: 1})',
  'derivative("x", "x")',
];

const SPACES = ['', '', '', ' ', '  ', '\t'];
const NUMBER_FORMS = ['0', '1', '2', '0.5', '.25', '3.14159', '1e-3', '2.5e2', '10', '0x10', '100'];
const NAMES = ['x', 'y', 'x', 'y', 'pi', 'e'];
const OPERATORS = ['+', '-', '*', '/', '^'];

/** A random expression from the allowed grammar (mostly), `depth` levels deep at most. */
function grammar(rnd: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const sp = () => pick(SPACES);
  const r = rnd();
  if (depth <= 0 || r < 0.25) return rnd() < 0.5 ? pick(NUMBER_FORMS) : pick(NAMES);
  if (r < 0.55) return `${grammar(rnd, depth - 1)}${sp()}${pick(OPERATORS)}${sp()}${grammar(rnd, depth - 1)}`;
  if (r < 0.65) return `${pick(['-', '+'])}${grammar(rnd, depth - 1)}`;
  if (r < 0.75) return `(${sp()}${grammar(rnd, depth - 1)}${sp()})`;
  if (r < 0.8) return `${pick(NUMBER_FORMS)}${pick(['x', 'y', ' pi', '(x+1)'])}`; // implicit multiplication
  const name = rnd() < 0.95 ? pick(FUNCTION_NAMES) : pick(['foo', 'z', 'evaluate', 'constructor', 'x']);
  // Mostly the right number of arguments, sometimes not.
  const arity = rnd() < 0.85 ? (['atan2', 'pow'].includes(name) ? 2 : ['min', 'max', 'hypot', 'log'].includes(name) ? 1 + Math.floor(rnd() * 3) : 1) : Math.floor(rnd() * 4);
  const args = Array.from({ length: arity }, () => grammar(rnd, depth - 1));
  return `${name}(${args.join(`,${sp()}`)})`;
}

/** One random edit: delete, duplicate, swap, insert a character or a hostile snippet, cut. */
function mutate(rnd: () => number, text: string): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.2) return text.slice(0, at) + text.slice(at + 1);
  if (r < 0.35) return text.slice(0, at) + text.slice(at, at + 1).repeat(2) + text.slice(at + 1);
  if (r < 0.5 && text.length > 1) {
    const i = Math.min(at, text.length - 2);
    return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
  }
  if (r < 0.7) {
    const chars = '()[]{}.,;:=!?"\'`$#%&|~<>@\\+-*/^ \n0123456789xyzeπ';
    return text.slice(0, at) + chars[Math.floor(rnd() * chars.length)] + text.slice(at);
  }
  if (r < 0.9) return text.slice(0, at) + HOSTILE[Math.floor(rnd() * HOSTILE.length)] + text.slice(at);
  return text.slice(0, at);
}

function corpus(): string[] {
  const rnd = mulberry32(20240601);
  const cases: string[] = [...HOSTILE];
  for (const h of HOSTILE) cases.push(`x + ${h}`, `sin(${h})`, `${h} * y`);
  const nested = (n: number, open: string, close: string) => `${open.repeat(n)}x${close.repeat(n)}`;
  for (const n of [63, 64, 65, 200, 499, 2000]) {
    cases.push(nested(n, '(', ')'), nested(n, 'sin(', ')'), nested(n, '(', ''), nested(n, '', ')'), `${'-'.repeat(n)}x`, `${'x^'.repeat(n)}x`);
  }
  cases.push('x+'.repeat(2500), 'x'.repeat(5000), `${'x+'.repeat(499)}x`, `${'('.repeat(5000)}`, ' '.repeat(5000), '1'.repeat(999), '9'.repeat(400));
  for (let k = 0; k < 2500; k++) {
    let text = grammar(rnd, 1 + Math.floor(rnd() * 6));
    const edits = rnd() < 0.4 ? 0 : 1 + Math.floor(rnd() * 3);
    for (let m = 0; m < edits; m++) text = mutate(rnd, text);
    cases.push(text);
  }
  return cases;
}

function snapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(',');
  return JSON.stringify({
    object: names(Object.prototype),
    fn: names(Function.prototype),
    array: names(Array.prototype),
    string: names(String.prototype),
    number: names(Number.prototype),
    global: names(globalThis),
    env: process.env,
    math: names(Math),
  });
}

describe('compileSurface fuzz', () => {
  const cases = corpus();
  let before = '';
  beforeAll(() => {
    (globalThis as Record<string, unknown>).__descentFuzzSentinel = 'untouched';
    before = snapshot();
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).__descentFuzzSentinel;
  });

  it(`has thousands of cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThan(2500);
  });

  it('every case gives a compiled expression or a SurfaceError, quickly', () => {
    const outcomes = { ok: 0, refused: 0 } as Record<string, number>;
    const g = new Float64Array(2);
    const h = new Float64Array(3);
    for (const text of cases) {
      const t0 = performance.now();
      try {
        const c = compileExpression(text);
        outcomes.ok++;
        for (const [x, y] of [[0, 0], [1.5, -2], [-3, 4]]) {
          expect(typeof c.f(x, y)).toBe('number');
          c.grad(x, y, g);
          c.hessian(x, y, h);
        }
        expect(typeof c.expr).toBe('string');
      } catch (error) {
        if (!(error instanceof SurfaceError)) {
          throw new Error(`${JSON.stringify(text).slice(0, 200)} threw ${String(error)}`);
        }
        outcomes.refused++;
        outcomes[error.code] = (outcomes[error.code] ?? 0) + 1;
        expect(CODES).toContain(error.code);
        expect(error.message.length).toBeGreaterThan(10);
        expect(Number.isInteger(error.start) && Number.isInteger(error.end)).toBe(true);
        expect(0 <= error.start && error.start <= error.end && error.end <= text.length, `${JSON.stringify(text)}: [${error.start}, ${error.end})`).toBe(true);
      }
      const ms = performance.now() - t0;
      expect(ms, JSON.stringify(text).slice(0, 200)).toBeLessThan(HANG_MS);
    }
    // The corpus exercises both outcomes and many kinds of refusal.
    expect(outcomes.ok).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(500);
    for (const code of ['too-long', 'too-deep', 'syntax', 'unknown-function', 'unknown-variable', 'arity', 'disallowed', 'bad-number']) {
      expect(outcomes[code], code).toBeGreaterThan(0);
    }
  });

  it('the full pipeline (finiteness, critical points, start) gives a Surface or a SurfaceError, quickly', () => {
    // Every 8th case end to end: the critical-point search dominates the time.
    let surfaces = 0;
    let notFinite = 0;
    for (let k = 0; k < cases.length; k += 8) {
      const text = cases[k];
      const t0 = performance.now();
      try {
        const s = compileSurface(text, { domain: { x: [-3, 3], y: [-2, 2] } });
        surfaces++;
        expect(s.id).toMatch(/^expr:[0-9a-f]{8}$/);
        expect(Number.isFinite(s.start[0]) && Number.isFinite(s.start[1])).toBe(true);
        for (const c of s.critical) {
          expect(c.x >= -3 && c.x <= 3 && c.y >= -2 && c.y <= 2).toBe(true);
          expect(['global-min', 'local-min', 'saddle', 'local-max']).toContain(c.kind);
        }
      } catch (error) {
        if (!(error instanceof SurfaceError)) throw new Error(`${JSON.stringify(text).slice(0, 200)} threw ${String(error)}`);
        if (error.code === 'not-finite') notFinite++;
      }
      expect(performance.now() - t0, JSON.stringify(text).slice(0, 200)).toBeLessThan(HANG_MS);
    }
    expect(surfaces).toBeGreaterThan(50);
    expect(notFinite).toBeGreaterThan(0);
  }, 120_000);

  it('leaves no trace: no global, prototype, Math or environment change, sentinel untouched', () => {
    expect(snapshot()).toBe(before);
    expect((globalThis as Record<string, unknown>).__descentFuzzSentinel).toBe('untouched');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});
