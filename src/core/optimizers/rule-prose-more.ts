/**
 * The catalog's presets' one-line summaries and where their rules' torch form (or reference
 * implementation) differs, in English (Korean: src/i18n/ko-prose.ts): rule-tex-more.ts's prose,
 * as data. The library's entries hand it to rule-tex.ts with the registry; the one-file bundle
 * with those rules' MathML (src/generated/rules-more.mathml.ts), when one of them is first shown.
 */
export const moreProse: { readonly summary: Readonly<Record<string, string>>; readonly differs: Readonly<Record<string, string>> } = {
  summary: {
    adamax: "Adam with the infinity norm in place of the squared average.",
    nadam: "Adam with Nesterov's look-ahead momentum.",
    radam: "Adam that starts as momentum SGD until its variance estimate is reliable.",
    rprop: "Only the gradient's sign: each coordinate's step grows while the sign holds and shrinks when it flips.",
    asgd: "SGD with a slowly shrinking learning rate that also keeps an average of its iterates.",
    lion: "Only the sign of a momentum mix: every coordinate steps exactly γ.",
    adabelief: "Adam that divides by how far the gradient strays from its average, not by its size.",
    yogi: "Adam whose v changes by at most (1 − β₂)g² a step, so small gradients do not blow up its steps at once.",
    adan: "Adam with Nesterov momentum taken from the change between successive gradients.",
    'schedule-free-adamw': "No schedule: an average of AdamW's iterates does what a decaying learning rate would.",
    lbfgs: "Quasi-Newton: the last m steps and gradient changes stand in for the inverse Hessian, and one step runs many iterations.",
    adafactor: "Steps sized relative to the parameters, scaled per coordinate as RMSprop's with a β₂ that grows towards 1, and clipped by the update's RMS.",
    newton: "Solves the local quadratic model exactly: one step lands on a quadratic's stationary point, minimum or saddle.",
    'saddle-free-newton': "Newton with the Hessian's eigenvalues taken by absolute value: negative curvature pushes it away from a saddle, not into it.",
    sam: "SGD with the gradient taken at the worst point a ρ-step uphill: it prefers wide, flat minima.",
  },
  differs: {
    adamax: "The paper has no ε; torch adds it to |g| inside the max.",
    nadam: "m uses the constant β₁; only the step uses Dozat's schedule μₜ.",
    radam: "torch switches the adaptive step on at ρₜ > 5 (the paper writes 4).",
    rprop: "torch runs Rprop without weight-backtracking, as Igel & Hüsken's iRprop− does: where the gradient changes sign it only shrinks the step size and counts the gradient as 0 (no move, no sign test at the next step), where Riedmiller & Braun (1993) also undo the previous step. The first step size is lr and the step sizes live in the state, so a learning-rate schedule changes nothing after the first step.",
    asgd: "Polyak & Juditsky (1992) return the average of the iterates: torch keeps it as the state ax (θ̄ here) and leaves θ in the parameters, and with the default t0 = 1e6 the averaging starts only after a million steps (θ̄ = θ until then). Some torch releases computed ηₜ = γ / (1 + λγt^α) on the foreach path instead of γ / (1 + λγt)^α; we follow the single-tensor form.",
    lion: "Not in torch.optim; we follow the paper's Algorithm 2, as lucidrains/lion-pytorch and optax do (lion-pytorch's optional decoupled_weight_decay divides λ by the initial lr). Because every step has the full size γ, the default lr 1e-4 is 3–10x smaller than AdamW's.",
    adabelief: "Not in torch.optim; we follow the authors' adabelief-pytorch 0.2.1, which adds ε into s every step (as the paper does) and again to the denominator, and by default decouples the weight decay and rectifies as RAdam does, from ρₜ ≥ 5. Its 0.0.5 defaulted to eps 1e-8 with neither, and adabelief-tf uses eps 1e-14; with amsgrad and rectify together the package's rectified steps ignore the running max (its quirk, kept; adabelief-tf uses the max).",
    yogi: "Not in torch.optim; we follow TensorFlow Addons' Yogi (written by the paper's first author), without its l1/l2 regularization and tanh activation. ε = 1e-3 is the paper's, not Adam's 1e-8; the paper starts v at the squared gradient of a large first mini-batch where TFA starts it at 1e-6, and pytorch-optimizer's Yogi also starts m at 1e-6 and adds ε after bias-correcting √v.",
    adan: "Not in torch.optim; we follow sail-sg/Adan's single-tensor code, whose betas are the paper's 1 − β (the paper's β₁ = 0.02 is the code's 0.98) and which divides m, d and n by their bias corrections. The code's max_grad_norm clipping is not offered.",
    adamwschedulefree: "Not in torch.optim; we follow facebookresearch/schedule_free's AdamWScheduleFreeReference, which keeps y, where the gradient is taken, in the parameters and x, the point to evaluate, in its state (the faster AdamWScheduleFree keeps y and z and recovers x in eval()). Releases up to 1.2.7 multiplied lr by √(1 − β₂ᵗ) instead of bias-correcting v, a warmup that also entered the averaging weights.",
    lbfgs: "One step() is many iterations: torch's LBFGS runs up to max_iter (20) on one call, evaluating the closure at each, so a step here is one step() call and the points it tried are recorded as its evaluations. The first iteration ever steps t = min(1, 1/‖g‖₁)·lr, later ones lr (1 by default), with no line search unless line_search_fn='strong_wolfe'; minFunc, which torch's code comes from (through Lua Torch), always searches. torch keeps 100 pairs and stops on absolute changes (|Δf|, ‖td‖∞ under tolerance_change); scipy's L-BFGS-B always searches (Moré–Thuente), keeps 10 pairs and stops on the projected gradient (gtol 1e-5) and on f's relative decrease (ftol 2.2e-9).",
    adafactor: "The paper (Shazeer & Stern 2018) has no lr: torch's caps the relative step, ρₜ = min(lr, 1/√t) where the paper fixes the cap at 0.01, and scales the decoupled weight decay (θ ← (1 − γλ)θ). eps1 clamps the denominator, max(√v, ε₁), where the paper adds ε₁ = 1e-30 to g²; torch's eps1 = None is the dtype's machine epsilon (2⁻⁵² in float64, as here). torch factors the second moment only for matrices, so a vector's v is per coordinate, and it has no momentum (the paper's optional β₁). Hugging Face's Adafactor keeps the paper's ε₁ and, with relative_step (its default), ρₜ = min(0.01, 1/√t).",
    newton: "Not in torch.optim (torch.func.hessian builds H, but no optimizer steps with it): the textbook Newton–Raphson step on the surface's exact Hessian, with Levenberg's damping δI (Marquardt's variant scales δ by H's diagonal). scipy's Newton-CG and trust-region methods (trust-ncg, trust-exact) solve the same system but guard it with a line search or a trust region; the bare step here, with γ = 1, jumps straight to a quadratic's saddle.",
    saddlefreenewton: "Not in torch.optim. Dauphin et al. (2014) cannot form |H| for a network: their Algorithm 1 takes it in a Krylov subspace of k Lanczos vectors and picks the damping by a line search at each step; in two dimensions the eigendecomposition is exact and δ is fixed. With δ = 0, a zero eigenvalue (a flat direction) makes the step infinite and the run is marked diverged.",
    sam: "Not in torch.optim; we follow davda54/sam, the widely used unofficial PyTorch version (the authors' code, google-research/sam, is JAX), over torch.optim.SGD. Its ε divides by ‖g‖₂ + 1e-12 (the paper's ρg/‖g‖₂ has no 1e-12); its adaptive is ASAM's (Kwon et al. 2021) neighbourhood scaled by |θ|, where ASAM's own code scales by |θ| + η (η = 0.01) and defaults to ρ = 0.5; the base SGD adds the weight decay to the ascent-point gradient only. The paper's m-sharpness takes ε per shard of m examples and averages the shards' gradients (its JAX code does so per device); here both gradients of a step come from the same mini-batch, with the same noise.",
  },
};
