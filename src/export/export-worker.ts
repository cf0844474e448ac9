/**
 * The exports' Worker: encodes off the page's main thread. A GIF, frame by frame (their pixels
 * transferred): `{ start: [width, height] }`, `{ palette: pixels }`, `{ frame: pixels, delay }`
 * (answered `{ done }`), `{ finish: true }` (answered with the bytes). A picture: `{ png: ImageBitmap,
 * type }` (PNG by default, or JPEG), answered with the file as a Blob. It says `ready` once loaded.
 */
import { GifSession } from './gif-encode';

let session: GifSession | undefined;

self.onmessage = async (event: MessageEvent) => {
  const m = event.data as { start?: [number, number]; palette?: Uint8ClampedArray; frame?: Uint8ClampedArray; delay?: number; finish?: boolean; png?: ImageBitmap; type?: string };
  try {
    if (m.png) {
      const canvas = new OffscreenCanvas(m.png.width, m.png.height);
      canvas.getContext('2d')?.drawImage(m.png, 0, 0);
      m.png.close();
      self.postMessage({ blob: await canvas.convertToBlob({ type: m.type ?? 'image/png', quality: 0.9 }) });
    } else if (m.start) session = new GifSession(m.start[0], m.start[1]);
    else if (m.palette) session?.palette(m.palette);
    else if (m.frame) {
      session?.frame(m.frame, m.delay ?? 100);
      self.postMessage({ done: true });
    } else if (m.finish && session) {
      const bytes = session.finish();
      session = undefined;
      self.postMessage({ bytes }, { transfer: [bytes.buffer] });
    }
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
self.postMessage('ready');
