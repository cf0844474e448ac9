/**
 * The catalog: the presets no default race runs (AMSGrad, AdamW, Adamax, NAdam, RAdam, and those
 * beyond torch.optim's Adam family) with their rules, their compiled-loop source and the pickers' groups,
 * in ./more.ts. The library's entries import it up front, so there every preset is ready at once;
 * the one-file bundle carries only the catalog's ids and fetches the rest the first time one is
 * named (`presetsReady`) or a picker opens.
 */
import type { Race } from '../types';

/** The catalog's preset ids, in the pickers' order (./more.ts defines them; a unit test holds the two lists together). */
export const CATALOG_IDS: readonly string[] = 'amsgrad adamw adamax nadam radam rprop asgd lbfgs adafactor newton saddle-free-newton lion adabelief yogi adan schedule-free-adamw sam'.split(' ');

/** A catalog preset's id as a word of a text. */
export const CATALOG_NAMED = RegExp(`(^|[^\\w-])(${CATALOG_IDS.join('|')})(?![\\w-])`);

/** A picker's group of presets: its label in English and Korean, and its presets' ids in order. */
export interface PresetGroup {
  readonly en: string;
  readonly ko: string;
  readonly ids: readonly string[];
}

let loading: Promise<typeof import('./more')> | undefined;
let groups: readonly PresetGroup[] | undefined;

/** Called by ./more.ts as it loads, with the pickers' groups. */
export function catalogLoaded(presetGroups: readonly PresetGroup[]): void {
  groups = presetGroups;
}

/**
 * A catalog preset's hyperparameters on a surface whose race does not run it, from that race
 * (./more.ts sets it as it loads: its lr is that of the race's runner of its kin, SGD's or Adam's).
 */
export const catalogHyper: { of?: (id: string, race: Race) => Readonly<Record<string, number>> | undefined } = {};

/** The pickers' groups, once the catalog is here (until then a picker lists `presetIds`). */
export const pickerGroups = (): readonly PresetGroup[] | undefined => groups;

/**
 * Waits for the catalog if any of `texts` (an attribute, a link, a `kind`) names one of its presets
 * and it is not here yet: an element then waits before it reads them (a failed load is left for
 * the messages about those ids to report). Else false: nothing to wait for.
 */
export const presetsReady = (...texts: unknown[]): Promise<unknown> | false =>
  !groups && texts.some((text) => typeof text === 'string' && CATALOG_NAMED.test(text)) && loadOptimizers().catch(() => undefined);

/**
 * Loads the catalog, and the portable loop a strict CSP leaves: at once where they are here
 * already (the library's entries), else the chunk that holds them (the one-file bundle). A failed
 * load can be tried again.
 */
export function loadOptimizers(): Promise<unknown> {
  // (And what a run of theirs has asked for since: the expression compiler a Hessian comes from.)
  return (loading ??= import('./more').catch((error: unknown) => {
    loading = undefined;
    throw error;
  })).then((more) => more.pendingLoad());
}

/** Whether a rule can run: under a strict CSP, only once the portable loop is here (see trajectory()). */
export const ruleReady = (rule: { step?: unknown }): boolean => typeof rule.step === 'function';
