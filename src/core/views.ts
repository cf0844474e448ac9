/**
 * `n` arrays of `length` doubles, views of one buffer (`block`, or a new one): in a browser each
 * typed array's own buffer costs far more than its size (Chromium: about 30 µs for 16 KB), and a
 * drag makes them for every run on every move.
 */
export function views(n: number, length: number, block = new Float64Array(n * length)): Float64Array[] {
  return Array.from({ length: n }, (_, k) => block.subarray(k * length, (k + 1) * length));
}
