/**
 * sin and cos for compiled expressions: both from one range reduction, in JavaScript that V8
 * inlines into the generated code.
 *
 * Why not Math.sin and Math.cos: each is a call out of the JIT-compiled code into V8's C++ (a
 * port of fdlibm), about 5 ns, and each reduces its argument on its own. Differentiation pairs
 * them (d sin(u) = cos(u) du, d cos(u) = -sin(u) du), so f and its gradient together need both
 * for every argument, and on trigonometric surfaces (Rastrigin, Ackley, Lévi N.13) these calls
 * were most of the time. `sincos` below gives both for less than one Math call costs.
 * (@stdlib/math-base-special-sincos, fdlibm's sincos in JavaScript, measured as slow as
 * Math.sin plus Math.cos: it reads the float's high word through typed-array views.)
 *
 * Method, the table-driven one of many libms:
 * - u = n·π/512 + r with n = round(u·512/π) and |r| <= π/1024 (a hair more after rounding), by
 *   Cody–Waite reduction with fdlibm's split of π/2 (rem_pio2's pio2_1 and pio2_1t) over 256:
 *   pio2_1 has 33 significant bits, so n·pio2_1/256 is exact for |n| < 2^20, and
 *   u - n·pio2_1/256 is exact (Sterbenz); the rounding error e of the second subtraction is kept.
 * - With s = sin(kπ/512), c = cos(kπ/512) from a table (k = n mod 1024, correctly rounded):
 *     sin u = s cos r + c sin r = s + (s (cos r - 1) + c sin r)
 *     cos u = c cos r - s sin r = c + (c (cos r - 1) - s sin r)
 *   with sin r + e and cos r - 1 from their Taylor series to r^5 and r^4; for |r| <= π/1024 the
 *   first terms left out (r^7/7!, r^6/6!) are below 2^-60 of the result.
 * - Accuracy: within 1.5 ulp of the true value (against 300-bit references over 10^5 arguments
 *   the largest error measured was 1.4 ulp, Math.sin's 0.8), so within 2 ulp of Math.sin and
 *   Math.cos; 80% of results are the very same double. Tests check this against Math.
 * - Math.sin and Math.cos are used instead where this kernel is not accurate or not meant to be:
 *   |u| > 4096 (n then stays below 2^20, the exactness bound), NaN and ±Infinity, and within
 *   2^-10 of a zero of sin or cos (n a multiple of 256), ±0 and tiny u included: there the
 *   result is as small as r, and the reduction's absolute error (up to 2^-75) would be a large
 *   relative one. Random arguments take that path about once in 800 calls.
 *
 * JavaScript rounds every operation (no fused multiply-add, no extended precision), so these
 * functions return the same bits wherever they run, and `sin(u)` and `cos(u)`, which do the
 * same operations as `sincos(u)` for their one result, return exactly its two results: code that
 * calls `sincos` where it needs both agrees exactly with code that calls `sin` and `cos`.
 */
import { SIN_K_PI_512 } from './trig-table';

/** sin(kπ/512) for any integer k, by symmetry from SIN_K_PI_512 (k = 0..256). */
function sinK(k: number): number {
  k &= 1023;
  const m = k & 511;
  const v = SIN_K_PI_512[m <= 256 ? m : 512 - m];
  return k >= 512 ? 0 - v : v; // 0 - v: +0, not -0, at k = 512
}

/** [sin(kπ/512), cos(kπ/512)] for k = 0..1023, interleaved (16 KB). */
const table = new Float64Array(2048);
for (let k = 0; k < 1024; k++) {
  table[2 * k] = sinK(k);
  table[2 * k + 1] = sinK(k + 256);
}
/** The table, for tests. (Exported bindings are read through a cell: sincos uses `table`.) */
export const TABLE: Float64Array = table;

/**
 * sincos's second result (and viaMath's two). A plain array of doubles rather than a
 * Float64Array: V8 checks on every typed-array access whether its buffer was detached once any
 * buffer has been (as under tsx), and this store and load are on the hot path.
 */
const results: number[] = [0.5, 0.5];

/**
 * sin(u); leaves cos(u) for `lastCos()`. Kept small (232 bytes of V8 bytecode) so that V8
 * inlines it into the generated code, two or three times in one f + grad (V8 inlines up to 920
 * bytes into one function).
 */
export function sincos(u: number): number {
  // n = round(u·512/π): adding and subtracting 1.5·2^52 rounds to an integer (|u·512/π| < 2^51).
  const n = u * 162.97466172610083 + 6755399441055744 - 6755399441055744;
  // r + e = u - n·π/512; the constants are fdlibm's pio2_1 (0x3FF921FB54400000) and pio2_1t
  // (0x3DD0B4611A626331) over 256: a 33-bit head, so n·head is exact, and the rest of π/512.
  const a = u - n * 0.006135923151305178;
  const w = n * 2.3738673853539813e-13;
  const r = a - w;
  const z = r * r;
  // |u| > 4096, NaN, ±Infinity, or |r| < 2^-10 next to a zero of sin or cos.
  if (!(u * u <= 16777216) || ((n & 255) === 0 && z < 9.5367431640625e-7)) {
    viaMath(u);
    // Read back rather than returned: V8 then knows it is a double on both paths and keeps
    // sincos's result unboxed (a returned value would merge as a tagged one, a heap number
    // allocated on every call).
    return results[0];
  }
  // sin(r + e) = sin r + e to within 2^-64; the e·r term of cos(r + e) is below 2^-64 too.
  const sinR = r + (r * z * (-0.16666666666666666 + z * 0.008333333333333333) + (a - r - w));
  const cosRm1 = z * (-0.5 + z * 0.041666666666666664);
  const t = table;
  const i = (n & 1023) << 1;
  const s = t[i];
  const c = t[i + 1];
  results[1] = c + (c * cosRm1 - s * sinR);
  return s + (s * cosRm1 + c * sinR);
}

/** sincos's other path. A function of its own keeps sincos small enough for V8 to inline it. */
function viaMath(u: number): void {
  results[0] = Math.sin(u);
  results[1] = Math.cos(u);
}

/** cos of the last argument given to `sincos` (or to `sin` or `cos`). */
export function lastCos(): number {
  return results[1];
}

/**
 * sin(u), exactly sincos's (the same operations, less those of cos): smaller than sincos, so
 * that V8 inlines more of them where an expression needs sin alone.
 */
export function sin(u: number): number {
  const n = u * 162.97466172610083 + 6755399441055744 - 6755399441055744;
  const a = u - n * 0.006135923151305178;
  const w = n * 2.3738673853539813e-13;
  const r = a - w;
  const z = r * r;
  if (!(u * u <= 16777216) || ((n & 255) === 0 && z < 9.5367431640625e-7)) return Math.sin(u);
  const sinR = r + (r * z * (-0.16666666666666666 + z * 0.008333333333333333) + (a - r - w));
  const cosRm1 = z * (-0.5 + z * 0.041666666666666664);
  const t = table;
  const i = (n & 1023) << 1;
  const s = t[i];
  return s + (s * cosRm1 + t[i + 1] * sinR);
}

/** cos(u), exactly sincos's (the same operations, less those of sin). */
export function cos(u: number): number {
  const n = u * 162.97466172610083 + 6755399441055744 - 6755399441055744;
  const a = u - n * 0.006135923151305178;
  const w = n * 2.3738673853539813e-13;
  const r = a - w;
  const z = r * r;
  if (!(u * u <= 16777216) || ((n & 255) === 0 && z < 9.5367431640625e-7)) return Math.cos(u);
  const sinR = r + (r * z * (-0.16666666666666666 + z * 0.008333333333333333) + (a - r - w));
  const cosRm1 = z * (-0.5 + z * 0.041666666666666664);
  const t = table;
  const i = (n & 1023) << 1;
  const c = t[i + 1];
  return c + (c * cosRm1 - t[i] * sinR);
}
