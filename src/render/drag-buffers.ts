/**
 * The arrays a drag's runs (RunCache) and their pixel paths (the map's geometry) are written
 * into, reused from move to move, while the inner state is shown.
 *
 * A drag re-runs every run on every move. In Chromium a fresh array's memory costs far more than
 * the run writing it: about 15 µs for each 4 KB page first written, on this project's machines,
 * so twelve recorded runs of 1000 steps (about 1 MB) paid some 4 ms a move in page faults alone,
 * and the renderer gave the memory back as the arrays died, so every move paid again. Reused,
 * the same memory costs a memset (zeroing it, as a new array is).
 *
 * Who may still hold a move's runs: the loss chart and the values table catch up after the frame,
 * so they can show a move or two behind; the step-size chart keeps the runs from before the drag
 * (new arrays, not these). So the buffers go round a ring of four moves: a move's arrays are
 * written again four moves later. When the drag ends the runs and paths are made once more in
 * new arrays (RunCache's scope says whether a run came from here; the map forgets its geometry),
 * so nothing outlives the drag in them.
 */
import { views } from '../core/views';

/** Moves a buffer waits before it is written again. */
const RING = 4;

export class DragBuffers {
  readonly #moves: Float64Array<ArrayBuffer>[][] = Array.from({ length: RING }, () => []);
  #move = 0;
  #taken = 0;

  /** A new move: its runs take the arrays of the move four before. */
  next(): void {
    this.#move = (this.#move + 1) % RING;
    this.#taken = 0;
  }

  /** trajectoryIn()'s `take`: `n` zeroed arrays of `length`, views of one reused buffer. */
  take = (n: number, length: number): Float64Array[] => {
    const blocks = this.#moves[this.#move];
    const size = n * length;
    let block = blocks[this.#taken];
    if (!block || block.length < size) block = blocks[this.#taken] = new Float64Array(size);
    else block.fill(0, 0, size);
    this.#taken++;
    return views(n, length, block);
  };
}

/** Each host's (a map's, a playground's) buffers. */
const hosts = new WeakMap<object, DragBuffers>();

/** `host`'s buffers, moved on to the next move's. */
export function nextMove(host: object): DragBuffers {
  let buffers = hosts.get(host);
  if (!buffers) hosts.set(host, (buffers = new DragBuffers()));
  buffers.next();
  return buffers;
}
