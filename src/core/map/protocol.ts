/**
 * The messages between the page and a convergence-map Worker (worker.ts): plain data, as
 * structured clone carries it.
 */
import type { ConvergenceMapOptions } from '../convergence-map';

/**
 * One band of one map: convergenceMap's options with the surface as a catalog id (or a typed-in
 * expression with its window) and `rows` set; the reply carries the same id.
 */
export interface BandRequest {
  readonly id: number;
  readonly options: Omit<ConvergenceMapOptions, 'surface'> & {
    readonly surface: string | { readonly expr: string; readonly domain: { readonly x: readonly [number, number]; readonly y: readonly [number, number] } };
    readonly rows: readonly [number, number];
  };
}

export type BandReply =
  | { readonly id: number; readonly basin: Int16Array; readonly steps: Int32Array; readonly loss: Float64Array; readonly tolerance: number }
  /** The band could not be computed (the message says why, as convergenceMap() threw it). */
  | { readonly id: number; readonly failed: string };
