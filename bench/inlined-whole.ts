/**
 * Hand-written Rosenbrock loops for the whole-vector rules (src/core/optimizers/whole.ts:
 * L-BFGS, Adafactor, Newton, saddle-free Newton, SAM), the baselines bench/core.ts times
 * `trajectory()` against. Each does the work of core/whole-loop.ts's loop with the rule written
 * into it, as one would write it by hand: Rosenbrock's f, gradient and Hessian
 * [fxx, fxy, fyy] = [2 − 400(y − x²) + 800x², −400x, 200] written out, the iterate and state in
 * locals (L-BFGS's history in preallocated arrays used as a ring), the same convergence and
 * divergence checks and the same three output arrays. Hyperparameters and the divergence bounds
 * are read into locals once per run.
 *
 * Unlike bench/inlined.ts's recipes these are plain functions, not source assembled per
 * coordinate: the rules couple the coordinates. The arithmetic follows the rules' own, operation
 * for operation, so the iterates agree bit for bit, except Newton's and saddle-free Newton's:
 * trajectory() takes Rosenbrock's Hessian from its compiled expression
 * (fxx = 2 − 100(4(y − x²) − 2x·4x)), which differs from the written-out one in the last bits.
 *
 * Where the rule asks for f and ∇f elsewhere (L-BFGS's inner iterations and line search), the
 * loop computes both and counts them: `evaluations` is every evaluation of f and ∇f in the run,
 * the start's and each step's end's included. SAM needs only the gradient at its ascent point and
 * computes only that (the closure in trajectory() computes f there too, which SAM discards).
 */
import type { InlinedRun } from './inlined';

type H = Record<string, number | boolean>;
type Bounds = readonly [number, number, number, number];

/** Ends a run: marks the steps after a divergence NaN, as trajectory() does. */
function result(xs: Float64Array, ys: Float64Array, ls: Float64Array, divergedAt: number, convergedAt: number, evaluations?: number) {
  if (divergedAt >= 0) {
    xs.fill(NaN, divergedAt + 1);
    ys.fill(NaN, divergedAt + 1);
    ls.fill(NaN, divergedAt + 1);
  }
  return { x: xs, y: ys, loss: ls, divergedAt, convergedAt, ...(evaluations === undefined ? {} : { evaluations }) };
}

/** Adafactor (torch.optim.Adafactor for a vector, unfactored): src/core/optimizers/adafactor.ts. */
function adafactor(h: H, [xLo, xHi, yLo, yHi]: Bounds): InlinedRun {
  return (steps, x0, y0) => {
    const lr = h.lr as number, beta2Decay = h.beta2Decay as number, eps1 = h.eps1 as number, eps2 = h.eps2 as number;
    const dd = h.d as number, weightDecay = h.weightDecay as number, maximize = h.maximize as boolean;
    const xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), ls = new Float64Array(steps + 1);
    let x = x0, y = y0;
    let v0 = 0, v1 = 0;
    const floor = eps1 * eps1;
    xs[0] = x;
    ys[0] = y;
    {
      const a = 1 - x, b = y - x * x;
      ls[0] = a * a + 100 * b * b;
    }
    let divergedAt = -1, convergedAt = -1;
    for (let t = 1; t <= steps; t++) {
      const r = y - x * x;
      const gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
      if (convergedAt < 0 && gx * gx + gy * gy < 1e-16) convergedAt = t - 1;
      const g0 = maximize ? -gx : gx, g1 = maximize ? -gy : gy;
      const w = t ** beta2Decay;
      const rho = Math.min(lr, 1 / t ** 0.5);
      const alpha = Math.max(eps2, Math.sqrt(x * x + y * y) / 2 ** 0.5) * rho;
      if (weightDecay !== 0) {
        x *= 1 - lr * weightDecay;
        y *= 1 - lr * weightDecay;
      }
      // torch's CPU lerp(V̂, G², w), in the form it takes for w's size.
      const q0 = g0 * g0, q1 = g1 * g1;
      if (Math.abs(w) < 0.5) {
        v0 = v0 + w * (q0 - v0);
        v1 = v1 + w * (q1 - v1);
      } else {
        v0 = q0 - (q0 - v0) * (1 - w);
        v1 = q1 - (q1 - v1) * (1 - w);
      }
      const u0 = (1 / Math.sqrt(Math.max(v0, floor))) * g0;
      const u1 = (1 / Math.sqrt(Math.max(v1, floor))) * g1;
      const denom = Math.max(1, Math.sqrt(u0 * u0 + u1 * u1) / (2 ** 0.5 * dd));
      x += u0 * (-alpha / denom);
      y += u1 * (-alpha / denom);
      const a = 1 - x, b = y - x * x, l = a * a + 100 * b * b;
      xs[t] = x;
      ys[t] = y;
      ls[t] = l;
      if (!(x >= xLo && x <= xHi && y >= yLo && y <= yHi && l - l === 0)) {
        divergedAt = t;
        break;
      }
    }
    return result(xs, ys, ls, divergedAt, convergedAt);
  };
}

/** Newton's method with Levenberg's damping, or its saddle-free form: src/core/optimizers/newton.ts. */
function newton(saddleFree: boolean) {
  return (h: H, [xLo, xHi, yLo, yHi]: Bounds): InlinedRun =>
    (steps, x0, y0) => {
      const lr = h.lr as number, damping = h.damping as number;
      const xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), ls = new Float64Array(steps + 1);
      let x = x0, y = y0;
      // The state trajectory() keeps (and records with record: 'state'): the last direction.
      let dir0 = 0, dir1 = 0;
      xs[0] = x;
      ys[0] = y;
      {
        const a = 1 - x, b = y - x * x;
        ls[0] = a * a + 100 * b * b;
      }
      let divergedAt = -1, convergedAt = -1;
      for (let t = 1; t <= steps; t++) {
        const r = y - x * x;
        const gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
        if (convergedAt < 0 && gx * gx + gy * gy < 1e-16) convergedAt = t - 1;
        const fxx = 2 - 400 * r + 800 * x * x, fxy = -400 * x, fyy = 200;
        if (saddleFree) {
          const phi = 0.5 * Math.atan2(2 * fxy, fxx - fyy);
          const cos = Math.cos(phi), sin = Math.sin(phi);
          const l1 = fxx * cos * cos + 2 * fxy * sin * cos + fyy * sin * sin;
          const l2 = fxx * sin * sin - 2 * fxy * sin * cos + fyy * cos * cos;
          const u1 = (cos * gx + sin * gy) / (Math.abs(l1) + damping);
          const u2 = (-sin * gx + cos * gy) / (Math.abs(l2) + damping);
          dir0 = cos * u1 - sin * u2;
          dir1 = sin * u1 + cos * u2;
        } else {
          const a = fxx + damping, d = fyy + damping;
          const det = a * d - fxy * fxy;
          dir0 = (d * gx - fxy * gy) / det;
          dir1 = (a * gy - fxy * gx) / det;
        }
        x -= lr * dir0;
        y -= lr * dir1;
        const a = 1 - x, b = y - x * x, l = a * a + 100 * b * b;
        xs[t] = x;
        ys[t] = y;
        ls[t] = l;
        if (!(x >= xLo && x <= xHi && y >= yLo && y <= yHi && l - l === 0)) {
          divergedAt = t;
          break;
        }
      }
      return result(xs, ys, ls, divergedAt, convergedAt);
    };
}

/** SAM over torch.optim.SGD (davda54/sam's two steps): src/core/optimizers/sam.ts. */
function sam(h: H, [xLo, xHi, yLo, yHi]: Bounds): InlinedRun {
  return (steps, x0, y0) => {
    const lr = h.lr as number, rho = h.rho as number, adaptive = h.adaptive as boolean, momentum = h.momentum as number;
    const dampening = h.dampening as number, weightDecay = h.weightDecay as number, nesterov = h.nesterov as boolean;
    const xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), ls = new Float64Array(steps + 1);
    let x = x0, y = y0;
    let b0 = 0, b1 = 0;
    xs[0] = x;
    ys[0] = y;
    {
      const a = 1 - x, b = y - x * x;
      ls[0] = a * a + 100 * b * b;
    }
    let divergedAt = -1, convergedAt = -1;
    for (let t = 1; t <= steps; t++) {
      const r = y - x * x;
      const gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
      if (convergedAt < 0 && gx * gx + gy * gy < 1e-16) convergedAt = t - 1;
      // The ascent point θ + ε and the gradient there.
      const w0 = adaptive ? Math.abs(x) : 1, w1 = adaptive ? Math.abs(y) : 1;
      const scale = rho / (Math.sqrt((w0 * gx) ** 2 + (w1 * gy) ** 2) + 1e-12);
      const ax = x + (adaptive ? x ** 2 : 1) * gx * scale, ay = y + (adaptive ? y ** 2 : 1) * gy * scale;
      const ra = ay - ax * ax;
      let d0 = -2 * (1 - ax) - 400 * ax * ra, d1 = 200 * ra;
      // SGD's step with it.
      if (weightDecay !== 0) {
        d0 += weightDecay * x;
        d1 += weightDecay * y;
      }
      if (momentum !== 0) {
        b0 = t === 1 ? d0 : momentum * b0 + (1 - dampening) * d0;
        b1 = t === 1 ? d1 : momentum * b1 + (1 - dampening) * d1;
        d0 = nesterov ? d0 + momentum * b0 : b0;
        d1 = nesterov ? d1 + momentum * b1 : b1;
      }
      x -= lr * d0;
      y -= lr * d1;
      const a = 1 - x, b = y - x * x, l = a * a + 100 * b * b;
      xs[t] = x;
      ys[t] = y;
      ls[t] = l;
      if (!(x >= xLo && x <= xHi && y >= yLo && y <= yHi && l - l === 0)) {
        divergedAt = t;
        break;
      }
    }
    return result(xs, ys, ls, divergedAt, convergedAt);
  };
}

/** torch's `_cubic_interpolate`: the minimizer of the cubic through two points, clamped to [lo, hi]. */
function cubicMin(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, lo: number, hi: number): number {
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 ** 2 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const at = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(at, lo), hi);
  }
  return (lo + hi) / 2;
}

/**
 * L-BFGS as torch.optim.LBFGS, one trajectory step one `step(closure)` call (src/core/optimizers/
 * lbfgs.ts): up to maxIter iterations, the two-loop recursion over the last historySize pairs,
 * torch's early exits, and with strongWolfe its `_strong_wolfe` line search (bracketing, then
 * zooming by cubic interpolation), written out over the two coordinates.
 */
function lbfgs(h: H, [xLo, xHi, yLo, yHi]: Bounds): InlinedRun {
  return (steps, x0, y0) => {
    const lr = h.lr as number, maxIter = h.maxIter as number, toleranceGrad = h.toleranceGrad as number;
    const toleranceChange = h.toleranceChange as number, m = h.historySize as number, strongWolfe = h.strongWolfe as boolean;
    const maxEval = h.maxEval === 0 ? Math.floor((maxIter * 5) / 4) : (h.maxEval as number);
    const xs = new Float64Array(steps + 1), ys = new Float64Array(steps + 1), ls = new Float64Array(steps + 1);
    // The history as a ring: oldest at `head`, `kept` pairs (y in Y*, s in S*).
    const Y0 = new Float64Array(m), Y1 = new Float64Array(m), S0 = new Float64Array(m), S1 = new Float64Array(m);
    const RO = new Float64Array(m), AL = new Float64Array(m);
    // The line search's bracket: step length, loss, gradient, directional derivative at each end.
    const bT = new Float64Array(2), bF = new Float64Array(2), bG0 = new Float64Array(2), bG1 = new Float64Array(2), bD = new Float64Array(2);
    let head = 0, kept = 0, hDiag = 1;
    let d0 = 0, d1 = 0, tt = 0, nIterAll = 0;
    let pg0 = 0, pg1 = 0, prevLoss = NaN;
    let x = x0, y = y0;
    xs[0] = x;
    ys[0] = y;
    {
      const a = 1 - x, b = y - x * x;
      ls[0] = a * a + 100 * b * b;
    }
    let evaluations = 1;
    let divergedAt = -1, convergedAt = -1;
    for (let t = 1; t <= steps; t++) {
      const r = y - x * x;
      const gx = -2 * (1 - x) - 400 * x * r, gy = 200 * r;
      if (convergedAt < 0 && gx * gx + gy * gy < 1e-16) convergedAt = t - 1;
      // One step(closure): f and ∇f here are the closure's first evaluation.
      let loss = ls[t - 1], fg0 = gx, fg1 = gy;
      let currentEvals = 1;
      let optCond = Math.max(Math.abs(fg0), Math.abs(fg1)) <= toleranceGrad;
      let nIter = 0;
      while (!optCond && nIter < maxIter) {
        nIter++;
        nIterAll++;
        if (nIterAll === 1) {
          d0 = -fg0;
          d1 = -fg1;
          head = kept = 0;
          hDiag = 1;
        } else {
          const y0 = fg0 - pg0, y1 = fg1 - pg1, s0 = d0 * tt, s1 = d1 * tt;
          const ys_ = y0 * s0 + y1 * s1;
          if (ys_ > 1e-10) {
            let slot: number;
            if (kept === m) {
              slot = head;
              head = head + 1 === m ? 0 : head + 1;
            } else {
              slot = head + kept < m ? head + kept : head + kept - m;
              kept++;
            }
            Y0[slot] = y0;
            Y1[slot] = y1;
            S0[slot] = s0;
            S1[slot] = s1;
            RO[slot] = 1 / ys_;
            hDiag = ys_ / (y0 * y0 + y1 * y1);
          }
          // The two-loop recursion: d = −H g.
          let q0 = -fg0, q1 = -fg1;
          for (let i = kept - 1; i >= 0; i--) {
            const k = head + i < m ? head + i : head + i - m;
            const al = (S0[k] * q0 + S1[k] * q1) * RO[k];
            AL[k] = al;
            q0 += -al * Y0[k];
            q1 += -al * Y1[k];
          }
          d0 = q0 * hDiag;
          d1 = q1 * hDiag;
          for (let i = 0; i < kept; i++) {
            const k = head + i < m ? head + i : head + i - m;
            const be = (Y0[k] * d0 + Y1[k] * d1) * RO[k];
            d0 += (AL[k] - be) * S0[k];
            d1 += (AL[k] - be) * S1[k];
          }
        }
        pg0 = fg0;
        pg1 = fg1;
        prevLoss = loss;
        tt = nIterAll === 1 ? Math.min(1, 1 / (Math.abs(fg0) + Math.abs(fg1))) * lr : lr;
        const gtd = fg0 * d0 + fg1 * d1;
        if (gtd > -toleranceChange) break;
        let lsEvals = 0;
        if (strongWolfe) {
          // torch's _strong_wolfe from (x, y) along d, starting at step length tt.
          const f = loss, g0 = fg0, g1 = fg1;
          const dNorm = Math.max(Math.abs(d0), Math.abs(d1));
          let st = tt;
          let px = x + st * d0, py = y + st * d1, pr = py - px * px;
          let pa = 1 - px;
          let fNew = pa * pa + 100 * pr * pr;
          let gN0 = -2 * (1 - px) - 400 * px * pr, gN1 = 200 * pr;
          lsEvals = 1;
          let gtdNew = gN0 * d0 + gN1 * d1;
          let tPrev = 0, fPrev = f, gP0 = g0, gP1 = g1, gtdPrev = gtd;
          let done = false, lsIter = 0, single = false;
          while (lsIter < 25) {
            if (fNew > f + 1e-4 * st * gtd || (lsIter > 1 && fNew >= fPrev)) {
              bT[0] = tPrev; bF[0] = fPrev; bG0[0] = gP0; bG1[0] = gP1; bD[0] = gtdPrev;
              bT[1] = st; bF[1] = fNew; bG0[1] = gN0; bG1[1] = gN1; bD[1] = gtdNew;
              break;
            }
            if (Math.abs(gtdNew) <= -0.9 * gtd) {
              bT[0] = st; bF[0] = fNew; bG0[0] = gN0; bG1[0] = gN1;
              single = done = true;
              break;
            }
            if (gtdNew >= 0) {
              bT[0] = tPrev; bF[0] = fPrev; bG0[0] = gP0; bG1[0] = gP1; bD[0] = gtdPrev;
              bT[1] = st; bF[1] = fNew; bG0[1] = gN0; bG1[1] = gN1; bD[1] = gtdNew;
              break;
            }
            const minStep = st + 0.01 * (st - tPrev), maxStep = st * 10, previous = st;
            st = cubicMin(tPrev, fPrev, gtdPrev, st, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            gP0 = gN0;
            gP1 = gN1;
            gtdPrev = gtdNew;
            px = x + st * d0;
            py = y + st * d1;
            pr = py - px * px;
            pa = 1 - px;
            fNew = pa * pa + 100 * pr * pr;
            gN0 = -2 * (1 - px) - 400 * px * pr;
            gN1 = 200 * pr;
            lsEvals++;
            gtdNew = gN0 * d0 + gN1 * d1;
            lsIter++;
          }
          if (lsIter === 25) {
            bT[0] = 0; bF[0] = f; bG0[0] = g0; bG1[0] = g1;
            bT[1] = st; bF[1] = fNew; bG0[1] = gN0; bG1[1] = gN1;
          }
          // Zoom: shrink the bracket until a point satisfies the conditions.
          let insufficientProgress = false;
          let low = single || bF[0] <= bF[1] ? 0 : 1, high = 1 - low;
          while (!done && lsIter < 25) {
            if (Math.abs(bT[1] - bT[0]) * dNorm < toleranceChange) break;
            st = cubicMin(bT[0], bF[0], bD[0], bT[1], bF[1], bD[1], bT[0] <= bT[1] ? bT[0] : bT[1], bT[0] <= bT[1] ? bT[1] : bT[0]);
            const top = Math.max(bT[0], bT[1]), bottom = Math.min(bT[0], bT[1]);
            const eps = 0.1 * (top - bottom);
            if (Math.min(top - st, st - bottom) < eps) {
              if (insufficientProgress || st >= top || st <= bottom) {
                st = Math.abs(st - top) < Math.abs(st - bottom) ? top - eps : bottom + eps;
                insufficientProgress = false;
              } else insufficientProgress = true;
            } else insufficientProgress = false;
            px = x + st * d0;
            py = y + st * d1;
            pr = py - px * px;
            pa = 1 - px;
            fNew = pa * pa + 100 * pr * pr;
            gN0 = -2 * (1 - px) - 400 * px * pr;
            gN1 = 200 * pr;
            lsEvals++;
            gtdNew = gN0 * d0 + gN1 * d1;
            lsIter++;
            if (fNew > f + 1e-4 * st * gtd || fNew >= bF[low]) {
              bT[high] = st; bF[high] = fNew; bG0[high] = gN0; bG1[high] = gN1; bD[high] = gtdNew;
              low = bF[0] <= bF[1] ? 0 : 1;
              high = 1 - low;
            } else {
              if (Math.abs(gtdNew) <= -0.9 * gtd) done = true;
              else if (gtdNew * (bT[high] - bT[low]) >= 0) {
                bT[high] = bT[low]; bF[high] = bF[low]; bG0[high] = bG0[low]; bG1[high] = bG1[low]; bD[high] = bD[low];
              }
              bT[low] = st; bF[low] = fNew; bG0[low] = gN0; bG1[low] = gN1; bD[low] = gtdNew;
            }
          }
          loss = bF[low];
          fg0 = bG0[low];
          fg1 = bG1[low];
          tt = bT[low];
          x += tt * d0;
          y += tt * d1;
          optCond = Math.max(Math.abs(fg0), Math.abs(fg1)) <= toleranceGrad;
        } else {
          x += tt * d0;
          y += tt * d1;
          if (nIter !== maxIter) {
            const a = 1 - x, b = y - x * x;
            loss = a * a + 100 * b * b;
            fg0 = -2 * (1 - x) - 400 * x * b;
            fg1 = 200 * b;
            optCond = Math.max(Math.abs(fg0), Math.abs(fg1)) <= toleranceGrad;
            lsEvals = 1;
          }
        }
        currentEvals += lsEvals;
        evaluations += lsEvals;
        if (nIter === maxIter || currentEvals >= maxEval || optCond) break;
        if (Math.abs(d0 * tt) <= toleranceChange && Math.abs(d1 * tt) <= toleranceChange) break;
        if (Math.abs(loss - prevLoss) < toleranceChange) break;
      }
      const a = 1 - x, b = y - x * x, l = a * a + 100 * b * b;
      evaluations++;
      xs[t] = x;
      ys[t] = y;
      ls[t] = l;
      if (!(x >= xLo && x <= xHi && y >= yLo && y <= yHi && l - l === 0)) {
        divergedAt = t;
        break;
      }
    }
    return result(xs, ys, ls, divergedAt, convergedAt, evaluations);
  };
}

/** The whole-vector rules' hand-written loops by preset id, given the resolved options and the divergence bounds. */
export const wholeInlined: Record<string, (h: H, bounds: Bounds) => InlinedRun> = {
  lbfgs,
  adafactor,
  newton: newton(false),
  'saddle-free-newton': newton(true),
  sam,
};
