/**
 * The messages between the page and the critical-point search Worker (search-worker.ts): plain
 * data, as structured clone carries it.
 */
import type { Domain } from '../types';
import type { Backend, Roots } from './compile';
import type { GraphNode } from './graph';
import type { ExpressionFacts, SurfaceSearchResult } from './surface-search';

/** Search f's graph over the domain; the reply carries the same id. */
export interface SearchRequest {
  readonly id: number;
  readonly nodes: readonly GraphNode[];
  readonly roots: Roots;
  readonly facts: ExpressionFacts;
  readonly domain: Domain;
  readonly backend: Backend;
}

/** Stop searching for request `cancel` (its page no longer wants it); no reply follows. */
export interface CancelRequest {
  readonly cancel: number;
}

export type SearchReply =
  | { readonly id: number; readonly result: SurfaceSearchResult }
  /** The search threw (the page then runs it itself, to throw the error as compileSurface does). */
  | { readonly id: number; readonly failed: string };
