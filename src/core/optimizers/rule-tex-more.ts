/**
 * The catalog's rules as rows of TeX, their one-line summaries and where their torch form (or
 * reference implementation) differs: rule-tex.ts's counterpart for the rules no default race runs
 * (AdamW's variants are rule-tex.ts's, with Adam's). The library's entries load it with the
 * registry; the one-file bundle with the rule panel (their MathML, src/generated/
 * rules-more.mathml.ts, comes later, when one of these rules is first shown).
 */
import type { MoreRules, RuleRow, RuleSymbol, RuleVariant } from './rule-tex';
import type { HyperValue } from './rule';

type Hyper = Readonly<Record<string, HyperValue>>;

// rule-tex.ts's row and symbol helpers, written again here rather than imported: in the one-file
// bundle this module is in the chunk fetched when a catalog rule is first shown, and an import
// from rule-tex.ts (in the rule panel's chunk) would make that chunk export to another and cost
// a first visit one more request (the bundler's runtime helpers). Keep the two in step.
const tex = String.raw;
const sym = (text: string, key: string): RuleSymbol => ({ text, key });
const LR = sym('γ', 'lr');
const WD = sym('λ', 'weightDecay');
const EPS = sym('ε', 'eps');
const B1 = sym('β₁', 'beta1');
const B2 = sym('β₂', 'beta2');
const G_L2: RuleRow = tex`g_t &= \nabla f(\theta_{t-1}) + \lambda\,\theta_{t-1}`;
const G: RuleRow = tex`g_t &= \nabla f(\theta_{t-1})`;
const M: RuleRow = tex`m_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t`;
const V: RuleRow = tex`v_t &= \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2`;
const M_HAT: RuleRow = tex`\hat m_t &= m_t / (1-\beta_1^t)`;
const DECAY: RuleRow = tex`\theta_{t-1} &\leftarrow (1-\gamma\lambda)\,\theta_{t-1}`;
const theta = (step: string, when = ''): RuleRow =>
  tex`\theta_t &= \theta_{t-1} - ${step}${when ? tex`\quad (${when})` : ''}`;
const grad = (decoupled: boolean): RuleRow[] => (decoupled ? [G, DECAY] : [G_L2]);
const combos = (options: Readonly<Record<string, readonly HyperValue[]>>): Record<string, HyperValue>[] =>
  Object.entries(options).reduce<Record<string, HyperValue>[]>((out, [key, values]) => out.flatMap((h) => values.map((v) => ({ ...h, [key]: v }))), [{}]);

function adamax(): RuleVariant {
  return {
    key: 'adamax',
    rows: [
      G_L2,
      M,
      tex`u_t &= \max\bigl(\beta_2 u_{t-1},\ |g_t| + \epsilon\bigr)`,
      theta(tex`\frac{\gamma}{1-\beta_1^t}\, \frac{m_t}{u_t}`),
    ],
    symbols: [LR, B1, B2, EPS, WD],
  };
}

function nadam(h: Hyper): RuleVariant {
  const decoupled = h.decoupledWeightDecay === true;
  return {
    key: `nadam${decoupled ? '+decoupled' : ''}`,
    rows: [
      ...grad(decoupled),
      tex`\mu_t &= \beta_1\bigl(1 - \tfrac12\, 0.96^{t\psi}\bigr)`,
      tex`\Pi_t &= \textstyle\prod_{i \le t} \mu_i`,
      M,
      V,
      tex`d_t &= \sqrt{v_t / (1-\beta_2^t)} + \epsilon`,
      tex`a_t &= \frac{1-\mu_t}{1-\Pi_t}, \quad c_t = \frac{\mu_{t+1}}{1-\Pi_t\,\mu_{t+1}}`,
      theta(tex`\gamma\, \frac{a_t\, g_t + c_t\, m_t}{d_t}`),
    ],
    symbols: [LR, B1, B2, EPS, sym('ψ', 'momentumDecay'), WD],
  };
}

function radam(h: Hyper): RuleVariant {
  const decoupled = h.decoupledWeightDecay === true;
  return {
    key: `radam${decoupled ? '+decoupled' : ''}`,
    rows: [
      ...grad(decoupled),
      M,
      V,
      M_HAT,
      tex`\rho_\infty &= 2 / (1-\beta_2) - 1`,
      tex`\rho_t &= \rho_\infty - 2t\beta_2^t / (1-\beta_2^t)`,
      tex`r_t &= \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}}`,
      tex`\ell_t &= \frac{\sqrt{1-\beta_2^t}}{\sqrt{v_t} + \epsilon}`,
      theta(tex`\gamma\, \hat m_t\, r_t\, \ell_t`, tex`\rho_t > 5`),
      theta(tex`\gamma\, \hat m_t`, tex`\rho_t \le 5`),
    ],
    symbols: [LR, B1, B2, EPS, WD],
  };
}

/**
 * Rprop as torch runs it (Igel & Hüsken's iRprop−): a step size per coordinate, grown by η₊ while
 * the gradient keeps its sign, shrunk by η₋ when it flips; after a flip the gradient counts as 0
 * (no move, and no sign test at the next step). Δ₀ = γ, and the clip makes Δ₁ = clip(γ).
 */
function rprop(): RuleVariant {
  const clip = (x: string) => tex`\operatorname{clip}\bigl(${x},\ \Delta_{\min},\ \Delta_{\max}\bigr)`;
  return {
    key: 'rprop',
    rows: [
      G,
      tex`s_t &= \operatorname{sign}(g_t\, \tilde g_{t-1}), \quad \tilde g_0 = 0`,
      tex`\eta_t &= \eta_+,\ \eta_-,\ 1 \quad (s_t > 0,\ < 0,\ = 0)`,
      tex`\Delta_t &= ${clip(tex`\eta_t \Delta_{t-1}`)}, \quad \Delta_0 = \gamma`,
      tex`\tilde g_t &= 0 \ (s_t < 0), \quad g_t \ \text{else}`,
      theta(tex`\Delta_t \operatorname{sign}(\tilde g_t)`),
    ],
    symbols: [LR, sym('η₋', 'etaMinus'), sym('η₊', 'etaPlus'), sym('Δₘᵢₙ', 'stepSizeMin'), sym('Δₘₐₓ', 'stepSizeMax')],
  };
}

/**
 * ASGD (torch's single-tensor form): SGD with the shrink term λ and the schedule ηₜ, and the
 * average θ̄ (torch's state `ax`). λ is `lambd`; the L2 weight decay gets its own λ_wd.
 */
function asgd(): RuleVariant {
  return {
    key: 'asgd',
    rows: [
      tex`g_t &= \nabla f(\theta_{t-1}) + \lambda_{\mathrm{wd}}\, \theta_{t-1}`,
      tex`\theta_t &= (1 - \lambda\, \eta_t)\, \theta_{t-1} - \eta_t\, g_t`,
      tex`\bar\theta_t &= \bar\theta_{t-1} + \mu_t\, (\theta_t - \bar\theta_{t-1})`,
      tex`\eta_{t+1} &= \gamma \,/\, (1 + \lambda \gamma\, t)^\alpha, \quad \eta_1 = \gamma`,
      tex`\mu_{t+1} &= 1 \,/\, \max(1,\ t - t_0), \quad \mu_1 = 1`,
    ],
    symbols: [LR, sym('λ', 'lambd'), sym('α', 'alpha'), sym('t₀', 't0'), sym('λ_wd', 'weightDecay')],
  };
}

/** Lion (Chen et al. 2023, Algorithm 2): the sign of a mix of momentum and gradient. */
function lion(): RuleVariant {
  return {
    key: 'lion',
    rows: [
      ...grad(true),
      tex`c_t &= \beta_1 m_{t-1} + (1-\beta_1)\, g_t`,
      theta(tex`\gamma\, \operatorname{sign}(c_t)`),
      tex`m_t &= \beta_2 m_{t-1} + (1-\beta_2)\, g_t`,
    ],
    symbols: [LR, B1, B2, WD],
  };
}

/**
 * AdaBelief as adabelief-pytorch 0.2.1 runs it: ε goes into s every step. Rectified (the
 * default), its steps are RAdam's with s for v; amsgrad then changes nothing (the package's
 * rectified steps do not use the running max), so it has no variant of its own there.
 */
function adabelief(h: Hyper): RuleVariant {
  const rectify = h.rectify !== false;
  const toSgd = h.degeneratedToSgd !== false;
  const amsgrad = !rectify && h.amsgrad === true;
  const decouple = h.weightDecouple !== false;
  const fixed = decouple && h.fixedDecay === true;
  const rows: RuleRow[] = fixed ? [G, tex`\theta_{t-1} &\leftarrow (1-\lambda)\,\theta_{t-1}`] : grad(decouple);
  rows.push(M, tex`s_t &= \beta_2 s_{t-1} + (1-\beta_2)\, (g_t - m_t)^2 + \epsilon`, M_HAT);
  if (rectify) {
    rows.push(
      tex`\rho_\infty &= 2 / (1-\beta_2) - 1`,
      tex`\rho_t &= \rho_\infty - 2t\beta_2^t / (1-\beta_2^t)`,
      tex`r_t &= \sqrt{\frac{(\rho_t-4)(\rho_t-2)\,\rho_\infty}{(\rho_\infty-4)(\rho_\infty-2)\,\rho_t}}`,
      tex`\ell_t &= \frac{\sqrt{1-\beta_2^t}}{\sqrt{s_t} + \epsilon}`,
      theta(tex`\gamma\, \hat m_t\, r_t\, \ell_t`, tex`\rho_t \ge 5`),
      toSgd ? theta(tex`\gamma\, \hat m_t`, tex`\rho_t < 5`) : tex`\theta_t &= \theta_{t-1} \quad (\rho_t < 5)`,
    );
  } else {
    rows.push(
      amsgrad ? tex`\hat s_t &= \max_{i \le t} s_i \,/\, (1-\beta_2^t)` : tex`\hat s_t &= s_t / (1-\beta_2^t)`,
      theta(tex`\gamma\, \frac{\hat m_t}{\sqrt{\hat s_t} + \epsilon}`),
    );
  }
  const decay = fixed ? '+fixeddecay' : decouple ? '+decoupled' : '';
  return {
    key: `adabelief${rectify ? (toSgd ? '+rectify' : '+rectify+nosgd') : amsgrad ? '+amsgrad' : ''}${decay}`,
    rows,
    symbols: [LR, B1, B2, EPS, WD],
  };
}

/** Yogi as TensorFlow Addons runs it: v moves additively, by at most (1 − β₂)g² a step. */
function yogi(): RuleVariant {
  return {
    key: 'yogi',
    rows: [
      G,
      M,
      tex`v_t &= v_{t-1} - (1-\beta_2)\, \operatorname{sign}(v_{t-1} - g_t^2)\, g_t^2`,
      tex`v_0 &= \kappa`,
      theta(tex`\gamma\, \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}\, \frac{m_t}{\sqrt{v_t} + \epsilon}`),
    ],
    symbols: [LR, B1, B2, EPS, sym('κ', 'initialAccumulatorValue')],
  };
}

/**
 * Adan as sail-sg/Adan's single-tensor code runs it (its betas are the paper's 1 − β): the
 * weight decay as a proximal step (a division after the step), or with noProx as AdamW's.
 */
function adan(h: Hyper): RuleVariant {
  const noProx = h.noProx === true;
  return {
    key: `adan${noProx ? '+noprox' : ''}`,
    rows: [
      ...(noProx ? grad(true) : [G]),
      M,
      tex`\delta_t &= g_t - g_{t-1}, \quad g_0 = g_1`,
      tex`d_t &= \beta_2 d_{t-1} + (1-\beta_2)\, \delta_t`,
      tex`n_t &= \beta_3 n_{t-1} + (1-\beta_3)\, (g_t + \beta_2 \delta_t)^2`,
      tex`\eta_t &= \gamma \,/\, \Bigl(\sqrt{n_t / (1-\beta_3^t)} + \epsilon\Bigr)`,
      tex`u_t &= \frac{m_t}{1-\beta_1^t} + \beta_2\, \frac{d_t}{1-\beta_2^t}`,
      noProx ? theta(tex`\eta_t\, u_t`) : tex`\theta_t &= (\theta_{t-1} - \eta_t\, u_t) \,/\, (1 + \gamma\lambda)`,
    ],
    symbols: [LR, B1, B2, sym('β₃', 'beta3'), EPS, WD],
  };
}

/**
 * Schedule-free AdamW as facebookresearch/schedule_free's AdamWScheduleFreeReference runs it:
 * z takes the AdamW steps, x is their weighted average, and the gradient is taken at y, the
 * parameter. Warmup (warmupSteps > 0), decayAtZ and innerMomentum (≠ 0) change the rows.
 */
function adamwScheduleFree(h: Hyper): RuleVariant {
  const warmup = Number(h.warmupSteps ?? 0) > 0;
  const decayAtZ = h.decayAtZ === true;
  const inner = Number(h.innerMomentum ?? 0) !== 0;
  const lr = warmup ? tex`\gamma_t` : tex`\gamma`;
  const u = inner ? tex`\hat u_t` : tex`g_t`;
  const rows: RuleRow[] = [tex`g_t &= \nabla f(y_{t-1}), \quad y_0 = z_0 = x_0 = \theta_0`];
  if (warmup) rows.push(tex`\gamma_t &= \gamma\, \min(1,\ t/T)`);
  rows.push(V, tex`\hat v_t &= v_t / (1-\beta_2^t)`);
  if (inner) rows.push(tex`u_t &= \mu\, u_{t-1} + (1-\mu)\, g_t`, tex`\hat u_t &= u_t / (1-\mu^t)`);
  rows.push(
    decayAtZ
      ? tex`z_t &= (1 - ${lr}\lambda)\, z_{t-1} - ${lr}\, \frac{${u}}{\sqrt{\hat v_t} + \epsilon}`
      : tex`z_t &= z_{t-1} - ${lr} \Bigl(\frac{${u}}{\sqrt{\hat v_t} + \epsilon} + \lambda\, y_{t-1}\Bigr)`,
    warmup ? tex`w_t &= t^r \bigl(\max_{i \le t} \gamma_i\bigr)^p` : tex`w_t &= t^r \gamma^p`,
    tex`c_t &= w_t \,/\, \textstyle\sum_{i \le t} w_i`,
    tex`x_t &= (1-c_t)\, x_{t-1} + c_t\, z_t`,
    tex`y_t &= \beta_1 x_t + (1-\beta_1)\, z_t`,
  );
  return {
    key: `adamwschedulefree${warmup ? '+warmup' : ''}${decayAtZ ? '+decayatz' : ''}${inner ? '+innermomentum' : ''}`,
    rows,
    symbols: [
      LR,
      B1,
      B2,
      EPS,
      WD,
      ...(warmup ? [sym('T', 'warmupSteps')] : []),
      sym('r', 'r'),
      sym('p', 'weightLrPower'),
      ...(inner ? [sym('μ', 'innerMomentum')] : []),
    ],
  };
}

/**
 * L-BFGS as torch.optim.LBFGS runs it (after minFunc). One step() runs up to K inner iterations
 * k (counted across steps: d₁ and t₁ are the very first iteration's), each a direction from the
 * two-loop recursion over the last m pairs (s, y), seeded with H₀ = sᵀy / yᵀy. maxEval = 0 is
 * torch's None (⌊5K/4⌋ evaluations); strongWolfe adds the line search.
 */
function lbfgs(h: Hyper): RuleVariant {
  const wolfe = h.strongWolfe === true;
  const maxEval = Number(h.maxEval ?? 0) > 0;
  const rows: RuleRow[] = [
    tex`g_k &= \nabla f(\theta_{k-1})`,
    tex`s_k &= t_{k-1} d_{k-1}, \quad y_k = g_k - g_{k-1}`,
    tex`H_0 &= \frac{s_k^\top y_k}{y_k^\top y_k} \quad (\text{if } s_k^\top y_k > 10^{-10})`,
    tex`d_k &= -\tilde H_k\, g_k, \quad d_1 = -g_1`,
    tex`\tilde H_k &: \text{two loops from } H_0,\ \text{last } m\ (s, y)`,
    tex`t_k &= \gamma, \quad t_1 = \gamma \min(1,\ 1 / \|g_1\|_1)`,
  ];
  if (wolfe) rows.push(tex`t_k &\leftarrow \text{strong Wolfe search from } t_k`);
  rows.push(
    tex`\theta_k &= \theta_{k-1} + t_k\, d_k`,
    maxEval
      ? tex`\text{stop} &: K \text{ iterations},\ E \text{ evaluations}`
      : tex`\text{stop} &: K \text{ iterations},\ \lfloor 5K/4 \rfloor \text{ evaluations}`,
    tex`\text{or} &: \|g_k\|_\infty \le \epsilon_g,\ \ g_k^\top d_k > -\epsilon_\Delta`,
    tex`\text{or} &: \|t_k d_k\|_\infty \le \epsilon_\Delta,\ \ |\Delta f| < \epsilon_\Delta`,
  );
  return {
    key: `lbfgs${wolfe ? '+strongwolfe' : ''}${maxEval ? '+maxeval' : ''}`,
    rows,
    symbols: [
      LR,
      sym('K', 'maxIter'),
      ...(maxEval ? [sym('E', 'maxEval')] : []),
      sym('ε_g', 'toleranceGrad'),
      sym('ε_Δ', 'toleranceChange'),
      sym('m', 'historySize'),
    ],
  };
}

/**
 * Adafactor as torch.optim.Adafactor runs it for a vector (not factored): v is torch's V̂, a
 * second moment per coordinate; the step is relative to the parameters' RMS and clipped by the
 * update's. torch applies the weight decay only when λ ≠ 0, after α is taken.
 */
function adafactor(h: Hyper): RuleVariant {
  const decay = Number(h.weightDecay ?? 0) !== 0;
  const rms = (x: string) => tex`\operatorname{RMS}(${x})`;
  return {
    key: `adafactor${decay ? '+weightdecay' : ''}`,
    rows: [
      G,
      tex`\hat\beta_{2,t} &= 1 - t^{\tau}`,
      tex`\rho_t &= \min(\gamma,\ 1/\sqrt{t})`,
      tex`\alpha_t &= \max\bigl(\epsilon_2,\ ${rms(tex`\theta_{t-1}`)}\bigr)\, \rho_t`,
      ...(decay ? [DECAY] : []),
      tex`v_t &= \hat\beta_{2,t}\, v_{t-1} + (1-\hat\beta_{2,t})\, g_t^2`,
      tex`u_t &= g_t \,/\, \max\bigl(\sqrt{v_t},\ \epsilon_1\bigr)`,
      tex`\hat u_t &= u_t \,/\, \max\bigl(1,\ ${rms(tex`u_t`)} / d\bigr)`,
      theta(tex`\alpha_t\, \hat u_t`),
      tex`${rms('x')} &= \|x\|_2 / \sqrt{2}`,
    ],
    symbols: [LR, sym('τ', 'beta2Decay'), sym('ε₁', 'eps1'), sym('ε₂', 'eps2'), sym('d', 'd'), ...(decay ? [WD] : [])],
  };
}

const NEWTON_STEP: RuleRow = tex`\theta_t &= \theta_{t-1} - \gamma\, d_t`;
const NEWTON_SYMBOLS = [LR, sym('δ', 'damping')];

/** Newton's method on the surface's exact Hessian, with Levenberg's damping δI. */
function newton(): RuleVariant {
  return {
    key: 'newton',
    rows: [G, tex`H_t &= \nabla^2 f(\theta_{t-1})`, tex`d_t &= (H_t + \delta I)^{-1}\, g_t`, NEWTON_STEP],
    symbols: NEWTON_SYMBOLS,
  };
}

/** Saddle-free Newton (Dauphin et al. 2014): the Hessian's eigenvalues by their absolute value. */
function saddleFreeNewton(): RuleVariant {
  return {
    key: 'saddlefreenewton',
    rows: [
      G,
      tex`H_t &= \nabla^2 f(\theta_{t-1}) = V \Lambda V^\top`,
      tex`|H_t| &= V\, |\Lambda|\, V^\top`,
      tex`d_t &= \bigl(|H_t| + \delta I\bigr)^{-1}\, g_t`,
      NEWTON_STEP,
    ],
    symbols: NEWTON_SYMBOLS,
  };
}

/**
 * SAM as davda54/sam runs it over torch.optim.SGD: ε, the first-order worst point of the ρ-ball
 * (adaptive: ASAM's, scaled by |θ|), the gradient there, then SGD's rows with it.
 */
function sam(h: Hyper): RuleVariant {
  const adaptive = h.adaptive === true;
  const nesterov = h.nesterov === true;
  const momentum = nesterov || Number(h.momentum ?? 0) > 0;
  const gt = tex`\tilde g_t`;
  const rows: RuleRow[] = [G];
  if (adaptive) {
    rows.push(
      tex`w_t &= |\theta_{t-1}|`,
      tex`\epsilon_t &= \rho\, \frac{w_t^2\, g_t}{\|w_t\, g_t\|_2 + 10^{-12}}`,
    );
  } else {
    rows.push(tex`\epsilon_t &= \rho\, \frac{g_t}{\|g_t\|_2 + 10^{-12}}`);
  }
  rows.push(tex`${gt} &= \nabla f(\theta_{t-1} + \epsilon_t) + \lambda\,\theta_{t-1}`);
  if (nesterov) {
    rows.push(tex`b_t &= \mu\, b_{t-1} + ${gt}, \quad b_0 = 0`, theta(tex`\gamma\,(${gt} + \mu\, b_t)`));
  } else if (momentum) {
    rows.push(tex`b_1 &= \tilde g_1`, tex`b_t &= \mu\, b_{t-1} + (1-\tau)\, ${gt} \quad (t > 1)`, theta(tex`\gamma\, b_t`));
  } else {
    rows.push(theta(tex`\gamma\, ${gt}`));
  }
  return {
    key: `sam${adaptive ? '+adaptive' : ''}${nesterov ? '+nesterov' : momentum ? '+momentum' : ''}`,
    rows,
    symbols: [
      LR,
      sym('ρ', 'rho'),
      ...(momentum ? [sym('μ', 'momentum')] : []),
      ...(momentum && !nesterov ? [sym('τ', 'dampening')] : []),
      WD,
    ],
  };
}

/** The catalog's rules for rule-tex.ts (`provideMoreRules`): the rule panel hands them over as this loads. */
export const moreRules: MoreRules = {
  ids: ['adamax', 'nadam', 'radam', 'rprop', 'asgd', 'lion', 'adabelief', 'yogi', 'adan', 'adamwschedulefree', 'lbfgs', 'adafactor', 'newton', 'saddlefreenewton', 'sam'],
  variant(ruleId, hyper) {
    switch (ruleId) {
      case 'adamax':
        return adamax();
      case 'nadam':
        return nadam(hyper);
      case 'radam':
        return radam(hyper);
      case 'rprop':
        return rprop();
      case 'asgd':
        return asgd();
      case 'lion':
        return lion();
      case 'adabelief':
        return adabelief(hyper);
      case 'yogi':
        return yogi();
      case 'adan':
        return adan(hyper);
      case 'adamwschedulefree':
        return adamwScheduleFree(hyper);
      case 'lbfgs':
        return lbfgs(hyper);
      case 'adafactor':
        return adafactor(hyper);
      case 'newton':
        return newton();
      case 'saddlefreenewton':
        return saddleFreeNewton();
      case 'sam':
        return sam(hyper);
    }
    return undefined;
  },
  // The rules whose options pick among more forms than rule-tex.ts's common flags reach.
  forms: {
    adabelief: combos({
      rectify: [true, false],
      degeneratedToSgd: [true, false],
      amsgrad: [false, true],
      weightDecouple: [true, false],
      fixedDecay: [false, true],
    }),
    adan: [{}, { noProx: true }],
    adamwschedulefree: combos({ warmupSteps: [0, 100], decayAtZ: [false, true], innerMomentum: [0, 0.9] }),
    lbfgs: combos({ strongWolfe: [false, true], maxEval: [0, 25] }),
    adafactor: [{ weightDecay: 0 }, { weightDecay: 0.01 }],
    sam: combos({ adaptive: [false, true], momentum: [0, 0.9], nesterov: [false, true] }),
  },
};
