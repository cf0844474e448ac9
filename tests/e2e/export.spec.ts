/**
 * Issue #14: the figure and its numbers, taken anywhere. Each export is made by the element's
 * exportFigure() (and the Export menu) and inspected as a file: PNG signature and pixel size per
 * scale; SVG that parses, one path per run and the contour paths, nothing external; a GIF that
 * decodes (gifuct-js) with the frames and size asked for, the same bytes twice; a WebM with its
 * signature and duration (mediabunny reading it); CSV and JSON whose numbers are, to the last
 * bit, what trajectory() gives from the options written in them.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { decompressFrames, parseGIF } from 'gifuct-js';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import '../../src/core/index';
import { trajectory } from '../../src/core/trajectory';
import { openApp, watchConsole } from './helpers';

/** The bytes of `el.exportFigure(options)` (el: the playground, or a selector inside its shadow root). */
async function exported(page: Page, options: Record<string, unknown>, inner?: string): Promise<Buffer> {
  const b64 = await page.evaluate(
    async ({ options, inner }) => {
      const pg = document.querySelector('descent-playground') as HTMLElement & { exportFigure(o: unknown): Promise<Blob> };
      const el = (inner ? pg.shadowRoot?.querySelector(inner) : pg) as HTMLElement & { exportFigure(o: unknown): Promise<Blob> };
      const blob = await el.exportFigure(options);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { options, inner },
  );
  return Buffer.from(b64, 'base64');
}

/** The width and height in a PNG's IHDR. */
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

const SIGNATURE_PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('PNG at 1×, 2× and 3×: a PNG file whose pixels are the figure width times the scale', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page, 'surface=himmelblau&step=200');
  const sizes: number[][] = [];
  for (const scale of [1, 2, 3]) {
    const png = await exported(page, { format: 'png', scale, width: 500 });
    expect([...png.subarray(0, 8)]).toEqual(SIGNATURE_PNG);
    sizes.push(pngSize(png));
  }
  expect(sizes.map((s) => s[0])).toEqual([500, 1000, 1500]);
  // The heights scale the same way (one layout, drawn at three resolutions).
  expect(sizes[1][1]).toBe(2 * sizes[0][1]);
  expect(sizes[2][1]).toBe(3 * sizes[0][1]);
  // Without a width: the view's own width.
  const shown = await page.locator('descent-playground').evaluate((pg) => (pg.shadowRoot?.querySelector('descent-surface[part~="panel"]') as HTMLElement).offsetWidth);
  expect(pngSize(await exported(page, { format: 'png', scale: 1 }))[0]).toBe(shown);
  expect(messages).toEqual([]);
});

test('SVG: parses, one path per run and the contour bands, text as text, no external reference', async ({ page }) => {
  await openApp(page, 'surface=himmelblau&step=300');
  const svg = (await exported(page, { format: 'svg' })).toString('utf8');
  const runs = await page.locator('descent-playground [part~="trajectory"]').count();
  const found = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const hrefs = [...doc.querySelectorAll('*')].flatMap((e) => [e.getAttribute('href'), e.getAttribute('xlink:href')]).filter((h): h is string => h !== null);
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      trajectories: [...doc.querySelectorAll('path.trajectory')].map((p) => p.getAttribute('data-run')),
      contours: doc.querySelectorAll('path.contour').length,
      critical: doc.querySelectorAll('path.critical').length,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      hrefs,
      scripts: doc.querySelectorAll('script, foreignObject').length,
    };
  }, svg);
  expect(found.error).toBeNull();
  expect(found.root).toBe('svg');
  expect(found.trajectories).toHaveLength(runs);
  expect(new Set(found.trajectories).size).toBe(runs);
  expect(found.contours).toBeGreaterThan(8);
  // Himmelblau: four minima, a maximum and four saddles.
  expect(found.critical).toBe(9);
  expect(found.texts.some((t) => t?.startsWith('Himmelblau'))).toBe(true);
  expect(found.texts).toContain('x');
  expect(found.hrefs.every((h) => h.startsWith('#'))).toBe(true);
  expect(found.scripts).toBe(0);
  // Small: simplified contours, shared by panels of one size.
  expect(svg.length).toBeLessThan(150_000);
});

test('SVG of the grid layout: a panel per run, the contours written once and used by each', async ({ page }) => {
  await openApp(page, 'surface=himmelblau&layout=grid&step=300');
  const svg = (await exported(page, { format: 'svg' })).toString('utf8');
  const counts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { uses: doc.querySelectorAll('use').length, defs: doc.querySelectorAll('defs > g').length, trajectories: doc.querySelectorAll('path.trajectory').length };
  }, svg);
  expect(counts).toEqual({ uses: 7, defs: 1, trajectories: 7 });
});

test('animated GIF: decodes with the frames and size asked for, the last frame held; the same state gives the same bytes', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page, 'surface=himmelblau&step=300');
  const options = { format: 'gif', width: 400, fps: 5, duration: 2 };
  const gif = await exported(page, options);
  expect(gif.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  const parsed = parseGIF(gif.buffer.slice(gif.byteOffset, gif.byteOffset + gif.byteLength) as ArrayBuffer);
  const frames = decompressFrames(parsed, true);
  expect(frames).toHaveLength(10);
  expect(parsed.lsd.width).toBe(400);
  expect(frames.every((f) => f.dims.width === 400 && f.dims.height === parsed.lsd.height)).toBe(true);
  expect(frames[0].delay).toBe(200);
  expect(frames.at(-1)?.delay).toBe(1500);
  // Frames after the first are drawn over it: most of each is the transparent "unchanged" colour.
  const opaque = (k: number) => {
    let n = 0;
    for (let i = 3; i < frames[k].patch.length; i += 4) if (frames[k].patch[i]) n++;
    return n / (frames[k].patch.length / 4);
  };
  expect(opaque(0)).toBe(1);
  expect(opaque(5)).toBeLessThan(0.2);
  const again = await exported(page, options);
  expect(again.equals(gif)).toBe(true);
  // A different step range gives a different animation.
  expect((await exported(page, { ...options, from: 100 })).equals(gif)).toBe(false);
  expect(messages).toEqual([]);
});

test('video: a WebM file of the race, as long as asked plus the held last frame', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page, 'surface=himmelblau&step=300');
  const video = await exported(page, { format: 'video', width: 400, fps: 10, duration: 2 });
  expect([...video.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(video) });
  expect(await input.getMimeType()).toMatch(/^video\/webm/);
  const track = await input.getPrimaryVideoTrack();
  expect(track?.displayWidth).toBe(400);
  // 20 frames of 0.1 s, then the last one held 1.5 s more: 2 + 1.5 s.
  expect(await input.computeDuration()).toBeCloseTo(3.5, 1);
  expect(messages).toEqual([]);
});

/** The runs' options as written in a CSV's header, and its rows by run. */
function parseCsv(text: string) {
  const lines = text.trim().split('\n');
  const meta: Record<string, unknown> = {};
  const runs: Record<string, unknown>[] = [];
  for (const line of lines.filter((l) => l.startsWith('# '))) {
    const m = /^# (surface|start|steps|run \d+): (.*)$/.exec(line);
    if (!m) continue;
    if (m[1].startsWith('run')) runs.push(JSON.parse(m[2]) as Record<string, unknown>);
    else meta[m[1]] = JSON.parse(m[2]);
  }
  const rows = lines.filter((l) => !l.startsWith('#'));
  const header = rows[0].split(',');
  const data = rows.slice(1).map((r) => r.split(','));
  return { meta, runs, header, data };
}

/**
 * trajectory() run by the page's own copy of the core (the one-file bundle), with the surface
 * loaded: the data surfaces' samples are generated with Math.log, Math.cos and Math.sin, whose last
 * bits differ between JavaScript engines (3 of linear-regression's 128 targets differ between
 * Node 20 and Chromium 156), so a re-run is bit for bit the export's in the engine that made it.
 */
async function inPage(page: Page, options: Record<string, unknown>) {
  return page.evaluate(async (o) => {
    const core = (await import('/dist/bundle/descent-lab.js' as string)) as {
      loadSurface(id: string): Promise<unknown>;
      loadSchedules(): Promise<unknown>;
      trajectory(o: unknown): { x: Float64Array; y: Float64Array; loss: Float64Array; batchLoss?: Float64Array; lr?: Float64Array };
    };
    await core.loadSurface(o.surface as string);
    await core.loadSchedules();
    const t = core.trajectory(o);
    const list = (a?: Float64Array) => (a ? Array.from(a) : undefined);
    return { x: list(t.x)!, y: list(t.y)!, loss: list(t.loss)!, batchLoss: list(t.batchLoss), lr: list(t.lr) };
  }, options);
}

test('CSV and JSON: every run with its options; trajectory() from them gives the same numbers, bit for bit', async ({ page }) => {
  // A noisy run, a mini-batch run with a schedule, and a plain one: each option must be written.
  await openApp(page, 'surface=linear-regression&opt=sgd(lr=0.05,batch=8,schedule=StepLR:stepSize=50:gamma=0.5),sgd(lr=0.05,noise=0.5),adam(lr=0.05)&steps=150');
  const csv = parseCsv((await exported(page, { format: 'csv' })).toString('utf8'));
  expect(csv.meta.surface).toBe('linear-regression');
  expect(csv.runs).toHaveLength(3);
  expect(csv.header.slice(0, 5)).toEqual(['run', 'step', 'x', 'y', 'loss']);
  expect(csv.header).toContain('lr');
  expect(csv.header).toContain('batch_loss');
  const col = (name: string) => csv.header.indexOf(name);
  for (let r = 0; r < csv.runs.length; r++) {
    const { label: _label, ...options } = csv.runs[r] as { label: string };
    const t = await inPage(page, { surface: csv.meta.surface as string, start: csv.meta.start as [number, number], steps: csv.meta.steps as number, ...(options as { optimizer: 'sgd' }) });
    const rows = csv.data.filter((d) => d[0] === String(r + 1));
    expect(rows).toHaveLength(t.x.length);
    for (const row of rows) {
      const k = Number(row[1]);
      expect(Number(row[col('x')])).toBe(t.x[k]);
      expect(Number(row[col('y')])).toBe(t.y[k]);
      expect(Number(row[col('loss')])).toBe(t.loss[k]);
      if (t.batchLoss) expect(Number(row[col('batch_loss')])).toBe(t.batchLoss[k]);
      if (t.lr && k > 0) expect(Number(row[col('lr')])).toBe(t.lr[k - 1]);
    }
  }
  const json = JSON.parse((await exported(page, { format: 'json', from: 10, to: 20 })).toString('utf8')) as {
    generator: string;
    surface: string;
    start: [number, number];
    steps: number;
    runs: { label: string; optimizer: 'sgd'; data: Record<string, number[]> }[];
  };
  expect(json.generator).toMatch(/^descent-lab \d+\.\d+\.\d+/);
  for (const { label: _label, data, ...options } of json.runs) {
    const t = await inPage(page, { surface: json.surface, start: json.start, steps: json.steps, ...options });
    expect(data.step).toEqual(Array.from({ length: 11 }, (_, i) => 10 + i));
    expect(data.x).toEqual(t.x.slice(10, 21));
    expect(data.loss).toEqual(t.loss.slice(10, 21));
  }
});

test('with the inner state shown, the CSV holds the recorded state: grad, effective lr and torch\'s buffers', async ({ page }) => {
  await openApp(page, 'surface=ravine&opt=momentum(lr=0.01),adam(lr=0.1)&inspect=1&steps=100');
  const csv = parseCsv((await exported(page, { format: 'csv' })).toString('utf8'));
  for (const name of ['grad_x', 'grad_y', 'effective_lr_x', 'momentum_buffer_x', 'exp_avg_x', 'exp_avg_sq_y']) expect(csv.header).toContain(name);
  const t = trajectory({ surface: 'ravine', start: csv.meta.start as [number, number], steps: 100, optimizer: 'adam', hyper: (csv.runs[1] as { hyper: Record<string, number> }).hyper, record: 'state' });
  const row = csv.data.find((d) => d[0] === '2' && d[1] === '40')!;
  expect(Number(row[csv.header.indexOf('exp_avg_x')])).toBe(t.state.expAvg[80]);
  expect(Number(row[csv.header.indexOf('grad_y')])).toBe(t.grad[81]);
});

test('a <descent-surface> exports itself; a bad option is refused with a message naming it', async ({ page }) => {
  await openApp(page, 'surface=himmelblau&layout=grid&step=100');
  const svg = (await exported(page, { format: 'svg' }, 'descent-surface[part~="panel"]')).toString('utf8');
  expect(svg.match(/class="trajectory"/g)).toHaveLength(1);
  const refusals = await page.evaluate(async () => {
    const pg = document.querySelector('descent-playground') as HTMLElement & { exportFigure(o: unknown): Promise<Blob> };
    const out: string[] = [];
    for (const o of [{ format: 'bmp' }, { format: 'png', scale: 4 }, { format: 'gif', fps: 0 }, { format: 'png', width: 20 }]) {
      try {
        await pg.exportFigure(o);
        out.push('accepted');
      } catch (e) {
        out.push(String((e as Error).message));
      }
    }
    return out;
  });
  expect(refusals[0]).toMatch(/format "bmp" is not one of png, svg, gif, video, csv, json/);
  expect(refusals[1]).toMatch(/scale 4 is not 1, 2 or 3/);
  expect(refusals[2]).toMatch(/fps 0/);
  expect(refusals[3]).toMatch(/width 20/);
});

async function openMenu(pg: Locator) {
  await pg.locator('[part~="export-button"]').focus();
  await pg.page().keyboard.press('Enter');
  await expect(pg.locator('dialog[part~="export-menu"]')).toBeVisible();
}

test('the Export menu by keyboard: open, pick SVG, download, read the static-figure snippet, Escape back to the button', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=himmelblau&step=250');
  await openMenu(pg);
  // Focus starts on the chosen format; arrows move through the formats.
  await expect(pg.locator('dialog input[value="png"]')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(pg.locator('dialog input[value="svg"]')).toBeChecked();
  const download = page.waitForEvent('download');
  await pg.locator('[part~="export-download"]').focus();
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toBe('descent-lab-himmelblau-step-250.svg');
  // The downloaded file is the figure: the same bytes exportFigure() gives for this state.
  const downloaded = await readFile((await file.path())!);
  expect(downloaded.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(downloaded.equals(await exported(page, { format: 'svg' }))).toBe(true);
  await expect(pg.locator('[part~="export-status"]')).toContainText('descent-lab-himmelblau-step-250.svg');
  // Beside it, the live figure's embed code.
  await expect(pg.locator('[part~="export-embed"]')).toHaveValue(/<script type="module"[\s\S]*<descent-playground[^>]*surface="himmelblau"/);
  // The static figure: the image, linking to this view.
  const snippet = await pg.locator('[part~="export-snippet"]').inputValue();
  expect(snippet).toMatch(/^<a href="[^"]+#[^"]*surface=himmelblau[^"]*"><img src="descent-lab-himmelblau-step-250\.svg" alt="Himmelblau: /);
  await page.keyboard.press('Escape');
  await expect(pg.locator('dialog[part~="export-menu"]')).toBeHidden();
  await expect(pg.locator('[part~="export-button"]')).toBeFocused();
  expect(messages).toEqual([]);
});

test('a long GIF shows its progress and can be cancelled: nothing is downloaded, the menu says so', async ({ page }) => {
  const pg = await openApp(page, 'surface=himmelblau&step=1000');
  await openMenu(pg);
  await pg.locator('dialog input[value="gif"]').check();
  await pg.locator('dialog input[type="number"]').nth(0).fill('30');
  await pg.locator('dialog input[type="number"]').nth(0).dispatchEvent('change');
  await pg.locator('dialog input[type="number"]').nth(1).fill('30');
  await pg.locator('dialog input[type="number"]').nth(1).dispatchEvent('change');
  let downloads = 0;
  page.on('download', () => downloads++);
  await pg.locator('[part~="export-download"]').click();
  await expect(pg.locator('[part~="export-progress"]')).toBeVisible();
  await expect.poll(() => pg.locator('[part~="export-progress"]').evaluate((p: HTMLProgressElement) => p.value)).toBeGreaterThan(0);
  await pg.locator('[part~="export-cancel"]').click();
  await expect(pg.locator('[part~="export-status"]')).toHaveText('Export cancelled.');
  await expect(pg.locator('[part~="export-progress"]')).toHaveCount(0);
  expect(downloads).toBe(0);
});

test('in Korean: the menu, the caption and the file speak Korean', async ({ page }) => {
  const pg = await openApp(page, 'surface=himmelblau&step=120&lang=ko');
  await expect(pg.locator('[part~="export-button"]')).toHaveText('내보내기');
  await openMenu(pg);
  await expect(pg.locator('dialog h3')).toHaveText('그림 내보내기');
  await expect(pg.locator('dialog label', { hasText: '움직이는 GIF' })).toBeVisible();
  const svg = (await exported(page, { format: 'svg' })).toString('utf8');
  expect(svg).toMatch(/시작점 \(/);
  expect(svg).toMatch(/120단계/);
});

test('a corrugated surface (Lévi N.13, painted per pixel): the SVG carries its contours as an embedded JPEG, painted in full', async ({ page }) => {
  const messages = watchConsole(page);
  await openApp(page, 'surface=levi13&step=100');
  const svg = (await exported(page, { format: 'svg' })).toString('utf8');
  const found = await page.evaluate(async (text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const image = doc.querySelector('image');
    const href = image?.getAttribute('href') ?? '';
    // The embedded picture decodes, and is painted all over (no blank strip left by a painting in progress).
    const img = new Image();
    img.src = href;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let blank = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 0) blank++;
    return { isJpeg: href.startsWith('data:image/jpeg;base64,'), width: c.width, blank, contours: doc.querySelectorAll('path.contour').length };
  }, svg);
  expect(found.isJpeg).toBe(true);
  expect(svg.length).toBeLessThan(1_000_000);
  expect(found.width).toBeGreaterThan(400);
  expect(found.blank).toBe(0);
  expect(found.contours).toBe(0);
  expect(messages).toEqual([]);
});
