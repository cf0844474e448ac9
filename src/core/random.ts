/**
 * Seeded random numbers without allocation: mulberry32 for uniforms, Box–Muller for pairs of
 * standard normals. The generator's whole state is one 32-bit integer the caller keeps.
 */

/** Advances a mulberry32 state; returns the new state. */
export function nextState(state: number): number {
  return (state + 0x6d2b79f5) | 0;
}

/** The uniform in [0, 1) that a mulberry32 state yields. */
export function uniform(state: number): number {
  let z = state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

/** A seeded stream of uniforms in [0, 1), for tests and seeding grids. */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = nextState(s);
    return uniform(s);
  };
}
