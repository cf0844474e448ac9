/**
 * The race as an animated GIF or a video (a lazy chunk of the export chunk). Frames are drawn
 * from the state, not recorded from the screen: the still part of the figure (contours, axes,
 * legend, faint whole paths) once, then per frame the paths up to that frame's step, the heads,
 * the loss curves and the caption over it. Frames are drawn between short pauses, so the page
 * stays responsive; a GIF is encoded in a Worker where the page may have one (gif-worker.ts),
 * else on the page frame by frame; a video with WebCodecs through mediabunny (loaded only then).
 */
import { figure, type FigureItem, type FigureSpec } from '../render/figure';
import { t, type Lang } from '../i18n/index';
import { drawItems, drawItemsSliced, pause, type FigureImages } from './canvas';
import { GifSession } from './gif-encode';
import { openWorker } from './worker-client';
import { frameSteps, HOLD_MS } from './frames';
import { ExportError, type ExportOptions } from './index';


/** `items` with only those that are (or are not) the same at every step; clips keep their place. */
function pick(items: readonly FigureItem[], still: boolean): FigureItem[] {
  const out: FigureItem[] = [];
  for (const item of items) {
    if (item.kind === 'clip') out.push({ ...item, items: pick(item.items, still) });
    else if (item.still === still) out.push(item);
  }
  return out;
}

const aborted = () => new DOMException('The export was cancelled.', 'AbortError');

/** A GIF encoder: a Worker's where one can be had, else a session on the page. */
interface Encoder {
  palette(rgba: Uint8ClampedArray): void;
  frame(rgba: Uint8ClampedArray, delay: number): Promise<void>;
  finish(): Promise<Uint8Array>;
  close(): void;
}

async function workerEncoder(width: number, height: number): Promise<Encoder | undefined> {
  const worker = await openWorker();
  if (!worker) return undefined;
  worker.tell({ start: [width, height] });
  return {
    palette: (rgba) => worker.tell({ palette: rgba }, [rgba.buffer]),
    frame: async (rgba, delay) => {
      await worker.ask({ frame: rgba, delay }, [rgba.buffer]);
    },
    finish: async () => (await worker.ask<{ bytes?: Uint8Array }>({ finish: true })).bytes ?? new Uint8Array(0),
    close: () => worker.close(),
  };
}

function pageEncoder(width: number, height: number): Encoder {
  const session = new GifSession(width, height);
  return {
    palette: (rgba) => session.palette(rgba),
    frame: async (rgba, delay) => session.frame(rgba, delay),
    finish: async () => session.finish(),
    close: () => undefined,
  };
}

export async function animate(spec: FigureSpec, images: FigureImages, options: ExportOptions & { from: number; to: number }, lang: Lang): Promise<Blob> {
  const { signal, onProgress } = options;
  const video = options.format === 'video';
  const fps = options.fps ?? (video ? 30 : 12);
  const duration = options.duration ?? 6;
  if (!(fps >= 1 && fps <= 60)) throw new ExportError(t(lang, 'exportFps', { value: String(options.fps) }));
  if (!(duration > 0 && duration <= 60)) throw new ExportError(t(lang, 'exportDuration', { value: String(options.duration) }));
  const steps = frameSteps(Math.max(0, Math.min(options.from, options.to)), options.to, Math.round(fps * duration));
  // The still layer, once.
  const full = figure({ ...spec, step: options.to });
  const width = full.width;
  // Video encoders want even sizes.
  const height = video ? full.height + (full.height % 2) : full.height;
  const still = document.createElement('canvas');
  still.width = width;
  still.height = height;
  const sctx = still.getContext('2d', { willReadFrequently: true });
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: !video });
  if (!sctx || !ctx) throw new ExportError('no 2D canvas');
  sctx.fillStyle = full.background;
  sctx.fillRect(0, 0, width, height);
  await pause();
  await drawItemsSliced(sctx, pick(full.items, true), images, signal);
  await pause();
  const draw = (step: number) => {
    ctx.drawImage(still, 0, 0);
    drawItems(ctx, pick(figure({ ...spec, step, movingOnly: true }).items, false), images);
  };
  if (signal?.aborted) throw aborted();
  if (video) return encodeVideo(canvas, steps, draw, fps, { signal, onProgress }, lang);
  let encoder = (await workerEncoder(width, height)) ?? pageEncoder(width, height);
  try {
    // The palette from the last frame (the most colours), then every frame in order.
    draw(steps[steps.length - 1]);
    encoder.palette(ctx.getImageData(0, 0, width, height).data);
    const delay = Math.round(1000 / fps);
    for (let i = 0; i < steps.length; i++) {
      if (signal?.aborted) throw aborted();
      draw(steps[i]);
      await encoder.frame(ctx.getImageData(0, 0, width, height).data, i === steps.length - 1 ? HOLD_MS : delay);
      onProgress?.((i + 1) / steps.length);
      await pause();
    }
    return new Blob([(await encoder.finish()) as BlobPart], { type: 'image/gif' });
  } finally {
    encoder.close();
    encoder = undefined as never;
  }
}

/** WebM codecs tried in turn: VP9, then VP8 (every WebCodecs encoder we know has one of them). */
const CODECS = [
  ['vp9', 'vp09.00.31.08'],
  ['vp8', 'vp8'],
] as const;

/**
 * Encodes the frames with WebCodecs' VideoEncoder and muxes them into WebM with mediabunny. (Not
 * mediabunny's CanvasSource: it asks VideoEncoder.isConfigSupported first, which in Chromium
 * blocks the page for about 100 ms; configure() fails the same way, without blocking.)
 */
async function encodeVideo(
  canvas: HTMLCanvasElement,
  steps: readonly number[],
  draw: (step: number) => void,
  fps: number,
  { signal, onProgress }: Pick<ExportOptions, 'signal' | 'onProgress'>,
  lang: Lang,
): Promise<Blob> {
  const { Output, WebMOutputFormat, BufferTarget, EncodedVideoPacketSource, EncodedPacket } = await import('mediabunny');
  await pause();
  const { width, height } = canvas;
  const frameUs = Math.round(1e6 / fps);
  let chunks: [EncodedVideoChunk, EncodedVideoChunkMetadata | undefined][] = [];
  let failure: unknown;
  let used: (typeof CODECS)[number] | undefined;
  for (const codec of CODECS) {
    chunks = [];
    failure = undefined;
    const encoder = new VideoEncoder({ output: (chunk, meta) => chunks.push([chunk, meta]), error: (e) => (failure = e) });
    try {
      encoder.configure({ codec: codec[1], width, height, bitrate: 2_500_000, framerate: fps });
      const add = async (i: number, at: number) => {
        const frame = new VideoFrame(canvas, { timestamp: at, duration: frameUs });
        encoder.encode(frame, { keyFrame: i % (2 * fps) === 0 });
        frame.close();
        // Backpressure: a few frames in the encoder at most.
        while (encoder.encodeQueueSize > 4) await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }));
      };
      for (let i = 0; i < steps.length; i++) {
        if (signal?.aborted) throw aborted();
        draw(steps[i]);
        await add(i, i * frameUs);
        if (failure) break;
        onProgress?.((i + 1) / steps.length);
        await pause();
      }
      // The last frame held as a GIF's is: the same picture again, HOLD_MS later (a player shows
      // a frame until the next one's time), so the video lasts count / fps + HOLD_MS.
      if (!failure) await add(steps.length, (steps.length - 1) * frameUs + HOLD_MS * 1000);
      await encoder.flush();
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      failure ??= error;
    } finally {
      if (encoder.state !== 'closed') encoder.close();
    }
    if (!failure) {
      used = codec;
      break;
    }
  }
  if (!used) throw new ExportError(t(lang, 'exportNoVideo', { reason: failure instanceof Error ? failure.message : String(failure) }));
  const output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
  const source = new EncodedVideoPacketSource(used[0]);
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  for (const [chunk, meta] of chunks) await source.add(EncodedPacket.fromEncodedChunk(chunk), meta);
  await output.finalize();
  const buffer = (output.target as InstanceType<typeof BufferTarget>).buffer;
  if (!buffer) throw new ExportError(t(lang, 'exportNoVideo', { reason: 'no data' }));
  return new Blob([buffer], { type: 'video/webm' });
}
