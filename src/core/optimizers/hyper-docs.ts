/**
 * The hyperparameters' tooltips (`HyperSpec.doc`), in English; Korean ones are in
 * src/i18n/ko-prose.ts. The library's entries load this with the registry; the one-file bundle
 * when the settings (the fields under "More settings") are first shown.
 */
import { provideHyperDocs } from './rule';

/** What most rules mean by an option of this name. */
const common: Readonly<Record<string, string>> = {
  lr: 'learning rate',
  weightDecay: 'weight decay: adds weightDecay * p to the gradient (an L2 penalty)',
  maximize: 'ascend instead of descend (torch negates the gradient)',
  eps: 'term added for numerical stability',
  beta1: 'decay of the running average of gradients (torch: betas[0])',
  beta2: 'decay of the running average of squared gradients (torch: betas[1])',
};

/** Each rule's own, by torch's class name, where it differs from `common`. */
const byRule: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SGD: {
    momentum: 'momentum factor μ',
    dampening: 'dampening τ for momentum',
    nesterov: "Nesterov momentum (torch's reformulation)",
  },
  Adagrad: {
    lrDecay: 'learning-rate decay η: lr / (1 + (t − 1) η)',
    initialAccumulatorValue: 'starting value s₀ of the sum of squared gradients',
  },
  Adadelta: {
    lr: 'coefficient that scales Δ before it is applied (1 = the paper)',
    rho: 'decay ρ of both running averages',
    weightDecay: 'weight decay: adds weightDecay * p to the gradient',
  },
  RMSprop: {
    alpha: 'smoothing constant α of the running average of g²',
    momentum: 'momentum factor μ applied to the scaled step',
    centered: 'divide by an estimate of the gradient variance instead',
  },
  Adam: {
    weightDecay: 'weight decay λ',
    amsgrad: 'AMSGrad: divide by the running maximum of v (Reddi et al., 2018)',
  },
  AdamW: {
    weightDecay: 'decoupled weight decay λ: p ← p − γλp',
    amsgrad: 'AMSGrad: divide by the running maximum of v (Reddi et al., 2018)',
  },
  Adamax: {
    beta2: 'decay of the running infinity norm (torch: betas[1])',
  },
  NAdam: {
    momentumDecay: 'momentum decay ψ of the schedule μₜ',
    decoupledWeightDecay: 'apply weight decay to p directly, as AdamW',
  },
  RAdam: {
    decoupledWeightDecay: 'apply weight decay to p directly, as AdamW',
  },
};

provideHyperDocs((rule, option) => byRule[rule]?.[option] ?? common[option]);
