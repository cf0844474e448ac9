/**
 * Hand-inlined baselines for bench/core.ts: for each preset, one loop with Rosenbrock's f and
 * gradient and the update rule written out as scalar code, hyperparameters as literals. It does
 * the same work as `trajectory()` (gradient, convergence check, update, loss, divergence check,
 * three output arrays), so the ratio shows what the generic kernel + registry costs.
 * Hyperparameters are run-time values read into locals once per run, as in a loop written by
 * hand for a configurable tool (not literals folded into the code).
 *
 * Powers β^t are running products, as in the rules themselves, flushed to 0 once 1 − β^t is
 * exactly 1 (see POWER_FLUSH in src/core/optimizers/adam.ts); `{ flush: false }` keeps them
 * unflushed, as the rules were before, to show what subnormal products cost on long runs.
 *
 * Each loop is assembled from the rule's per-coordinate body (written once with P for the
 * coordinate, G for its gradient, _P suffixes for its state) and compiled with `new Function`,
 * so the JIT sees exactly the code a person would inline by hand.
 *
 * The whole-vector rules (L-BFGS, Adafactor, Newton, saddle-free Newton, SAM) couple the
 * coordinates: their loops are written out in bench/inlined-whole.ts, and `inlinedRosenbrock`
 * returns those for them.
 */
import { wholeInlined } from './inlined-whole';

export interface InlinedRun {
  /** `evaluations`: how many times the run evaluated f and ∇f (L-BFGS's loop counts them). */
  (steps: number, x0: number, y0: number): { x: Float64Array; y: Float64Array; loss: Float64Array; evaluations?: number };
}

type Compiled = (
  steps: number,
  x0: number,
  y0: number,
  h: Record<string, number | boolean>,
) => { x: Float64Array; y: Float64Array; loss: Float64Array };

interface Recipe {
  /** Per-run state declarations, with _P for each coordinate. */
  state: string;
  /** Per-step scalars computed once (bias corrections etc.). */
  pre?: string;
  /** Per-coordinate update of P from G. */
  body: string;
}

type H = Record<string, number | boolean>;

/** Flushes a running product to 0 at or below 2⁻⁵⁴, when `flush` (see POWER_FLUSH). */
const flushed = (flush: boolean, name: string) => (flush ? `if (${name} <= ${2 ** -54}) ${name} = 0;` : '');

const recipes: Record<string, (h: H, flush: boolean) => Recipe> = {
  sgd: (h) => ({ state: '', body: `P -= lr * G;` }),
  momentum: (h) => ({
    state: 'let b_P = 0;',
    body: `b_P = t === 1 ? G : momentum * b_P + (1 - dampening) * G; P -= lr * b_P;`,
  }),
  nesterov: (h) => ({
    state: 'let b_P = 0;',
    body: `b_P = t === 1 ? G : momentum * b_P + G; P -= lr * (G + momentum * b_P);`,
  }),
  adagrad: (h) => ({
    state: `let s_P = initialAccumulatorValue;`,
    body: `s_P += G * G; P -= lr * G / (Math.sqrt(s_P) + eps);`,
  }),
  adadelta: (h) => ({
    state: 'let v_P = 0, u_P = 0;',
    body: `v_P = rho * v_P + (1 - rho) * G * G;
      const d_P = Math.sqrt(u_P + eps) / Math.sqrt(v_P + eps) * G;
      u_P = rho * u_P + (1 - rho) * d_P * d_P; P -= lr * d_P;`,
  }),
  rmsprop: (h) => ({
    state: 'let v_P = 0;',
    body: `v_P = alpha * v_P + (1 - alpha) * G * G; P -= lr * G / (Math.sqrt(v_P) + eps);`,
  }),
  adam: (h, flush) => adamLike(flush, false, false),
  amsgrad: (h, flush) => adamLike(flush, true, false),
  adamw: (h, flush) => adamLike(flush, false, true),
  adamax: (h, flush) => ({
    state: 'let m_P = 0, u_P = 0; let b1t = 1;',
    pre: `b1t *= beta1; ${flushed(flush, 'b1t')} const clr = lr / (1 - b1t);`,
    body: `m_P += (1 - beta1) * (G - m_P); u_P = Math.max(beta2 * u_P, Math.abs(G) + eps);
      P -= clr * m_P / u_P;`,
  }),
  nadam: (h, flush) => ({
    state: `let m_P = 0, v_P = 0; let muProduct = 1, b2t = 1, decay = 1; const c = 0.96 ** momentumDecay;`,
    pre: `b2t *= beta2; decay *= c; ${flushed(flush, 'b2t')} ${flushed(flush, 'decay')} const bc2 = 1 - b2t;
      const mu = beta1 * (1 - 0.5 * decay);
      const muNext = beta1 * (1 - 0.5 * decay * c);
      muProduct *= mu; ${flushed(flush, 'muProduct')}
      const gc = lr * (1 - mu) / (1 - muProduct), mc = lr * muNext / (1 - muProduct * muNext);`,
    body: `m_P += (1 - beta1) * (G - m_P); v_P = beta2 * v_P + (1 - beta2) * G * G;
      const d_P = Math.sqrt(v_P / bc2) + eps; P -= gc * G / d_P; P -= mc * m_P / d_P;`,
  }),
  radam: (h, flush) => ({
    state: `let m_P = 0, v_P = 0; const rhoInf = 2 / (1 - beta2) - 1; let b1t = 1, b2t = 1;`,
    pre: `b1t *= beta1; b2t *= beta2; ${flushed(flush, 'b1t')}
      ${flush ? `if (b2t <= ${2 ** -54} && t * (1 - beta2) > 1 && 2 * t * b2t < rhoInf * ${2 ** -58}) b2t = 0;` : ''}
      const bc1 = 1 - b1t, bc2 = 1 - b2t;
      const rhoT = rhoInf - 2 * t * b2t / bc2;
      const rect = rhoT > 5 ? Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
      const bc2s = Math.sqrt(bc2);`,
    body: `m_P += (1 - beta1) * (G - m_P); v_P = beta2 * v_P + (1 - beta2) * G * G;
      if (rhoT > 5) P -= m_P / bc1 * lr * (bc2s / (Math.sqrt(v_P) + eps)) * rect; else P -= m_P / bc1 * lr;`,
  }),
  // The catalog's others, written from their references (torch.optim's Rprop and ASGD; the
  // authors' code for the rest), with the rules' defaults as the bench runs them.
  rprop: () => ({
    state: 'let prev_P = 0, ss_P = lr;',
    body: `const a_P = G * prev_P;
      ss_P = Math.min(Math.max(ss_P * (a_P > 0 ? etaPlus : a_P < 0 ? etaMinus : 1), stepSizeMin), stepSizeMax);
      const g_P = a_P < 0 ? 0 : G; P -= Math.sign(g_P) * ss_P; prev_P = g_P;`,
  }),
  asgd: () => ({
    state: 'let ax_P = 0; let eta = lr, mu = 1;',
    pre: 'const etaNow = eta, muNow = mu; eta = lr / (1 + lambd * lr * t) ** alpha; mu = 1 / Math.max(1, t - t0);',
    body: `P *= 1 - lambd * etaNow; P -= etaNow * G; ax_P = muNow !== 1 ? ax_P + (P - ax_P) * muNow : P;`,
  }),
  lion: () => ({
    state: 'let m_P = 0;',
    body: `if (weightDecay !== 0) P *= 1 - lr * weightDecay;
      P -= lr * Math.sign(m_P * beta1 + (1 - beta1) * G); m_P = m_P * beta2 + (1 - beta2) * G;`,
  }),
  adabelief: () => ({
    state: 'let m_P = 0, s_P = 0; const rhoInf = 2 / (1 - beta2) - 1;',
    pre: `const bc1 = 1 - beta1 ** t, b2t = beta2 ** t, bc2 = 1 - b2t, rho = rhoInf - 2 * t * b2t / bc2;
      const rect = rho >= 5 ? Math.sqrt((1 - b2t) * (rho - 4) / (rhoInf - 4) * (rho - 2) / rho * rhoInf / (rhoInf - 2)) : 0;`,
    body: `P *= 1 - lr * weightDecay; m_P = m_P * beta1 + (1 - beta1) * G; const r_P = G - m_P;
      s_P = s_P * beta2 + (1 - beta2) * r_P * r_P + eps;
      if (rho >= 5) P -= rect / bc1 * lr * (m_P / (Math.sqrt(s_P) + eps)); else P -= 1 / bc1 * lr * m_P;`,
  }),
  yogi: () => ({
    state: 'let m_P = 0, v_P = initialAccumulatorValue;',
    pre: 'const lrT = lr * Math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t);',
    body: `m_P = m_P * beta1 + G * (1 - beta1); const q_P = G * G; v_P += (1 - beta2) * Math.sign(q_P - v_P) * q_P;
      P -= lrT / (Math.sqrt(v_P) + eps) * m_P;`,
  }),
  adan: () => ({
    state: 'let m_P = 0, n_P = 0, d_P = 0, prev_P = 0;',
    pre: 'const bc1 = 1 - beta1 ** t, bc2 = 1 - beta2 ** t, bc3r = Math.sqrt(1 - beta3 ** t);',
    body: `if (t === 1) prev_P = G; let df_P = G - prev_P;
      m_P = m_P * beta1 + G * (1 - beta1); d_P = d_P * beta2 + df_P * (1 - beta2); df_P = df_P * beta2 + G;
      n_P = n_P * beta3 + (1 - beta3) * df_P * df_P; const den_P = Math.sqrt(n_P) / bc3r + eps;
      P -= lr / bc1 * (m_P / den_P); P -= lr * beta2 / bc2 * (d_P / den_P); P /= 1 + lr * weightDecay; prev_P = G;`,
  }),
  'schedule-free-adamw': () => ({
    // rExp: the option r (the loop's own r is Rosenbrock's residual).
    state: 'let z_P = 0, v_P = 0, xx_P = 0; let lrMax = -1, wsum = 0; const rExp = h.r;',
    pre: `const lrT = lr * (t - 1 < warmupSteps ? t / warmupSteps : 1), bc2 = 1 - beta2 ** t;
      lrMax = Math.max(lrT, lrMax); const w = t ** rExp * lrMax ** weightLrPower; wsum += w; const ckp1 = wsum !== 0 ? w / wsum : 0;`,
    body: `if (t === 1) { z_P = P; xx_P = P; }
      v_P = v_P * beta2 + (1 - beta2) * G * G; z_P -= lrT * (G / (Math.sqrt(v_P / bc2) + eps));
      xx_P = xx_P * (1 - ckp1) + z_P * ckp1; P = xx_P * beta1 + z_P * (1 - beta1);`,
  }),
};

function adamLike(flush: boolean, amsgrad: boolean, decoupled: boolean): Recipe {
  return {
    state: `let m_P = 0, v_P = 0${amsgrad ? ', w_P = 0' : ''}; let b1t = 1, b2t = 1;`,
    pre: `b1t *= beta1; b2t *= beta2; ${flushed(flush, 'b1t')} ${flushed(flush, 'b2t')} const stepSize = lr / (1 - b1t), bc2s = Math.sqrt(1 - b2t);`,
    body: `${decoupled ? `P *= (1 - lr * weightDecay);` : ''}
      m_P += (1 - beta1) * (G - m_P); v_P = beta2 * v_P + (1 - beta2) * G * G;
      ${amsgrad ? 'w_P = Math.max(w_P, v_P);' : ''}
      P -= stepSize * m_P / (Math.sqrt(${amsgrad ? 'w_P' : 'v_P'}) / bc2s + eps);`,
  };
}

const forCoordinate = (code: string, p: 'x' | 'y') =>
  code.replace(/_P\b/g, `_${p}`).replace(/\bP\b/g, p).replace(/\bG\b/g, p === 'x' ? 'gx' : 'gy');

/** Builds the inlined Rosenbrock loop of one preset with the resolved hyperparameters `h`. */
export function inlinedRosenbrock(
  presetId: string,
  h: H,
  domain: { x: readonly number[]; y: readonly number[] },
  { flush = true } = {},
): InlinedRun {
  const [xMin, xMax] = domain.x;
  const [yMin, yMax] = domain.y;
  const bounds = [xMin - 10 * (xMax - xMin), xMax + 10 * (xMax - xMin), yMin - 10 * (yMax - yMin), yMax + 10 * (yMax - yMin)] as const;
  if (presetId in wholeInlined) return wholeInlined[presetId](h, bounds);
  const recipe = recipes[presetId](h, flush);
  const hyperLocals = Object.keys(h)
    .map((k) => `const ${k} = h.${k};`)
    .join(' ');
  const source = `
    ${hyperLocals}
    const xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), ls = new Float64Array(steps + 1);
    let x = x0, y = y0;
    ${forCoordinate(recipe.state, 'x')} ${forCoordinate(recipe.state, 'y').replace(/(let|const) (muProduct|rhoInf|b1t|c|eta|lrMax|rExp)\b[^;]*;/g, '')}
    xs[0] = x; ys[0] = y; { const a = 1 - x, b = y - x * x; ls[0] = a * a + 100 * b * b; }
    let divergedAt = -1, convergedAt = -1;
    for (let t = 1; t <= steps; t++) {
      const r = y - x * x;
      const gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
      if (convergedAt < 0 && gx * gx + gy * gy < 1e-16) convergedAt = t - 1;
      ${recipe.pre ?? ''}
      { ${forCoordinate(recipe.body, 'x')} }
      { ${forCoordinate(recipe.body, 'y')} }
      const a = 1 - x, b = y - x * x, l = a * a + 100 * b * b;
      xs[t] = x; ys[t] = y; ls[t] = l;
      if (!(x >= ${bounds[0]} && x <= ${bounds[1]} && y >= ${bounds[2]} && y <= ${bounds[3]} && l - l === 0)) { divergedAt = t; break; }
    }
    if (divergedAt >= 0) { xs.fill(NaN, divergedAt + 1); ys.fill(NaN, divergedAt + 1); ls.fill(NaN, divergedAt + 1); }
    return { x: xs, y: ys, loss: ls, divergedAt, convergedAt };`;
  const compiled = new Function('steps', 'x0', 'y0', 'h', source) as Compiled;
  return (steps, x0, y0) => compiled(steps, x0, y0, h);
}
