/**
 * An animated GIF written frame by frame with gifenc (one global palette, then each frame only
 * where it differs from the one before: unchanged pixels are the transparent index, which LZW
 * packs into almost nothing, so a race's frames cost little more than its moving paths). The
 * same code runs in a Worker (gif-worker.ts) or, where there is none, on the page: either way the
 * same frames give the same bytes.
 */
import { applyPalette, GIFEncoder, quantize, type GifWriter, type Palette } from 'gifenc';

/** The palette's last slot stays free: it is the transparent "unchanged" index. */
const COLOURS = 255;
const UNCHANGED = 255;

export class GifSession {
  readonly #gif: GifWriter = GIFEncoder();
  readonly #width: number;
  readonly #height: number;
  #palette: Palette | undefined;
  #previous: Uint8Array | undefined;

  constructor(width: number, height: number) {
    this.#width = width;
    this.#height = height;
  }

  /**
   * The palette, from the frame with the most in it (the last): every fourth pixel is enough for
   * it (a figure is mostly flat bands) and keeps the quantizer short.
   */
  palette(rgba: Uint8ClampedArray): void {
    const n = rgba.length / 4;
    const sample = new Uint8ClampedArray(4 * Math.ceil(n / 4));
    for (let i = 0, j = 0; i < n; i += 4, j++) sample.set(rgba.subarray(4 * i, 4 * i + 4), 4 * j);
    const palette = quantize(sample, COLOURS, { format: 'rgb565' });
    while (palette.length < COLOURS) palette.push([0, 0, 0]);
    this.#palette = palette;
  }

  /** Adds a frame shown for `delay` ms. */
  frame(rgba: Uint8ClampedArray, delay: number): void {
    const palette = this.#palette;
    if (!palette) throw new Error('GifSession: palette() first');
    const index = applyPalette(rgba, palette, 'rgb565');
    const previous = this.#previous;
    this.#previous = index;
    if (!previous) {
      this.#gif.writeFrame(index, this.#width, this.#height, { palette: [...palette, [255, 0, 255]], delay, repeat: 0 });
      return;
    }
    const delta = new Uint8Array(index.length);
    for (let i = 0; i < index.length; i++) delta[i] = index[i] === previous[i] ? UNCHANGED : index[i];
    // dispose 1: each frame is drawn over the one before, which stays.
    this.#gif.writeFrame(delta, this.#width, this.#height, { delay, transparent: true, transparentIndex: UNCHANGED, dispose: 1 });
  }

  finish(): Uint8Array {
    this.#gif.finish();
    return this.#gif.bytes();
  }
}
