/**
 * `descent-lab/core` in a browser module Worker: no DOM there, and no bundler: dist/lib/core.js
 * (after `npm run build`) is loaded as it is published, with its relative chunks (its graph has
 * no bare specifier, so it needs no import map or bundler). It must load, run a trajectory, fetch
 * nothing of the expression compiler (mathjs), and report its own import time (printed, not
 * asserted: timing is the bench's business).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchConsole } from './helpers';

const ORIGIN = 'https://worker.example/';
const lib = resolve(import.meta.dirname, '../../dist/lib');

const worker = `
const t0 = performance.now();
const core = await import('./dist/lib/core.js');
const importMs = performance.now() - t0;
const run = core.trajectory({ surface: 'rosenbrock', optimizer: 'adam', hyper: { lr: 0.01 }, start: [-1.5, 2], steps: 100 });
let before = '';
try {
  core.trajectory({ surface: { expr: 'x^2 + y^2' }, optimizer: 'sgd', start: [1, 1], steps: 3 });
} catch (e) {
  before = e.message;
}
postMessage({ importMs, hasDocument: typeof document !== 'undefined', x: Array.from(run.x), loss: Array.from(run.loss), before });
`;

test('descent-lab/core loads in a module Worker, runs, and fetches nothing of the expression compiler', async ({ page }) => {
  const messages = watchConsole(page);
  const requested: string[] = [];
  await page.route(`${ORIGIN}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    requested.push(path);
    if (path === 'index.html') return route.fulfill({ body: '<!doctype html><title>worker</title>', contentType: 'text/html' });
    if (path === 'worker.js') return route.fulfill({ body: worker, contentType: 'text/javascript' });
    if (path.startsWith('dist/lib/')) {
      const body = await readFile(resolve(lib, path.slice('dist/lib/'.length))).catch(() => undefined);
      if (body) return route.fulfill({ body, contentType: 'text/javascript' });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  });
  await page.goto(`${ORIGIN}index.html`);
  const core = await page.evaluate(
    () =>
      new Promise<{ importMs: number; hasDocument: boolean; x: number[]; loss: number[]; before: string }>((done, fail) => {
        const w = new Worker('/worker.js', { type: 'module' });
        w.onmessage = (e) => done(e.data);
        w.onerror = (e) => fail(new Error(e.message));
      }),
  );
  console.log(`descent-lab/core in a Chromium module Worker: import took ${core.importMs.toFixed(1)} ms (files served through Playwright's request interception)`);
  expect(core.hasDocument).toBe(false);
  expect(core.x).toHaveLength(101);
  expect(core.loss[100]).toBeLessThan(core.loss[0]);
  expect(core.before).toMatch(/await loadExpressions\(\) first/);
  // core.js and the chunks it imports statically; not the compiler (expression.js, mathjs).
  const fetched = requested.filter((p) => p.startsWith('dist/lib/'));
  expect(fetched).toContain('dist/lib/core.js');
  expect(fetched.filter((p) => /expression|mathjs/.test(p))).toEqual([]);
  expect(requested.filter((p) => !p.startsWith('dist/lib/'))).toEqual(['index.html', 'worker.js']);
  expect(messages).toEqual([]);
});
