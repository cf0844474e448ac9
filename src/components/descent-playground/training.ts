/**
 * Training on the map, in the playground: a lazy chunk, loaded the first time a playground shows
 * a data surface or a run with a batch size or a learning-rate schedule (and with a row's further
 * settings, whose schedule picker is here). It adds:
 *
 * - in each optimizer row: the batch size (data surfaces), and for a scheduled run a sparkline of
 *   its lr against the step, with the schedule's name;
 * - in a row's further settings: the schedule picker (the common schedules, set up for the run's
 *   length) and the schedule's text form, for its options (core/schedules.ts: parseSchedule);
 * - the data panel (data surfaces): the samples and the selected run's model at the shown step
 *   (the regression line, the logistic decision boundary, the tiny net's curve), with the
 *   mini-batch its next step uses ringed;
 * - under the rule: the lr of the shown step, for a scheduled run.
 *
 * What moves with the step (the model, the ringed batch, the lr) is written in place by `sync`,
 * as the maps and charts are, without a render.
 */
import { css, html, nothing, svg } from 'lit';
import { parseSchedule } from '../../core/schedules';
import type { Surface, SurfaceData, Trajectory } from '../../core/types';
import { formatNumber } from '../../render/ticks';
import { addStrings, messageText, t, type Lang } from '../../i18n/index';
import { enTraining } from '../../i18n/en-training';
import { adopt } from '../shared/lazy-chunk';
import { styleProps } from '../shared/style-props';
import type { EntryRun, OptimizerListHost } from './optimizer-list';

addStrings('en', enTraining);

const styles = css`
  .train {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 2px 0 0 19px;
    color: var(--descent-muted);
    font-size: 12px;
  }
  .train select {
    font: inherit;
    height: 22px;
  }
  .spark {
    flex: none;
    overflow: visible;
  }
  .spark polyline {
    fill: none;
    stroke: var(--c);
    stroke-width: 1.5;
    stroke-linejoin: round;
  }
  .schedule-text {
    grid-column: 1 / -1;
    height: 22px;
    font: 11.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  }
  [part~='data-panel'] {
    border-top: 1px solid var(--descent-line);
    padding-top: 6px;
  }
  [part~='data-panel'] h3 {
    margin: 0 0 2px;
    font-size: 13px;
  }
  [part~='data-panel'] svg {
    display: block;
    width: 100%;
    height: auto;
  }
  [part~='data-panel'] p {
    margin: 2px 0 0;
    font-size: 11.5px;
    color: var(--descent-muted);
  }
  .samples {
    fill: var(--descent-muted);
    fill-opacity: 0.55;
  }
  .samples.hollow {
    fill: none;
    stroke: var(--descent-muted);
    stroke-width: 1;
  }
  [part~='data-model'] {
    fill: none;
    stroke: var(--c);
    stroke-width: 2.2;
  }
  [part~='data-batch'] {
    fill: none;
    stroke: var(--c);
    stroke-width: 1.4;
  }
  .data-frame {
    fill: none;
    stroke: var(--descent-line);
  }
  .data-axis {
    fill: var(--descent-muted);
    font-size: 10px;
  }
  [part~='lr-at'] output {
    font-variant-numeric: tabular-nums;
  }
`;

// ---- the optimizer rows ----------------------------------------------------------------------

/** Batch sizes offered (those under the data's size), besides the full batch. */
const SIZES = [1, 2, 4, 8, 16, 32, 64, 128];

/** A schedule's name in a row: its kinds, "LinearLR → CosineAnnealingLR". */
const kinds = (text: string) => text.replace(/@\d+:/g, '→').replace(/:[^→]*/g, '').replace(/→/g, ' → ');

/** What a row shows beyond lr: its batch size (data surfaces) and its lr schedule's sparkline. */
export function row(host: OptimizerListHost, run: EntryRun, surface: Surface) {
  adopt(host.root, styles.styleSheet);
  const { entry, index } = run;
  const lang = host.lang;
  const n = surface.data?.n;
  const lr = run.trajectory?.lr;
  if (!n && !lr) return nothing;
  const size = entry.batch ? Math.min(entry.batch, n ?? entry.batch) : 0;
  const sizes = SIZES.filter((s) => n && s < n);
  if (size && !sizes.includes(size) && size !== n) sizes.push(size);
  return html`<div class="train">
    ${n
      ? html`<label for=${`b-${index}`} title=${t(lang, 'batchTitle', { n })}>${t(lang, 'batch')}</label>
          <select
            id=${`b-${index}`}
            part="batch-select"
            aria-label=${t(lang, 'batchOf', { name: run.label })}
            @change=${(e: Event) => host.setRunOption(index, 'batch', Number((e.target as HTMLSelectElement).value))}
          >
            ${sizes.sort((a, b) => a - b).map((s) => html`<option value=${s} ?selected=${s === size}>${s}</option>`)}
            <option value="0" ?selected=${!size || size === n}>${t(lang, 'fullOption', { n })}</option>
          </select>`
      : nothing}
    ${lr && entry.schedule ? sparkline(lr, run.label, entry.schedule, lang) : nothing}
  </div>`;
}

/** The lr against the step, as a small line (its own scale: from its lowest to its highest lr). */
function sparkline(lr: Float64Array, name: string, schedule: string, lang: Lang) {
  const w = 64;
  const h = 14;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of lr) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const points: string[] = [];
  const last = lr.length - 1;
  for (let i = 0; i <= w; i += 2) {
    const v = lr[Math.round((i / w) * last)];
    if (Number.isFinite(v)) points.push(`${i},${(h - (hi > lo ? ((v - lo) / (hi - lo)) * h : h / 2)).toFixed(1)}`);
  }
  const label = t(lang, 'lrSparkline', { name, schedule: kinds(schedule), from: formatNumber(lr[0]), to: formatNumber(lr[last]) });
  return html`<svg class="spark" part="lr-sparkline" width=${w} height=${h} viewBox="0 0 ${w} ${h}" role="img" aria-label=${label}>
      <title>${label}</title>
      <polyline points=${points.join(' ')}></polyline></svg
    >`;
}

/**
 * The common schedules, set up for a run of `steps` steps: the key the picker shows and the
 * schedule's text form.
 */
function presets(steps: number, lang: Lang): [string, string, string][] {
  const warm = Math.max(1, Math.round(steps / 10));
  return [
    ['', '', t(lang, 'constant')],
    ['StepLR', `StepLR:stepSize=${Math.max(1, Math.round(steps / 4))}:gamma=0.5`, 'StepLR'],
    ['ExponentialLR', `ExponentialLR:gamma=${Number((0.01 ** (1 / steps)).toPrecision(4))}`, 'ExponentialLR'],
    ['CosineAnnealingLR', 'CosineAnnealingLR', 'CosineAnnealingLR'],
    ['warm-up', `LinearLR:startFactor=0.1:totalIters=${warm}@${warm}:CosineAnnealingLR:tMax=${Math.max(1, steps - warm)}`, t(lang, 'warmupCosine')],
    ['OneCycleLR', 'OneCycleLR', 'OneCycleLR'],
    ['ReduceLROnPlateau', `ReduceLROnPlateau:factor=0.5:patience=${Math.max(1, Math.round(steps / 20))}`, 'ReduceLROnPlateau'],
  ];
}

/** Which preset a schedule's text is a form of ('' for none, 'custom' for any other). */
function presetKey(text: string | undefined): string {
  if (!text) return '';
  if (/^LinearLR[^@]*@\d+:CosineAnnealingLR[^@]*$/.test(text)) return 'warm-up';
  const kind = text.split(':')[0];
  return ['StepLR', 'ExponentialLR', 'CosineAnnealingLR', 'OneCycleLR', 'ReduceLROnPlateau'].includes(kind) && !text.includes('@') ? kind : 'custom';
}

/** The schedule picker and the schedule's text, in a row's further settings (hyper-fields.ts). */
export function scheduleFields(host: OptimizerListHost, run: EntryRun) {
  adopt(host.root, styles.styleSheet);
  const { entry, index } = run;
  const lang = host.lang;
  const id = `s-${index}`;
  const key = presetKey(entry.schedule);
  const error = host.fieldErrors.get(`${index}:schedule`);
  return html`<label for=${id} title=${t(lang, 'scheduleTitle')}>${t(lang, 'schedule')}</label>
    <select
      id=${id}
      part="schedule-select"
      aria-label=${t(lang, 'scheduleOf', { name: run.label })}
      @change=${(e: Event) => {
        const text = presets(host.steps, lang).find(([k]) => k === (e.target as HTMLSelectElement).value)?.[1];
        if (text !== undefined) host.setRunOption(index, 'schedule', text);
      }}
    >
      ${presets(host.steps, lang).map(([k, , name]) => html`<option value=${k} ?selected=${k === key}>${name}</option>`)}
      ${key === 'custom' ? html`<option value="custom" selected>${t(lang, 'customSchedule')}</option>` : nothing}
    </select>
    ${entry.schedule
      ? html`<input
          class="schedule-text"
          part="schedule-text"
          spellcheck="false"
          aria-label=${t(lang, 'scheduleText', { name: run.label })}
          .value=${entry.schedule}
          @change=${(e: Event) => {
            const text = (e.target as HTMLInputElement).value.trim();
            try {
              if (text) parseSchedule(text);
              host.setRunOption(index, 'schedule', text);
            } catch (error) {
              host.fieldError(index, 'schedule', (error as Error).message);
            }
          }}
        />`
      : nothing}
    ${error ? html`<span class="field-error" part="error field-error">${messageText(error, lang)}</span>` : nothing}`;
}

// ---- the data panel --------------------------------------------------------------------------

const W = 280;
const H = 160;
const M = 6;

/** The panel's scales for a dataset: inputs across, targets (or the second input) up. */
function frame(data: SurfaceData) {
  const { inputs, targets, d, n } = data;
  const range = (get: (i: number) => number) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, get(i));
      hi = Math.max(hi, get(i));
    }
    const pad = (hi - lo) * 0.08 || 1;
    return [lo - pad, hi + pad];
  };
  const [u0, u1] = range((i) => inputs[i * d]);
  const [v0, v1] = d === 2 ? range((i) => inputs[i * 2 + 1]) : range((i) => targets[i]);
  const sx = (u: number) => M + ((u - u0) / (u1 - u0)) * (W - 2 * M);
  const sy = (v: number) => Math.max(-H, Math.min(2 * H, H - M - ((v - v0) / (v1 - v0)) * (H - 2 * M)));
  // Where sample i is drawn.
  const at = (i: number): [number, number] => [sx(inputs[i * d]), sy(d === 2 ? inputs[i * 2 + 1] : targets[i])];
  return { u0, u1, v0, v1, sx, sy, at };
}

type Frame = ReturnType<typeof frame>;
const frames = new WeakMap<SurfaceData, Frame>();
const frameOf = (data: SurfaceData) => frames.get(data) ?? frames.set(data, frame(data)).get(data)!;

const dot = (x: number, y: number, r: number) => `M${(x - r).toFixed(1)},${y.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;

/** The model at weights (w₁, w₂): the line or curve t(u), or the logistic decision boundary. */
function modelPath(data: SurfaceData, f: Frame, w1: number, w2: number): string {
  if (!Number.isFinite(w1) || !Number.isFinite(w2)) return '';
  if (data.d === 2) {
    // w₁u₁ + w₂u₂ = 0, across the panel along whichever input it is steeper in.
    if (Math.abs(w2) >= Math.abs(w1)) {
      if (!w2) return '';
      return `M${f.sx(f.u0).toFixed(1)},${f.sy((-w1 * f.u0) / w2).toFixed(1)}L${f.sx(f.u1).toFixed(1)},${f.sy((-w1 * f.u1) / w2).toFixed(1)}`;
    }
    const u = (v: number) => f.sx((-w2 * v) / w1);
    return `M${u(f.v0).toFixed(1)},${f.sy(f.v0).toFixed(1)}L${u(f.v1).toFixed(1)},${f.sy(f.v1).toFixed(1)}`;
  }
  const parts: string[] = [];
  const u = [0];
  for (let i = 0; i <= 48; i++) {
    u[0] = f.u0 + ((f.u1 - f.u0) * i) / 48;
    parts.push(`${f.sx(u[0]).toFixed(1)},${f.sy(data.predict(w1, w2, u)).toFixed(1)}`);
  }
  return `M${parts.join('L')}`;
}

/** The samples of the batch that step `k + 1` uses (core/batch.ts: BatchRecord.samples). */
function batchPath(data: SurfaceData, f: Frame, tr: Trajectory, size: number, k: number): string {
  const { samples } = tr;
  if (!samples || !size || !Number.isFinite(tr.x[k])) return '';
  const { n } = data;
  const per = Math.ceil(n / size);
  const e = Math.floor(k / per);
  const b = k % per;
  const from = e * n + b * size;
  const to = e * n + Math.min((b + 1) * size, n);
  let d = '';
  for (let j = from; j < to && j < samples.length; j++) d += dot(...f.at(samples[j]), 3.6);
  return d;
}

/** The data panel (for a data surface): the samples and the selected run's model at `step`. */
export function dataPanel(root: ShadowRoot | null, surface: Surface, run: EntryRun | undefined, step: number, lang: Lang) {
  const data = surface.data;
  if (!data) return nothing;
  adopt(root, styles.styleSheet);
  const f = frameOf(data);
  const tr = run?.trajectory;
  const k = Math.min(step, tr ? tr.x.length - 1 : 0);
  const classes = data.d === 2 ? [0, 1] : [-1];
  const samples = classes.map((c) => {
    let d = '';
    for (let i = 0; i < data.n; i++) if (c < 0 || data.targets[i] === c) d += dot(...f.at(i), 1.8);
    return svg`<path class="samples ${c === 0 ? 'hollow' : ''}" d=${d}></path>`;
  });
  const caption = data.model === 'linear-regression' ? 'dataLinear' : data.model === 'logistic-regression' ? 'dataLogistic' : 'dataNet';
  const name = run?.label ?? '';
  return html`<section part="data-panel" style=${styleProps({ '--c': run?.color ?? 'currentColor' })} aria-label=${t(lang, 'dataHeading')}>
    <h3>${t(lang, 'dataHeading')}</h3>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${t(lang, caption, { n: data.n, name })}>
      <defs><clipPath id="data-clip"><rect width=${W} height=${H}></rect></clipPath></defs>
      <rect class="data-frame" x="0.5" y="0.5" width=${W - 1} height=${H - 1}></rect>
      <text class="data-axis" x=${W - 4} y=${H - 4} text-anchor="end">${data.d === 2 ? 'u₁' : 'u'}</text>
      <text class="data-axis" x="4" y="11">${data.d === 2 ? 'u₂' : 't'}</text>
      <g clip-path="url(#data-clip)">
        ${samples}
        <path part="data-batch" d=${tr && run?.entry.batch ? batchPath(data, f, tr, Math.min(run.entry.batch, data.n), k) : ''}></path>
        <path part="data-model" d=${tr ? modelPath(data, f, tr.x[k], tr.y[k]) : ''}></path>
      </g>
    </svg>
    <p>${t(lang, caption, { n: data.n, name })} ${tr?.samples ? t(lang, 'dataBatch') : ''}</p>
  </section>`;
}

/** The lr of the shown step, under the rule, for a scheduled run. */
export function lrLine(run: EntryRun | undefined, step: number, lang: Lang) {
  const lr = run?.trajectory?.lr;
  if (!lr) return nothing;
  const k = Math.max(1, Math.min(step, lr.length));
  // (Text through properties: sync() rewrites them in place between renders.)
  return html`<p part="lr-at"><span .textContent=${t(lang, 'lrAt', { k })}></span>: <output .textContent=${formatNumber(lr[k - 1])}></output></p>`;
}

/** Moves the data panel's model and batch, and the rule's lr, to step `step`, in place. */
export function sync(root: ParentNode, surface: Surface, run: EntryRun | undefined, step: number, lang: Lang): void {
  const tr = run?.trajectory;
  const data = surface.data;
  if (data && tr) {
    const f = frameOf(data);
    const k = Math.min(step, tr.x.length - 1);
    root.querySelector('[part~="data-model"]')?.setAttribute('d', modelPath(data, f, tr.x[k], tr.y[k]));
    if (run.entry.batch) root.querySelector('[part~="data-batch"]')?.setAttribute('d', batchPath(data, f, tr, Math.min(run.entry.batch, data.n), k));
  }
  const lr = tr?.lr;
  const line = root.querySelector('[part~="lr-at"]');
  if (lr && line) {
    const k = Math.max(1, Math.min(step, lr.length));
    const label = line.querySelector('span');
    const value = line.querySelector('output');
    const text = t(lang, 'lrAt', { k });
    if (label && label.textContent !== text) label.textContent = text;
    const v = formatNumber(lr[k - 1]);
    if (value && value.textContent !== v) value.textContent = v;
  }
}
