/**
 * The one Config type: everything a playground shows, as plain data. The URL hash, the element's
 * attributes and (later) the embed snippet are all views of it.
 */
import { catalogHyper, getPreset, isPresetId, presetIds, resolveHyper, type HyperValue, type PresetId } from '../core/optimizers/index';
import type { Domain, Point, Race, Surface } from '../core/types';
import { DEFAULT_SURFACE, defaultSurface, isSurfaceId, loadedSurface, surfaceIds } from './surfaces';
import type { Refusal } from './refusal';

export type Layout = 'overlay' | 'grid' | 'map';
export const layouts: readonly Layout[] = ['overlay', 'grid', 'map'];

/** One runner: a preset, its overrides of the preset's defaults, a label, and whether it runs. */
export interface OptimizerEntry {
  readonly kind: PresetId;
  readonly label?: string;
  readonly hyper: Readonly<Record<string, HyperValue>>;
  readonly enabled: boolean;
  /**
   * Standard deviation of Gaussian noise added to each gradient component, as a stand-in for
   * mini-batch gradients (seeded, so a link replays the same path). Absent or 0: exact gradients.
   */
  readonly noise?: number;
  /**
   * On a data surface: samples per mini-batch (each step's gradient is its batch's mean, batches
   * drawn as torch's DataLoader with shuffle does, seed 1 for every run, so runs with the same
   * size see the same batches). Absent: the full data's gradient.
   */
  readonly batch?: number;
  /** A learning-rate schedule in its text form (core/schedules.ts), `CosineAnnealingLR:tMax=300`. */
  readonly schedule?: string;
}

/** A run's own options beside its hyperparameters: their names in links, attributes and configs. */
export const RUN_OPTIONS = ['noise', 'batch', 'schedule'] as const;

export interface Config {
  /**
   * A catalog surface id. With `expr`, the catalog surface to fall back on if the expression
   * cannot be used.
   */
  readonly surface: string;
  /**
   * A typed-in surface: a mathjs expression in x and y, as typed. When present it is the surface
   * shown (compiled by the expression module, which is loaded on demand).
   */
  readonly expr?: string;
  /** The typed-in surface's plotting window; present exactly when `expr` is. */
  readonly domain?: Domain;
  readonly optimizers: readonly OptimizerEntry[];
  readonly start: Point;
  /** Steps per run. */
  readonly steps: number;
  /** Animation speed in steps per second. */
  readonly speed: number;
  readonly layout: Layout;
  /** The step shown (0 = the start). */
  readonly step: number;
  /**
   * Show each run's inner state at its head (the gradient step, the step taken, the velocity,
   * the step sizes) and the values of its rule's symbols. Absent: off.
   */
  readonly inspect?: boolean;
}

export { DEFAULT_SURFACE, isSurfaceId };
export const DEFAULT_SPEED = 60;
export const MAX_STEPS = 20_000;
/**
 * The most runs one playground or panel races (links, attributes, children, `config`, the
 * optimizer list's "Add"). A longer list keeps its first MAX_RUNS.
 */
export const MAX_RUNS = 24;
/**
 * The most steps one playground or panel computes in all, steps × runs (every listed run counts):
 * 10 runs of 20 000 steps, or 24 of 8 333. Each step is computed, drawn and plotted, about 1 µs
 * in all, so a redraw stays well under a second (24 runs of 20 000 steps, 480 000, gave tasks of
 * up to 1.5 s). Steps beyond it are cut to `maxStepsFor(runs)` with a message.
 */
export const MAX_TOTAL_STEPS = 200_000;

/** The most steps per run when `runs` runs race: MAX_STEPS, or fewer to keep MAX_TOTAL_STEPS. */
export function maxStepsFor(runs: number): number {
  return Math.max(1, Math.min(MAX_STEPS, Math.floor(MAX_TOTAL_STEPS / Math.max(1, runs))));
}

export const MAX_SPEED = 5_000;
/** The plotting window of a typed-in surface when none is given (compileSurface's default). */
export const DEFAULT_EXPRESSION_DOMAIN: Domain = Object.freeze({
  x: Object.freeze([-5, 5]) as readonly [number, number],
  y: Object.freeze([-5, 5]) as readonly [number, number],
});

/** Whether a value is a domain: finite bounds, min < max on both axes. */
export function isDomain(d: unknown): d is Domain {
  const ok = (r: unknown) =>
    Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1];
  return !!d && typeof d === 'object' && ok((d as Domain).x) && ok((d as Domain).y);
}

/** A domain as the messages write it, in any language: "x ∈ [-2, 2], y ∈ [-1, 3]". */
export function domainText(domain: Domain): string {
  return `x ∈ [${domain.x[0]}, ${domain.x[1]}], y ∈ [${domain.y[0]}, ${domain.y[1]}]`;
}

/** Whether (x, y) lies in the domain, edges included. */
export function insideDomain(domain: Domain, x: number, y: number): boolean {
  return x >= domain.x[0] && x <= domain.x[1] && y >= domain.y[0] && y <= domain.y[1];
}

export function sameDomain(a: Domain, b: Domain): boolean {
  return a.x[0] === b.x[0] && a.x[1] === b.x[1] && a.y[0] === b.y[0] && a.y[1] === b.y[1];
}

/** The notes' seven, in the order they introduce them. */
export const notesPresets: readonly PresetId[] = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam'];

/**
 * The race for a surface without one of its own: the notes' seven with learning rates that move
 * visibly on unit-scale surfaces.
 */
export const fallbackRace: Race = {
  steps: 300,
  optimizers: [
    { optimizer: 'sgd', hyper: { lr: 0.01 } },
    { optimizer: 'momentum', hyper: { lr: 0.01 } },
    { optimizer: 'nesterov', hyper: { lr: 0.01 } },
    { optimizer: 'adagrad', hyper: { lr: 0.1 } },
    { optimizer: 'adadelta', hyper: { lr: 1 } },
    { optimizer: 'rmsprop', hyper: { lr: 0.01 } },
    { optimizer: 'adam', hyper: { lr: 0.05 } },
  ],
};

/**
 * The catalog surface `id`, or the default surface when `id` is unknown. In the single-file
 * bundle a surface must have been loaded first (state/surfaces.ts); the elements wait for it
 * before they read it, and show the default if it could not be fetched.
 */
export function getSurface(id: string): Surface {
  return loadedSurface(id) ?? defaultSurface;
}

/** The surface's race, or the fallback. */
export function raceOf(surface: Surface): Race {
  return surface.race ?? fallbackRace;
}

/** The race's runners as config entries (unknown presets or bad overrides are dropped). */
export function raceEntries(race: Race): OptimizerEntry[] {
  const out: OptimizerEntry[] = [];
  for (const r of race.optimizers) {
    if (!isPresetId(r.optimizer)) continue;
    const hyper = { ...(r.hyper ?? {}) };
    try {
      resolveHyper(r.optimizer, hyper);
    } catch {
      continue;
    }
    // A race's own noise, batch and schedule are the author's (the surfaces' tests run them).
    const { optimizer: kind, hyper: _h, ...rest } = r;
    out.push({ kind, hyper, enabled: true, ...rest });
  }
  return out;
}

/** What a surface's default race sets: its runners, start, steps and speed. */
export type RaceFields = Pick<Config, 'optimizers' | 'start' | 'steps' | 'speed'>;

/** The default race of `surface` (a catalog surface, or a typed-in one with its race attached). */
export function defaultRace(surface: Surface): RaceFields {
  const race = raceOf(surface);
  return {
    optimizers: raceEntries(race),
    start: [surface.start[0], surface.start[1]],
    steps: race.steps,
    speed: race.speed ?? DEFAULT_SPEED,
  };
}

/** The configuration a surface opens with: its default race from its default start. */
export function defaultConfig(surfaceId: string = DEFAULT_SURFACE): Config {
  const surface = getSurface(surfaceId);
  return { surface: surface.id, ...defaultRace(surface), layout: 'overlay', step: 0 };
}

/**
 * A new entry for a preset, starting from the learning rate the current race gives it. `surface`
 * is a catalog id or a Surface (a typed-in one with its race attached).
 */
export function newEntry(kind: PresetId, surface: string | Surface): OptimizerEntry {
  const race = raceOf(typeof surface === 'string' ? getSurface(surface) : surface);
  const inRace = race.optimizers.find((r) => r.optimizer === kind);
  const fromFallback = fallbackRace.optimizers.find((r) => r.optimizer === kind);
  const hyper = { ...(inRace?.hyper ?? fromFallback?.hyper ?? catalogHyper.of?.(kind, race) ?? { lr: 0.01 }) };
  return { kind, hyper, enabled: true };
}

export function sameEntry(a: OptimizerEntry, b: OptimizerEntry): boolean {
  if (a.kind !== b.kind || a.enabled !== b.enabled || (a.label ?? '') !== (b.label ?? '')) return false;
  if (RUN_OPTIONS.some((k) => (a[k] || 0) !== (b[k] || 0))) return false;
  const ka = Object.keys(a.hyper);
  const kb = Object.keys(b.hyper);
  return ka.length === kb.length && ka.every((k) => a.hyper[k] === b.hyper[k]);
}

export function sameEntries(a: readonly OptimizerEntry[], b: readonly OptimizerEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i]));
}

/**
 * Symbols for hyperparameters in run labels, as torch.optim's documentation writes them
 * (language-neutral); `lr` and `noise` are words and come translated through `words`.
 */
const hyperSymbols: Readonly<Record<string, string>> = {
  momentum: 'μ',
  dampening: 'τ',
  weightDecay: 'λ',
  lrDecay: 'η decay',
  initialAccumulatorValue: 'G₀',
  eps: 'ε',
  rho: 'ρ',
  alpha: 'α',
  beta1: 'β₁',
  beta2: 'β₂',
  momentumDecay: 'ψ',
};

/** The words run labels use, in the UI's language ("lr" / "학습률"). */
export interface LabelWords {
  readonly lr: string;
  readonly noise: string;
  readonly batch: string;
  readonly fullBatch: string;
}

const englishWords: LabelWords = { lr: 'lr', noise: 'noise σ', batch: 'batch', fullBatch: 'full batch' };

const short = (v: HyperValue | string) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));

/**
 * Labels of runs: an entry's own, else the preset's. A preset listed more than once gets what
 * differs between its copies appended ("Adam, lr 0.1" and "Adam, β₁ 0.5"; a boolean by its name
 * when on, "SGD, nesterov"); copies that differ in nothing are numbered ("Adam #2").
 */
export function runLabels(entries: readonly OptimizerEntry[], words: LabelWords = englishWords): string[] {
  const byKind = new Map<string, number[]>();
  entries.forEach((e, i) => byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), i]));
  const settings = (e: OptimizerEntry): Record<string, HyperValue | string> => {
    const out: Record<string, HyperValue | string> = { ...getPreset(e.kind).defaults, ...e.hyper };
    for (const k of RUN_OPTIONS) out[k] = e[k] || 0;
    return out;
  };
  const out = entries.map((e) => e.label ?? getPreset(e.kind).label);
  for (const indices of byKind.values()) {
    const copies = indices.filter((i) => !entries[i].label);
    if (indices.length < 2 || !copies.length) continue;
    const all = indices.map((i) => settings(entries[i]));
    const keys = Object.keys(all[0]).filter((k) => all.some((s) => s[k] !== all[0][k]));
    // The learning rate first (what is most often varied), then the rest in the preset's order.
    keys.sort((a, b) => Number(b === 'lr') - Number(a === 'lr'));
    copies.forEach((i) => {
      const s = settings(entries[i]);
      const parts = keys.flatMap((k) => {
        const v = s[k];
        if (typeof v === 'boolean') return v ? [k] : [];
        if (k === 'batch' && !v) return [words.fullBatch];
        if (k === 'noise' || k === 'batch') return v ? [`${words[k]} ${short(v)}`] : [];
        // A schedule by its kinds, short: "Linear→Cosine" (LinearLR then CosineAnnealingLR).
        if (k === 'schedule') return v ? [String(v).replace(/@\d+:/g, '→').replace(/:[^→]*|Annealing|LR\b|LR(?=O)/g, '')] : [];
        return [`${k === 'lr' ? words.lr : hyperSymbols[k] ?? k} ${short(v)}`];
      });
      out[i] = parts.length ? `${out[i]}, ${parts.join(', ')}` : out[i];
    });
    // Copies still alike (same settings, or differing only in what a label leaves out): numbered.
    const seen = new Map<string, number>();
    for (const i of copies) {
      const n = (seen.get(out[i]) ?? 0) + 1;
      seen.set(out[i], n);
      if (n > 1) out[i] = `${out[i]} #${n}`;
    }
  }
  return out;
}

/**
 * `normalizeConfig` (state/normalize.ts) once its module has run: the npm package's entries and
 * the app import it, the single-file bundle fetches it as a small chunk the first time a
 * playground's `config` is set (`loadNormalize`).
 */
export let loadedNormalize: Normalize | undefined;

/** normalizeConfig's type: English messages to `errors`, the same as refusals to `refusals`. */
type Normalize = (value: Config, errors: string[], refusals?: Refusal[]) => Config;

export function setNormalize(normalize: Normalize): void {
  loadedNormalize = normalize;
}

/** Loads state/normalize.ts (once), resolving to its normalizeConfig. */
export function loadNormalize(): Promise<Normalize> {
  return loadedNormalize ? Promise.resolve(loadedNormalize) : import('./normalize').then((m) => m.normalizeConfig);
}

export { presetIds, surfaceIds };
