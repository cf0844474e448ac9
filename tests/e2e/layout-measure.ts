/** Geometry measured in the browser for the layout tests (layout-*.spec.ts). */
import type { Locator, Page } from '@playwright/test';

export const LANGS = ['en', 'ko'] as const;
export type TestLang = (typeof LANGS)[number];

/** Labels, buttons and the other one-line texts of the elements, inside every shadow root. */
const ONE_LINE = [
  'button',
  'label',
  'h2',
  'output',
  '.field',
  '.readout',
  '[part~="badge"]',
  '[part~="disclosure"]',
  '.legend-row span',
  '.panel-title',
  '#copy-link',
].join(', ');

export interface Wrapped {
  readonly text: string;
  /** Height of the element's text (its line boxes' union), CSS px. */
  readonly height: number;
  readonly lineHeight: number;
}

/**
 * Every visible label / button (ONE_LINE) in `scope` and the shadow roots under it whose text is
 * taller than 1.5 line-heights: it wrapped, maybe one syllable per line.
 */
export async function wrappedLabels(scope: Locator): Promise<Wrapped[]> {
  return scope.evaluate((root: Element, selector: string) => {
    const found: Element[] = [];
    const walk = (node: Element | ShadowRoot) => {
      for (const el of node.querySelectorAll('*')) {
        if (el.matches(selector)) found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    if (root.matches(selector)) found.push(root);
    walk(root);
    if (root.shadowRoot) walk(root.shadowRoot);
    const out: { text: string; height: number; lineHeight: number }[] = [];
    for (const el of found) {
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || !el.getClientRects().length) continue;
      const fontSize = parseFloat(style.fontSize);
      const lineHeight = style.lineHeight === 'normal' ? 1.2 * fontSize : parseFloat(style.lineHeight);
      let top = Infinity;
      let bottom = -Infinity;
      const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        // Options of a closed select and the insides of inputs have no line boxes of their own.
        if (!n.textContent?.trim() || n.parentElement?.closest('option, select, textarea')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          top = Math.min(top, r.top);
          bottom = Math.max(bottom, r.bottom);
        }
      }
      if (bottom < top) continue;
      const height = bottom - top;
      if (height > 1.5 * lineHeight) out.push({ text: (el.textContent ?? '').trim().replace(/\s+/g, ' '), height, lineHeight });
    }
    return out;
  }, ONE_LINE);
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('no box');
  return b;
}

/** The share (0–1) of `b`'s area inside the viewport. */
export async function inViewport(page: Page, b: Box): Promise<number> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  const w = Math.max(0, Math.min(b.x + b.width, width) - Math.max(b.x, 0));
  const h = Math.max(0, Math.min(b.y + b.height, height) - Math.max(b.y, 0));
  return (w * h) / (b.width * b.height);
}

/** The area (px²) two boxes share. */
export function overlap(a: Box, b: Box): number {
  const w = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const h = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  return w * h;
}

/**
 * Ink per pixel row of an element as painted: a screenshot of its box, decoded in the page; a
 * pixel is ink where it differs from the box's most common colour (the background) by more
 * than 60 (sum over r, g, b). Returns one count per CSS-pixel row (device rows / scale).
 */
export async function inkRows(page: Page, locator: Locator): Promise<number[]> {
  // Animations run: the scroll cue is a scroll-driven animation (disabling them would end it).
  const png = await locator.screenshot();
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const [br, bgc, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
    const rows: number[] = [];
    for (let y = 0; y < height; y++) {
      let ink = 0;
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        if (Math.abs(data[i] - br) + Math.abs(data[i + 1] - bgc) + Math.abs(data[i + 2] - bb) > 60) ink++;
      }
      rows.push(ink);
    }
    // Device rows to CSS rows.
    const dpr = devicePixelRatio;
    const css: number[] = [];
    for (let y = 0; y < rows.length; y += dpr) css.push(Math.max(...rows.slice(y, y + dpr)));
    return css;
  }, png.toString('base64'));
}
