/**
 * trig.ts: the sin and cos kernels of compiled expressions, against Math.sin and Math.cos on
 * many random arguments and on the edges (zeros, signed zero, tiny, the ends of table intervals,
 * near zeros of sin and cos, the fast path's bound, large, NaN, infinities).
 */
import { describe, expect, it } from 'vitest';
import { TABLE, cos, lastCos, sin, sincos } from '../../src/core/expression/trig';
import { mulberry32 } from '../../src/core/random';

const bits = new Float64Array(1);
const ints = new BigInt64Array(bits.buffer);

/** Doubles in order as integers: consecutive doubles differ by 1, +0 and -0 are both 0. */
function ordinal(v: number): bigint {
  bits[0] = v;
  const i = ints[0];
  return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
}

/** How many doubles apart a and b are. */
function ulps(a: number, b: number): number {
  return Math.abs(Number(ordinal(a) - ordinal(b)));
}

function next(v: number, steps: number): number {
  bits[0] = v;
  ints[0] += BigInt(steps);
  return bits[0];
}

/** sincos's two results, and sin's and cos's, which must be the same numbers. */
function both(u: number): [number, number] {
  const s = sincos(u);
  const c = lastCos();
  expect(Object.is(sin(u), s), `sin(${u})`).toBe(true);
  expect(Object.is(cos(u), c), `cos(${u})`).toBe(true);
  return [s, c];
}

/** Within 2 ulp of Math.sin and Math.cos (the kernel is within 1.5 ulp of the true value). */
function expectClose(u: number): void {
  const [s, c] = both(u);
  expect(ulps(s, Math.sin(u)), `sin(${u}) = ${s} vs ${Math.sin(u)}`).toBeLessThanOrEqual(2);
  expect(ulps(c, Math.cos(u)), `cos(${u}) = ${c} vs ${Math.cos(u)}`).toBeLessThanOrEqual(2);
}

/** Exactly Math.sin and Math.cos (where the kernel hands over to them). */
function expectMath(u: number): void {
  const [s, c] = both(u);
  expect(Object.is(s, Math.sin(u)), `sin(${u}) = ${s} vs ${Math.sin(u)}`).toBe(true);
  expect(Object.is(c, Math.cos(u)), `cos(${u}) = ${c} vs ${Math.cos(u)}`).toBe(true);
}

describe('trig kernels', () => {
  it('agree with Math.sin and Math.cos within 2 ulp on random arguments of every size it handles', () => {
    const rnd = mulberry32(2024);
    let same = 0;
    let total = 0;
    let worst = { ulps: 0, u: 0 };
    for (const range of [1e-3, 0.05, 1, 7, 40, 300, 4096]) {
      for (let k = 0; k < 20000; k++) {
        const u = (2 * rnd() - 1) * range;
        const s = sincos(u);
        const c = lastCos();
        // Checked one by one only when off (expect() per call would be slow).
        if (!Object.is(sin(u), s) || !Object.is(cos(u), c)) both(u);
        const d = Math.max(ulps(s, Math.sin(u)), ulps(c, Math.cos(u)));
        if (d > worst.ulps) worst = { ulps: d, u };
        total++;
        if (s === Math.sin(u)) same++;
      }
    }
    expect(worst.ulps, `at u = ${worst.u}`).toBeLessThanOrEqual(2);
    // Not just close: mostly the very same double (measured: 80%).
    expect(same / total).toBeGreaterThan(0.6);
  });

  it('keeps the sign of zero and is exact for tiny arguments', () => {
    expect(Object.is(sin(0), 0)).toBe(true);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(cos(-0)).toBe(1);
    for (const u of [5e-324, -5e-324, 1e-300, -1e-300, 2 ** -30, -(2 ** -30), 1e-8]) {
      expectMath(u);
      expect(sin(u)).toBe(u);
      expect(cos(u)).toBe(1);
    }
  });

  it('is accurate around multiples of π/512 (table points) and half-way between them (where n rounds)', () => {
    for (let k = -3000; k <= 3000; k += 7) {
      for (const u0 of [(k * Math.PI) / 512, ((k + 0.5) * Math.PI) / 512]) {
        for (const d of [-3, -1, 0, 1, 3]) expectClose(next(u0, d));
      }
    }
  });

  it('is accurate near the zeros of sin and cos, and hands over to Math within 2^-10 of them', () => {
    for (let k = -100; k <= 100; k++) {
      const zero = (k * Math.PI) / 2; // sin's zeros for even k, cos's for odd k
      for (const d of [0, 1e-300, 1e-12, 1e-6, 5e-4]) {
        expectMath(zero + d);
        expectMath(zero - d);
      }
      for (const d of [1e-3, 2e-3, 0.01, 0.02]) {
        expectClose(zero + d);
        expectClose(zero - d);
      }
    }
  });

  it('uses Math.sin and Math.cos beyond |u| = 4096, and for NaN and the infinities', () => {
    for (const u of [4096, -4096, next(4096, -1)]) expectClose(u);
    for (const u of [next(4096, 1), -next(4096, 1), 1e5, -1e5, 2 ** 30 + 0.5, 2 ** 53, 1e300, -1e300, Number.MAX_VALUE]) {
      expectMath(u);
    }
    for (const u of [NaN, Infinity, -Infinity]) {
      expect(sin(u)).toBeNaN();
      expect(cos(u)).toBeNaN();
    }
  });

  it('uses a table of sin(kπ/512) and cos(kπ/512) that agrees with Math and with the identities', () => {
    expect(TABLE).toHaveLength(2048);
    for (let k = 0; k < 1024; k++) {
      const s = TABLE[2 * k];
      const c = TABLE[2 * k + 1];
      // Math's argument kπ/512 is itself rounded (by up to 2^-51 for k near 1024), which moves
      // its result by as much: an absolute comparison. The identities below are finer.
      expect(Math.abs(s - Math.sin((k * Math.PI) / 512)), `sin(${k}π/512)`).toBeLessThanOrEqual(2 ** -50);
      expect(Math.abs(c - Math.cos((k * Math.PI) / 512)), `cos(${k}π/512)`).toBeLessThanOrEqual(2 ** -50);
      expect(Math.abs(s * s + c * c - 1)).toBeLessThanOrEqual(2 ** -52);
      // sin 2θ = 2 sin θ cos θ, cos 2θ = (c - s)(c + s)
      const k2 = (2 * k) % 1024;
      expect(Math.abs(TABLE[2 * k2] - 2 * s * c)).toBeLessThanOrEqual(2 ** -52);
      expect(Math.abs(TABLE[2 * k2 + 1] - (c - s) * (c + s))).toBeLessThanOrEqual(2 ** -52);
    }
    // Exact where sin or cos is 0 or ±1, and at π/4 (Math.SQRT1_2 is correctly rounded).
    const at = (k: number) => [TABLE[2 * k], TABLE[2 * k + 1]];
    expect([at(0), at(256), at(512), at(768)]).toEqual([[0, 1], [1, 0], [0, -1], [-1, 0]]);
    expect(at(128)).toEqual([Math.SQRT1_2, Math.SQRT1_2]);
  });

  it('gives sin and cos of the argument last passed to sincos, whatever came before', () => {
    const a = sincos(1);
    const ca = lastCos();
    sincos(2);
    expect(lastCos()).toBe(cos(2));
    expect(sincos(1)).toBe(a);
    expect(lastCos()).toBe(ca);
    sincos(1e10); // Math path
    expect(lastCos()).toBe(Math.cos(1e10));
  });
});
