/**
 * Serves the built playground (dist/app) with vite's preview server for the scripts that drive
 * Chromium (screenshots, browser benchmark). Builds first when asked or when there is no build.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, preview } from 'vite';

const root = resolve(import.meta.dirname, '..');

export interface AppServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveApp({ rebuild = false } = {}): Promise<AppServer> {
  const outDir = resolve(root, 'dist/app');
  if (rebuild || !existsSync(resolve(outDir, 'index.html'))) {
    // The app's example pages load the single-file bundle, which the app build copies.
    await build({ root, mode: 'bundle', logLevel: 'warn' });
    await build({ root, logLevel: 'warn' });
  }
  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started without a local URL');
  return {
    url,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}
