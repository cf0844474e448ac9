/**
 * Rules whose definitions arrive later: the one-file bundle carries only the head (name,
 * defaults, options) of the rules no default race runs, and fetches their definitions, with
 * their compiled-loop source, the first time one is wanted (./more.ts). The library's entries
 * import ./more.ts up front, so there every rule is ready at once.
 */
import type { Hyper, RuleHead, UpdateRule } from './rule';
import { specWithDocs } from './rule';

/** The stand-ins given out, by rule name, until their definitions arrive. */
const standIns = new Map<string, UpdateRule>();
let loading: Promise<unknown> | undefined;

/** Called by ./more.ts as it loads: each stand-in becomes its rule (the same object, completed). */
export function provideRules(rules: readonly UpdateRule[]): void {
  for (const rule of rules) Object.assign(standIns.get(rule.name) ?? {}, rule);
}

/**
 * Loads every rule's definition, and the portable loop a strict CSP leaves: at once where they
 * are here already (the library's entries), else the chunk that holds them (the one-file
 * bundle). A failed load can be tried again.
 */
export function loadOptimizers(): Promise<unknown> {
  return (loading ??= import('./more').catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
}

/** Whether a rule can run: a stand-in only once its definition has arrived. */
export const ruleReady = (rule: UpdateRule): boolean => typeof rule.step === 'function';

/**
 * A stand-in for a rule defined elsewhere: its head now; its state, step and definition once
 * those arrive (until then it has none: check `ruleReady`).
 */
export function ruleStandIn<H extends Hyper>(head: RuleHead<H>): UpdateRule<H> {
  const standIn = { name: head.name, defaults: head.defaults, spec: specWithDocs(head.name, head.spec) } as UpdateRule<H>;
  standIns.set(head.name, standIn as unknown as UpdateRule);
  return standIn;
}
