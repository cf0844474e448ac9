/**
 * The name, torch's defaults and the options of Adamax, NAdam and RAdam, which share Adam's
 * (./adamax.ts, ./nadam.ts, ./radam.ts spread them into their definitions). Options are listed in
 * torch's order. Like those rules, this is in the catalog (./more.ts).
 */
import { beta1Spec, beta2Spec, epsSpec, lrSpec, maximizeSpec, weightDecaySpec, type RuleHead } from './rule';

const spec = { lr: lrSpec, beta1: beta1Spec, beta2: beta2Spec, eps: epsSpec, weightDecay: weightDecaySpec };
const defaults = (lr: number) => ({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });

export const adamaxHead = {
  name: 'Adamax',
  defaults: { ...defaults(2e-3), maximize: false },
  spec: { ...spec, maximize: maximizeSpec },
} satisfies RuleHead;

export const nadamHead = {
  name: 'NAdam',
  defaults: { ...defaults(2e-3), momentumDecay: 4e-3, decoupledWeightDecay: false, maximize: false },
  spec: { ...spec, momentumDecay: { kind: 'number', min: 0 }, decoupledWeightDecay: { kind: 'boolean' }, maximize: maximizeSpec },
} satisfies RuleHead;

export const radamHead = {
  name: 'RAdam',
  defaults: { ...defaults(1e-3), decoupledWeightDecay: false, maximize: false },
  spec: { ...spec, decoupledWeightDecay: { kind: 'boolean' }, maximize: maximizeSpec },
} satisfies RuleHead;
