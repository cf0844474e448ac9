/**
 * Helpers for the embed-*.spec.ts and a11y.spec.ts tests: pages written in the test, served
 * with the single-file bundle (dist/bundle, from `npm run build`) at a fake origin,
 * https://embed.example/, answered from memory and disk by page.route (no server). A page may
 * carry response headers (a Content-Security-Policy), and the bundle can be held back to look at
 * a page before the elements upgrade.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const ORIGIN = 'https://embed.example/';
/** Where the tests' pages load the bundle from (the snippet's `src`). */
export const BUNDLE = `${ORIGIN}dist/bundle/descent-lab.js`;

const bundleDir = resolve(import.meta.dirname, '../../dist/bundle');
const types: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

export interface ServedPage {
  readonly html: string;
  readonly headers?: Record<string, string>;
}

export interface Served {
  /** Resolves a held bundle (see `holdBundle`). */
  release(): void;
}

/**
 * Serves `pages` (path → page) and dist/bundle at ORIGIN. With `holdBundle`, requests for the
 * bundle wait until `release()`.
 */
export async function serve(page: Page, pages: Record<string, ServedPage>, { holdBundle = false } = {}): Promise<Served> {
  let release = () => {};
  const held = holdBundle ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  await page.route(`${ORIGIN}**`, async (route) => {
    const url = route.request().url().split(/[?#]/)[0];
    const path = url.slice(ORIGIN.length);
    const own = pages[path];
    if (own) {
      return route.fulfill({ status: 200, body: own.html, headers: { 'content-type': 'text/html; charset=utf-8', ...own.headers } });
    }
    if (path.startsWith('dist/bundle/')) {
      const file = resolve(bundleDir, path.slice('dist/bundle/'.length));
      const body = file.startsWith(bundleDir) ? await readFile(file).catch(() => undefined) : undefined;
      if (body) {
        if (path.endsWith('descent-lab.js')) await held;
        return route.fulfill({ status: 200, body, headers: { 'content-type': types[extname(file)] ?? 'application/octet-stream' } });
      }
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  return { release: () => release() };
}

/** A page around `body`, with the bundle's script tag unless the body has one. */
export function pageWith(body: string, { lang = 'en', head = '' } = {}): string {
  const script = body.includes('<script') ? '' : `<script type="module" src="${BUNDLE}"></script>`;
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>test</title>${head}</head>
<body>
${script}
${body}
</body>
</html>`;
}
