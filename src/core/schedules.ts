/**
 * torch.optim.lr_scheduler's schedules, computed as torch computes them: the same chainable
 * (recursive) formulas, stepped once after every optimizer step as in a per-iteration training
 * loop, on a param group whose `lr` (and `momentum` or β₁, for OneCycleLR) they set. Written from
 * today's torch (2.x) source, `torch/optim/lr_scheduler.py`; where torch 1.13 differs
 * (SequentialLR: 1.13 re-steps a scheduler with `step(0)` at a milestone, 2.x with
 * `_update_lr(0)` and resets the group's lr first) this follows 2.x.
 *
 * Options are torch's, in camelCase, with torch's defaults. Where torch requires a value and a
 * run of known length suggests one, it defaults to the run: `tMax` (CosineAnnealingLR) and
 * `totalSteps` (OneCycleLR) to the number of steps, `maxLr` (OneCycleLR) to the optimizer's lr.
 *
 * A schedule also has a one-line text form (parseSchedule, scheduleText), for an HTML attribute
 * or a URL hash; `trajectory({ schedule })` takes it as it takes the object:
 * - one schedule: `Kind` or `Kind:key=value:key=value...`, Kind torch's class name, e.g.
 *   `CosineAnnealingLR:tMax=300:etaMin=0.001`, `StepLR:stepSize=100:gamma=0.5`;
 * - values: finite numbers in JS Number syntax (`1e-3`, `0.5`, `-2`), `true` or `false`, bare
 *   words for annealStrategy (cos, linear), mode (min, max) and thresholdMode (rel, abs), and
 *   MultiStepLR's milestones as whole numbers joined by `+`: `MultiStepLR:milestones=100+200`;
 * - SequentialLR: its parts joined by `@N:`, N the milestone at which the next part starts:
 *   `LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=270`, or `A@30:B@200:C`
 *   for three (SequentialLR is never written by name);
 * - whitespace around tokens is ignored; a text beginning with `{` is the object form in JSON.
 * It uses only `:` `=` `+` `@` `.` `-` besides letters and digits, none of which a URL's
 * fragment needs percent-encoded.
 */
import { OptionError } from './errors';
import { local, type LoopSchedule } from './loop';
import type { Hyper, OptimizerPreset, RuleDefinition, RuleSource } from './optimizers/index';
import { provideScheduler } from './trajectory';

export type ScheduleKind =
  | 'StepLR'
  | 'MultiStepLR'
  | 'ConstantLR'
  | 'LinearLR'
  | 'ExponentialLR'
  | 'PolynomialLR'
  | 'CosineAnnealingLR'
  | 'CosineAnnealingWarmRestarts'
  | 'OneCycleLR'
  | 'ReduceLROnPlateau'
  | 'SequentialLR';

/** A schedule: `kind`, torch's class name, and its options in camelCase. */
export type ScheduleOptions =
  | { readonly kind: 'StepLR'; readonly stepSize: number; readonly gamma?: number }
  | { readonly kind: 'MultiStepLR'; readonly milestones: readonly number[]; readonly gamma?: number }
  | { readonly kind: 'ConstantLR'; readonly factor?: number; readonly totalIters?: number }
  | { readonly kind: 'LinearLR'; readonly startFactor?: number; readonly endFactor?: number; readonly totalIters?: number }
  | { readonly kind: 'ExponentialLR'; readonly gamma: number }
  | { readonly kind: 'PolynomialLR'; readonly totalIters?: number; readonly power?: number }
  | { readonly kind: 'CosineAnnealingLR'; readonly tMax?: number; readonly etaMin?: number }
  | { readonly kind: 'CosineAnnealingWarmRestarts'; readonly t0: number; readonly tMult?: number; readonly etaMin?: number }
  | {
      readonly kind: 'OneCycleLR';
      readonly maxLr?: number;
      readonly totalSteps?: number;
      readonly pctStart?: number;
      readonly annealStrategy?: 'cos' | 'linear';
      readonly cycleMomentum?: boolean;
      readonly baseMomentum?: number;
      readonly maxMomentum?: number;
      readonly divFactor?: number;
      readonly finalDivFactor?: number;
      readonly threePhase?: boolean;
    }
  | {
      readonly kind: 'ReduceLROnPlateau';
      readonly mode?: 'min' | 'max';
      readonly factor?: number;
      readonly patience?: number;
      readonly threshold?: number;
      readonly thresholdMode?: 'rel' | 'abs';
      readonly cooldown?: number;
      readonly minLr?: number;
      readonly eps?: number;
    }
  | { readonly kind: 'SequentialLR'; readonly schedulers: readonly ScheduleOptions[]; readonly milestones: readonly number[] };

/**
 * The optimizer's param group as the schedules see it: the lr they set, `initial_lr`, and the
 * momentum (SGD's and RMSprop's `momentum`, or β₁ for the Adam family) that OneCycleLR cycles.
 */
interface Group {
  lr: number;
  initialLr: number | undefined;
  momentum: number | undefined;
  maxLr: number;
  minLr: number;
  maxMomentum: number;
  baseMomentum: number;
}

/** Which option a cycled momentum is: SGD's and RMSprop's `momentum`, or the Adam family's β₁. */
export type MomentumOption = 'momentum' | 'beta1';

/** What a schedule gives a run. */
export interface ScheduleRun {
  /** The lr each step used: `lr[i]` for step i + 1. */
  readonly lr: Float64Array;
  /** With OneCycleLR cycling momentum: the momentum (or β₁) each step used, and which option it is. */
  readonly momentum?: Float64Array;
  readonly momentumOption?: MomentumOption;
  /**
   * ReduceLROnPlateau only (its lr depends on the run): call after step t (1-based) with the loss
   * computed before that step; fills `lr[t]`, the next step's.
   */
  readonly next?: (t: number, loss: number) => void;
}

// ---- the schedulers --------------------------------------------------------------------------

/** torch's LRScheduler: last_epoch, the step count, the initial step, the chainable update. */
abstract class Scheduler {
  lastEpoch = -1;
  stepCount = 0;
  isInitial = false;
  baseLr = NaN;
  lastLr = NaN;
  constructor(readonly group: Group) {}
  /** What torch's constructor does after the subclass has set its fields. */
  init(): this {
    this.group.initialLr ??= this.group.lr;
    this.baseLr = this.group.initialLr;
    this.initialStep();
    return this;
  }
  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    this.step();
    this.isInitial = false;
  }
  step(): void {
    this.stepCount++;
    this.updateLr();
  }
  updateLr(epoch?: number): void {
    let lr: number;
    if (epoch === undefined) {
      this.lastEpoch++;
      lr = this.getLr();
    } else {
      this.lastEpoch = epoch;
      lr = this.closedForm?.() ?? this.getLr();
    }
    this.group.lr = lr;
    this.lastLr = lr;
  }
  abstract getLr(): number;
  closedForm?(): number;
}

class StepLR extends Scheduler {
  constructor(group: Group, readonly stepSize: number, readonly gamma: number) {
    super(group);
  }
  getLr() {
    const { lr } = this.group;
    return this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0 ? lr : lr * this.gamma;
  }
  override closedForm() {
    return this.baseLr * this.gamma ** Math.floor(this.lastEpoch / this.stepSize);
  }
}

class MultiStepLR extends Scheduler {
  readonly counts = new Map<number, number>();
  constructor(group: Group, readonly milestones: readonly number[], readonly gamma: number) {
    super(group);
    for (const m of milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
  }
  getLr() {
    const count = this.counts.get(this.lastEpoch);
    return count === undefined ? this.group.lr : this.group.lr * this.gamma ** count;
  }
  override closedForm() {
    return this.baseLr * this.gamma ** bisectRight([...this.milestones].sort((a, b) => a - b), this.lastEpoch);
  }
}

class ConstantLR extends Scheduler {
  constructor(group: Group, readonly factor: number, readonly totalIters: number) {
    super(group);
  }
  getLr() {
    const { lr } = this.group;
    if (this.lastEpoch === 0) return lr * this.factor;
    if (this.lastEpoch !== this.totalIters) return lr;
    return lr * (1 / this.factor);
  }
  override closedForm() {
    return this.baseLr * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor));
  }
}

class LinearLR extends Scheduler {
  constructor(group: Group, readonly startFactor: number, readonly endFactor: number, readonly totalIters: number) {
    super(group);
  }
  getLr() {
    const { lr } = this.group;
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    if (this.lastEpoch === 0) return lr * s;
    if (this.isInitial || this.lastEpoch > n) return lr;
    return lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s)));
  }
  override closedForm() {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    return this.baseLr * (s + ((e - s) * Math.min(n, this.lastEpoch)) / n);
  }
}

class ExponentialLR extends Scheduler {
  constructor(group: Group, readonly gamma: number) {
    super(group);
  }
  getLr() {
    return this.isInitial ? this.group.lr : this.group.lr * this.gamma;
  }
  override closedForm() {
    return this.baseLr * this.gamma ** this.lastEpoch;
  }
}

class PolynomialLR extends Scheduler {
  constructor(group: Group, readonly totalIters: number, readonly power: number) {
    super(group);
  }
  getLr() {
    const { lr } = this.group;
    const n = this.totalIters;
    if (this.isInitial || this.lastEpoch > n) return lr;
    return lr * ((1 - this.lastEpoch / n) / (1 - (this.lastEpoch - 1) / n)) ** this.power;
  }
  override closedForm() {
    return this.baseLr * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power;
  }
}

class CosineAnnealingLR extends Scheduler {
  constructor(group: Group, readonly tMax: number, readonly etaMin: number) {
    super(group);
  }
  getLr() {
    const { lr } = this.group;
    const { tMax: T, etaMin, lastEpoch: e } = this;
    if (this.isInitial) return lr;
    if (this.stepCount === 1 && e > 0) return etaMin + ((this.baseLr - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2;
    if (pyMod(e - 1 - T, 2 * T) === 0) return lr + ((this.baseLr - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - etaMin) + etaMin;
  }
  override closedForm() {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2;
  }
}

class CosineAnnealingWarmRestarts extends Scheduler {
  ti: number;
  tCur = -1;
  constructor(group: Group, readonly t0: number, readonly tMult: number, readonly etaMin: number) {
    super(group);
    this.ti = t0;
  }
  getLr() {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.ti))) / 2;
  }
  // torch overrides step() (and does not count it); a first step, or one at epoch 0, restarts.
  override step() {
    if (this.lastEpoch < 0) {
      this.ti = this.t0;
      this.tCur = 0;
      this.lastEpoch = 0;
    } else {
      this.lastEpoch++;
      this.tCur++;
      if (this.tCur >= this.ti) {
        this.tCur %= this.ti;
        this.ti *= this.tMult;
      }
    }
    this.group.lr = this.lastLr = this.getLr();
  }
}

interface Phase {
  readonly end: number;
  readonly from: 'initialLr' | 'maxLr';
  readonly to: 'maxLr' | 'minLr' | 'initialLr';
  readonly fromMomentum: 'maxMomentum' | 'baseMomentum';
  readonly toMomentum: 'maxMomentum' | 'baseMomentum';
}

class OneCycleLR extends Scheduler {
  readonly phases: Phase[];
  constructor(
    group: Group,
    readonly totalSteps: number,
    pctStart: number,
    readonly cos: boolean,
    readonly cycleMomentum: boolean,
    maxLr: number,
    divFactor: number,
    finalDivFactor: number,
    maxMomentum: number,
    baseMomentum: number,
    threePhase: boolean,
  ) {
    super(group);
    const T = totalSteps;
    this.phases = threePhase
      ? [
          { end: pctStart * T - 1, from: 'initialLr', to: 'maxLr', fromMomentum: 'maxMomentum', toMomentum: 'baseMomentum' },
          { end: 2 * pctStart * T - 2, from: 'maxLr', to: 'initialLr', fromMomentum: 'baseMomentum', toMomentum: 'maxMomentum' },
          { end: T - 1, from: 'initialLr', to: 'minLr', fromMomentum: 'maxMomentum', toMomentum: 'maxMomentum' },
        ]
      : [
          { end: pctStart * T - 1, from: 'initialLr', to: 'maxLr', fromMomentum: 'maxMomentum', toMomentum: 'baseMomentum' },
          { end: T - 1, from: 'maxLr', to: 'minLr', fromMomentum: 'baseMomentum', toMomentum: 'maxMomentum' },
        ];
    // Unlike the others, it sets initial_lr itself (max_lr / div_factor), whatever was there.
    group.initialLr = maxLr / divFactor;
    group.maxLr = maxLr;
    group.minLr = group.initialLr / finalDivFactor;
    if (cycleMomentum) {
      group.momentum = maxMomentum;
      group.maxMomentum = maxMomentum;
      group.baseMomentum = baseMomentum;
    }
  }
  anneal(start: number, end: number, pct: number) {
    return this.cos ? end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }
  getLr() {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new OptionError('schedule.totalSteps', this.totalSteps, `is fewer than the run's steps: OneCycleLR was stepped ${step} times`);
    }
    const g = this.group;
    let start = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const p = this.phases[i];
      if (step <= p.end || i === this.phases.length - 1) {
        const pct = (step - start) / (p.end - start);
        if (this.cycleMomentum) g.momentum = this.anneal(g[p.fromMomentum], g[p.toMomentum], pct);
        return this.anneal(g[p.from] as number, g[p.to] as number, pct);
      }
      start = p.end;
    }
    return NaN; // not reached: the last phase always matches
  }
}

/** ReduceLROnPlateau: not an LRScheduler in torch; no initial step, stepped with the loss. */
class ReduceLROnPlateau {
  best: number;
  bad = 0;
  cooldownCounter = 0;
  constructor(
    readonly group: Group,
    readonly max: boolean,
    readonly rel: boolean,
    readonly factor: number,
    readonly patience: number,
    readonly threshold: number,
    readonly cooldown: number,
    readonly minLr: number,
    readonly eps: number,
  ) {
    this.best = max ? -Infinity : Infinity;
  }
  better(a: number): boolean {
    const { best, threshold } = this;
    if (!this.max) return this.rel ? a < best * (1 - threshold) : a < best - threshold;
    return this.rel ? a > best * (threshold + 1) : a > best + threshold;
  }
  step(metric: number): void {
    if (this.better(metric)) {
      this.best = metric;
      this.bad = 0;
    } else this.bad++;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.bad = 0;
    }
    if (this.bad > this.patience) {
      const old = this.group.lr;
      const lr = Math.max(old * this.factor, this.minLr);
      if (old - lr > this.eps) this.group.lr = lr;
      this.cooldownCounter = this.cooldown;
      this.bad = 0;
    }
  }
}

class SequentialLR {
  lastEpoch = 0;
  constructor(readonly group: Group, readonly children: readonly Scheduler[], readonly milestones: readonly number[]) {
    group.lr = group.initialLr as number;
    for (const s of children) s.lastEpoch--;
    children[0].initialStep();
  }
  step(): void {
    this.lastEpoch++;
    const i = bisectRight(this.milestones, this.lastEpoch);
    const s = this.children[i];
    if (i > 0 && this.milestones[i - 1] === this.lastEpoch) s.updateLr(0);
    else s.step();
  }
}

// ---- options ---------------------------------------------------------------------------------

/** Each kind's options besides `kind`, and torch's defaults (undefined: required, or the run's). */
const KNOWN: Record<ScheduleKind, readonly string[]> = {
  StepLR: ['stepSize', 'gamma'],
  MultiStepLR: ['milestones', 'gamma'],
  ConstantLR: ['factor', 'totalIters'],
  LinearLR: ['startFactor', 'endFactor', 'totalIters'],
  ExponentialLR: ['gamma'],
  PolynomialLR: ['totalIters', 'power'],
  CosineAnnealingLR: ['tMax', 'etaMin'],
  CosineAnnealingWarmRestarts: ['t0', 'tMult', 'etaMin'],
  OneCycleLR: ['maxLr', 'totalSteps', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase'],
  ReduceLROnPlateau: ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps'],
  SequentialLR: ['schedulers', 'milestones'],
};

/** The schedule kinds, in the order a picker lists them. */
export const scheduleKinds = Object.freeze(Object.keys(KNOWN)) as readonly ScheduleKind[];

/** What to write for an option torch has no default for (the refusal's example). */
const REQUIRED: Readonly<Record<string, string>> = {
  stepSize: 'stepSize=30',
  milestones: 'milestones=100+200',
  gamma: 'gamma=0.99',
  t0: 't0=100',
};

/** Reads options of one schedule, naming each bad value by its path (`schedule.gamma`). */
class Reader {
  constructor(readonly o: Record<string, unknown>, readonly path: string, readonly kind: ScheduleKind) {}
  /** An option left out that torch has no default for: "is missing", not "got undefined". */
  missing(name: string): OptionError {
    const e = new OptionError(`${this.path}.${name}`, undefined, '');
    const example = this.kind === 'SequentialLR' ? SEQUENCE_HINT : `e.g. "${this.kind}:${REQUIRED[name]}"`;
    e.message = `option "${this.path}.${name}" is missing: ${this.kind} needs it and has no default (as in torch), ${example}`;
    return e;
  }
  num(name: string, fallback: number | undefined, test: (v: number) => boolean, rule: string): number {
    const v = this.o[name] ?? fallback;
    if (v === undefined) throw this.missing(name);
    if (typeof v !== 'number' || !Number.isFinite(v) || !test(v)) throw new OptionError(`${this.path}.${name}`, this.o[name], rule);
    return v;
  }
  int(name: string, fallback: number | undefined, min: number): number {
    return this.num(name, fallback, (v) => Number.isInteger(v) && v >= min, `must be a whole number >= ${min}`);
  }
  bool(name: string, fallback: boolean): boolean {
    const v = this.o[name] ?? fallback;
    if (typeof v !== 'boolean') throw new OptionError(`${this.path}.${name}`, v, 'must be true or false');
    return v;
  }
  choice<T extends string>(name: string, fallback: T, choices: readonly T[]): T {
    const v = this.o[name] ?? fallback;
    if (!choices.includes(v as T)) throw new OptionError(`${this.path}.${name}`, v, `must be ${choices.map((c) => `'${c}'`).join(' or ')}`);
    return v as T;
  }
  ints(name: string): number[] {
    const v = this.o[name];
    if (v === undefined) throw this.missing(name);
    if (!Array.isArray(v) || !v.every((m) => Number.isInteger(m) && m >= 0)) {
      throw new OptionError(`${this.path}.${name}`, v, 'must be a list of whole numbers >= 0');
    }
    return v as number[];
  }
}

const positive = (v: number) => v > 0;
const anyNumber = () => true;

/** What the run tells the schedule: its length, the optimizer's lr, which momentum it has. */
interface RunFacts {
  readonly steps: number;
  readonly lr: number;
  readonly momentumOption: MomentumOption | undefined;
  readonly ruleName: string;
}


// ---- the text form ---------------------------------------------------------------------------

/** The options whose values are words. */
const WORDS = ['annealStrategy', 'mode', 'thresholdMode'];
const SEQUENCE_HINT = 'e.g. "LinearLR:totalIters=30@30:CosineAnnealingLR"';

/**
 * A schedule from its text form (see the module's header): `Kind` or `Kind:key=value:...`,
 * values numbers, `true`/`false`, words, or MultiStepLR's milestones joined by `+`;
 * SequentialLR's parts joined by `@N:`; or the object form in JSON, beginning with `{`.
 * The options' names and values are checked when the schedule is built, not here.
 * @throws OptionError (option `schedule`, or `schedule.<key>` for a bad value) quoting the bad part.
 */
export function parseSchedule(text: string): ScheduleOptions {
  const t = String(text).trim();
  if (!t) throw new OptionError('schedule', text, 'is empty; write Kind or Kind:key=value:..., e.g. "StepLR:stepSize=30"');
  if (t[0] === '{') {
    try {
      return JSON.parse(t) as ScheduleOptions;
    } catch (e) {
      throw new OptionError('schedule', t, `is not JSON (${(e as Error).message})`);
    }
  }
  const parts = t.split('@');
  if (parts.length === 1) return parseOne(t, 'schedule');
  const schedulers = [parseOne(parts[0], 'schedule.schedulers[0]')];
  const milestones: number[] = [];
  for (let i = 1; i < parts.length; i++) {
    const colon = parts[i].indexOf(':');
    const n = colon < 0 ? NaN : wholeNumber(parts[i].slice(0, colon));
    if (Number.isNaN(n)) throw new OptionError('schedule.milestones', t, `has "@${parts[i]}", not @N:Kind... with N a whole number; ${SEQUENCE_HINT}`);
    milestones.push(n);
    schedulers.push(parseOne(parts[i].slice(colon + 1), `schedule.schedulers[${i}]`));
  }
  return { kind: 'SequentialLR', schedulers, milestones };
}

/** A whole number's text (trimmed), or NaN. */
function wholeNumber(s: string): number {
  const n = s.trim() === '' ? NaN : Number(s);
  return Number.isInteger(n) ? n : NaN;
}

/** One schedule's text, `Kind:key=value:...`, as an object; `path` names it in refusals. */
function parseOne(text: string, path: string): ScheduleOptions {
  const [head, ...pairs] = text.split(':');
  const kind = head.trim() as ScheduleKind;
  if (kind === 'SequentialLR') throw new OptionError(path, text, `names "SequentialLR", which is written as its parts joined by @N: (N the step the next starts at), ${SEQUENCE_HINT}`);
  if (!Object.prototype.hasOwnProperty.call(KNOWN, kind)) {
    throw new OptionError(path, text, `has unknown schedule "${kind}"; one of ${scheduleKinds.slice(0, -1).join(', ')} (SequentialLR: parts joined by @N:)`);
  }
  const o: Record<string, unknown> = { kind };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim();
    const v = pair.slice(eq + 1).trim();
    if (eq < 0 || !key) throw new OptionError(path, text, `has "${pair.trim()}", not key=value`);
    if (!KNOWN[kind].includes(key)) throw new OptionError(`${path}.${key}`, v, `has "${pair.trim()}", not an option of ${kind}; its options are ${KNOWN[kind].join(', ')}`);
    let value: unknown;
    if (key === 'milestones') {
      value = v === '' ? [] : v.split('+').map(wholeNumber);
      if ((value as number[]).some(Number.isNaN)) throw new OptionError(`${path}.${key}`, v, `has "${pair.trim()}", not milestones=whole numbers joined by +`);
    } else if (WORDS.includes(key)) value = v;
    else if (v === 'true' || v === 'false') value = v === 'true';
    else {
      value = v === '' ? NaN : Number(v);
      if (!Number.isFinite(value)) throw new OptionError(`${path}.${key}`, v, `has "${pair.trim()}", not key=number (or true or false)`);
    }
    o[key] = value;
  }
  return o as ScheduleOptions;
}

/**
 * A schedule's text form (see the module's header), which parseSchedule reads back as `options`:
 * its options in the object's order, numbers as String(v) (`1e21`, not `1e+21`), true/false,
 * milestones joined by `+`, SequentialLR's parts joined by `@N:`.
 */
export function scheduleText(options: ScheduleOptions): string {
  if (options.kind === 'SequentialLR') {
    return options.schedulers.map((s, i) => (i ? `@${options.milestones[i - 1]}:` : '') + scheduleText(s)).join('');
  }
  let text: string = options.kind;
  for (const [key, v] of Object.entries(options)) {
    if (key !== 'kind' && v !== undefined) text += `:${key}=${Array.isArray(v) ? v.map(num).join('+') : num(v)}`;
  }
  return text;
}

/** A value as text: numbers as String(v) but -0 as `-0` and `1e21` for `1e+21` (`+` joins lists). */
const num = (v: unknown) => (Object.is(v, -0) ? '-0' : String(v).replace('e+', 'e'));

// ---- building --------------------------------------------------------------------------------

function build(options: unknown, path: string, group: Group, run: RunFacts, inSequence: boolean): Scheduler | ReduceLROnPlateau | SequentialLR {
  if (!inSequence && typeof options === 'string') options = parseSchedule(options);
  if (!options || typeof options !== 'object') throw new OptionError(path, options, `must be { kind: one of ${scheduleKinds.join(', ')}, ...options } or its text, e.g. "StepLR:stepSize=30"`);
  const o = options as Record<string, unknown>;
  const kind = o.kind as ScheduleKind;
  if (!Object.prototype.hasOwnProperty.call(KNOWN, kind)) throw new OptionError(`${path}.kind`, o.kind, `must be one of ${scheduleKinds.join(', ')}`);
  for (const key of Object.keys(o)) {
    if (key !== 'kind' && !KNOWN[kind].includes(key)) {
      throw new OptionError(`${path}.${key}`, o[key], `is not an option of ${kind}; its options are ${KNOWN[kind].join(', ')}`);
    }
  }
  const r = new Reader(o, path, kind);
  switch (kind) {
    case 'StepLR':
      return new StepLR(group, r.int('stepSize', undefined, 1), r.num('gamma', 0.1, anyNumber, 'must be a number')).init();
    case 'MultiStepLR':
      return new MultiStepLR(group, r.ints('milestones'), r.num('gamma', 0.1, anyNumber, 'must be a number')).init();
    case 'ConstantLR':
      return new ConstantLR(group, r.num('factor', 1 / 3, (v) => v >= 0 && v <= 1, 'must be from 0 to 1'), r.int('totalIters', 5, 0)).init();
    case 'LinearLR':
      return new LinearLR(
        group,
        r.num('startFactor', 1 / 3, (v) => v > 0 && v <= 1, 'must be more than 0 and at most 1'),
        r.num('endFactor', 1, (v) => v >= 0 && v <= 1, 'must be from 0 to 1'),
        r.int('totalIters', 5, 1),
      ).init();
    case 'ExponentialLR':
      return new ExponentialLR(group, r.num('gamma', undefined, anyNumber, 'must be a number')).init();
    case 'PolynomialLR':
      return new PolynomialLR(group, r.int('totalIters', 5, 1), r.num('power', 1, anyNumber, 'must be a number')).init();
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(group, r.int('tMax', run.steps, 1), r.num('etaMin', 0, anyNumber, 'must be a number')).init();
    case 'CosineAnnealingWarmRestarts':
      return new CosineAnnealingWarmRestarts(group, r.int('t0', undefined, 1), r.int('tMult', 1, 1), r.num('etaMin', 0, anyNumber, 'must be a number')).init();
    case 'OneCycleLR': {
      const totalSteps = r.int('totalSteps', run.steps, 1);
      const pctStart = r.num('pctStart', 0.3, (v) => v >= 0 && v <= 1, 'must be from 0 to 1');
      const threePhase = r.bool('threePhase', false);
      const cycleMomentum = r.bool('cycleMomentum', true);
      if (cycleMomentum && !run.momentumOption) {
        throw new OptionError(`${path}.cycleMomentum`, true, `needs an optimizer with momentum or β₁, which ${run.ruleName} has not; set it to false`);
      }
      // Phases of no length divide 0 by 0 in torch (ZeroDivisionError): refused here.
      const ends = threePhase ? [pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1] : [pctStart * totalSteps - 1, totalSteps - 1];
      if (ends.some((e, i) => e === (i === 0 ? 0 : ends[i - 1]))) {
        throw new OptionError(`${path}.pctStart`, pctStart, `gives a phase of no length with totalSteps ${totalSteps} (torch divides by zero there)`);
      }
      return new OneCycleLR(
        group,
        totalSteps,
        pctStart,
        r.choice('annealStrategy', 'cos', ['cos', 'linear']) === 'cos',
        cycleMomentum,
        r.num('maxLr', run.lr, positive, 'must be a number > 0'),
        r.num('divFactor', 25, positive, 'must be a number > 0'),
        r.num('finalDivFactor', 1e4, positive, 'must be a number > 0'),
        r.num('maxMomentum', 0.95, anyNumber, 'must be a number'),
        r.num('baseMomentum', 0.85, anyNumber, 'must be a number'),
        threePhase,
      ).init();
    }
    case 'ReduceLROnPlateau': {
      if (inSequence) throw new OptionError(path, o, 'cannot be part of SequentialLR (torch refuses it: its step needs the loss)');
      const plateau = new ReduceLROnPlateau(
        group,
        r.choice('mode', 'min', ['min', 'max']) === 'max',
        r.choice('thresholdMode', 'rel', ['rel', 'abs']) === 'rel',
        r.num('factor', 0.1, (v) => v < 1, 'must be less than 1'),
        r.int('patience', 10, 0),
        r.num('threshold', 1e-4, anyNumber, 'must be a number'),
        r.int('cooldown', 0, 0),
        r.num('minLr', 0, anyNumber, 'must be a number'),
        r.num('eps', 1e-8, anyNumber, 'must be a number'),
      );
      return plateau;
    }
    case 'SequentialLR': {
      if (inSequence) throw new OptionError(path, o, 'cannot be nested in another SequentialLR here');
      const list = o.schedulers;
      if (!Array.isArray(list) || list.length < 1) throw new OptionError(`${path}.schedulers`, list, 'must be a list of at least one schedule');
      const milestones = r.ints('milestones');
      if (milestones.length !== list.length - 1) {
        throw new OptionError(`${path}.milestones`, milestones, `must have one entry fewer than schedulers (${list.length - 1})`);
      }
      // As in torch: each child is made (and takes its initial step) in turn on the same group.
      const children = list.map((child, i) => build(child, `${path}.schedulers[${i}]`, group, run, true) as Scheduler);
      return new SequentialLR(group, children, milestones);
    }
  }
}

/** Whether a schedule (or one inside SequentialLR) cycles the momentum. */
function cycles(s: Scheduler | ReduceLROnPlateau | SequentialLR): boolean {
  if (s instanceof OneCycleLR) return s.cycleMomentum;
  return s instanceof SequentialLR && s.children.some(cycles);
}

/**
 * The lr (and cycled momentum) of each step of a run of `steps` steps under `options`, stepping
 * the schedule after each step as torch's per-iteration loop does (one step more than the run
 * has, after its last, so a OneCycleLR too short for the run is refused as torch refuses it).
 * `momentum` is the optimizer's own momentum or β₁ (undefined when it has neither). `options` is
 * the object or its text (`'StepLR:stepSize=30'`: see parseSchedule).
 */
export function scheduleRun(
  options: unknown,
  run: { steps: number; lr: number; momentum: number | undefined; momentumOption: MomentumOption | undefined; ruleName: string },
): ScheduleRun {
  const group: Group = { lr: run.lr, initialLr: undefined, momentum: run.momentum, maxLr: NaN, minLr: NaN, maxMomentum: NaN, baseMomentum: NaN };
  const s = build(options, 'schedule', group, run, false);
  const { steps } = run;
  const lr = new Float64Array(steps);
  lr[0] = group.lr;
  if (s instanceof ReduceLROnPlateau) {
    lr.fill(NaN, 1);
    return {
      lr,
      next: (t, loss) => {
        s.step(loss);
        if (t < steps) lr[t] = group.lr;
      },
    };
  }
  const cycled = cycles(s);
  const momentum = cycled ? new Float64Array(steps) : undefined;
  if (momentum) momentum[0] = group.momentum as number;
  for (let t = 1; t <= steps; t++) {
    s.step();
    if (t < steps) {
      lr[t] = group.lr;
      if (momentum) momentum[t] = group.momentum as number;
    }
  }
  return cycled ? { lr, momentum, momentumOption: run.momentumOption } : { lr };
}

function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Python's %: the sign of the divisor. */
const pyMod = (a: number, m: number) => ((a % m) + m) % m;

/** What a run with a schedule gives the loop, and the options it starts with. */
export interface ScheduledRun {
  /** The options of the first step: OneCycleLR sets the momentum or β₁ before it, as torch does. */
  readonly h: Hyper;
  readonly loop: LoopSchedule;
  /** Whether the momentum (or β₁) is cycled: such a run's compiled loop is not a lr-only one's. */
  readonly cycled: boolean;
  /** The compiled loop's statements for each step (see scheduleLoopCode). */
  code(definition: RuleDefinition, source: RuleSource): string;
  /** What the run's result adds: `lr`, and `cycledMomentum`; NaN for steps past a divergence. */
  result(divergedAt: number): { lr: Float64Array; cycledMomentum?: Float64Array };
}

/** What `trajectory()` takes from this module (core/trajectory.ts's `provideScheduler`). */
export interface Schedules {
  run(schedule: unknown, preset: OptimizerPreset, h: Hyper, steps: number, lossBefore: Float64Array): ScheduledRun;
}

/**
 * A run's schedule for the step loop: its lr (and cycled momentum) per step and the options it
 * starts with. `lossBefore[i]` is the loss at iterate i (the mini-batch loss with batches), which
 * ReduceLROnPlateau reads after each step.
 */
function runSchedule(schedule: unknown, preset: OptimizerPreset, h: Hyper, steps: number, lossBefore: Float64Array): ScheduledRun {
  if (typeof schedule === 'string') schedule = parseSchedule(schedule);
  const { defaults, definition, name } = preset.kernel;
  const momentumOption: MomentumOption | undefined = 'momentum' in defaults ? 'momentum' : 'beta1' in defaults ? 'beta1' : undefined;
  const run = scheduleRun(schedule, { steps, lr: h.lr as number, momentum: momentumOption && (h[momentumOption] as number), momentumOption, ruleName: name });
  const cycled = run.momentum;
  if (cycled && momentumOption === 'momentum' && cycled.some((m) => m === 0)) {
    // torch's SGD and RMSprop take another branch at a momentum of exactly 0 (no buffer).
    throw new OptionError('schedule.baseMomentum', (schedule as { baseMomentum?: unknown }).baseMomentum, `cycles ${name}'s momentum through 0; keep it above 0`);
  }
  const hRun: Hyper = { ...h, lr: run.lr[0], ...(cycled && momentumOption ? { [momentumOption]: cycled[0] } : {}) };
  let powerSlot = -1;
  if (cycled && momentumOption === 'beta1') {
    const carried = Object.keys(definition.carry?.(hRun) ?? {});
    if (carried.includes('beta1Power')) powerSlot = preset.kernel.tensors(hRun).length * 2 + carried.indexOf('beta1Power');
  }
  const { next, lr } = run;
  return {
    h: hRun,
    loop: { lr, momentum: cycled ?? null, option: momentumOption ?? '', powerSlot, next: next ? (t) => next(t, lossBefore[t - 1]) : null },
    cycled: !!cycled,
    code: (d, source) => scheduleLoopCode(d, source, cycled ? momentumOption : undefined),
    result(divergedAt) {
      // Steps past a divergence were not taken: no lr.
      if (divergedAt >= 0) {
        lr.fill(NaN, divergedAt);
        cycled?.fill(NaN, divergedAt);
      }
      return cycled ? { lr, cycledMomentum: cycled } : { lr };
    },
  };
}

/**
 * The compiled loop's statements for a scheduled run (core/loop.ts writes them at the top of
 * each step): the step's lr, and its cycled momentum, into the options' locals; a carried β₁ᵗ
 * becomes β₁^(t−1) of the step's β₁, which the rule multiplies by β₁ once more (torch computes
 * 1 − β₁ᵗ from the current β₁; a running product would multiply past ones).
 */
function scheduleLoopCode(definition: RuleDefinition, source: RuleSource, momentumOption: MomentumOption | undefined): string {
  const option = (name: string) => local.option(Object.keys(definition.defaults).indexOf(name));
  let code = `${option('lr')} = sched.lr[t - 1];`;
  if (momentumOption) {
    code += `${option(momentumOption)} = sched.momentum[t - 1];`;
    if (momentumOption === 'beta1' && source.k.includes('beta1Power')) code += `${local.k(source.k.indexOf('beta1Power'))} = Math.pow(${option('beta1')}, t - 1);`;
  }
  return code;
}

provideScheduler({ run: runSchedule });
