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
  Rprop: {
    lr: 'initial step size Δ₀ of every coordinate (used at the first step only)',
    etaMinus: 'factor η₋ that shrinks a step size when its gradient flips sign (torch: etas[0])',
    etaPlus: 'factor η₊ that grows a step size while its gradient keeps its sign (torch: etas[1])',
    stepSizeMin: 'smallest step size Δₘᵢₙ (torch: step_sizes[0])',
    stepSizeMax: 'largest step size Δₘₐₓ (torch: step_sizes[1])',
  },
  ASGD: {
    lr: 'learning rate γ: the first step size η₁ of the decaying schedule ηₜ',
    lambd: 'decay term λ: shrinks p by (1 − λη) each step and sets how fast ηₜ = γ / (1 + λγt)^α decays',
    alpha: 'power α of the schedule ηₜ',
    t0: 'step t₀ after which the averaging starts (μₜ = 1 / max(1, t − t₀))',
    weightDecay: 'weight decay λ_wd: adds weightDecay * p to the gradient (an L2 penalty)',
  },
  Lion: {
    lr: 'learning rate: every coordinate moves exactly ±lr (3–10x smaller than for AdamW)',
    beta1: 'weight β₁ of the momentum in the direction whose sign is taken (betas[0])',
    beta2: 'decay β₂ of the momentum m that is kept (betas[1])',
    weightDecay: 'decoupled weight decay λ: p ← p − γλp',
  },
  AdaBelief: {
    beta2: "decay of the running average s of (g − m)², the gradient's deviation from its average (betas[1])",
    eps: 'ε, added to s every step and again to the denominator',
    weightDecay: 'weight decay λ: with weightDecouple p ← p − γλp, else added to the gradient (L2)',
    amsgrad: 'divide by the running maximum of s (rectified steps ignore it, as the package does)',
    weightDecouple: 'apply weight decay to p directly, as AdamW',
    fixedDecay: 'with weightDecouple: p ← p − λp, not scaled by lr',
    rectify: "RAdam's rectification: adaptive steps only from ρₜ ≥ 5",
    degeneratedToSgd: 'with rectify: before ρₜ ≥ 5, step as SGD with momentum (else do not move)',
  },
  Yogi: {
    beta1: 'decay β₁ of the running average m of gradients (TensorFlow Addons: beta1)',
    beta2: 'rate β₂ of the additive update of v: v changes by at most (1 − β₂)g² a step (TensorFlow Addons: beta2)',
    eps: 'ε added to √v: 1e-3 by default, not 1e-8 as in Adam, trading adaptivity for stability',
    initialAccumulatorValue: 'starting value κ of v (m starts at 0)',
  },
  Adan: {
    beta1: "decay β₁ of the running average m of gradients (betas[0]; the paper's 1 − β₁)",
    beta2: "decay β₂ of the running average d of gradient differences (betas[1]; the paper's 1 − β₂)",
    beta3: "decay β₃ of the running average n of squared corrected gradients (betas[2]; the paper's 1 − β₃)",
    weightDecay: 'weight decay λ: p is divided by (1 + γλ) after the step (a proximal step)',
    noProx: 'decay as AdamW instead: p ← (1 − γλ)p before the step',
  },
  AdamWScheduleFree: {
    lr: 'learning rate γ of the steps of z (after warmup)',
    beta1: 'interpolation β₁: the gradient is taken at y = β₁x + (1 − β₁)z (betas[0])',
    weightDecay: 'weight decay λ: z ← z − γλy, at the point where the gradient is taken',
    warmupSteps: 'steps T of linear warmup: γₜ = γ min(1, t / T)',
    r: 'power r of the step in the averaging weights tʳ (0: a uniform average)',
    weightLrPower: 'power p of the largest lr so far in the averaging weights (0: not weighted by lr)',
    decayAtZ: 'apply the weight decay at z instead of at y',
    innerMomentum: 'momentum μ of a running average of gradients used in place of g (0: none)',
  },
  LBFGS: {
    lr: "step length γ of each iteration, or the line search's first try (the very first iteration: γ min(1, 1/‖g‖₁))",
    maxIter: 'the most iterations K one step runs (torch: max_iter)',
    maxEval: 'the most evaluations E of f and ∇f one step makes (torch: max_eval; 0: its None, ⌊5K/4⌋)',
    toleranceGrad: 'stop once every gradient coordinate is within ε_g of 0: ‖g‖∞ ≤ ε_g (torch: tolerance_grad)',
    toleranceChange: 'stop once the step ‖td‖∞ or the change in f is under ε_Δ (torch: tolerance_change)',
    historySize: 'pairs m of (s, y), steps and gradient changes, kept for the inverse-Hessian estimate (torch: history_size)',
    strongWolfe: "line search for t satisfying the strong Wolfe conditions (torch: line_search_fn='strong_wolfe'; off: fixed steps)",
  },
  Adafactor: {
    lr: 'cap γ of the relative step ρₜ = min(γ, 1/√t); also scales the weight decay',
    beta2Decay: 'τ of the decay β̂₂ₜ = 1 − t^τ of the average of g², which forgets more slowly as t grows (torch: beta2_decay)',
    eps1: 'ε₁, the floor of √v in the denominator (torch: eps[0]; its None is the machine epsilon, the default here)',
    eps2: "ε₂, the smallest parameter RMS the step is relative to, so that parameters at 0 still move (torch: eps[1])",
    d: "clipping threshold d: the update is scaled down when its RMS exceeds d",
    weightDecay: 'decoupled weight decay λ: p ← (1 − γλ)p before the step',
  },
  Newton: {
    lr: "step length γ along the Newton direction (1: straight to the quadratic model's stationary point)",
    damping: "damping δ added to the Hessian's diagonal (Levenberg): large δ steps as gradient descent with lr γ/δ",
  },
  SaddleFreeNewton: {
    lr: 'step length γ along the saddle-free Newton direction',
    damping: 'damping δ added to the absolute eigenvalues |λᵢ|, so that flat directions do not give huge steps',
  },
  SAM: {
    lr: 'learning rate γ of the base SGD',
    rho: 'radius ρ of the neighbourhood whose worst point (to first order) the gradient is taken at',
    adaptive: 'ASAM (Kwon et al. 2021): scale the neighbourhood by |θ|, coordinate by coordinate',
    momentum: "the base SGD's momentum factor μ",
    dampening: "the base SGD's dampening τ for momentum",
    weightDecay: 'weight decay λ: the base SGD adds λp to the gradient taken at the ascent point',
    nesterov: "the base SGD's Nesterov momentum (torch's reformulation)",
  },
};

provideHyperDocs((rule, option) => byRule[rule]?.[option] ?? common[option]);
