/**
 * The inner-state view (issue #11): the marks at each head read back, through the map's scales, to
 * the numbers the run recorded at the shown step; scrubbing moves them; the rule's values follow
 * the step; pointing at a legend key highlights its rows of the rule, and pointing at a row its
 * marks; the toggle and `inspect=1` in the link; Korean; no console noise.
 */
import { expect, test, type Locator } from '@playwright/test';
import { openApp, watchConsole } from './helpers';

/** What the page draws and what the runs recorded, for every run's marks at the shown step, in data units. */
async function readBack(pg: Locator) {
  const panel = pg.locator('descent-surface').first();
  return panel.evaluate((el) => {
    type Rec = { x: Float64Array; y: Float64Array; grad: Float64Array; effectiveLr: Float64Array; hyper: Record<string, number | boolean>; state: Record<string, Float64Array> };
    const surface = el as unknown as {
      runs: { key: string; trajectory: Rec }[];
      scales: { x: { invert(v: number): number }; y: { invert(v: number): number } };
      step: number;
    };
    const root = el.shadowRoot!;
    const layer = root.querySelector('g.inspect') as SVGGElement;
    const factor = Number(layer.getAttribute('data-scale'));
    const point = (d: string | null) => {
      const m = /^M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/.exec(d ?? '');
      if (!m) return null;
      const [x0, y0, x1, y1] = m.slice(1).map(Number);
      const { x, y } = surface.scales;
      return { from: [x.invert(x0), y.invert(y0)], to: [x.invert(x1), y.invert(y1)] };
    };
    // One pixel in data units, for the tolerance (paths are written to 0.1 px).
    const px = [Math.abs(surface.scales.x.invert(1) - surface.scales.x.invert(0)), Math.abs(surface.scales.y.invert(1) - surface.scales.y.invert(0))];
    return {
      factor,
      most: 2 * Math.max(...['width', 'height'].map((a) => Number(root.querySelector('svg.plot-area')!.getAttribute(a)))),
      px,
      step: surface.step,
      runs: surface.runs.map((r) => {
        const g = layer.querySelector(`g.inspect-run[data-key="${r.key}"]`)!;
        const k = Math.min(surface.step, r.trajectory.x.length - 1);
        const t = r.trajectory;
        const lr = Number(t.hyper.lr);
        return {
          key: r.key,
          k,
          grad: point(g.querySelector('path.i-grad')!.getAttribute('d')),
          step: point(g.querySelector('path.i-step')!.getAttribute('d')),
          moment: point(g.querySelector('path.i-moment')!.getAttribute('d')),
          glyph: (/scale\((-?[\d.]+),(-?[\d.]+)\)/.exec(g.querySelector('circle.i-glyph')!.getAttribute('transform') ?? '') ?? [0, 0, 0]).slice(1).map(Number),
          recorded: {
            at: [t.x[k], t.y[k]],
            grad: [-lr * t.grad[2 * k], -lr * t.grad[2 * k + 1]],
            step: [t.x[k + 1] - t.x[k], t.y[k + 1] - t.y[k]],
            buffer: t.state.momentumBuffer ? [-lr * t.state.momentumBuffer[2 * k], -lr * t.state.momentumBuffer[2 * k + 1]] : null,
            lr: [t.effectiveLr[2 * k + 2], t.effectiveLr[2 * k + 3]],
            gradNorm: Math.hypot(t.grad[2 * k], t.grad[2 * k + 1]),
          },
        };
      }),
    };
  });
}

type ReadBack = Awaited<ReturnType<typeof readBack>>;

/** Each arrow starts at the head and ends at head + factor · the recorded vector, within a pixel (and at least `minEnds` ends are compared). */
function expectMarksMatch(r: ReadBack, minEnds = 6) {
  let ends = 0;
  const near = (a: number[], b: number[], what: string) => {
    expect(Math.abs(a[0] - b[0]), `${what} x: ${a} vs ${b}`).toBeLessThanOrEqual(r.px[0]);
    expect(Math.abs(a[1] - b[1]), `${what} y: ${a} vs ${b}`).toBeLessThanOrEqual(r.px[1]);
  };
  for (const run of r.runs) {
    const { at, grad, step, buffer } = run.recorded;
    for (const [name, drawn, vector] of [
      ['gradient', run.grad, grad],
      ['step', run.step, step],
      ['velocity', run.moment, buffer],
    ] as const) {
      if (!vector) continue;
      expect(drawn, `${run.key} ${name}`).not.toBeNull();
      near(drawn!.from, at, `${run.key} ${name} start`);
      // (An arrow longer than twice the plot is cut to that length: it leaves the map anyway.)
      if (Math.hypot((r.factor * vector[0]) / r.px[0], (r.factor * vector[1]) / r.px[1]) > r.most) continue;
      near(drawn!.to, [at[0] + r.factor * vector[0], at[1] + r.factor * vector[1]], `${run.key} ${name} end`);
      ends++;
    }
  }
  expect(r.most).toBeGreaterThan(400);
  expect(ends).toBeGreaterThanOrEqual(minEnds);
}

test('the marks at each head are the recorded numbers at the shown step, and scrubbing moves them', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=ravine&inspect=1&step=20&opt=momentum(lr=0.01),adagrad(lr=1),adam(lr=0.1)');
  await expect(pg.locator('[part~="inspect-toggle"]')).toHaveAttribute('aria-pressed', 'true');
  const panel = pg.locator('descent-surface').first();
  await expect(panel.locator('path.i-grad').first()).toHaveAttribute('d', /^M/);
  let r = await readBack(pg);
  expect(r.step).toBe(20);
  expect(r.runs).toHaveLength(3);
  // 1, 2 or 5 times a power of ten.
  expect([1, 2, 5]).toContain(Number((r.factor / 10 ** Math.floor(Math.log10(r.factor))).toPrecision(3)));
  expectMarksMatch(r);
  // The glyph: half-axes the next step's step size times |∇f|, scaled like the arrows.
  for (const run of r.runs.filter((x) => x.key !== '0')) {
    expect(Math.abs(run.glyph[0] - r.factor * run.recorded.lr[0] * run.recorded.gradNorm / r.px[0])).toBeLessThanOrEqual(0.1);
    expect(Math.abs(run.glyph[1] - r.factor * run.recorded.lr[1] * run.recorded.gradNorm / r.px[1])).toBeLessThanOrEqual(0.1);
  }
  // The factor is shown when it is not 1.
  if (r.factor !== 1) await expect(panel.locator('[part~="inspect-scale"]')).toHaveText(`arrows × ${r.factor}`);

  // Scrub with the timeline: the marks follow, still matching the record.
  const before = await panel.locator('path.i-step').first().getAttribute('d');
  await pg.locator('[part~="timeline"]').fill('90');
  await expect(pg.locator('[part~="step-readout"]')).toHaveText('step 90 / 200');
  await expect(panel.locator('path.i-step').first()).not.toHaveAttribute('d', before ?? '');
  r = await readBack(pg);
  expect(r.step).toBe(90);
  expectMarksMatch(r);

  // The selected run's values follow the step too.
  const values = pg.locator('[part~="rule-values"]');
  await expect(values).toContainText('At step 90, for step 91');
  const g = await panel.evaluate((el) => {
    const t = (el as unknown as { runs: { trajectory: { grad: Float64Array } }[] }).runs[0].trajectory;
    return [t.grad[180], t.grad[181]];
  });
  const row = values.locator('tr[data-mark="grad"]');
  const cells = await row.locator('td').allTextContents();
  expect(Number(cells[0].replace('−', '-'))).toBeCloseTo(g[0], 2);
  expect(Number(cells[1].replace('−', '-'))).toBeCloseTo(g[1], 2);
  expect(messages).toEqual([]);
});

test('dragging the start: the marks follow the hand, the values a tenth of a second behind, and both end at the dropped run', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=ravine&inspect=1&step=20&opt=momentum(lr=0.01),adam(lr=0.1)');
  const panel = pg.locator('descent-surface').first();
  const values = pg.locator('[part~="rule-values"]');
  await expect(values).toContainText('At step 20, for step 21');
  /** The first run's gradient at step 20 as the surface holds it, and as the table shows it. */
  const shownAndHeld = async () => {
    const held = await panel.evaluate((el) => {
      const t = (el as unknown as { runs: { trajectory: { grad: Float64Array } }[] }).runs[0].trajectory;
      return [t.grad[40], t.grad[41]];
    });
    const cells = await values.locator('tr[data-mark="grad"] td').allTextContents();
    return { held, shown: cells.map((c) => Number(c.replace('−', '-'))) };
  };
  const close = ({ held, shown }: { held: number[]; shown: number[] }) =>
    // (The table shows three significant digits.)
    shown.every((v, i) => Math.abs(v - held[i]) <= 5e-3 * Math.max(1, Math.abs(held[i])));
  const before = await shownAndHeld();
  expect(close(before)).toBe(true);
  const box = (await panel.locator('[part~="start-handle"]').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(cx + 8 * i, cy - 5 * i);
  // Still held down: the marks are the record of the runs from the new start (runs made in the
  // drag's reused arrays), and a moment later the table shows them too.
  expectMarksMatch(await readBack(pg), 4);
  await expect.poll(async () => close(await shownAndHeld())).toBe(true);
  const during = await shownAndHeld();
  expect(during.held).not.toEqual(before.held);
  // More moves than the drag's ring of buffers holds: still the record of the latest runs.
  for (let i = 7; i <= 16; i++) await page.mouse.move(cx + 8 * i - 40, cy - 5 * i + 30);
  expectMarksMatch(await readBack(pg), 4);
  await page.mouse.up();
  await expect.poll(async () => close(await shownAndHeld())).toBe(true);
  expectMarksMatch(await readBack(pg), 4);
  expect(messages).toEqual([]);
});

test('pointing at a legend key highlights its marks and its rows of the rule; pointing at a row, its marks and key', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=ravine&inspect=1&step=30&opt=momentum(lr=0.01),adam(lr=0.1)');
  const panel = pg.locator('descent-surface').first();
  const layer = panel.locator('g.inspect');
  await expect(layer).toBeAttached();
  // The legend lists the marks these runs show: no θ (no Nesterov run).
  const keys = pg.locator('.strip .i-key');
  await expect(keys).toHaveCount(4);
  await expect(pg.locator('.strip .i-key[data-mark="theta"]')).toHaveCount(0);
  // Legend key → marks and rows.
  await pg.locator('.strip .i-key[data-mark="moment"]').hover();
  await expect(layer).toHaveAttribute('data-highlight', 'moment');
  await expect(pg.locator('[part~="rule-values"] tr[data-mark="moment"]').first()).toHaveClass(/pointed/);
  await expect(pg.locator('[part~="rule-values"] tr[data-mark="grad"]')).not.toHaveClass(/pointed/);
  // Away: nothing highlighted.
  await page.mouse.move(5, 5);
  await expect(layer).not.toHaveAttribute('data-highlight', /./);
  // Row → marks and key (by keyboard too).
  await pg.locator('[part~="rule-values"] tr[data-mark="grad"]').focus();
  await expect(layer).toHaveAttribute('data-highlight', 'grad');
  await expect(pg.locator('.strip .i-key[data-mark="grad"]')).toHaveClass(/pointed/);
  // A mark on the map under the mouse: its rows and key, as its legend key would.
  await pg.locator('[part~="rule-values"] tr[data-mark="grad"]').blur();
  const middle = await panel.locator('g.inspect-run[data-key="0"] path.i-step').evaluate((el: SVGPathElement) => {
    const m = /^M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/.exec(el.getAttribute('d') ?? '')!;
    const p = new DOMPoint((+m[1] + +m[3]) / 2, (+m[2] + +m[4]) / 2).matrixTransform(el.getScreenCTM()!);
    return [p.x, p.y];
  });
  await page.mouse.move(middle[0], middle[1]);
  await expect(layer).toHaveAttribute('data-highlight', 'step');
  await expect(pg.locator('[part~="rule-values"] tr[data-mark="step"]')).toHaveClass(/pointed/);
  await expect(pg.locator('.strip .i-key[data-mark="step"]')).toHaveClass(/pointed/);
  await page.mouse.move(5, 5);
  await expect(layer).not.toHaveAttribute('data-highlight', /./);
  await pg.locator('[part~="rule-values"] tr[data-mark="grad"]').focus();
  // The highlighted kind stands out: its arrows at full opacity, the others faded.
  const opacity = (sel: string) => panel.locator(sel).first().evaluate((e) => getComputedStyle(e).opacity);
  expect(await opacity('path.i-grad')).toBe('1');
  expect(Number(await opacity('path.i-step'))).toBeLessThan(0.5);
  expect(messages).toEqual([]);
});

test('the toggle turns the view on and off, and the link says so', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=saddle');
  const toggle = pg.locator('[part~="inspect-toggle"]');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(pg.locator('descent-surface').first().locator('g.inspect')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(pg.locator('descent-surface').first().locator('g.inspect g.inspect-run')).not.toHaveCount(0);
  await expect(pg.locator('[part~="step-size-chart"]')).toBeVisible();
  expect(await pg.evaluate((el) => (el as unknown as { inspect: boolean }).inspect)).toBe(true);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('inspect=1');
  await toggle.click();
  await expect(pg.locator('descent-surface').first().locator('g.inspect')).toHaveCount(0);
  await expect(pg.locator('[part~="rule-values"]')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('inspect');
  expect(messages).toEqual([]);
});

test('Korean: the toggle, the legend, the values and what to look at', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'lang=ko&surface=ravine&inspect=1&step=10&opt=momentum(lr=0.01)');
  await expect(pg.locator('[part~="inspect-toggle"]')).toHaveText('내부 상태 보기');
  const panel = pg.locator('descent-surface').first();
  await expect(pg.locator('.strip .i-key[data-mark="moment"]')).toContainText('속도');
  await expect(pg.locator('[part~="rule-values"]')).toContainText('스텝 10에서');
  await expect(pg.locator('[part~="rule-values"]')).toContainText('눈여겨볼 점');
  expect(messages).toEqual([]);
});

test("ASGD's averaged point ā and schedule-free's x: a ring at the recorded point, linked to its row and its legend key", async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=ravine&inspect=1&step=60&opt=asgd(lr=0.05,t0=10),schedule-free-adamw(lr=0.1)');
  const panel = pg.locator('descent-surface').first();
  const rings = panel.locator('circle.i-theta[data-mark="average"]');
  await expect(rings).toHaveCount(2);
  for (const ring of await rings.all()) await expect(ring).toHaveAttribute('visibility', 'visible');
  // Each ring is at the run's recorded averaged point at step 60, in the panel's pixels.
  const check = await panel.evaluate((el) => {
    const host = el as unknown as { runs: { trajectory: { x: Float64Array; y: Float64Array; state: Record<string, Float64Array> } }[]; scales: { x: (v: number) => number; y: (v: number) => number } };
    const root = (el as HTMLElement).shadowRoot!;
    return host.runs.map((run, i) => {
      const avg = run.trajectory.state.ax ?? run.trajectory.state.x;
      const ring = root.querySelectorAll('g.inspect-run')[i].querySelector('circle.i-theta')!;
      return {
        want: [host.scales.x(avg[120]), host.scales.y(avg[121])],
        got: [Number(ring.getAttribute('cx')), Number(ring.getAttribute('cy'))],
        head: [host.scales.x(run.trajectory.x[60]), host.scales.y(run.trajectory.y[60])],
      };
    });
  });
  for (const c of check) {
    expect(Math.hypot(c.got[0] - c.want[0], c.got[1] - c.want[1])).toBeLessThan(0.1);
    // Past t₀ the average trails the iterate: the ring is off the head.
    expect(Math.hypot(c.got[0] - c.head[0], c.got[1] - c.head[1])).toBeGreaterThan(2);
  }
  await expect(pg.locator('[part~="inspect-legend"]').first()).toContainText('the averaged point');
  // The selected run's (ASGD's) values list ā with the ring's mark.
  await expect(pg.locator('[part~="rule-values"] tr[data-mark="average"]')).toHaveCount(1);
  expect(messages).toEqual([]);
});

/**
 * Each run's probe dots and the dashed line through them, as drawn (pixels), and the points the
 * run recorded for the step from the shown one (the layer's pixels of them, by the map's scales).
 */
async function probesBack(pg: Locator) {
  return pg.locator('descent-surface').first().evaluate((el) => {
    type Rec = { x: Float64Array; y: Float64Array; evaluations?: { start: Int32Array; x: Float64Array; y: Float64Array } };
    const host = el as unknown as { runs: { key: string; label: string; trajectory: Rec }[]; scales: { x: (v: number) => number; y: (v: number) => number; width: number; height: number }; step: number };
    const root = (el as HTMLElement).shadowRoot!;
    return host.runs.map((r) => {
      const g = root.querySelector(`g.inspect-run[data-key="${r.key}"]`)!;
      const t = r.trajectory;
      const k = Math.min(host.step, t.x.length - 1);
      const e = t.evaluations!;
      const want: number[][] = [];
      for (let i = e.start[k]; i < (k + 1 < e.start.length ? e.start[k + 1] : e.start[k]); i++) want.push([host.scales.x(e.x[i]), host.scales.y(e.y[i])]);
      return {
        label: r.label,
        head: [host.scales.x(t.x[k]), host.scales.y(t.y[k])],
        size: [host.scales.width, host.scales.height],
        want,
        dots: [...g.querySelectorAll('circle.i-probe')].map((c) => ({
          visible: c.getAttribute('visibility') === 'visible',
          at: [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))],
        })),
        line: g.querySelector('path.i-probe-line')!.getAttribute('d') ?? '',
      };
    });
  });
}

type ProbesBack = Awaited<ReturnType<typeof probesBack>>;

/** Every evaluated point within the plot is a visible dot at its pixel (to the 0.1 px the marks are written to), in order, and the line starts at the head. */
function expectProbesMatch(runs: ProbesBack, least: Record<string, number>) {
  for (const run of runs) {
    const n = Math.min(40, run.want.length);
    expect(run.want.length, run.label).toBeGreaterThanOrEqual(least[run.label]);
    // (Dots beyond the step's points, the run's most in one step, are hidden.)
    expect(run.dots.slice(n).every((d) => !d.visible), run.label).toBe(true);
    let visible = 0;
    run.want.slice(0, n).forEach((want, i) => {
      const inside = want[0] >= -8 && want[0] <= run.size[0] + 8 && want[1] >= -8 && want[1] <= run.size[1] + 8;
      expect(run.dots[i].visible, `${run.label} dot ${i}`).toBe(inside);
      if (!inside) return;
      visible++;
      expect(Math.abs(run.dots[i].at[0] - want[0]), `${run.label} dot ${i} x`).toBeLessThanOrEqual(0.06);
      expect(Math.abs(run.dots[i].at[1] - want[1]), `${run.label} dot ${i} y`).toBeLessThanOrEqual(0.06);
    });
    expect(visible, run.label).toBeGreaterThanOrEqual(Math.min(least[run.label], 1));
    if (!n) continue;
    // The dashed line: from the head to the first point (where both are on the plot).
    const first = /^M(-?[\d.]+),(-?[\d.]+)L(-?[\d.]+),(-?[\d.]+)/.exec(run.line)!.slice(1).map(Number);
    expect(Math.hypot(first[0] - run.head[0], first[1] - run.head[1]), run.label).toBeLessThanOrEqual(0.1);
    expect(Math.hypot(first[2] - run.want[0][0], first[3] - run.want[0][1]), run.label).toBeLessThanOrEqual(0.1);
  }
}

test("L-BFGS's line search and SAM's ascent point: dots at the recorded evaluations, joined from the head; their legend key, their row, no step-size glyph", async ({ page }) => {
  const messages = watchConsole(page);
  // Tall enough for the legend under Rosenbrock's square map.
  await page.setViewportSize({ width: 1280, height: 1000 });
  const pg = await openApp(page, 'surface=rosenbrock&inspect=1&step=1&opt=sam(lr=0.002),lbfgs(strongWolfe=true)');
  const panel = pg.locator('descent-surface').first();
  await expect(panel.locator('circle.i-probe[visibility="visible"]').first()).toBeAttached();
  let runs = await probesBack(pg);
  expect(runs.map((r) => r.label)).toEqual(['SAM', 'L-BFGS']);
  // Step 1 → 2: SAM's one ascent point; L-BFGS's inner iterates and trial points (18 of them).
  expectProbesMatch(runs, { SAM: 1, 'L-BFGS': 10 });
  expect(runs[0].want).toHaveLength(1);
  // SAM's ascent point is ρ = 0.05 from the head, in data units: a few pixels on Rosenbrock's map.
  const samOff = Math.hypot(runs[0].want[0][0] - runs[0].head[0], runs[0].want[0][1] - runs[0].head[1]);
  expect(samOff).toBeGreaterThan(3);
  // ...within the head's marker, so the marks are painted over the heads (later in the map's SVG):
  // the dot is in sight, not under the marker.
  const order = await panel.evaluate((el) => {
    const root = el.shadowRoot!;
    const dot = root.querySelector('g.inspect-run[data-key="0"] circle.i-probe[visibility="visible"]')!;
    const head = root.querySelector('path[part~="head"][data-key="0"]')!;
    const a = dot.getBoundingClientRect();
    const b = head.getBoundingClientRect();
    const overlaps = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return { overlaps, dotAfterHead: Boolean(head.compareDocumentPosition(dot) & Node.DOCUMENT_POSITION_FOLLOWING) };
  });
  expect(order).toEqual({ overlaps: true, dotAfterHead: true });
  // L-BFGS's first call (step 0 → 1): 24 points; scrubbing there moves the dots.
  await pg.locator('[part~="timeline"]').fill('0');
  await expect(pg.locator('[part~="step-readout"]')).toHaveText(/^step 0 \//);
  await expect.poll(async () => (await probesBack(pg))[1].want.length).toBe(24);
  runs = await probesBack(pg);
  expectProbesMatch(runs, { SAM: 1, 'L-BFGS': 24 });
  // Past L-BFGS's second call it stops at once: no dots, no line.
  await pg.locator('[part~="timeline"]').fill('5');
  await expect(pg.locator('[part~="step-readout"]')).toHaveText(/^step 5 \//);
  runs = await probesBack(pg);
  expect(runs[1].want).toHaveLength(0);
  expect(runs[1].dots.every((d) => !d.visible)).toBe(true);
  expect(runs[1].line).toBe('');
  expectProbesMatch([runs[0]], { SAM: 1 });

  // The legend: the evaluated points' key, no glyph key (one step size for both coordinates).
  await expect(pg.locator('.strip .i-key[data-mark="probes"]')).toContainText('the points the step evaluates');
  await expect(pg.locator('.strip .i-key[data-mark="glyph"]')).toHaveCount(0);
  // The selected run's (SAM's) values: θ + ε, linked to the dots.
  const values = pg.locator('[part~="rule-values"]');
  const row = values.locator('tr[data-mark="probes"]');
  await expect(row.locator('th')).toHaveText('θ + ε');
  const layer = panel.locator('g.inspect');
  await pg.locator('.strip .i-key[data-mark="probes"]').hover();
  await expect(layer).toHaveAttribute('data-highlight', 'probes');
  await expect(row).toHaveClass(/pointed/);
  await page.mouse.move(5, 5);
  await expect(layer).not.toHaveAttribute('data-highlight', /./);
  // A dot on the map under the mouse points at the same (L-BFGS's at step 0: one far from the others).
  await pg.locator('[part~="timeline"]').fill('0');
  await expect.poll(async () => (await probesBack(pg))[1].want.length).toBe(24);
  const target = await panel.locator('g.inspect-run[data-key="1"] circle.i-probe[visibility="visible"]').evaluateAll((dots) => {
    const at = dots.map((d) => [Number(d.getAttribute('cx')), Number(d.getAttribute('cy'))]);
    // The dot farthest from its nearest neighbour, so the mouse is on it alone.
    const lonely = at.map((p) => Math.min(...at.filter((q) => q !== p).map((q) => Math.hypot(p[0] - q[0], p[1] - q[1]))));
    const i = lonely.indexOf(Math.max(...lonely));
    const p = new DOMPoint(at[i][0], at[i][1]).matrixTransform((dots[i] as SVGCircleElement).getScreenCTM()!);
    return [p.x, p.y];
  });
  await page.mouse.move(target[0], target[1]);
  await expect(layer).toHaveAttribute('data-highlight', 'probes');
  await expect(pg.locator('.strip .i-key[data-mark="probes"]')).toHaveClass(/pointed/);
  // The highlighted dots stand out, the arrows fade.
  const opacity = (sel: string) => panel.locator(sel).first().evaluate((e) => getComputedStyle(e).opacity);
  expect(await opacity('g.i-probes')).toBe('1');
  expect(Number(await opacity('path.i-grad'))).toBeLessThan(0.5);
  expect(messages).toEqual([]);
});

test('Korean: the evaluated points\' legend key and what to look at for L-BFGS', async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'lang=ko&surface=rosenbrock&inspect=1&step=3&opt=lbfgs(maxIter=1,strongWolfe=true),sam(lr=0.002)');
  const panel = pg.locator('descent-surface').first();
  await expect(pg.locator('.strip .i-key[data-mark="probes"]')).toContainText('스텝이 f를 계산해 보는 점');
  await expect(pg.locator('[part~="rule-values"]')).toContainText('선 탐색');
  expect(messages).toEqual([]);
});

test("a trial point far off the map (L-BFGS without a line search): its dot hidden, the dashed line cut at the plot's edge", async ({ page }) => {
  const messages = watchConsole(page);
  const pg = await openApp(page, 'surface=rosenbrock&inspect=1&step=1&opt=lbfgs');
  await expect(pg.locator('descent-surface').first().locator('circle.i-probe[visibility="visible"]').first()).toBeAttached();
  const [run] = await probesBack(pg);
  // Step 1 → 2 tries (28.8, 14.4), thousands of pixels off Rosenbrock's map.
  expect(run.want).toHaveLength(19);
  expect(run.want.some(([x]) => x > run.size[0] * 5)).toBe(true);
  expectProbesMatch([run], { 'L-BFGS': 19 });
  const ends = [...run.line.matchAll(/-?[\d.]+/g)].map(Number);
  expect(Math.max(...ends)).toBeLessThanOrEqual(Math.max(...run.size) + 8.05);
  expect(Math.min(...ends)).toBeGreaterThanOrEqual(-8.05);
  expect(messages).toEqual([]);
});

for (const [band, width, height] of [['phone', 390, 844], ['tablet', 800, 900], ['wide', 1280, 800]] as const) {
  for (const layout of ['overlay', 'grid'] as const) {
    test(`the marks' legend sits above the map, under the run legend, and the maps leave room for it: nothing overlaps what follows (${band}, ${layout})`, async ({ page }) => {
      const messages = watchConsole(page);
      await page.setViewportSize({ width, height });
      const pg = await openApp(page, `lang=ko&surface=rosenbrock&layout=${layout}&inspect=1&step=3&opt=lbfgs,adam,sam`);
      const legend = pg.locator('.strip [part~="inspect-legend"]');
      await expect(legend.locator('.i-key')).toHaveCount(5);
      // Styled in the playground's own root: keys are borderless buttons with their glyphs.
      expect(await legend.locator('.i-key').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
      // No panel shows a legend of its own.
      await expect(pg.locator('descent-surface [part~="inspect-legend"]')).toHaveCount(0);
      // Settled: every box in the main area ends inside it, and the legend is above the first map.
      const boxes = async () =>
        pg.evaluate((el) => {
          const root = el.shadowRoot!;
          const main = root.querySelector('.main')!.getBoundingClientRect();
          const rest = root.querySelector('.rest')?.getBoundingClientRect();
          const inside = [...root.querySelectorAll('.main > *')].map((e) => Math.round(e.getBoundingClientRect().bottom));
          const surfaces = [...root.querySelectorAll('descent-surface')].map((s) => Math.round(s.getBoundingClientRect().bottom));
          const legend = root.querySelector('.strip [part~="inspect-legend"]')!.getBoundingClientRect();
          const map = root.querySelector('descent-surface')!.getBoundingClientRect();
          return { bottom: Math.round(main.bottom + (rest?.height ?? 0)), inside: Math.max(...inside, ...surfaces), legendBottom: legend.bottom, mapTop: map.top };
        });
      await expect.poll(async () => {
        const b = await boxes();
        return b.inside <= b.bottom + 1 && b.legendBottom <= b.mapTop + 1;
      }).toBe(true);
      if (band === 'phone') {
        // Two rows of keys that scroll sideways: the map keeps most of the width's height.
        const rows = await legend.evaluate((e) => new Set([...e.querySelectorAll('.i-key')].map((k) => Math.round(k.getBoundingClientRect().top))).size);
        expect(rows).toBe(2);
        expect(await legend.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
      }
      if (layout === 'grid') {
        // Each small panel's arrow factor ("arrows × 1000") clear of its title.
        const clashes = await pg.locator('descent-surface').evaluateAll((panels) =>
          panels.flatMap((p) => {
            const title = p.querySelector('.panel-title')!.getBoundingClientRect();
            const scale = p.shadowRoot!.querySelector('text.i-scale')!.getBoundingClientRect();
            const apart = scale.width === 0 || scale.left >= title.right || scale.right <= title.left || scale.top >= title.bottom || scale.bottom <= title.top;
            return apart ? [] : [p.querySelector('.panel-title')!.textContent];
          }),
        );
        expect(clashes).toEqual([]);
      }
      await page.screenshot({ path: test.info().outputPath(`inspect-legend-${band}-${layout}.png`), fullPage: true });
      expect(messages).toEqual([]);
    });
  }
}
