/**
 * Oracle tests for the update rules: every preset and every option, checked against values worked
 * out independently from torch.optim's formulas (PyTorch 2.x documentation pseudo-code and the
 * single-tensor implementations), not from this library's code.
 *
 * The expected iterates in CASES were computed by scripts/oracle/optimizers.py in 60-digit
 * Decimal arithmetic (hyperparameters taken as the exact value of their float64 literal) and
 * written here as literals. That script also checks that
 *   - a float64 evaluation of the same formulas agrees with the exact values to < 4e-15, so the
 *     1e-12 tolerance below only absorbs rounding, and
 *   - deliberately wrong variants (eps inside instead of outside the root, bias correction
 *     missing, dampening on the first SGD step, L2 instead of decoupled decay, RAdam never
 *     rectifying, constant NAdam momentum, Adagrad's decay off by one step, Adadelta without lr,
 *     amsgrad ignored) move some expected value by at least 1e-9 (mostly 1e-3 or more).
 * To regenerate the literal block: python3 scripts/oracle/optimizers.py
 *
 * Test surface: f(x, y) = 0.5 (x^2 + 10 y^2), grad = (x, 10 y), start (-3, 2) (signs differ per
 * axis so |g| and sign bugs show).
 *
 * The rules, as torch writes them (g = grad, or -grad when maximize; t counts from 1):
 *
 * SGD:      g += wd p;  if momentum: b_1 = g, b_t = mu b_{t-1} + (1 - dampening) g;
 *           d = nesterov ? g + mu b_t : b_t (else d = g);  p -= lr d
 * Adagrad:  g += wd p;  clr = lr / (1 + (t - 1) lrDecay);  s_t = s_{t-1} + g^2 (s_0 = initial
 *           accumulator value);  p -= clr g / (sqrt(s_t) + eps)
 * Adadelta: g += wd p;  v_t = rho v + (1 - rho) g^2;  dx = sqrt(u + eps) / sqrt(v_t + eps) g;
 *           u_t = rho u + (1 - rho) dx^2;  p -= lr dx
 * RMSprop:  g += wd p;  v_t = alpha v + (1 - alpha) g^2;  centered: gbar_t = alpha gbar +
 *           (1 - alpha) g, vt~ = v_t - gbar_t^2;  den = sqrt(vt~) + eps;
 *           momentum > 0: b_t = mu b + g / den, p -= lr b_t;  else p -= lr g / den
 * Adam:     g += wd p (AdamW instead: p *= 1 - lr wd);  m_t = b1 m + (1 - b1) g;
 *           v_t = b2 v + (1 - b2) g^2;  amsgrad: vmax_t = max(vmax, v_t) used for v_t;
 *           p -= lr / (1 - b1^t) * m_t / (sqrt(v_t) / sqrt(1 - b2^t) + eps)
 * Adamax:   g += wd p;  m_t = b1 m + (1 - b1) g;  u_t = max(b2 u, |g| + eps);
 *           p -= lr / (1 - b1^t) * m_t / u_t
 * NAdam:    g += wd p (decoupled: p *= 1 - lr wd);  mu_t = b1 (1 - 0.5 * 0.96^(t psi));
 *           M_t = prod_{i<=t} mu_i;  m_t, v_t as Adam;  den = sqrt(v_t / (1 - b2^t)) + eps;
 *           p -= lr (1 - mu_t) / (1 - M_t) g / den + lr mu_{t+1} / (1 - M_t mu_{t+1}) m_t / den
 * RAdam:    g += wd p (decoupled: p *= 1 - lr wd);  m_t, v_t as Adam;  mhat = m_t / (1 - b1^t);
 *           rho_inf = 2 / (1 - b2) - 1;  rho_t = rho_inf - 2 t b2^t / (1 - b2^t);
 *           rho_t > 5: l = sqrt(1 - b2^t) / (sqrt(v_t) + eps),
 *                      r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t)),
 *                      p -= lr mhat l r;   else p -= lr mhat.
 *           rho_t <= t always (rho_1 = 1, rho_2 = (1 + 3 b2) / (1 + b2) < 2), so the rectified
 *           branch can first be taken at t = 6: with b2 = 0.999, rho_5 = 4.996, rho_6 = 5.994;
 *           with b2 = 0.9, rho_5 = 4.58, rho_6 = 5.39. The RAdam cases run 8 steps.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { trajectory } from '../../src/core/trajectory';
import { optimizers, presetIds } from '../../src/core/index';
import type { PresetId } from '../../src/core/optimizers';
import type { Surface } from '../../src/core/types';

/** f = 0.5 (x^2 + 10 y^2) */
const quadratic: Surface = {
  id: 'oracle-quadratic',
  label: 'Oracle quadratic',
  expr: '0.5 * (x^2 + 10 * y^2)',
  f: (x, y) => 0.5 * (x * x + 10 * y * y),
  grad: (x, y, out) => {
    out[0] = x;
    out[1] = 10 * y;
  },
  domain: { x: [-10, 10], y: [-10, 10] },
  critical: [{ kind: 'global-min', x: 0, y: 0, f: 0 }],
  start: [-3, 2],
  note: 'An ill-conditioned bowl for the oracle tests.',
};
const START = [-3, 2] as const;

/** Relative error for |want| >= 1, absolute below: every value here is O(1). */
const TOL = 1e-12;
function expectSeries(got: ArrayLike<number>, want: readonly number[], what: string): void {
  for (let k = 0; k < want.length; k++) {
    const g = got[k + 1];
    const w = want[k];
    const err = Math.abs(g - w) / Math.max(1, Math.abs(w));
    expect(err, `${what}[${k + 1}]: got ${g}, want ${w}`).toBeLessThanOrEqual(TOL);
  }
}

interface Case {
  rule: string;
  optimizer: PresetId;
  hyper: Record<string, number | boolean>;
  steps: number;
  /** x_1 .. x_steps */
  x: number[];
  /** y_1 .. y_steps */
  y: number[];
}

const CASES: Case[] = [
  // <oracle:cases>
  // ---- SGD ----
  // defaults: lr 1e-3; x_k = -3 (1 - 1e-3)^k, y_k = 2 (1 - 1e-2)^k
  {
    rule: 'SGD', optimizer: 'sgd', hyper: {}, steps: 3,
    x: [-2.997, -2.994003, -2.991008997],
    y: [1.98, 1.9602, 1.940598],
  },
  // x_k = -3 * 0.95^k, y_k = 2 * 0.5^k
  {
    rule: 'SGD', optimizer: 'sgd', hyper: { lr: 0.05 }, steps: 3,
    x: [-2.85, -2.7075, -2.5721249999999998],
    y: [1.0, 0.49999999999999994, 0.24999999999999997],
  },
  // d = g + 0.3 p: x_k = -3 * 0.935^k, y_k = 2 * 0.485^k
  {
    rule: 'SGD', optimizer: 'sgd', hyper: { lr: 0.05, weightDecay: 0.3 }, steps: 3,
    x: [-2.805, -2.622675, -2.4522011249999998],
    y: [0.97, 0.4704499999999999, 0.22816824999999996],
  },
  // d = -g: x_k = -3 * 1.05^k, y_k = 2 * 1.5^k
  {
    rule: 'SGD', optimizer: 'sgd', hyper: { lr: 0.05, maximize: true }, steps: 3,
    x: [-3.15, -3.3075, -3.472875],
    y: [3.0, 4.5, 6.75],
  },
  // torch negates g first, then adds weight decay: d = -g + 0.3 p; x_k = -3 * 1.035^k, y_k = 2 * 1.485^k
  {
    rule: 'SGD', optimizer: 'sgd', hyper: { lr: 0.05, maximize: true, weightDecay: 0.3 }, steps: 3,
    x: [-3.105, -3.213675, -3.326153625],
    y: [2.97, 4.41045, 6.54951825],
  },
  // preset momentum 0.9, lr 1e-3
  {
    rule: 'SGD', optimizer: 'momentum', hyper: {}, steps: 3,
    x: [-2.997, -2.991303, -2.983184397],
    y: [1.98, 1.9422, 1.888758],
  },
  // b_1 = g_1; b_t = 0.9 b_{t-1} + g_t
  {
    rule: 'SGD', optimizer: 'momentum', hyper: { lr: 0.05 }, steps: 3,
    x: [-2.85, -2.5725, -2.194125],
    y: [1.0, -0.40000000000000013, -1.4600000000000002],
  },
  // b_1 = g_1 (torch skips dampening on the first step); b_t = 0.5 b_{t-1} + 0.7 g_t
  {
    rule: 'SGD', optimizer: 'sgd', hyper: { lr: 0.05, momentum: 0.5, dampening: 0.3 }, steps: 3,
    x: [-2.85, -2.67525, -2.49424125],
    y: [1.0, 0.1499999999999999, -0.32750000000000007],
  },
  // d = -g fed to the momentum buffer
  {
    rule: 'SGD', optimizer: 'momentum', hyper: { lr: 0.05, maximize: true }, steps: 3,
    x: [-3.15, -3.4425, -3.877875],
    y: [3.0, 5.4, 10.260000000000002],
  },
  // d = g + 0.3 p fed to the momentum buffer
  {
    rule: 'SGD', optimizer: 'momentum', hyper: { lr: 0.05, weightDecay: 0.3 }, steps: 3,
    x: [-2.805, -2.447175, -1.966066125],
    y: [0.97, -0.4565500000000001, -1.5053217500000002],
  },
  // preset: momentum 0.9 nesterov, lr 1e-3
  {
    rule: 'SGD', optimizer: 'nesterov', hyper: {}, steps: 3,
    x: [-2.9943, -2.98618083, -2.975894703423],
    y: [1.962, 1.908522, 1.841787882],
  },
  // torch form: b_t = mu b_{t-1} + g_t; step = g_t + mu b_t
  {
    rule: 'SGD', optimizer: 'nesterov', hyper: { lr: 0.05 }, steps: 3,
    x: [-2.715, -2.335575, -1.8943878749999998],
    y: [0.09999999999999987, -0.805, -0.80975],
  },
  // g_t = grad + 0.3 p, then nesterov
  {
    rule: 'SGD', optimizer: 'nesterov', hyper: { lr: 0.05, weightDecay: 0.3 }, steps: 3,
    x: [-2.6295, -2.14680675, -1.6010779413749998],
    y: [0.04299999999999987, -0.8333755, -0.78672502325],
  },
  // ---- Adagrad ----
  // defaults: lr 1e-2, eps 1e-10
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: {}, steps: 3,
    x: [-2.9900000000003333, -2.982940746813575, -2.97718277857288],
    y: [1.99000000000005, 1.9829466763148997, 1.9771965108243739],
  },
  // s_t = s_{t-1} + g^2; p -= lr g / (sqrt(s_t) + eps)
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5 }, steps: 3,
    x: [-2.5000000000166667, -2.179907800191364, -1.9361988719643912],
    y: [1.5000000000025, 1.20000000000338, 0.9836344662113847],
  },
  // clr_t = lr / (1 + (t - 1) lrDecay)
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5, lrDecay: 0.5 }, steps: 3,
    x: [-2.5000000000166667, -2.2866052001331316, -2.1602824847277873],
    y: [1.5000000000025, 1.3000000000030867, 1.1846618158428375],
  },
  // s_0 = 2
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5, initialAccumulatorValue: 2 }, steps: 3,
    x: [-2.547732983146991, -2.2431418214997, -2.0068127224616314],
    y: [1.5012453319486712, 1.2015648206381682, 0.9853034183939343],
  },
  // eps outside the root: sqrt(s) + 0.5
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5, eps: 0.5 }, steps: 3,
    x: [-2.5714285714285716, -2.282584067480504, -2.057173080659949],
    y: [1.5121951219512195, 1.2165368490221609, 1.002122216091655],
  },
  // g = grad + 0.3 p
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5, weightDecay: 0.3 }, steps: 3,
    x: [-2.5000000000128204, -2.179907800185917, -1.9361988719580339],
    y: [1.5000000000024272, 1.2000000000032816, 0.9836344662112749],
  },
  // g = -grad
  {
    rule: 'Adagrad', optimizer: 'adagrad', hyper: { lr: 0.5, maximize: true }, steps: 3,
    x: [-3.4999999999833333, -3.8796283011569805, -4.201585205908793],
    y: [2.4999999999975, 2.8904344047176433, 3.2254945903858383],
  },
  // ---- Adadelta ----
  // defaults: lr 1, rho 0.9, eps 1e-6
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: {}, steps: 3,
    x: [-2.9968377240966513, -2.993594918837847, -2.990297998552161],
    y: [1.99683772237936, 1.9935957269829054, 1.9903007494453893],
  },
  // torch scales the Zeiler step by lr
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: { lr: 2 }, steps: 3,
    x: [-2.993675448193302, -2.987193085705206, -2.98060702725089],
    y: [1.9936754447587202, 1.9871963320991222, 1.9806180668016968],
  },
  // v_t = 0.5 v + 0.5 g^2; u_t = 0.5 u + 0.5 dx^2
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: { rho: 0.5 }, steps: 3,
    x: [-2.9985857865947616, -2.996953050365731, -2.995154254304231],
    y: [1.9985857864411625, 1.996953178456565, 1.9951547197416537],
  },
  // dx = sqrt(u + eps) / sqrt(v + eps) g, eps inside both roots
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: { eps: 0.01 }, steps: 3,
    x: [-2.6855145489834245, -2.3804324229647, -2.0944733488301277],
    y: [1.6838117550438696, 1.3870103941276002, 1.1237136188410601],
  },
  // g = grad + 0.3 p
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: { lr: 2, weightDecay: 0.3 }, steps: 3,
    x: [-2.9936754467587403, -2.987193082761349, -2.9806070227546724],
    y: [1.993675444754182, 1.9871963320898114, 1.9806180667874822],
  },
  // g = -grad
  {
    rule: 'Adadelta', optimizer: 'adadelta', hyper: { lr: 2, maximize: true }, steps: 3,
    x: [-3.006324551806698, -3.012819874039909, -3.0194369726179477],
    y: [2.00632455524128, 2.012823107573965, 2.0194479331705355],
  },
  // ---- RMSprop ----
  // defaults: lr 1e-2, alpha 0.99, eps 1e-8
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: {}, steps: 3,
    x: [-2.900000003333333, -2.8303174519233236, -2.773888572414424],
    y: [1.9000000005, 1.830943326143927, 1.7753494420032538],
  },
  // v_t = 0.9 v + 0.1 g^2; p -= lr g / (sqrt(v) + eps)
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, alpha: 0.9 }, steps: 3,
    x: [-2.683772237316495, -2.466820783330932, -2.2917657947372256],
    y: [1.683772234483162, 1.4738753142253707, 1.3087178678182676],
  },
  // eps outside the root
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, eps: 0.1 }, steps: 3,
    x: [-2.25, -1.7751141521522802, -1.428489432512046],
    y: [1.047619047619048, 0.6016130177652286, 0.35271247309067005],
  },
  // b_t = 0.5 b + g / (sqrt(v) + eps); p -= lr b_t
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, momentum: 0.5 }, steps: 3,
    x: [-2.0000000333333325, -0.9433697190977312, -0.15991123416045136],
    y: [1.0000000050000004, 0.05098675265676042, -0.4465228472584113],
  },
  // gbar_t = alpha gbar + (1 - alpha) g; denom = sqrt(v - gbar^2) + eps
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, centered: true }, steps: 3,
    x: [-1.9949622184108209, -1.4339099634859742, -1.0562243778975338],
    y: [0.9949621897912934, 0.543705292567598, 0.30234058526192553],
  },
  // centered and momentum together
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, centered: true, momentum: 0.5 }, steps: 3,
    x: [-1.9949622184108209, -0.9313910726913845, -0.144085608798029],
    y: [0.9949621897912934, 0.0411863874632447, -0.45447511268895885],
  },
  // g = grad + 0.3 p
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, weightDecay: 0.3 }, steps: 3,
    x: [-2.0000000256410253, -1.443369692641271, -1.0689949278319109],
    y: [1.0000000048543694, 0.5509867500046137, 0.3096873700400251],
  },
  // g = -grad
  {
    rule: 'RMSprop', optimizer: 'rmsprop', hyper: { lr: 0.1, maximize: true }, steps: 3,
    x: [-3.9999999666666675, -4.801443847920832, -5.496540926981693],
    y: [2.9999999949999996, 3.8333333255941353, 4.563991332738224],
  },
  // ---- Adam ----
  // defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8
  {
    rule: 'Adam', optimizer: 'adam', hyper: {}, steps: 3,
    x: [-2.9990000000033334, -2.9980000087105645, -2.997000031906481],
    y: [1.9990000000005, 1.9980000130683582, 1.9970000478912717],
  },
  // p -= lr/(1 - b1^t) m / (sqrt(v)/sqrt(1 - b2^t) + eps)
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1 }, steps: 3,
    x: [-2.9000000003333333, -2.800102707750551, -2.7003815239578235],
    y: [1.90000000005, 1.800166485711387, 1.7006233914339455],
  },
  // m_t = 0.5 m + 0.5 g
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1, beta1: 0.5 }, steps: 3,
    x: [-2.9000000003333333, -2.8005784091421884, -2.702087936325047],
    y: [1.90000000005, 1.8008860065350796, 1.7032161030905122],
  },
  // v_t = 0.9 v + 0.1 g^2
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1, beta2: 0.9 }, steps: 3,
    x: [-2.9000000003333333, -2.800014347074341, -2.7000539254046365],
    y: [1.90000000005, 1.8000328546114521, 1.7001252010436572],
  },
  // eps added after sqrt and bias correction
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1, eps: 0.1 }, steps: 3,
    x: [-2.903225806451613, -2.8065980073615866, -2.7101858389496205],
    y: [1.900497512437811, 1.8011721193176544, 1.7021467027443609],
  },
  // L2: g = grad + 0.3 p
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1, weightDecay: 0.3 }, steps: 3,
    x: [-2.9000000002564104, -2.8001027075955838, -2.700381523723788],
    y: [1.9000000000485437, 1.800166485708443, 1.7006233914294855],
  },
  // plain Adam; compare with the amsgrad case below
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 1, beta2: 0.5 }, steps: 3,
    x: [-2.000000003333333, -0.9608447875243273, 0.15321163461378567],
    y: [1.0000000005, -0.0420520973662649, -1.0291049922061295],
  },
  // vmax_t = max(vmax, v_t); gradients shrink, so v_2 < v_1 and vmax differs from v at t = 2, 3
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 1, beta2: 0.5, amsgrad: true }, steps: 3,
    x: [-2.000000003333333, -0.9901226566450962, -0.14072866465416384],
    y: [1.0000000005, 0.0975564114450469, -0.5413184320951858],
  },
  // preset: adam + amsgrad
  {
    rule: 'Adam', optimizer: 'amsgrad', hyper: {}, steps: 3,
    x: [-2.9990000000033334, -2.9980000087105645, -2.997000031906481],
    y: [1.9990000000005, 1.9980000130683582, 1.9970000478912717],
  },
  // g = -grad
  {
    rule: 'Adam', optimizer: 'adam', hyper: { lr: 0.1, maximize: true }, steps: 3,
    x: [-3.0999999996666667, -3.2000720140347267, -3.300261332467705],
    y: [2.09999999995, 2.2000973799278305, 2.300352395888914],
  },
  // ---- AdamW ----
  // defaults: lr 1e-3, weightDecay 1e-2 decoupled
  {
    rule: 'AdamW', optimizer: 'adamw', hyper: {}, steps: 3,
    x: [-2.9989700000033332, -2.9979400192721557, -2.9969100637649193],
    y: [1.9989800000005, 1.99796002353041, 1.9969400794514134],
  },
  // p *= (1 - lr wd) first, then the Adam step without L2
  {
    rule: 'AdamW', optimizer: 'adamw', hyper: { lr: 0.1, weightDecay: 0.5 }, steps: 3,
    x: [-2.7500000003333334, -2.5128208378416357, -2.288051910461452],
    y: [1.80000000005, 1.6104122277709458, 1.4310252430705672],
  },
  // decoupled + amsgrad
  {
    rule: 'AdamW', optimizer: 'adamw', hyper: { lr: 0.1, weightDecay: 0.5, amsgrad: true, beta2: 0.5 }, steps: 3,
    x: [-2.7500000003333334, -2.511349073570312, -2.2827156423897854],
    y: [1.80000000005, 1.6086254626011594, 1.42479842999952],
  },
  // ---- Adamax ----
  // defaults: lr 2e-3
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: {}, steps: 3,
    x: [-2.998000000006667, -2.995999368013061, -2.993998126245526],
    y: [1.998000000001, 1.9959990516852641, 1.9939971905371636],
  },
  // u_t = max(b2 u, |g| + eps); p -= lr/(1 - b1^t) m / u
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: { lr: 0.1 }, steps: 3,
    x: [-2.9000000003333333, -2.801656042662212, -2.705009512708572],
    y: [1.90000000005, 1.8025341131578447, 1.7076482349841176],
  },
  // smaller betas
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: { lr: 0.1, beta1: 0.5, beta2: 0.5 }, steps: 3,
    x: [-2.9000000003333333, -2.7988505753987316, -2.696791320857522],
    y: [1.90000000005, 1.798245614139566, 1.6950261020037267],
  },
  // eps inside the max
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: { lr: 0.1, eps: 0.1 }, steps: 3,
    x: [-2.903225806451613, -2.8079994118659983, -2.714360225732221],
    y: [1.900497512437811, 1.8035034900719569, 1.709063612408911],
  },
  // g = grad + 0.3 p
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: { lr: 0.1, weightDecay: 0.3 }, steps: 3,
    x: [-2.9000000002564104, -2.8016560425109907, -2.705009512485724],
    y: [1.9000000000485437, 1.8025341131550072, 1.707648234979975],
  },
  // g = -grad
  {
    rule: 'Adamax', optimizer: 'adamax', hyper: { lr: 0.1, maximize: true }, steps: 3,
    x: [-3.0999999996666667, -3.1984719857716013, -3.2955948379090603],
    y: [2.09999999995, 2.197744360806785, 2.2935780149619434],
  },
  // ---- NAdam ----
  // defaults: lr 2e-3, momentumDecay 4e-3
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: {}, steps: 3,
    x: [-2.997887096450332, -2.9963202168801533, -2.9948564989232542],
    y: [1.9978870964443456, 1.9963204616410724, 1.9948571022159267],
  },
  // mu_t = b1 (1 - 0.5 * 0.96^(t psi))
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1 }, steps: 3,
    x: [-2.8943548225166116, -2.8172428598737227, -2.745876002530782],
    y: [1.8943548222172837, 1.81789753044107, 1.7475085007641589],
  },
  // psi = 0.5
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, momentumDecay: 0.5 }, steps: 3,
    x: [-2.8940393180524375, -2.817429023470517, -2.7470782943645626],
    y: [1.8940393177522155, 1.818074959564991, 1.7486667547298822],
  },
  // other betas
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, beta1: 0.5, beta2: 0.9 }, steps: 3,
    x: [-2.886661877830161, -2.7891924503763827, -2.6938839097144616],
    y: [1.8866618775090365, 1.790021363184209, 1.696230901687429],
  },
  // eps outside the root
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, eps: 0.1 }, steps: 3,
    x: [-2.897762731126898, -2.8231393544692724, -2.7540847811623483],
    y: [1.8948804200641405, 1.8188037367095442, 1.7487670962248594],
  },
  // L2: g = grad + 0.3 p
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, weightDecay: 0.3 }, steps: 3,
    x: [-2.8943548224353464, -2.8172428597330796, -2.745876002334935],
    y: [1.8943548222157451, 1.8178975304384173, 1.7475085007604743],
  },
  // p *= 1 - lr wd
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, weightDecay: 0.3, decoupledWeightDecay: true }, steps: 3,
    x: [-2.8043548225166117, -2.6442385756817326, -2.4955294871701486],
    y: [1.8343548222172839, 1.7040246533399073, 1.5845534140150188],
  },
  // g = -grad
  {
    rule: 'NAdam', optimizer: 'nadam', hyper: { lr: 0.1, maximize: true }, steps: 3,
    x: [-3.1056451774833884, -3.1852027188282643, -3.2601510205502024],
    y: [2.105645177782716, 2.185773153003296, 2.2615390273179905],
  },
  // ---- RAdam ----
  // defaults; rho_t <= 5 for t <= 5 (un-rectified), rho_6 > 5 (rectified from step 6)
  {
    rule: 'RAdam', optimizer: 'radam', hyper: {}, steps: 8,
    x: [-2.997, -2.9940015789473686, -2.9910047886968343, -2.988009680755645, -2.985016306169059, -2.9849904929116824, -2.9849577661416404, -2.9849190438284783],
    y: [1.98, 1.9601052631578948, 1.9403188968731793, 1.9206439517329779, 1.9010834129864838, 1.901057674892506, 1.9010250631550905, 1.9009864928436333],
  },
  // lr 0.07; un-rectified steps are plain momentum SGD: p -= lr m_t / (1 - b1^t)
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07 }, steps: 8,
    x: [-2.79, -2.5877368421052633, -2.393267624781511, -2.2066322206560858, -2.027852827050428, -2.026103117969317, -2.0239003090223737, -2.0213064754433656],
    y: [0.5999999999999999, -0.28421052631578964, -0.7687317925810838, -0.9558894295727366, -0.9339483296122836, -0.9335683589635366, -0.9327808167760969, -0.9315728234889196],
  },
  // rectified branch: l_t = sqrt(1 - b2^t) / (sqrt(v_t) + eps)
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07, eps: 0.1 }, steps: 8,
    x: [-2.79, -2.5877368421052633, -2.393267624781511, -2.2066322206560858, -2.027852827050428, -2.0266959705481074, -2.025214663489718, -2.02344428308282],
    y: [0.5999999999999999, -0.28421052631578964, -0.7687317925810838, -0.9558894295727366, -0.9339483296122836, -0.933609469950835, -0.9329026772867489, -0.9318127073019112],
  },
  // rho_inf = 19
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07, beta1: 0.5, beta2: 0.9 }, steps: 8,
    x: [-2.79, -2.5898, -2.400408, -2.2224098346666668, -2.0559881735432257, -2.039993837853589, -2.01948543244251, -1.9951028402210913],
    y: [0.5999999999999999, -0.1466666666666668, -0.4080000000000001, -0.37763555555555556, -0.22650701075268814, -0.22150704688890968, -0.21437521405777998, -0.20527638098691084],
  },
  // L2: g = grad + 0.3 p
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07, weightDecay: 0.3 }, steps: 8,
    x: [-2.727, -2.4670752631578945, -2.220220964653331, -1.9863978353029135, -1.765531880707167, -1.7638087001261373, -1.7616472497785134, -1.7591087178744405],
    y: [0.5579999999999998, -0.33679894736842125, -0.8118078621091476, -0.9784938971402427, -0.932198531260686, -0.9317781896041832, -0.9309511390071122, -0.929706431441389],
  },
  // p *= 1 - lr wd
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07, weightDecay: 0.3, decoupledWeightDecay: true }, steps: 8,
    x: [-2.727, -2.469790894736842, -2.2279672185556416, -2.0011085398047883, -1.7887801430634713, -1.7494901137943342, -1.7105884434606051, -1.6721321861471459],
    y: [0.5579999999999998, -0.3224548421052633, -0.780562113493494, -0.9349891430817033, -0.8846369216540728, -0.8656768442860068, -0.8467266207404275, -0.8277777849038144],
  },
  // g = -grad
  {
    rule: 'RAdam', optimizer: 'radam', hyper: { lr: 0.07, maximize: true }, steps: 8,
    x: [-3.21, -3.427736842105263, -3.6536673140415616, -3.8882707257994973, -4.132049869297324, -4.133881411990277, -4.136210897198389, -4.138973776430539],
    y: [3.4000000000000004, 5.315789473684211, 7.897727714119247, 11.336447332701546, 15.873258210180767, 15.874959796141198, 15.877166862210503, 15.879832828046649],
  },
  // </oracle:cases>
];

function fmtHyper(h: Record<string, number | boolean>): string {
  const parts = Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

describe('trajectory() against torch.optim, first steps on 0.5 (x^2 + 10 y^2)', () => {
  const rules = [...new Set(CASES.map((c) => c.rule))];
  for (const rule of rules) {
    describe(rule, () => {
      for (const c of CASES.filter((k) => k.rule === rule)) {
        it(`trajectory({ optimizer: '${c.optimizer}', hyper: ${fmtHyper(c.hyper)} }) x_1..x_${c.steps}`, () => {
          const t = trajectory({
            surface: quadratic,
            optimizer: c.optimizer,
            hyper: c.hyper,
            start: START,
            steps: c.steps,
          });
          expect(t.status).toBe('ok');
          expect(t.x.length).toBe(c.steps + 1);
          expect(t.x[0]).toBe(START[0]);
          expect(t.y[0]).toBe(START[1]);
          expectSeries(t.x, c.x, 'x');
          expectSeries(t.y, c.y, 'y');
          for (let k = 0; k <= c.steps; k++) {
            const want = quadratic.f(t.x[k], t.y[k]);
            expect(Math.abs(t.loss[k] - want)).toBeLessThanOrEqual(TOL * Math.max(1, want));
          }
        });
      }
    });
  }
});

describe('trajectory() closed forms worked by hand (cross-check of the oracle block)', () => {
  const run = (optimizer: PresetId, hyper: Record<string, number | boolean>, steps = 3) =>
    trajectory({ surface: quadratic, optimizer, hyper, start: START, steps });
  const pow = (r: number, n = 3) => Array.from({ length: n }, (_, k) => r ** (k + 1));

  it("trajectory({ optimizer: 'sgd' }): p_k = p_0 (1 - lr h)^k per axis", () => {
    // lr 0.05: x factor 1 - 0.05 = 0.95, y factor 1 - 0.05 * 10 = 0.5
    let t = run('sgd', { lr: 0.05 });
    expectSeries(t.x, pow(0.95).map((r) => -3 * r), 'x');
    expectSeries(t.y, pow(0.5).map((r) => 2 * r), 'y');
    // weight decay 0.3 adds 0.3 to the curvature: 1 - 0.05 * 1.3, 1 - 0.05 * 10.3
    t = run('sgd', { lr: 0.05, weightDecay: 0.3 });
    expectSeries(t.x, pow(0.935).map((r) => -3 * r), 'x');
    expectSeries(t.y, pow(0.485).map((r) => 2 * r), 'y');
    // maximize flips the gradient but not the decay term: 1 + 0.05 * (1 - 0.3), 1 + 0.05 * (10 - 0.3)
    t = run('sgd', { lr: 0.05, maximize: true, weightDecay: 0.3 });
    expectSeries(t.x, pow(1.035).map((r) => -3 * r), 'x');
    expectSeries(t.y, pow(1.485).map((r) => 2 * r), 'y');
  });

  it("trajectory({ optimizer: 'momentum' }): heavy ball in torch's form, b_1 = g_1", () => {
    // x: g = x. b1 = -3, x1 = -3 + 0.15 = -2.85; g2 = -2.85, b2 = -2.7 - 2.85 = -5.55,
    // x2 = -2.85 + 0.2775 = -2.5725
    const t = run('momentum', { lr: 0.05 }, 2);
    expectSeries(t.x, [-2.85, -2.5725], 'x');
    // with dampening 0.3 the first buffer is still g_1 (torch clones it): same x1 as above, then
    // b2 = 0.9 * -3 + 0.7 * -2.85 = -4.695, x2 = -2.85 + 0.23475 = -2.61525
    const d = run('sgd', { lr: 0.05, momentum: 0.9, dampening: 0.3 }, 2);
    expectSeries(d.x, [-2.85, -2.61525], 'x');
  });

  it("trajectory({ optimizer: 'nesterov' }): step = g + mu b_t", () => {
    // x: b1 = -3, d = -3 - 2.7 = -5.7, x1 = -3 + 0.285 = -2.715
    const t = run('nesterov', { lr: 0.05 }, 1);
    expectSeries(t.x, [-2.715], 'x');
  });

  it("trajectory({ optimizer: 'adam' }): first step is lr g / (|g| + eps)", () => {
    // m1 / (1 - b1) = g, v1 / (1 - b2) = g^2, so the denominator is |g| + eps
    const t = run('adam', { lr: 0.1, eps: 0.1 }, 1);
    expectSeries(t.x, [-3 + (0.1 * 3) / (3 + 0.1)], 'x');
    expectSeries(t.y, [2 - (0.1 * 20) / (20 + 0.1)], 'y');
  });

  it("trajectory({ optimizer: 'adagrad' }): first step is lr g / (|g| + eps), s_0 shifts the root", () => {
    let t = run('adagrad', { lr: 0.5, eps: 0.5 }, 1);
    expectSeries(t.x, [-3 + (0.5 * 3) / (3 + 0.5)], 'x');
    t = run('adagrad', { lr: 0.5, initialAccumulatorValue: 2 }, 1);
    expectSeries(t.y, [2 - (0.5 * 20) / (Math.sqrt(2 + 400) + 1e-10)], 'y');
  });

  it("trajectory({ optimizer: 'adadelta' }): first step is lr sqrt(eps) / sqrt((1 - rho) g^2 + eps) g", () => {
    const t = run('adadelta', { lr: 2, eps: 1e-2 }, 1);
    expectSeries(t.x, [-3 + (2 * Math.sqrt(1e-2) * 3) / Math.sqrt(0.1 * 9 + 1e-2)], 'x');
  });

  it("trajectory({ optimizer: 'radam' }): un-rectified first steps are bias-corrected momentum SGD", () => {
    // t = 1: mhat = g, so x1 = x0 - lr g
    const t = run('radam', { lr: 0.07 }, 1);
    expectSeries(t.x, [-3 + 0.07 * 3], 'x');
    expectSeries(t.y, [2 - 0.07 * 20], 'y');
  });
});

describe('optimizers presets are one-line compositions', () => {
  const same = (a: PresetId, ah: Record<string, number | boolean>, b: PresetId, bh = {}, steps = 40) => {
    const ta = trajectory({ surface: quadratic, optimizer: a, hyper: ah, start: START, steps });
    const tb = trajectory({ surface: quadratic, optimizer: b, hyper: bh, start: START, steps });
    expect(Array.from(ta.x)).toEqual(Array.from(tb.x));
    expect(Array.from(ta.y)).toEqual(Array.from(tb.y));
    expect(Array.from(ta.loss)).toEqual(Array.from(tb.loss));
    expect(ta.hyper).toEqual(tb.hyper);
  };

  it("trajectory({ optimizer: 'sgd', hyper: { momentum: 0.9 } }) equals 'momentum'", () => {
    same('sgd', { momentum: 0.9 }, 'momentum');
    same('sgd', { momentum: 0.9, lr: 0.05 }, 'momentum', { lr: 0.05 });
  });

  it("trajectory({ optimizer: 'sgd', hyper: { momentum: 0.9, nesterov: true } }) equals 'nesterov'", () => {
    same('sgd', { momentum: 0.9, nesterov: true }, 'nesterov');
    same('sgd', { momentum: 0.9, nesterov: true, lr: 0.05 }, 'nesterov', { lr: 0.05 });
  });

  it("trajectory({ optimizer: 'adam', hyper: { amsgrad: true } }) equals 'amsgrad'", () => {
    same('adam', { amsgrad: true }, 'amsgrad');
    // a case where the running max matters
    same('adam', { amsgrad: true, lr: 1, beta2: 0.5 }, 'amsgrad', { lr: 1, beta2: 0.5 });
  });

  it("trajectory({ optimizer: 'momentum', hyper: { momentum: 0.5 } }): explicit values win over the preset", () => {
    same('momentum', { momentum: 0.5, lr: 0.05 }, 'sgd', { momentum: 0.5, lr: 0.05 });
    same('nesterov', { momentum: 0.5, lr: 0.05 }, 'sgd', { momentum: 0.5, nesterov: true, lr: 0.05 });
    same('amsgrad', { amsgrad: false, lr: 0.1 }, 'adam', { lr: 0.1 });
  });

  it("trajectory({ optimizer: 'adamw', hyper: { weightDecay: 0 } }) follows plain Adam", () => {
    const a = trajectory({ surface: quadratic, optimizer: 'adamw', hyper: { weightDecay: 0, lr: 0.1 }, start: START, steps: 20 });
    const b = trajectory({ surface: quadratic, optimizer: 'adam', hyper: { lr: 0.1 }, start: START, steps: 20 });
    expectSeries(a.x, Array.from(b.x).slice(1), 'x');
    expectSeries(a.y, Array.from(b.y).slice(1), 'y');
  });

  it("trajectory({ optimizer: 'adamw' }) differs from 'adam' with the same weightDecay (decoupled vs L2)", () => {
    const a = trajectory({ surface: quadratic, optimizer: 'adamw', hyper: { weightDecay: 0.5, lr: 0.1 }, start: START, steps: 3 });
    const b = trajectory({ surface: quadratic, optimizer: 'adam', hyper: { weightDecay: 0.5, lr: 0.1 }, start: START, steps: 3 });
    expect(Math.abs(a.x[3] - b.x[3])).toBeGreaterThan(1e-3);
  });
});

describe('optimizers registry', () => {
  const sgd = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
  const adam = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };
  const DEFAULTS: Record<string, Record<string, number | boolean>> = {
    sgd,
    momentum: { ...sgd, momentum: 0.9 },
    nesterov: { ...sgd, momentum: 0.9, nesterov: true },
    adagrad: { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false },
    adadelta: { lr: 1.0, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false },
    rmsprop: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false },
    adam,
    amsgrad: { ...adam, amsgrad: true },
    adamw: { ...adam, weightDecay: 1e-2 },
    adamax: { lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maximize: false },
    nadam: {
      lr: 2e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3,
      decoupledWeightDecay: false, maximize: false,
    },
    radam: {
      lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupledWeightDecay: false,
      maximize: false,
    },
  };
  const IDS = Object.keys(DEFAULTS) as PresetId[];

  it('presetIds lists every preset', () => {
    expect([...presetIds]).toEqual(expect.arrayContaining(IDS));
    for (const id of presetIds) expect(optimizers[id], id).toBeDefined();
  });

  for (const id of IDS) {
    it(`optimizers['${id}']: id, label, torch defaults, TeX rule`, () => {
      const registry: Record<string, { id: string; label: string; defaults: unknown; rule: string }> = optimizers;
      const o = registry[id];
      expect(o).toBeDefined();
      expect(o.id).toBe(id);
      expect(typeof o.label).toBe('string');
      expect(o.label.length).toBeGreaterThan(0);
      expect(o.defaults).toEqual(DEFAULTS[id]);
      expect(typeof o.rule).toBe('string');
      expect(o.rule.trim().length).toBeGreaterThan(0);
      expect(o.rule).toMatch(/[\\^_]/); // TeX: commands, super- or subscripts
      expect(() => katex.renderToString(o.rule, { throwOnError: true, displayMode: true })).not.toThrow();
    });

    it(`trajectory({ optimizer: '${id}' }).hyper is the preset's defaults, overrides merged`, () => {
      const plain = trajectory({ surface: quadratic, optimizer: id, start: START, steps: 1 });
      expect(plain.optimizer).toBe(id);
      expect(plain.hyper).toEqual(DEFAULTS[id]);
      const over = trajectory({ surface: quadratic, optimizer: id, hyper: { lr: 0.25 }, start: START, steps: 1 });
      expect(over.hyper).toEqual({ ...DEFAULTS[id], lr: 0.25 });
    });
  }
});

describe("trajectory() rejects options torch.optim rejects (message names option and value)", () => {
  const bad = (optimizer: PresetId, hyper: Record<string, number | boolean>, ...patterns: RegExp[]) => {
    let err: unknown;
    try {
      trajectory({ surface: quadratic, optimizer, hyper, start: START, steps: 3 });
    } catch (e) {
      err = e;
    }
    expect(err, `${optimizer} ${JSON.stringify(hyper)} should throw`).toBeInstanceOf(Error);
    for (const p of patterns) expect((err as Error).message).toMatch(p);
  };
  const ok = (optimizer: PresetId, hyper: Record<string, number | boolean>) =>
    expect(() => trajectory({ surface: quadratic, optimizer, hyper, start: START, steps: 3 })).not.toThrow();

  it("trajectory({ optimizer: 'sgd' }) option checks", () => {
    bad('sgd', { lr: -0.5 }, /lr/, /-0\.5/);
    bad('sgd', { lr: NaN }, /lr/, /NaN/); // torch: `not 0.0 <= lr` is true for NaN
    bad('sgd', { momentum: -0.5 }, /momentum/, /-0\.5/);
    bad('sgd', { weightDecay: -0.5 }, /weightDecay/, /-0\.5/);
    bad('sgd', { nesterov: true }, /nesterov/i); // momentum 0
    bad('nesterov', { dampening: 0.5 }, /nesterov/i, /dampening/i);
    bad('nesterov', { momentum: 0 }, /nesterov/i);
    ok('sgd', { lr: 0 });
    ok('momentum', { dampening: 0.5 }); // dampening alone is fine
  });

  it("trajectory({ optimizer: 'adagrad' }) option checks", () => {
    bad('adagrad', { lr: -0.5 }, /lr/, /-0\.5/);
    bad('adagrad', { lrDecay: -0.5 }, /lrDecay/, /-0\.5/);
    bad('adagrad', { weightDecay: -0.5 }, /weightDecay/, /-0\.5/);
    bad('adagrad', { initialAccumulatorValue: -0.5 }, /initialAccumulatorValue/, /-0\.5/);
    bad('adagrad', { eps: -0.5 }, /eps/, /-0\.5/);
  });

  it("trajectory({ optimizer: 'adadelta' }) option checks", () => {
    bad('adadelta', { lr: -0.5 }, /lr/, /-0\.5/);
    bad('adadelta', { rho: 1.5 }, /rho/, /1\.5/);
    bad('adadelta', { rho: -0.5 }, /rho/, /-0\.5/);
    bad('adadelta', { eps: -0.5 }, /eps/, /-0\.5/);
    bad('adadelta', { weightDecay: -0.5 }, /weightDecay/, /-0\.5/);
    ok('adadelta', { rho: 1 }); // torch: 0 <= rho <= 1
    ok('adadelta', { rho: 0 });
  });

  it("trajectory({ optimizer: 'rmsprop' }) option checks", () => {
    bad('rmsprop', { lr: -0.5 }, /lr/, /-0\.5/);
    bad('rmsprop', { alpha: -0.5 }, /alpha/, /-0\.5/);
    bad('rmsprop', { eps: -0.5 }, /eps/, /-0\.5/);
    bad('rmsprop', { momentum: -0.5 }, /momentum/, /-0\.5/);
    bad('rmsprop', { weightDecay: -0.5 }, /weightDecay/, /-0\.5/);
  });

  for (const id of ['adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam'] as const) {
    it(`trajectory({ optimizer: '${id}' }) option checks`, () => {
      bad(id, { lr: -0.5 }, /lr/, /-0\.5/);
      bad(id, { eps: -0.5 }, /eps/, /-0\.5/);
      bad(id, { beta1: 1.5 }, /beta1/, /1\.5/);
      bad(id, { beta1: 1 }, /beta1/); // torch: 0 <= beta < 1
      bad(id, { beta2: -0.5 }, /beta2/, /-0\.5/);
      bad(id, { beta2: 1 }, /beta2/);
      bad(id, { weightDecay: -0.5 }, /weightDecay/, /-0\.5/);
      ok(id, { beta1: 0, eps: 0 });
    });
  }

  it("trajectory({ optimizer: 'nadam' }) momentumDecay check", () => {
    bad('nadam', { momentumDecay: -0.5 }, /momentumDecay/, /-0\.5/);
  });

  it('trajectory() rejects an option the rule does not have', () => {
    bad('sgd', { momentun: 0.9 }, /momentun/);
    bad('adam', { momentum: 0.9 }, /momentum/); // Adam has no momentum option
    bad('sgd', { beta1: 0.9 }, /beta1/);
  });
});
