/**
 * The canvas writer of render/figure.ts's figures (PNG, and each frame of a GIF or a video): the
 * same items `figureSvg` writes, drawn with Path2D and fillText, so the picture and the SVG agree.
 */
import { FIGURE_FONT, type Figure, type FigureItem } from '../render/figure';

export type FigureImages = (item: Extract<FigureItem, { kind: 'image' }>) => CanvasImageSource | undefined;

/** Draws `items` (all of them, or only the moving ones) at `scale` device pixels per CSS pixel. */
export function drawItems(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, items: readonly FigureItem[], images?: FigureImages): void {
  for (const item of items) {
    if (item.kind === 'clip') {
      ctx.save();
      ctx.beginPath();
      ctx.rect(item.x, item.y, item.width, item.height);
      ctx.clip();
      ctx.translate(item.x, item.y);
      drawItems(ctx, item.items, images);
      ctx.restore();
    } else if (item.kind === 'image') {
      const source = images?.(item);
      if (source) ctx.drawImage(source, item.x, item.y, item.width, item.height);
    } else if (item.kind === 'text') {
      ctx.font = `${item.bold ? '600 ' : ''}${item.size}px ${FIGURE_FONT}`;
      ctx.textAlign = item.anchor === 'middle' ? 'center' : item.anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = 'alphabetic';
      if (item.halo) {
        ctx.lineWidth = 3;
        ctx.lineJoin = 'round';
        ctx.strokeStyle = item.halo;
        ctx.strokeText(item.text, item.x, item.y);
      }
      ctx.fillStyle = item.fill;
      ctx.fillText(item.text, item.x, item.y);
    } else {
      const path = new Path2D(item.d);
      ctx.save();
      if (item.at) ctx.translate(item.at[0], item.at[1]);
      if (item.opacity !== undefined) ctx.globalAlpha = item.opacity;
      if (item.fill) {
        ctx.fillStyle = item.fill;
        ctx.fill(path, item.evenodd ? 'evenodd' : 'nonzero');
      }
      if (item.stroke) {
        ctx.strokeStyle = item.stroke;
        ctx.lineWidth = item.width ?? 1;
        ctx.lineJoin = 'round';
        ctx.lineCap = item.role === 'trajectory' || item.role === 'halo' || item.role === 'loss' || item.role === 'ghost' ? 'round' : 'butt';
        ctx.stroke(path);
      }
      ctx.restore();
    }
  }
}

/** Work between two pauses of a drawing, in ms: the page stays responsive (no task near 50 ms). */
const SLICE_MS = 8;

export const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * drawItems in slices of about SLICE_MS, pausing between them (a contour band of a large
 * figure at 3× takes a few ms to fill; all of them, a tenth of a second). Clips are entered and
 * left around their items as drawItems does, so the picture is the same.
 */
export async function drawItemsSliced(ctx: CanvasRenderingContext2D, items: readonly FigureItem[], images?: FigureImages, signal?: AbortSignal): Promise<void> {
  let since = performance.now();
  const walk = async (list: readonly FigureItem[]): Promise<void> => {
    for (const item of list) {
      if (performance.now() - since > SLICE_MS) {
        // A canvas records its drawing and paints it when it is read: reading a pixel here paints
        // this slice now, not all of them at once when the file is made.
        ctx.getImageData(0, 0, 1, 1);
        await pause();
        if (signal?.aborted) throw new DOMException('The export was cancelled.', 'AbortError');
        since = performance.now();
      }
      if (item.kind !== 'clip') {
        drawItems(ctx, [item], images);
        // A contour band fills much of the plot: paint it now (see below), not with the rest.
        if (item.kind === 'path' && item.role === 'contour') ctx.getImageData(0, 0, 1, 1);
        continue;
      }
      ctx.save();
      ctx.beginPath();
      ctx.rect(item.x, item.y, item.width, item.height);
      ctx.clip();
      ctx.translate(item.x, item.y);
      await walk(item.items);
      ctx.restore();
    }
  };
  await walk(items);
  ctx.getImageData(0, 0, 1, 1);
}

/** A canvas `fig.width` × `fig.height` CSS pixels at `scale`, its background filled. */
export function figureCanvas(fig: Figure, scale: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(fig.width * scale);
  canvas.height = Math.round(fig.height * scale);
  // Read while it is drawn (see drawItemsSliced): a canvas kept in memory for that.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(scale, scale);
  ctx.fillStyle = fig.background;
  ctx.fillRect(0, 0, fig.width, fig.height);
  return [canvas, ctx];
}

/** A canvas of the whole figure at `scale`, drawn in slices. */
export async function drawFigure(fig: Figure, scale: number, images?: FigureImages): Promise<HTMLCanvasElement> {
  const [canvas, ctx] = figureCanvas(fig, scale);
  await drawItemsSliced(ctx, fig.items, images);
  return canvas;
}
