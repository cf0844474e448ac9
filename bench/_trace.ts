import { chromium } from '@playwright/test';
import { presetIds } from '../src/core/optimizers/index';
import { defaultConfig, newEntry } from '../src/state/config';
import { encodeHash } from '../src/state/hash';
import { serveApp } from '../scripts/app-server';
// @ts-expect-error no types
import { chromiumArgs } from '../scripts/chromium.mjs';
const steps = Number(process.argv[2] ?? 5000);
const layout = (process.argv[3] ?? 'overlay') as 'overlay' | 'grid';
const server = await serveApp({ rebuild: false });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const cfg = { ...defaultConfig('rosenbrock'), steps, speed: 250, layout, optimizers: presetIds.map((id) => newEntry(id, 'rosenbrock')) };
await page.goto(`${server.url}#${encodeHash(cfg)}`);
await page.locator('descent-playground [part~="trajectory"]').nth(11).waitFor({ state: 'attached' });
await page.waitForTimeout(500);
const handle = page.locator('descent-playground [part~="start-handle"]').first();
const box = (await handle.boundingBox())!;
const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
const drag = async () => { await page.mouse.move(cx, cy); await page.mouse.down(); for (let i = 1; i <= 60; i++) { const a = (i / 60) * 4 * Math.PI; await page.mouse.move(cx + 60 * Math.sin(a), cy + 30 * (1 - Math.cos(a))); } await page.mouse.up(); };
await drag();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await drag();
const { profile } = (await cdp.send('Profiler.stop')) as any;
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const self = new Map<string, number>();
const dts = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const n: any = byId.get(profile.samples[i]);
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + (dts[i] ?? 0) / 1000);
}
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(k.padEnd(70), (v / 60).toFixed(2), 'ms per move');
await browser.close();
await server.close();
