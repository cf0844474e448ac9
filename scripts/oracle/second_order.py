#!/usr/bin/env python3
"""Independent oracle for the second-order and closure-based rules: tests/unit/second-order-cases.ts.

Re-derives, in exact-ish arithmetic (Decimal, 60 significant digits; hyperparameters and torch's
own constants taken as the exact binary value of their float64 literal), five rules, each from
the reference named at its function, and writes the expected values of each case into
tests/unit/second-order-cases.ts as literals (between the <oracle:cases> markers):

  * lbfgs               torch.optim.LBFGS (torch/optim/lbfgs.py; 2.x and Debian's 1.13 read side
                        by side: the same algorithm, see torch-lbfgs.py), one trajectory step =
                        one LBFGS.step(closure) call, torch's state carried from call to call
  * adafactor           torch.optim.Adafactor (torch 2.5+, torch/optim/_adafactor.py,
                        _single_tensor_adafactor), the 1-D (vector) branch
  * newton              p -= lr (H + damping I)^-1 g, H the exact Hessian
  * saddle-free-newton  p -= lr V diag(1 / (|lambda_i| + damping)) V^T g (Dauphin et al. 2014), H = V Lambda V^T
  * sam                 davda54/sam SAM.first_step / second_step (adaptive = ASAM) over
                        torch.optim.SGD's _single_tensor_sgd (torch 2.x; 1.13 identical here)

on the catalog's surfaces (quadratic 0.5 (x^2 + 10 y^2), rosenbrock, saddle, monkey-saddle,
himmelblau; gradients and Hessians derived by hand, evaluated exactly in Decimal).

It also checks (summary on stderr; an AssertionError on a failure):
  * float64 re-run vs exact: every emitted value (iterates, evaluated points, state), < 1e-11;
  * the same for float64 runs with one more rounding on every f, gradient and Hessian entry (8 seeds
    a case), which is how far another float64 implementation (torch, the library) can drift:
    < 1e-12 for points, < 1e-11 for state (cases that drift more were left out);
  * L-BFGS: every branch decision (tolerance exits, ys > 1e-10, Armijo / curvature tests of the
    strong-Wolfe search, d2_square >= 0, the cubic step's clamps, the insufficient-progress tests)
    is taken the same way in every float64 run as in exact arithmetic, and the smallest relative
    distance of such a decision from its tie (exact run) is > 1e-9;
  * mutants (deliberately wrong variants): each moves some emitted value by > 1e-9.

Usage: python3 scripts/oracle/second_order.py [tests/unit/second-order-cases.ts]
(any python3 >= 3.8; rewrites the block between the markers, or writes the whole file when it
does not exist yet)
"""
import math
import os
import random
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60

# mutants: names of deliberate formula errors, checked for sensitivity
MUT = set()
NOISY_RUNS = 8


class Arith:
    """exact: Decimal (60 digits); else float64. Records L-BFGS's branch decisions."""

    def __init__(self, exact):
        self.exact = exact
        self.log = []        # (decision name, outcome) in call order
        self.margins = []    # exact only: (name, relative distance from the tie, where)
        self.ties = []       # exact only: decisions whose two sides were equal (name, where)
        self.where = None

    def c(self, v):
        if isinstance(v, bool):
            return v
        return Decimal(v) if self.exact else float(v)

    def sqrt(self, v):
        return v.sqrt() if self.exact else math.sqrt(v)

    def pow(self, base, e):
        if self.exact:
            return Decimal(base) ** Decimal(e)
        return float(base) ** float(e)

    def cmp(self, name, a, op, b, scale=None):
        r = {'>': a > b, '>=': a >= b, '<': a < b, '<=': a <= b}[op]
        self.log.append((name, r))
        if self.exact:
            if a == b:
                self.ties.append((name, self.where))
            else:
                s = scale if scale is not None else max(abs(a), abs(b))
                self.margins.append((name, float(abs(a - b) / s), self.where))
        return r


# ---- surfaces: value, gradient, Hessian (a = f_xx, b = f_xy, c = f_yy) ---------------------------

def surf_quadratic(ar, x, y):
    half, ten = ar.c(0.5), ar.c(10)
    f = half * (x * x + ten * y * y)
    return f, [x, ten * y], (ar.c(1), ar.c(0), ten)


def surf_rosenbrock(ar, x, y):
    a = 1 - x
    b = y - x * x
    f = a * a + 100 * b * b
    g = [-2 * a - 400 * x * b, 200 * b]
    return f, g, (2 - 400 * y + 1200 * x * x, -400 * x, ar.c(200))


def surf_saddle(ar, x, y):
    return x * x - y * y, [2 * x, -2 * y], (ar.c(2), ar.c(0), ar.c(-2))


def surf_monkey(ar, x, y):
    f = x * (x * x - 3 * y * y)
    return f, [3 * x * x - 3 * y * y, -6 * x * y], (6 * x, -6 * y, -6 * x)


def surf_himmelblau(ar, x, y):
    a = x * x + y - 11
    b = x + y * y - 7
    f = a * a + b * b
    g = [4 * x * a + 2 * b, 2 * a + 4 * y * b]
    return f, g, (4 * a + 8 * x * x + 2, 4 * x + 4 * y, 4 * b + 8 * y * y + 2)


SURFACES = {'quadratic': surf_quadratic, 'rosenbrock': surf_rosenbrock, 'saddle': surf_saddle,
            'monkey-saddle': surf_monkey, 'himmelblau': surf_himmelblau}

DEFAULTS = {
    'lbfgs': dict(lr=1.0, maxIter=20, maxEval=0, toleranceGrad=1e-7, toleranceChange=1e-9, historySize=100,
                  strongWolfe=False),
    'adafactor': dict(lr=1e-2, beta2Decay=-0.8, eps1=2.220446049250313e-16, eps2=1e-3, d=1.0, weightDecay=0.0,
                      maximize=False),
    'newton': dict(lr=1.0, damping=0.0),
    'saddlefreenewton': dict(lr=1.0, damping=0.0),
    'sam': dict(lr=1e-3, rho=0.05, adaptive=False, momentum=0.0, dampening=0.0, weightDecay=0.0, nesterov=False),
}
PRESETS = {'lbfgs': 'lbfgs', 'adafactor': 'adafactor', 'newton': 'newton',
           'saddle-free-newton': 'saddlefreenewton', 'sam': 'sam'}


def resolve(preset, hyper):
    rule = PRESETS[preset]
    h = dict(DEFAULTS[rule])
    for k in hyper:
        assert k in h, (preset, k)
    h.update(hyper)
    return rule, h


def dot(u, v):
    return u[0] * v[0] + u[1] * v[1]


def amax(u):
    return max(abs(u[0]), abs(u[1]))


def sabs(u, v):
    """sum |u_i v_i|: the scale of dot(u, v) (for decision margins)"""
    return abs(u[0] * v[0]) + abs(u[1] * v[1])


# ---- L-BFGS -------------------------------------------------------------------------------------
# torch/optim/lbfgs.py (2.x; 1.13 the same algorithm), re-derived:
#   step(closure): evaluate at p (func_evals += 1); if max|g| <= tolerance_grad return at once
#   (state untouched). Else up to max_iter iterations (state n_iter counts over all calls):
#     direction: the very first iteration of the optimizer's life d = -g, memory empty,
#     H_diag = 1; later y = g - g_prev, s = d t, ys = y.s; if ys > 1e-10: (pop the oldest pair
#     when history_size pairs are held) append (y, s, 1/ys), H_diag = ys / y.y; then the two-loop
#     recursion q = -g, al_i = s_i.q ro_i, q -= al_i y_i (newest first), r = H_diag q,
#     r += (al_i - y_i.r ro_i) s_i (oldest first), d = r.
#     g_prev = g, loss_prev = loss; t = min(1, 1 / |g|_1) lr on the very first iteration, else lr;
#     gtd = g.d; if gtd > -tolerance_change: stop (p unmoved, d, t, g_prev stored).
#     strong_wolfe: (loss, g, t) = line search from p along d with initial step t
#     (c1 1e-4, c2 0.9, the search's own tolerance_change 1e-9, max_ls 25), p += t d.
#     none: p += t d; unless this is iteration max_iter, evaluate at p (loss, g).
#     stop when: n_iter == max_iter; evaluations of this call >= max_eval; max|g| <= tolerance_grad;
#     max|d t| <= tolerance_change; |loss - loss_prev| < tolerance_change.
#   state kept: d, t, memory, H_diag, g_prev, loss_prev, n_iter, func_evals.

def cubic_interpolate(ar, x1, f1, g1, x2, f2, g2, bounds=None):
    # minimiser of the cubic through (x1, f1, g1), (x2, f2, g2), clamped to the bounds (the
    # bracket when none are given); the bounds' midpoint when the cubic has no real minimiser
    if bounds is not None:
        lo, hi = bounds
    else:
        lo, hi = (x1, x2) if ar.cmp('cubic_order', x1, '<=', x2) else (x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1 * d1 - g1 * g2
    if ar.cmp('d2_square', d2_square, '>=', 0, max(d1 * d1, abs(g1 * g2))):
        d2 = ar.sqrt(d2_square)
        if x1 <= x2:
            min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        # min(max(min_pos, lo), hi), as Python's max / min pick
        v = lo if ar.cmp('cubic_clamp_lo', lo, '>', min_pos) else min_pos
        return hi if ar.cmp('cubic_clamp_hi', hi, '<', v) else v
    return (lo + hi) / 2


def strong_wolfe(ar, obj, x, t, d, f, g, gtd):
    c1 = ar.c(1e-4)
    c2 = ar.c(0.9) if 'lb_c2_01' not in MUT else ar.c(0.1)
    tol = ar.c(1e-9)          # _strong_wolfe's default: LBFGS.step passes no tolerance_change
    max_ls = 25
    d_norm = amax(d)
    f_new, g_new = obj(x, t, d)
    ls_evals = 1
    gtd_new = dot(g_new, d)
    t_prev, f_prev, g_prev, gtd_prev = ar.c(0), f, g, gtd
    done = False
    ls_iter = 0
    bracket = bracket_f = bracket_g = bracket_gtd = None
    while ls_iter < max_ls:
        armijo_fail = ar.cmp('armijo', f_new, '>', f + c1 * t * gtd, max(abs(f_new), abs(f), abs(c1 * t * gtd)))
        if armijo_fail or (ls_iter > 1 and ar.cmp('no_decrease', f_new, '>=', f_prev)):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
            break
        if ar.cmp('curvature', abs(gtd_new), '<=', -c2 * gtd, max(sabs(g_new, d), abs(c2 * gtd))):
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if ar.cmp('gtd_new_sign', gtd_new, '>=', 0, sabs(g_new, d)):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
            break
        # extrapolate: cubic step clamped to [t + 0.01 (t - t_prev), 10 t]
        min_step = t + ar.c(0.01) * (t - t_prev)
        max_step = t * 10
        tmp = t
        t = cubic_interpolate(ar, t_prev, f_prev, gtd_prev, t, f_new, gtd_new, bounds=(min_step, max_step))
        t_prev, f_prev, g_prev, gtd_prev = tmp, f_new, g_new, gtd_new
        f_new, g_new = obj(x, t, d)
        ls_evals += 1
        gtd_new = dot(g_new, d)
        ls_iter += 1
    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g = [ar.c(0), t], [f, f_new], [g, g_new]

    # zoom
    insuf_progress = False
    if len(bracket_f) == 1:
        low_pos, high_pos = 0, 1
    else:
        low_pos, high_pos = (0, 1) if ar.cmp('low_high', bracket_f[0], '<=', bracket_f[-1]) else (1, 0)
    while not done and ls_iter < max_ls:
        bmax = max(abs(bracket[0]), abs(bracket[1]))
        if ar.cmp('bracket_small', abs(bracket[1] - bracket[0]) * d_norm, '<', tol, max(bmax * d_norm, tol)):
            break
        t = cubic_interpolate(ar, bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1],
                              bracket_gtd[1])
        hi, lo = max(bracket), min(bracket)
        eps = ar.c(0.1) * (hi - lo)
        if ar.cmp('near_boundary', min(hi - t, t - lo), '<', eps, bmax):
            if (insuf_progress or ar.cmp('t_at_max', t, '>=', hi, bmax)
                    or ar.cmp('t_at_min', t, '<=', lo, bmax)):
                if ar.cmp('nearer_max', abs(t - hi), '<', abs(t - lo), bmax):
                    t = hi - eps
                else:
                    t = lo + eps
                insuf_progress = False
            else:
                insuf_progress = True
        else:
            insuf_progress = False
        f_new, g_new = obj(x, t, d)
        ls_evals += 1
        gtd_new = dot(g_new, d)
        ls_iter += 1
        armijo_fail = ar.cmp('armijo', f_new, '>', f + c1 * t * gtd, max(abs(f_new), abs(f), abs(c1 * t * gtd)))
        if armijo_fail or ar.cmp('not_lower', f_new, '>=', bracket_f[low_pos]):
            bracket[high_pos], bracket_f[high_pos] = t, f_new
            bracket_g[high_pos], bracket_gtd[high_pos] = g_new, gtd_new
            low_pos, high_pos = (0, 1) if ar.cmp('low_high', bracket_f[0], '<=', bracket_f[1]) else (1, 0)
        else:
            if ar.cmp('curvature', abs(gtd_new), '<=', -c2 * gtd, max(sabs(g_new, d), abs(c2 * gtd))):
                done = True
            elif ar.cmp('flip_bracket', gtd_new * (bracket[high_pos] - bracket[low_pos]), '>=', 0,
                        sabs(g_new, d) * abs(bracket[high_pos] - bracket[low_pos])):
                bracket[high_pos], bracket_f[high_pos] = bracket[low_pos], bracket_f[low_pos]
                bracket_g[high_pos], bracket_gtd[high_pos] = bracket_g[low_pos], bracket_gtd[low_pos]
            bracket[low_pos], bracket_f[low_pos] = t, f_new
            bracket_g[low_pos], bracket_gtd[low_pos] = g_new, gtd_new
    return bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_evals


def lbfgs_step(ar, h, st, p, surf, evals):
    """One LBFGS.step(closure) call from p; returns the new p. evals collects the points of every
    closure call after the first (which is at p)."""
    lr = ar.c(h['lr'])
    max_iter = h['maxIter']
    max_eval = h['maxEval'] if h['maxEval'] else max_iter * 5 // 4
    if 'lb_max_eval_iter' in MUT and not h['maxEval']:
        max_eval = max_iter              # maxEval 0 read as maxIter
    if 'lb_no_max_eval' in MUT and not h['maxEval']:
        max_eval = math.inf              # maxEval 0 read as no limit
    tol_grad, tol_change = ar.c(h['toleranceGrad']), ar.c(h['toleranceChange'])
    history_size = h['historySize']

    def closure(q):
        f, g, _ = surf(ar, q[0], q[1])
        return f, g

    if 'lb_reset_each_call' in MUT:
        st['n_iter'] = 0
    loss, g = closure(p)
    current_evals = 1
    st['func_evals'] += 1
    opt_cond = ar.cmp('opt_cond', amax(g), '<=', tol_grad)
    if opt_cond:
        return p          # torch returns before touching its state (n_iter, d, t, ... unchanged)
    d, t = st.get('d'), st.get('t')
    old_dirs, old_stps, ro = st.get('old_dirs'), st.get('old_stps'), st.get('ro')
    H_diag, prev_g, prev_loss = st.get('H_diag'), st.get('prev_g'), st.get('prev_loss')
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        st['n_iter'] += 1
        if st['n_iter'] == 1:
            d = [-g[0], -g[1]]
            old_dirs, old_stps, ro = [], [], []
            H_diag = ar.c(1)
        else:
            y = [g[0] - prev_g[0], g[1] - prev_g[1]]
            s = [d[0] * t, d[1] * t]
            ys = dot(y, s)
            if ar.cmp('ys', ys, '>', ar.c(1e-10), max(sabs(y, s), ar.c(1e-10))):
                if len(old_dirs) == history_size and 'lb_no_pop' not in MUT:
                    old_dirs.pop(0)
                    old_stps.pop(0)
                    ro.pop(0)
                old_dirs.append(y)
                old_stps.append(s)
                ro.append(1 / ys)
                if 'lb_hdiag_fixed' not in MUT:
                    H_diag = ys / dot(y, y)
            num_old = len(old_dirs)
            al = [None] * num_old
            q = [-g[0], -g[1]]
            for i in range(num_old - 1, -1, -1):
                al[i] = dot(old_stps[i], q) * ro[i]
                q = [q[0] + (-al[i]) * old_dirs[i][0], q[1] + (-al[i]) * old_dirs[i][1]]
            r = [q[0] * H_diag, q[1] * H_diag]
            for i in range(num_old):
                be_i = dot(old_dirs[i], r) * ro[i]
                r = [r[0] + (al[i] - be_i) * old_stps[i][0], r[1] + (al[i] - be_i) * old_stps[i][1]]
            d = r
        prev_g = list(g)
        prev_loss = loss
        if st['n_iter'] == 1 and 'lb_t_first_lr' not in MUT:
            inv = 1 / (abs(g[0]) + abs(g[1]))
            t = (inv if ar.cmp('first_t', inv, '<', ar.c(1)) else ar.c(1)) * lr
        else:
            t = lr
        gtd = dot(g, d)
        if ar.cmp('gtd', gtd, '>', -tol_change, max(sabs(g, d), tol_change)):
            break
        ls_evals = 0
        if h['strongWolfe']:
            x_init = list(p)

            def obj(x, tt, dd):
                q = [x[0] + tt * dd[0], x[1] + tt * dd[1]]
                evals.append(q)
                return closure(q)

            loss, g, t, ls_evals = strong_wolfe(ar, obj, x_init, t, d, loss, g, gtd)
            p = [x_init[0] + t * d[0], x_init[1] + t * d[1]]
            opt_cond = ar.cmp('opt_cond', amax(g), '<=', tol_grad)
        else:
            p = [p[0] + t * d[0], p[1] + t * d[1]]
            if n_iter != max_iter or 'lb_reeval_last' in MUT:
                loss, g = closure(p)
                evals.append(p)
                opt_cond = ar.cmp('opt_cond', amax(g), '<=', tol_grad)
                ls_evals = 1
        current_evals += ls_evals
        st['func_evals'] += ls_evals
        if n_iter == max_iter:
            break
        if (current_evals > max_eval) if 'lb_eval_gt' in MUT else (current_evals >= max_eval):
            break
        if opt_cond:
            break
        if ar.cmp('change_p', amax([d[0] * t, d[1] * t]), '<=', tol_change):
            break
        if ar.cmp('change_f', abs(loss - prev_loss), '<', tol_change, max(abs(loss), abs(prev_loss), tol_change)):
            break
    st.update(d=d, t=t, old_dirs=old_dirs, old_stps=old_stps, ro=ro, H_diag=H_diag, prev_g=prev_g,
              prev_loss=prev_loss)
    return p


def run_lbfgs(ar, h, surf, p, steps, out):
    st = {'func_evals': 0, 'n_iter': 0}
    for k in range(1, steps + 1):
        ar.where = k
        ev = []
        p = lbfgs_step(ar, h, st, p, surf, ev)
        out['x'].append(p[0])
        out['y'].append(p[1])
        out['evals'].append([v for q in ev for v in q])
    assert 'd' in st, 'no iteration ran: torch has no d / t / H_diag state'
    out['state'] = dict(d=list(st['d']), t=st['t'], H_diag=st['H_diag'], n_iter=st['n_iter'],
                        func_evals=st['func_evals'])


# ---- Adafactor (vector case) ---------------------------------------------------------------------
# torch/optim/_adafactor.py, _single_tensor_adafactor, 1-D branch (torch 2.5+), re-derived:
#   g = -grad if maximize; t += 1; w = t^beta2_decay (the lerp weight, "one_minus_beta2_t");
#   rho = min(lr, 1 / sqrt(t)); alpha = max(eps2, ||p||_2 / sqrt(n)) rho   [p before the decay];
#   if wd != 0: p *= 1 - lr wd;  v = lerp(v, g*g, w);  u = g / sqrt(max(v, eps1^2));
#   p -= alpha / max(1, RMS(u) / d) u.

def lerp(ar, a, b, w):
    if ar.exact:
        return a + w * (b - a)
    # torch's CPU lerp: a + w (b - a) for |w| < 0.5, else b - (b - a)(1 - w)
    return a + w * (b - a) if abs(w) < 0.5 else b - (b - a) * (1 - w)


def run_adafactor(ar, h, surf, p, steps, out):
    lr, tau, eps1, eps2, dd, wd = (ar.c(h[k]) for k in ('lr', 'beta2Decay', 'eps1', 'eps2', 'd', 'weightDecay'))
    n = ar.c(2)
    v = [ar.c(0), ar.c(0)]
    out['variance'] = []
    for t in range(1, steps + 1):
        _, g, _ = surf(ar, p[0], p[1])
        if h['maximize']:
            g = [-g[0], -g[1]]
        w = ar.pow(ar.c(t), tau)
        if 'af_lerp_1m' in MUT:
            w = 1 - w
        inv_sqrt_t = 1 / ar.sqrt(ar.c(t))
        rho = inv_sqrt_t if 'af_rho_no_lr' in MUT else min(lr, inv_sqrt_t)
        rms_p = ar.sqrt(p[0] * p[0] + p[1] * p[1]) / ar.sqrt(n)
        if h['weightDecay'] != 0:
            p = [q * (1 - lr * wd) for q in p]
            if 'af_rms_after_wd' in MUT:
                rms_p = ar.sqrt(p[0] * p[0] + p[1] * p[1]) / ar.sqrt(n)
        alpha = max(eps2, rms_p) * rho
        v = [lerp(ar, v[i], g[i] * g[i], w) for i in range(2)]
        floor = eps1 if 'af_eps1_not_squared' in MUT else eps1 * eps1
        u = [(1 / ar.sqrt(max(v[i], floor))) * g[i] for i in range(2)]
        rms_u = ar.sqrt(u[0] * u[0] + u[1] * u[1]) / (ar.sqrt(n) * dd)
        denom = ar.c(1) if 'af_no_clip' in MUT else max(ar.c(1), rms_u)
        p = [p[i] - (alpha / denom) * u[i] for i in range(2)]
        out['x'].append(p[0])
        out['y'].append(p[1])
        out['variance'] += v


# ---- Newton and saddle-free Newton ---------------------------------------------------------------

def run_newton(ar, h, surf, p, steps, out):
    lr, dmp = ar.c(h['lr']), ar.c(h['damping'])
    for t in range(1, steps + 1):
        _, g, (a, b, c) = surf(ar, p[0], p[1])
        if 'newton_no_offdiag' in MUT:
            b = 0 * b
        A = a + dmp
        C = c + (0 if 'newton_damp_one_diag' in MUT else dmp)
        det = A * C - b * b
        step = [(C * g[0] - b * g[1]) / det, (A * g[1] - b * g[0]) / det]
        if 'newton_no_lr' in MUT:
            lr = ar.c(1)
        p = [p[0] - lr * step[0], p[1] - lr * step[1]]
        out['x'].append(p[0])
        out['y'].append(p[1])


def run_sfn(ar, h, surf, p, steps, out):
    # H = [[a, b], [b, c]] has eigenvalues m +- r, m = (a + c) / 2, r = sqrt(((a - c) / 2)^2 + b^2),
    # and spectral projectors P+ = (H - l- I) / (2 r), P- = (l+ I - H) / (2 r) (P+ + P- = I), so
    # V diag(phi(l)) V^T = phi(l+) P+ + phi(l-) P-, phi(l) = 1 / (|l| + damping); r = 0: phi(m) I.
    lr, dmp = ar.c(h['lr']), ar.c(h['damping'])
    for t in range(1, steps + 1):
        _, g, (a, b, c) = surf(ar, p[0], p[1])
        m = (a + c) / 2
        r = ar.sqrt(((a - c) / 2) ** 2 + b * b)
        # the eigenvalue of the larger magnitude as m +- r, the other as det / it (the same in exact
        # arithmetic; in float64 m - r would lose digits when |det| << m^2)
        if r != 0:
            if m >= 0:
                lp = m + r
                lm = (a * c - b * b) / lp
            else:
                lm = m - r
                lp = (a * c - b * b) / lm

        def phi(lam):
            if 'sfn_no_abs' in MUT:
                return 1 / (lam + dmp)
            if 'sfn_damp_in_abs' in MUT:
                return 1 / abs(lam + dmp)
            return 1 / (abs(lam) + dmp)

        if r == 0:
            step = [phi(m) * g[0], phi(m) * g[1]]
        else:
            fp, fm = phi(lp), phi(lm)
            if 'sfn_eig_swapped' in MUT:      # each eigenvalue paired with the other's eigenvector
                fp, fm = fm, fp
            # M = fp (H - lm I) / (2r) + fm (lp I - H) / (2r)
            m11 = (fp * (a - lm) + fm * (lp - a)) / (2 * r)
            m22 = (fp * (c - lm) + fm * (lp - c)) / (2 * r)
            m12 = (fp - fm) * b / (2 * r)
            step = [m11 * g[0] + m12 * g[1], m12 * g[0] + m22 * g[1]]
        p = [p[0] - lr * step[0], p[1] - lr * step[1]]
        out['x'].append(p[0])
        out['y'].append(p[1])


# ---- SAM over SGD --------------------------------------------------------------------------------
# davda54/sam, sam.py (current): first_step: gn = || (|p| if adaptive else 1) * grad ||_2,
# scale = rho / (gn + 1e-12), e = (p^2 if adaptive else 1) * grad * scale, p += e (old p kept);
# [closure: grad at p + e]; second_step: p = old p, base optimizer step with that grad.
# torch.optim.SGD, _single_tensor_sgd (2.x; 1.13 the same for these options): d = g + wd p;
# momentum: buf = clone(d) on the first step, else buf = mu buf + (1 - dampening) d;
# d = d + mu buf if nesterov else buf; p -= lr d.

def run_sam(ar, h, surf, p, steps, out):
    lr, rho, mom, damp, wd = (ar.c(h[k]) for k in ('lr', 'rho', 'momentum', 'dampening', 'weightDecay'))
    buf = None
    if h['momentum'] != 0:
        out['momentumBuffer'] = []
    for t in range(1, steps + 1):
        _, g, _ = surf(ar, p[0], p[1])
        if h['adaptive']:
            if 'sam_norm_p2' in MUT:
                wg = [p[i] * p[i] * g[i] for i in range(2)]
            else:
                wg = [abs(p[i]) * g[i] for i in range(2)]
        else:
            wg = list(g)
        gn = ar.sqrt(wg[0] * wg[0] + wg[1] * wg[1])
        scale = rho / (gn + ar.c(1e-12))
        if h['adaptive']:
            if 'sam_e_abs' in MUT:
                e = [abs(p[i]) * g[i] * scale for i in range(2)]
            else:
                e = [p[i] * p[i] * g[i] * scale for i in range(2)]
        else:
            e = [g[i] * scale for i in range(2)]
        pe = [p[0] + e[0], p[1] + e[1]]
        out['evals'].append(list(pe))
        if 'sam_grad_at_p' in MUT:
            g2 = g
        else:
            _, g2, _ = surf(ar, pe[0], pe[1])
        base = pe if 'sam_no_restore' in MUT else p
        dp = list(g2)
        if h['weightDecay'] != 0:
            dp = [dp[i] + wd * base[i] for i in range(2)]
        if h['momentum'] != 0:
            if buf is None and 'sgd_damp_first' not in MUT:
                buf = list(dp)
            else:
                buf = buf or [ar.c(0), ar.c(0)]
                buf = [mom * buf[i] + (1 - damp) * dp[i] for i in range(2)]
            if h['nesterov'] and 'sgd_nesterov_ignored' not in MUT:
                dp = [dp[i] + mom * buf[i] for i in range(2)]
            else:
                dp = list(buf)
            out['momentumBuffer'] += buf
        p = [base[i] - lr * dp[i] for i in range(2)]
        out['x'].append(p[0])
        out['y'].append(p[1])


RUN = dict(lbfgs=run_lbfgs, adafactor=run_adafactor, newton=run_newton, saddlefreenewton=run_sfn, sam=run_sam)


def noisy(surf, rng):
    """the surface with every value, gradient and Hessian entry times 1 + U(-1, 1) 2^-52 (float64 only):
    the rounding of another float64 implementation, to estimate how far such a one can drift"""
    def f(ar, x, y):
        v, g, hs = surf(ar, x, y)
        k = lambda w: w * (1 + rng.uniform(-1, 1) * 2.0 ** -52)
        return k(v), [k(g[0]), k(g[1])], tuple(k(w) for w in hs)
    return f


def run(preset, hyper, surface, start, steps, exact=True, ar=None, rng=None):
    """{'x': [x_0 .. x_steps], 'y': [...], 'evals': [[...] per step] (lbfgs, sam), 'state': {...}
    (lbfgs, after the last step), 'variance' / 'momentumBuffer' (flat pairs, one per step)}"""
    ar = ar or Arith(exact)
    rule, h = resolve(preset, hyper)
    p = [ar.c(start[0]), ar.c(start[1])]
    out = dict(x=[p[0]], y=[p[1]], evals=[])
    surf = SURFACES[surface] if rng is None else noisy(SURFACES[surface], rng)
    RUN[rule](ar, h, surf, p, steps, out)
    if rule not in ('lbfgs', 'sam'):
        del out['evals']
    return out


# ---- the cases ---------------------------------------------------------------------------------------
# (preset, hyper, surface, start, steps, mutants that must be detected, note)
Q0 = (-3.0, 2.0)
R0 = (-1.2, 1.0)
H0 = (-0.5, 0.3)
S0 = (1.8, 0.05)
M0 = (1.6, 0.05)
CASES = [
    # L-BFGS ------------------------------------------------------------------------------------------
    ('lbfgs', dict(maxIter=1), 'rosenbrock', R0, 6, ['lb_t_first_lr', 'lb_hdiag_fixed', 'lb_reset_each_call'],
     'maxIter 1: one direction and one fixed step per call (t_1 = min(1, 1/|g|_1) lr, then lr); no evaluation '
     'besides the call\'s first; the memory carried from call to call'),
    ('lbfgs', dict(maxIter=2), 'rosenbrock', R0, 5, ['lb_no_max_eval', 'lb_hdiag_fixed'],
     'maxIter 2: maxEval = 2 * 5 // 4 = 2, so each call stops after one iteration and its re-evaluation'),
    ('lbfgs', dict(maxIter=5, lr=0.5), 'rosenbrock', R0, 4, ['lb_max_eval_iter', 'lb_t_first_lr'],
     'maxIter 5 (maxEval 6), lr 0.5: five fixed steps per call, re-evaluated after all but the last'),
    ('lbfgs', dict(maxIter=5, lr=0.5, historySize=2), 'rosenbrock', R0, 3, ['lb_no_pop', 'lb_hdiag_fixed'],
     'historySize 2: the oldest (y, s) pair dropped from the third update on'),
    ('lbfgs', dict(maxIter=5, lr=0.5, historySize=1), 'rosenbrock', R0, 2, ['lb_no_pop'],
     'historySize 1: one pair kept'),
    ('lbfgs', dict(maxIter=5, lr=0.5, historySize=1), 'himmelblau', H0, 3, ['lb_no_pop', 'lb_hdiag_fixed'],
     'historySize 1 on Himmelblau'),
    ('lbfgs', dict(maxIter=5, lr=0.5, maxEval=3), 'rosenbrock', R0, 4, ['lb_eval_gt', 'lb_hdiag_fixed'],
     'maxEval 3: two iterations per call (evaluations 1 + 2 reach 3)'),
    ('lbfgs', dict(maxIter=4, lr=0.25), 'himmelblau', H0, 4, ['lb_hdiag_fixed', 'lb_reeval_last'],
     'Himmelblau, fixed steps of 0.25'),
    ('lbfgs', {}, 'himmelblau', H0, 3, ['lb_t_first_lr', 'lb_hdiag_fixed'],
     'defaults (maxIter 20, no line search, lr 1): 19 re-evaluations per call; ys <= 1e-10 skips memory updates'),
    ('lbfgs', dict(toleranceChange=0.01), 'himmelblau', H0, 3, ['lb_hdiag_fixed', 'lb_t_first_lr'],
     'toleranceChange 0.01: each call stops once max|d t| <= 0.01'),
    ('lbfgs', dict(toleranceChange=0.5), 'himmelblau', H0, 3, ['lb_t_first_lr'],
     'toleranceChange 0.5: from the fourth iteration g.d > -0.5, so the call stops before moving, and every '
     'later call too (same point, y = 0: no memory update, the same direction)'),
    ('lbfgs', dict(maxIter=2, lr=0.5), 'quadratic', (0.3, 0.05), 4, ['lb_hdiag_fixed'],
     '|g|_1 = 0.8 < 1: the first step is t = min(1, 1/0.8) lr = lr'),
    ('lbfgs', dict(toleranceGrad=1.0, maxIter=5, lr=0.5), 'quadratic', Q0, 4, ['lb_t_first_lr'],
     'toleranceGrad 1: a call stops once max|g| <= 1 after a re-evaluation; the next call returns at once '
     '(p unmoved, func_evals + 1, state untouched)'),
    ('lbfgs', dict(lr=0.5), 'rosenbrock', R0, 1, ['lb_t_first_lr', 'lb_hdiag_fixed'],
     'maxIter 20 (maxEval 25), no line search, lr 0.5: 19 re-evaluations (a second call would be '
     'ill-conditioned: float64 runs drift ~1e-12 from exact)'),
    ('lbfgs', dict(strongWolfe=True), 'rosenbrock', (-1.0, -1.0), 1, ['lb_c2_01', 'lb_hdiag_fixed', 'lb_t_first_lr'],
     'strong Wolfe, defaults, from (-1, -1): the call stops at maxEval 25 (24 trial points); one cubic step '
     'without a real minimiser (d2_square < 0: the midpoint of the bounds), one trial with g.d >= 0. (From '
     '(-1.2, 1) the same call is ill-conditioned: float64 runs differ from exact by ~1e-12 in d)'),
    ('lbfgs', dict(strongWolfe=True, maxEval=4), 'rosenbrock', R0, 4, ['lb_c2_01', 'lb_eval_gt'],
     'strong Wolfe, maxEval 4: three single-trial line searches per call'),
    ('lbfgs', dict(strongWolfe=True, maxIter=1), 'rosenbrock', R0, 8, ['lb_c2_01', 'lb_reset_each_call'],
     'strong Wolfe, one line search per call'),
    ('lbfgs', dict(strongWolfe=True, maxIter=2), 'rosenbrock', R0, 6, ['lb_c2_01', 'lb_hdiag_fixed'],
     'strong Wolfe, maxIter 2 (maxEval 2: one line search per call)'),
    ('lbfgs', dict(strongWolfe=True, maxIter=5, historySize=2), 'rosenbrock', R0, 3, ['lb_no_pop', 'lb_c2_01'],
     'strong Wolfe, historySize 2'),
    ('lbfgs', dict(strongWolfe=True, maxIter=3, lr=10.0), 'rosenbrock', R0, 3, ['lb_t_first_lr', 'lb_c2_01'],
     'strong Wolfe, lr 10: the first trial of a search is 10 (Armijo fails; zoom; a cubic step near the '
     'bracket end marks insufficient progress)'),
    ('lbfgs', dict(strongWolfe=True, maxIter=3), 'rosenbrock', (0.0, 0.0), 3, ['lb_c2_01', 'lb_hdiag_fixed'],
     'strong Wolfe from (0, 0): a trial with g.d >= 0 closes the bracket, its higher end first'),
    ('lbfgs', dict(strongWolfe=True, lr=0.1, maxIter=10), 'rosenbrock', (-3.5, 1.5), 2, ['lb_c2_01', 'lb_t_first_lr'],
     'strong Wolfe, lr 0.1: extrapolation (trial steps clamped to 10 t), cubic steps without a real minimiser '
     '(the midpoint of [t + 0.01 (t - t_prev), 10 t])'),
    ('lbfgs', dict(strongWolfe=True, maxIter=3), 'himmelblau', (1.0, -1.0), 3, ['lb_c2_01', 'lb_hdiag_fixed'],
     'Himmelblau, strong Wolfe'),
    ('lbfgs', dict(strongWolfe=True, lr=50.0, maxIter=4), 'himmelblau', (-4.0, 0.5), 2, ['lb_c2_01'],
     'strong Wolfe, lr 50: a zoom trial satisfying Armijo but not below the bracket\'s low end'),
    ('lbfgs', dict(strongWolfe=True, toleranceGrad=0.1), 'himmelblau', (1.0, -1.0), 3, ['lb_hdiag_fixed', 'lb_c2_01'],
     'toleranceGrad 0.1: the first call ends with max|g| <= 0.1; the later calls return at once'),
    ('lbfgs', dict(strongWolfe=True, toleranceChange=0.02), 'rosenbrock', (-1.0, -1.0), 3,
     ['lb_hdiag_fixed', 'lb_c2_01'],
     'strong Wolfe, toleranceChange 0.02: a call stops on |loss - prev_loss| < 0.02 while max|d t| > 0.02 '
     '(the line search keeps its own tolerance_change 1e-9)'),
    ('lbfgs', dict(lr=0.5, toleranceChange=0.0032), 'himmelblau', (1.0, -1.0), 3, ['lb_hdiag_fixed', 'lb_t_first_lr'],
     'no line search, toleranceChange 0.0032: the exits on |loss - prev_loss|, max|d t| and g.d'),

    # Adafactor ----------------------------------------------------------------------------------------
    ('adafactor', {}, 'quadratic', Q0, 10, ['af_lerp_1m', 'af_rho_no_lr'],
     'defaults: lr 1e-2, beta2Decay -0.8, eps (eps64, 1e-3), d 1: alpha = RMS(p) min(lr, 1/sqrt(t))'),
    ('adafactor', dict(lr=0.5), 'rosenbrock', R0, 10, ['af_lerp_1m', 'af_rho_no_lr', 'af_no_clip'],
     'lr 0.5: rho_t = 0.5 until t = 4, then 1/sqrt(t); v_t = lerp(v, g^2, t^-0.8)'),
    ('adafactor', dict(lr=0.5, beta2Decay=-0.3), 'himmelblau', H0, 10, ['af_lerp_1m', 'af_no_clip'],
     'beta2Decay -0.3: lerp weight t^-0.3'),
    ('adafactor', dict(lr=0.3, eps1=0.1), 'quadratic', (-3.0, 0.004), 10, ['af_eps1_not_squared'],
     'eps1 0.1: v_y = (10 y)^2 < eps1^2, so u_y = g_y / eps1'),
    ('adafactor', dict(lr=0.3, eps2=0.5), 'quadratic', (0.3, -0.2), 10, ['af_lerp_1m'],
     'eps2 0.5 > RMS(p): alpha = 0.5 rho'),
    ('adafactor', dict(lr=0.2, maximize=True, d=1.3), 'quadratic', (-1.0, 0.5), 10, ['af_no_clip', 'af_lerp_1m'],
     'd 1.3: RMS(u) grows as the run climbs; the update is divided by RMS(u) / 1.3 from t = 6'),
    ('adafactor', dict(lr=0.3), 'saddle', S0, 10, ['af_no_clip'], 'd 1: clipped at every step from t = 2'),
    ('adafactor', dict(lr=0.2, weightDecay=0.5), 'quadratic', Q0, 10, ['af_rms_after_wd'],
     'weightDecay 0.5: p *= 1 - lr wd = 0.9 after alpha took RMS(p) (before the decay)'),
    ('adafactor', dict(lr=0.2, maximize=True), 'quadratic', (-1.0, 0.5), 10, ['af_lerp_1m', 'af_no_clip'],
     'maximize: g = -grad; clipped (d 1) from t = 2'),
    ('adafactor', dict(lr=0.1, maximize=True, weightDecay=0.2, beta2Decay=-0.5, d=2.0, eps2=0.01), 'himmelblau',
     H0, 10, ['af_rms_after_wd', 'af_lerp_1m'], 'all options at once'),

    # Newton ------------------------------------------------------------------------------------------
    ('newton', {}, 'quadratic', Q0, 2, [], 'lr 1 on a quadratic: at the minimum in one step'),
    ('newton', dict(lr=0.5, damping=0.5), 'quadratic', Q0, 5, ['newton_no_lr', 'newton_damp_one_diag'],
     'p -= 0.5 (H + 0.5 I)^-1 g'),
    ('newton', {}, 'saddle', S0, 2, [], 'pure Newton jumps onto the saddle point (0, 0)'),
    ('newton', dict(lr=0.7, damping=0.5), 'saddle', S0, 5, ['newton_damp_one_diag', 'newton_no_lr'],
     'H + 0.5 I = diag(2.5, -1.5): x shrinks, y still attracted'),
    ('newton', {}, 'monkey-saddle', M0, 5, ['newton_no_offdiag'],
     'f homogeneous of degree 3: H p = 2 g, so p_t = p / 2^t'),
    ('newton', dict(lr=0.7, damping=1.0), 'monkey-saddle', M0, 5, ['newton_damp_one_diag', 'newton_no_offdiag'],
     'damping 1'),
    ('newton', {}, 'rosenbrock', (0.0, 1.0), 5, ['newton_no_offdiag'],
     'pure Newton on Rosenbrock from (0, 1), where H is indefinite (f_xx = -398): to (1, 1) in four steps'),
    ('newton', dict(lr=0.5, damping=10.0), 'rosenbrock', R0, 6, ['newton_damp_one_diag', 'newton_no_lr'],
     'damping 10, lr 0.5'),

    # saddle-free Newton ---------------------------------------------------------------------------------
    ('saddle-free-newton', {}, 'quadratic', Q0, 2, [], 'H positive definite: Newton'),
    ('saddle-free-newton', dict(lr=0.5, damping=0.5), 'quadratic', Q0, 4, ['sfn_eig_swapped'],
     'p -= 0.5 V diag(1 / (|l| + 0.5)) V^T g (positive l: no mutant of the sign shows)'),
    ('saddle-free-newton', {}, 'saddle', S0, 4, ['sfn_no_abs'], '|H| = 2 I: x to 0 at once, y doubles every step'),
    ('saddle-free-newton', dict(lr=0.5, damping=0.5), 'saddle', S0, 5, ['sfn_no_abs', 'sfn_damp_in_abs'],
     'damping 0.5: 1 / 2.5 on both axes'),
    ('saddle-free-newton', {}, 'monkey-saddle', M0, 5, ['sfn_no_abs'],
     'eigenvalues +- 6 sqrt(x^2 + y^2): escapes along a valley'),
    ('saddle-free-newton', dict(lr=0.3, damping=2.0), 'monkey-saddle', M0, 5, ['sfn_no_abs', 'sfn_damp_in_abs'],
     'damping 2, lr 0.3'),
    ('saddle-free-newton', {}, 'rosenbrock', (-0.5, 0.5), 5, ['sfn_no_abs', 'sfn_eig_swapped'],
     'Rosenbrock from (-0.5, 0.5): H indefinite at the start'),
    ('saddle-free-newton', dict(lr=0.5, damping=10.0), 'rosenbrock', (0.0, 1.0), 6,
     ['sfn_damp_in_abs', 'sfn_eig_swapped'], 'damping 10, lr 0.5, from (0, 1) where f_xx = -398'),

    # SAM ------------------------------------------------------------------------------------------------
    ('sam', {}, 'quadratic', Q0, 4, ['sam_grad_at_p'], 'defaults: lr 1e-3, rho 0.05, plain SGD'),
    ('sam', dict(lr=0.05, rho=0.5), 'quadratic', Q0, 5, ['sam_grad_at_p', 'sam_no_restore'],
     'rho 0.5: e = 0.5 g / ||g||; the SGD step from p with grad(p + e)'),
    ('sam', dict(lr=0.05, rho=0.5, adaptive=True), 'quadratic', Q0, 5, ['sam_norm_p2', 'sam_e_abs'],
     'adaptive (ASAM): gn = || |p| g ||, e = p^2 g rho / gn'),
    ('sam', dict(lr=0.05, rho=0.2, momentum=0.9), 'quadratic', Q0, 5, ['sam_grad_at_p', 'sam_no_restore'],
     'momentum 0.9: buf_1 = d'),
    ('sam', dict(lr=0.05, rho=0.2, momentum=0.5, dampening=0.3), 'quadratic', Q0, 5, ['sgd_damp_first'],
     'dampening 0.3: buf_t = 0.5 buf + 0.7 d, not on the first step'),
    ('sam', dict(lr=0.05, rho=0.2, momentum=0.9, nesterov=True), 'quadratic', Q0, 5, ['sgd_nesterov_ignored'],
     'nesterov: d + mu buf'),
    ('sam', dict(lr=0.05, rho=0.2, weightDecay=0.3), 'quadratic', Q0, 5, ['sam_no_restore'],
     'weightDecay 0.3: d = grad(p + e) + 0.3 p (p restored first)'),
    ('sam', dict(lr=1e-3, rho=0.05), 'rosenbrock', R0, 5, ['sam_grad_at_p'], 'Rosenbrock'),
    ('sam', dict(lr=1e-3, rho=0.3, adaptive=True, momentum=0.8, dampening=0.1, weightDecay=0.1), 'rosenbrock', R0,
     5, ['sam_norm_p2', 'sam_e_abs', 'sgd_damp_first'], 'adaptive with momentum, dampening and decay'),
]


# ---- checks ------------------------------------------------------------------------------------------

def emitted(out):
    """(kind, value) pairs of everything written into the test file: 'pos' (iterates, evaluated
    points: compared relative above 1, absolute below) or 'state' (relative)."""
    pairs = [('pos', v) for v in out['x'] + out['y']]
    for e in out.get('evals', []):
        pairs += [('pos', v) for v in e]
    for k in ('variance', 'momentumBuffer'):
        pairs += [('state', v) for v in out.get(k, [])]
    if 'state' in out:
        s = out['state']
        pairs += [('state', v) for v in s['d'] + [s['t'], s['H_diag']]]
        pairs += [('int', s['n_iter']), ('int', s['func_evals'])]
    return pairs


def diff(a, b):
    """largest difference between two runs' emitted values: pos relative above 1 (absolute below),
    state relative; a different shape (number of evaluations) counts as inf."""
    pa, pb = emitted(a), emitted(b)
    shape = lambda o: [len(e) for e in o.get('evals', [])]
    if len(pa) != len(pb) or shape(a) != shape(b):
        return math.inf, math.inf      # another number of evaluations (see iterate_change)
    dpos = dstate = 0.0
    for (k, u), (_, v) in zip(pa, pb):
        u, v = float(u), float(v)
        if k == 'int':
            if u != v:
                return math.inf, math.inf
        elif k == 'pos':
            dpos = max(dpos, abs(u - v) / max(abs(v), 1.0))
        else:
            dstate = max(dstate, abs(u - v) / abs(v) if v != 0 else abs(u))
    return dpos, dstate


def iterate_change(a, b):
    return max(abs(float(u) - float(v)) / max(abs(float(v)), 1.0)
               for u, v in zip(a['x'] + a['y'], b['x'] + b['y']))


def check():
    worst_pos, worst_state = {}, {}
    noisy_pos, noisy_state = {}, {}
    where = {}
    margins, ties = [], {}
    mutant_max = {}
    n_by_rule = {}
    for preset, hyper, surface, start, steps, muts, note in CASES:
        rule = PRESETS[preset]
        n_by_rule[rule] = n_by_rule.get(rule, 0) + 1
        are, arf = Arith(True), Arith(False)
        ex = run(preset, hyper, surface, start, steps, ar=are)
        fl = run(preset, hyper, surface, start, steps, ar=arf)
        # same branches in float64 as in exact arithmetic
        assert are.log == arf.log, (preset, hyper, surface, 'float64 took another branch')
        dpos, dstate = diff(fl, ex)
        # and in float64 runs whose every f, gradient and Hessian entry carries one more rounding
        # (times 1 + U(-1, 1) 2^-52): how far another float64 implementation (torch's autograd, the
        # library's code) can drift from the exact values on this case
        for seed in range(NOISY_RUNS):
            arn = Arith(False)
            fn = run(preset, hyper, surface, start, steps, ar=arn, rng=random.Random(seed))
            assert arn.log == are.log, (preset, hyper, surface, seed, 'a perturbed float64 run took another branch')
            npos, nstate = diff(fn, ex)
            noisy_pos[rule] = max(noisy_pos.get(rule, 0.0), npos)
            noisy_state[rule] = max(noisy_state.get(rule, 0.0), nstate)
            assert npos < 1e-12 and nstate < 1e-11, (preset, hyper, surface, seed, npos, nstate)
        if dpos >= worst_pos.get(rule, 0.0):
            where[rule] = (preset, hyper, surface)
        worst_pos[rule] = max(worst_pos.get(rule, 0.0), dpos)
        worst_state[rule] = max(worst_state.get(rule, 0.0), dstate)
        assert dpos < 1e-11 and dstate < 1e-11, (preset, hyper, surface, dpos, dstate)
        margins += [(m, name, preset, hyper, surface, k) for name, m, k in are.margins]
        for name, k in are.ties:
            ties[name] = ties.get(name, 0) + 1
        for m in muts:
            MUT.clear()
            MUT.add(m)
            try:
                mo = run(preset, hyper, surface, start, steps)
            finally:
                MUT.clear()
            dp, ds = diff(mo, ex)
            d = max(dp, ds)
            di = iterate_change(mo, ex)
            extra = ' (another number of evaluations)' if d == math.inf else ''
            print(f'mutant {m:22s} {preset} {hyper} {surface}: max change {d:.3g}{extra}, '
                  f'iterates {di:.3g}', file=sys.stderr)
            assert d > 1e-9, (m, preset, hyper, surface, d)
            old = mutant_max.get(m, (0.0, 0.0))
            mutant_max[m] = (max(old[0], d), max(old[1], di))
    print(f'{len(CASES)} cases: ' + ', '.join(f'{r} {n}' for r, n in n_by_rule.items()), file=sys.stderr)
    print('float64 vs exact, worst (iterates and evaluated points, rel above 1 / abs below; state, rel):',
          file=sys.stderr)
    for r in worst_pos:
        print(f'  {r:17s} {worst_pos[r]:.3g} / {worst_state[r]:.3g}   (iterates worst on {where[r]})',
              file=sys.stderr)
    print(f'perturbed float64 runs ({NOISY_RUNS} per case; every f, gradient and Hessian entry times '
          f'1 + U(-1, 1) 2^-52), worst vs exact (same metrics); every decision as in exact:', file=sys.stderr)
    for r in noisy_pos:
        print(f'  {r:17s} {noisy_pos[r]:.3g} / {noisy_state[r]:.3g}', file=sys.stderr)
    margins.sort(key=lambda m: m[0])
    print('L-BFGS: every decision the same in float64 and exact; smallest relative margins:', file=sys.stderr)
    for m in margins[:5]:
        print(f'  {m[0]:.3g}  {m[1]} ({m[2]} {m[3]} {m[4]}, step {m[5]})', file=sys.stderr)
    low = {}
    for m in margins:
        low[m[1]] = min(low.get(m[1], math.inf), m[0])
    print('  per decision: ' + ', '.join(f'{k} {v:.2g}' for k, v in sorted(low.items())), file=sys.stderr)
    print(f'  exact ties (both sides equal, e.g. a clamped cubic step at the bracket end): {ties}',
          file=sys.stderr)
    assert margins[0][0] > 1e-9
    print('mutants, largest change of an emitted value (inf: another number of evaluations or of '
          'iterations) / of an iterate:\n  '
          + ', '.join(f'{m} {v:.3g} / {w:.3g}' for m, (v, w) in mutant_max.items()), file=sys.stderr)
    return dict(worst_pos=worst_pos, worst_state=worst_state, noisy_pos=noisy_pos, noisy_state=noisy_state,
                margins=margins, mutants=mutant_max)


# ---- emission ----------------------------------------------------------------------------------------

def num(v):
    v = float(v)
    assert math.isfinite(v)
    s = '%.17g' % v
    if s.startswith('-0') and v == 0:
        return '-0'
    return s


def ts_hyper(h):
    parts = []
    for k, v in h.items():
        parts.append(f'{k}: {"true" if v is True else "false" if v is False else repr(v)}')
    return '{ ' + ', '.join(parts) + ' }' if parts else '{}'


def emit_cases():
    out = []
    group = None
    for preset, hyper, surface, start, steps, muts, note in CASES:
        if preset != group:
            out.append(f'  // ---- {preset} ----')
            group = preset
        r = run(preset, hyper, surface, start, steps)
        out.append(f'  // {note}')
        out.append('  {')
        out.append(f"    optimizer: '{preset}', rule: '{PRESETS[preset]}', hyper: {ts_hyper(hyper)}, "
                   f"surface: '{surface}', start: [{repr(float(start[0]))}, {repr(float(start[1]))}], steps: {steps},")
        out.append('    x: [' + ', '.join(num(v) for v in r['x']) + '],')
        out.append('    y: [' + ', '.join(num(v) for v in r['y']) + '],')
        if 'evals' in r:
            out.append('    evals: [')
            for e in r['evals']:
                out.append('      [' + ', '.join(num(v) for v in e) + '],')
            out.append('    ],')
        if 'state' in r:
            s = r['state']
            out.append(f"    state: {{ d: [{num(s['d'][0])}, {num(s['d'][1])}], t: {num(s['t'])}, "
                       f"H_diag: {num(s['H_diag'])}, n_iter: {s['n_iter']}, func_evals: {s['func_evals']} }},")
        for k in ('variance', 'momentumBuffer'):
            if k in r:
                out.append(f'    {k}: [' + ', '.join(num(v) for v in r[k]) + '],')
        out.append('  },')
    return '\n'.join(out)


BEGIN = '// <oracle:cases>'
END = '// </oracle:cases>'

HEADER = '''/**
 * GENERATED by scripts/oracle/second_order.py (60-digit Decimal oracle, independent of this
 * library's code); do not edit the block between the markers by hand. To regenerate:
 *     python3 scripts/oracle/second_order.py
 * (that also checks float64 against exact arithmetic, L-BFGS's branch decisions and the
 * mutants; scripts/oracle/torch-lbfgs.py checks the L-BFGS cases against torch 1.13 itself).
 *
 * One case per object: optimizer (preset id) and rule (rule id), hyper (only the options that
 * differ from the defaults), surface (catalog id; 'quadratic' is f = 0.5 (x^2 + 10 y^2)), start,
 * steps, and
 *   x, y            the iterates x[0] .. x[steps] (x[0] = start);
 *   evals           (lbfgs, sam) one array per step: the points, flattened as x, y, x, y, ...,
 *                   where the step evaluated f and its gradient other than at the iterate it
 *                   started from (lbfgs: every closure call of that LBFGS.step() after its
 *                   first, in call order: the strong-Wolfe trial points x + t d, or the
 *                   re-evaluations at the inner iterates; sam: p + e);
 *   state           (lbfgs) torch's state after the last step: d, t, H_diag, n_iter, func_evals;
 *   variance        (adafactor) the second-moment vector after each step, flat pairs;
 *   momentumBuffer  (sam, momentum != 0) SGD's momentum buffer after each step, flat pairs.
 * Numbers are float64 values of the exact results, written with 17 significant digits.
 */
export interface SecondOrderCase {
  optimizer: 'lbfgs' | 'adafactor' | 'newton' | 'saddle-free-newton' | 'sam';
  rule: 'lbfgs' | 'adafactor' | 'newton' | 'saddlefreenewton' | 'sam';
  hyper: Record<string, number | boolean>;
  surface: 'quadratic' | 'rosenbrock' | 'saddle' | 'monkey-saddle' | 'himmelblau';
  start: [number, number];
  steps: number;
  x: number[];
  y: number[];
  evals?: number[][];
  state?: { d: [number, number]; t: number; H_diag: number; n_iter: number; func_evals: number };
  variance?: number[];
  momentumBuffer?: number[];
}

export const secondOrderCases: SecondOrderCase[] = [
'''


def write(path):
    block = emit_cases()
    if os.path.exists(path):
        text = open(path).read()
        i = text.index(BEGIN) + len(BEGIN)
        j = text.index(END)
        line_start = text.rindex('\n', 0, j) + 1
        text = text[:i] + '\n' + block + '\n' + text[line_start:]
    else:
        text = HEADER + '  ' + BEGIN + '\n' + block + '\n  ' + END + '\n];\n'
    open(path, 'w').write(text)


if __name__ == '__main__':
    check()
    write(sys.argv[1] if len(sys.argv) > 1 else 'tests/unit/second-order-cases.ts')
