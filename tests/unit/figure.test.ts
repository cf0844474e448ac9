/**
 * render/figure.ts and render/table.ts in Node (descent-lab/figure's promise: figures and tables
 * without a browser), and the GIF writer's session (export/gif-encode.ts) decoded back with
 * gifuct-js.
 */
import { describe, expect, it } from 'vitest';
import { decompressFrames, parseGIF } from 'gifuct-js';
import '../../src/core/index';
import { trajectory } from '../../src/core/trajectory';
import { surfaces } from '../../surfaces/index';
import { figure, figureSvg, hexRamp, textWidth, wrapText, type FigureItem, type FigureRun } from '../../src/render/figure';
import { panelHeight, panelScales } from '../../src/render/scales';
import { sampleGrid } from '../../src/render/grid';
import { contourLevels } from '../../src/render/levels';
import { contourRings } from '../../src/render/contours';
import { runsCsv, runsJson } from '../../src/render/table';
import { simplifierReady } from '../../src/render/paths';
import { simplify } from '../../src/render/simplify';
import { frameSteps } from '../../src/export/frames';
import { GifSession } from '../../src/export/gif-encode';

const start: [number, number] = [-1.2, 1];
const runs = (['sgd', 'momentum', 'adam'] as const).map((optimizer, index) => {
  const t = trajectory({ surface: 'rosenbrock', optimizer, start, steps: 300 });
  return { run: { label: `${optimizer} <&"run">`, color: '#112233', index, x: t.x, y: t.y, loss: t.loss } satisfies FigureRun, t };
});

/** Every path item, clips opened. */
function paths(items: readonly FigureItem[]): Extract<FigureItem, { kind: 'path' }>[] {
  return items.flatMap((i) => (i.kind === 'clip' ? paths(i.items) : i.kind === 'path' ? [i] : []));
}

describe('figure()', () => {
  it('draws each run up to the step, its head at the iterate of that step on the panel scales', async () => {
    await simplifierReady;
    const fig = figure({ surface: surfaces.rosenbrock, panels: [runs.map((r) => r.run)], start, step: 120, width: 500 });
    const heads = paths(fig.items).filter((p) => p.role === 'head');
    expect(heads).toHaveLength(3);
    // The plot: 500 px less the axes' margins (42 + 16), its height from the domain's ratio.
    const plotW = 500 - 42 - 16;
    const s = panelScales(surfaces.rosenbrock.domain, plotW, panelHeight(surfaces.rosenbrock.domain, plotW));
    heads.forEach((h, k) => {
      expect(h.at?.[0]).toBeCloseTo(s.x(runs[k].t.x[120]), 9);
      expect(h.at?.[1]).toBeCloseTo(s.y(runs[k].t.y[120]), 9);
    });
    expect(paths(fig.items).filter((p) => p.role === 'trajectory')).toHaveLength(3);
    expect(paths(fig.items).filter((p) => p.role === 'critical')).toHaveLength(surfaces.rosenbrock.critical.length);
  });

  it('simplifies each contour ring to within a quarter pixel (plus the rounding to tenths): every traced point stays on the drawn ring', async () => {
    await simplifierReady;
    const surface = surfaces.himmelblau;
    const fig = figure({ surface, panels: [[]], start: [0, 0], step: 0, width: 400, simplify });
    // The same rings, traced independently, in the same pixels.
    const grid = sampleGrid(surface, 200, 200);
    const bands = contourRings(grid, contourLevels(grid.values).thresholds).filter((b) => b.polygons.length);
    const items = paths(fig.items).filter((p) => p.role === 'contour' && !p.d.startsWith('M0,0H'));
    expect(items).toHaveLength(bands.length);
    const plotW = 400 - 42 - 16;
    const s = panelScales(surface.domain, plotW, panelHeight(surface.domain, plotW));
    let checked = 0;
    let dropped = 0;
    bands.forEach((band, k) => {
      // The band's first ring, as drawn: its first subpath (relative moves from an M).
      const d = items[k].d.split('z')[0];
      const m = /^M(-?[\d.]+),(-?[\d.]+)/.exec(d)!;
      let [x, y] = [Number(m[1]), Number(m[2])];
      const drawn: [number, number][] = [[x, y]];
      for (const [, dx, dy] of d.slice(m[0].length).matchAll(/l(-?[\d.]+),?(-?[\d.]+)/g)) {
        x += Number(dx);
        y += Number(dy);
        drawn.push([x, y]);
      }
      const ring = band.polygons[0][0];
      for (let i = 0; i < ring.length; i += 2) {
        const [px, py] = [s.x(ring[i]), s.y(ring[i + 1])];
        let best = Infinity;
        for (let j = 0; j < drawn.length; j++) {
          const [ax, ay] = drawn[j];
          const [bx, by] = drawn[(j + 1) % drawn.length];
          const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2)) : 0;
          best = Math.min(best, Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))));
        }
        expect(best).toBeLessThanOrEqual(0.25 + 0.08);
        checked++;
      }
      dropped += ring.length / 2 - drawn.length;
    });
    // Most traced points are left out (the point of simplifying).
    expect(checked).toBeGreaterThan(500);
    expect(dropped / checked).toBeGreaterThan(0.5);
  });

  it('writes a standalone SVG: text escaped, no external reference, one trajectory per run, the caption with its step', () => {
    const fig = figure({ surface: surfaces.rosenbrock, panels: [runs.map((r) => r.run)], start, step: 77, width: 520, lossChart: true, caption: 'Rosenbrock · step {step}' });
    const svg = figureSvg(fig, undefined, 'a title');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="trajectory"/g)).toHaveLength(3);
    expect(svg).toContain('Rosenbrock · step 77');
    expect(svg).toContain('sgd &#60;&#38;&#34;run&#34;&#62;');
    expect(svg).not.toMatch(/<[^>]*[^-]href="(?!#)/);
    expect(svg.match(/<svg/g)?.length).toBe(svg.match(/<\/svg>/g)?.length);
    expect(svg).toContain('class="loss"');
  });

  it('hexRamp mixes neighbouring stops in sRGB as color-mix(in srgb) does', () => {
    const ramp = hexRamp(['#000000', '#ff8000', '#ffffff']);
    expect(ramp(0)).toBe('#000000');
    expect(ramp(1)).toBe('#ffffff');
    expect(ramp(0.5)).toBe('#ff8000');
    // A quarter: halfway between black and #ff8000.
    expect(ramp(0.25)).toBe('#804000');
    expect(ramp(NaN)).toBe('#000000');
  });

  it('wraps a caption at spaces within the width', () => {
    const text = 'Rosenbrock · SGD (lr\u00a00.002); Momentum (lr\u00a00.001); Adam (lr\u00a00.1) · start (−1.2, 1) · step 600';
    const lines = wrapText(text, 11, 200);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) expect(textWidth(line, 11)).toBeLessThanOrEqual(200);
    expect(lines.some((l) => l.includes('lr\u00a00.001'))).toBe(true);
  });
});

describe('runsCsv and runsJson', () => {
  const noisy = trajectory({ surface: 'tiny-net', optimizer: 'sgd', hyper: { lr: 0.1 }, start: [0.5, -0.5], steps: 60, noise: { sd: 0.3, seed: 2 }, batch: { size: 16 }, schedule: 'StepLR:stepSize=20:gamma=0.5' });
  const options = { optimizer: 'sgd', hyper: noisy.hyper, noise: { sd: 0.3, seed: 2 }, batch: { size: 16 }, schedule: 'StepLR:stepSize=20:gamma=0.5' };
  const meta = { version: '9.9.9', surface: 'tiny-net', start: [0.5, -0.5] as [number, number], steps: 60 };

  it('CSV: the header names how to run it again, and the rows are its numbers exactly', () => {
    const csv = runsCsv(meta, [{ label: 'noisy, batched', options, trajectory: noisy }]);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^# descent-lab 9\.9\.9/);
    const run = JSON.parse(lines.find((l) => l.startsWith('# run 1: '))!.slice('# run 1: '.length)) as typeof options & { label: string };
    const { label, ...again } = run;
    expect(label).toBe('noisy, batched');
    const t = trajectory({ surface: meta.surface, start: meta.start, steps: meta.steps, ...(again as typeof options & { optimizer: 'sgd' }) });
    const header = lines.find((l) => l.startsWith('run,'))!.split(',');
    expect(header).toEqual(['run', 'step', 'x', 'y', 'loss', 'lr', 'batch_loss']);
    const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(','));
    expect(rows).toHaveLength(61);
    for (const r of rows) {
      const k = Number(r[1]);
      expect(Number(r[2])).toBe(t.x[k]);
      expect(Number(r[4])).toBe(t.loss[k]);
      expect(r[5]).toBe(k === 0 ? '' : String(t.lr![k - 1]));
      expect(Number(r[6])).toBe(t.batchLoss![k]);
    }
  });

  it('JSON: a step range, NaN as null past a divergence', () => {
    const diverged = trajectory({ surface: 'rosenbrock', optimizer: 'sgd', hyper: { lr: 0.5 }, start, steps: 40 });
    expect(diverged.divergedAt).toBeDefined();
    const json = JSON.parse(runsJson(meta, [{ label: 'd', options: { optimizer: 'sgd', hyper: diverged.hyper }, trajectory: diverged }], 0, 40)) as {
      runs: { divergedAt: number; data: { x: (number | null)[] } }[];
    };
    const { divergedAt, data } = json.runs[0];
    expect(divergedAt).toBe(diverged.divergedAt);
    expect(data.x).toHaveLength(41);
    expect(data.x.slice(diverged.divergedAt! + 1).every((v) => v === null || Number.isFinite(v))).toBe(true);
    expect(data.x.slice(0, diverged.divergedAt!)).toEqual(Array.from(diverged.x.subarray(0, diverged.divergedAt!)));
  });

  it("L-BFGS: CSV's function_evals per step as torch counts them, JSON's evaluated points for the steps shown", () => {
    const run = trajectory({ surface: 'rosenbrock', optimizer: 'lbfgs', hyper: { maxIter: 3, strongWolfe: true }, start, steps: 8, record: 'state' });
    const ev = run.evaluations!;
    const options2 = { optimizer: 'lbfgs', hyper: run.hyper };
    const csv = runsCsv({ ...meta, surface: 'rosenbrock', steps: 8 }, [{ label: 'L-BFGS', options: options2, trajectory: run }]);
    const lines = csv.trim().split('\n');
    const header = lines.find((l) => l.startsWith('run,'))!.split(',');
    const col = header.indexOf('function_evals');
    expect(col).toBeGreaterThan(0);
    const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(','));
    let counted = 0;
    for (const r of rows) {
      const k = Number(r[1]);
      // Each step() call evaluates once at its iterate, then the line search's points.
      expect(r[col]).toBe(k === 0 ? '' : String(1 + ev.start[k] - ev.start[k - 1]));
      if (k > 0) counted += Number(r[col]);
    }
    expect(counted).toBe(8 + ev.start[8]);
    const json = JSON.parse(runsJson({ ...meta, surface: 'rosenbrock', steps: 8 }, [{ label: 'L-BFGS', options: options2, trajectory: run }], 3, 5)) as {
      runs: { evaluations: { firstStep: number; start: number[]; x: number[]; y: number[]; loss: number[] } }[];
    };
    const e = json.runs[0].evaluations;
    // Steps 3 to 5 made iterates 3 to 5: their points, from the recorded arrays.
    expect(e.firstStep).toBe(3);
    expect(e.start).toEqual([0, ev.start[3] - ev.start[2], ev.start[4] - ev.start[2], ev.start[5] - ev.start[2]]);
    expect(e.x).toEqual(Array.from(ev.x.slice(ev.start[2], ev.start[5])));
    expect(e.loss).toEqual(Array.from(ev.loss.slice(ev.start[2], ev.start[5])));
    expect(e.x.length).toBeGreaterThan(2);
  });
});

describe('the GIF writer', () => {
  const W = 20;
  const H = 10;
  /** A frame: a grey field with a red square at column `at`. */
  const frame = (at: number) => {
    const rgba = new Uint8ClampedArray(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      const x = i % W;
      const red = x >= at && x < at + 3 && Math.floor(i / W) < 3;
      rgba.set(red ? [220, 30, 30, 255] : [200, 200, 200, 255], 4 * i);
    }
    return rgba;
  };
  const encode = () => {
    const s = new GifSession(W, H);
    s.palette(frame(10));
    for (const at of [0, 5, 10]) s.frame(frame(at), at === 10 ? 1500 : 100);
    return s.finish();
  };

  it('decodes to the frames given: the first whole, the others only where they changed, the last held', () => {
    const bytes = encode();
    const gif = parseGIF(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const frames = decompressFrames(gif, true);
    expect(frames.map((f) => f.delay)).toEqual([100, 100, 1500]);
    // Frame 2 (square at 5): opaque only where frames 1 and 2 differ (columns 0-7 of the top rows).
    const opaque = [...Array(W * H).keys()].filter((i) => frames[1].patch[4 * i + 3] > 0);
    expect(opaque.every((i) => i % W < 8 && Math.floor(i / W) < 3)).toBe(true);
    expect(opaque.length).toBe(8 * 3 - 2 * 3);
    // A red pixel of the last frame decodes red.
    const p = 4 * (1 * W + 11);
    expect([...frames[2].patch.subarray(p, p + 3)].map((v) => Math.round(v / 16))).toEqual([220, 30, 30].map((v) => Math.round(v / 16)));
  });

  it('gives the same bytes for the same frames', () => {
    expect(Buffer.from(encode()).equals(Buffer.from(encode()))).toBe(true);
  });

  it('frameSteps: count steps from `from` to `to`, both ends included', () => {
    expect(frameSteps(0, 100, 5)).toEqual([0, 25, 50, 75, 100]);
    expect(frameSteps(10, 10, 5)).toEqual([10]);
    expect(frameSteps(0, 7, 15)).toHaveLength(15);
  });
});
