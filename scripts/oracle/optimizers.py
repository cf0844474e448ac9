#!/usr/bin/env python3
"""Independent oracle for tests/unit/optimizers.test.ts.

Re-derives the torch.optim update rules (PyTorch 2.x documentation pseudo-code and the
single-tensor implementations) in exact-ish arithmetic (Decimal, 60 significant digits,
hyperparameters taken as the exact binary value of their float64 literal), runs each test case
for a few steps on the test quadratic f = 0.5 * (x^2 + 10 y^2), and writes the expected iterates
into the test file as literals. The tests never read anything this script writes at runtime.

It also
  * re-runs every case in float64 and checks that float64 and exact agree to far better than the
    tests' tolerance (so the tolerance is safe for any sane float64 implementation), and
  * runs "mutants" (eps in the wrong place, bias correction missing, dampening on the first
    step, ...) and checks that each mutant moves at least one expected value by far more than
    the tolerance (so the tests can tell the right formula from a slightly wrong one).

Usage: python3 scripts/oracle/optimizers.py [tests/unit/optimizers.test.ts]
(rewrites the block between the <oracle:cases> markers in place)
"""
import math
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60

A, B = 1, 10            # f = 0.5 * (A x^2 + B y^2), grad = (A x, B y)
START = (-3.0, 2.0)
TOL = 1e-12

# mutants: a set of names of deliberate formula errors, checked for sensitivity
MUT = set()


class Arith:
    def __init__(self, exact):
        self.exact = exact

    def c(self, v):
        if isinstance(v, bool):
            return v
        return Decimal(v) if self.exact else float(v)

    def sqrt(self, v):
        return v.sqrt() if self.exact else math.sqrt(v)

    def pow(self, base, e):
        # base ** e for real e (NAdam's 0.96 ** (t * psi))
        if self.exact:
            return Decimal(base) ** Decimal(e)
        return float(base) ** float(e)


DEFAULTS = {
    'sgd': dict(lr=1e-3, momentum=0.0, dampening=0.0, weightDecay=0.0, nesterov=False, maximize=False),
    'adagrad': dict(lr=1e-2, lrDecay=0.0, weightDecay=0.0, initialAccumulatorValue=0.0, eps=1e-10, maximize=False),
    'adadelta': dict(lr=1.0, rho=0.9, eps=1e-6, weightDecay=0.0, maximize=False),
    'rmsprop': dict(lr=1e-2, alpha=0.99, eps=1e-8, weightDecay=0.0, momentum=0.0, centered=False, maximize=False),
    'adam': dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, amsgrad=False, maximize=False),
    'adamw': dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=1e-2, amsgrad=False, maximize=False),
    'adamax': dict(lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, maximize=False),
    'nadam': dict(lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, momentumDecay=4e-3,
                  decoupledWeightDecay=False, maximize=False),
    'radam': dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, decoupledWeightDecay=False,
                  maximize=False),
}
PRESETS = {
    'sgd': ('sgd', {}),
    'momentum': ('sgd', dict(momentum=0.9)),
    'nesterov': ('sgd', dict(momentum=0.9, nesterov=True)),
    'adagrad': ('adagrad', {}),
    'adadelta': ('adadelta', {}),
    'rmsprop': ('rmsprop', {}),
    'adam': ('adam', {}),
    'amsgrad': ('adam', dict(amsgrad=True)),
    'adamw': ('adamw', {}),
    'adamax': ('adamax', {}),
    'nadam': ('nadam', {}),
    'radam': ('radam', {}),
}


def resolve(preset, hyper):
    rule, over = PRESETS[preset]
    h = dict(DEFAULTS[rule])
    h.update(over)
    h.update(hyper)
    return rule, h


# ---- the rules, one step on a 2-vector p with gradient g; st is the per-run state ----------------

def step_sgd(ar, h, st, p, g, t):
    lr, mom, damp, wd = (ar.c(h[k]) for k in ('lr', 'momentum', 'dampening', 'weightDecay'))
    for i in range(2):
        d = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            d = d + wd * p[i]
        if h['momentum'] != 0:
            if t == 1 and 'sgd_damp_first' not in MUT:
                st['buf'][i] = d                         # torch: buf = clone(d_p), no dampening
            else:
                st['buf'][i] = mom * st['buf'][i] + (1 - damp) * d
            if h['nesterov']:
                d = d + mom * st['buf'][i]
            else:
                d = st['buf'][i]
        p[i] = p[i] - lr * d
        st['eff'][i] = lr


def step_adagrad(ar, h, st, p, g, t):
    lr, lrd, wd, eps = (ar.c(h[k]) for k in ('lr', 'lrDecay', 'weightDecay', 'eps'))
    clr = lr / (1 + (t - 1) * lrd)
    if 'adagrad_decay_t' in MUT:
        clr = lr / (1 + t * lrd)
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            gi = gi + wd * p[i]
        st['sum'][i] = st['sum'][i] + gi * gi
        if 'eps_inside' in MUT:
            std = ar.sqrt(st['sum'][i] + eps)
        else:
            std = ar.sqrt(st['sum'][i]) + eps
        p[i] = p[i] - clr * gi / std
        st['eff'][i] = clr / std


def step_adadelta(ar, h, st, p, g, t):
    lr, rho, eps, wd = (ar.c(h[k]) for k in ('lr', 'rho', 'eps', 'weightDecay'))
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            gi = gi + wd * p[i]
        st['sq'][i] = rho * st['sq'][i] + (1 - rho) * gi * gi
        if 'eps_inside' in MUT:       # mutant: eps outside the roots
            std = ar.sqrt(st['sq'][i]) + eps
            delta = (ar.sqrt(st['acc'][i]) + eps) / std * gi
        else:
            std = ar.sqrt(st['sq'][i] + eps)
            delta = ar.sqrt(st['acc'][i] + eps) / std * gi
        st['eff'][i] = lr * ar.sqrt(st['acc'][i] + eps) / ar.sqrt(st['sq'][i] + eps)
        st['acc'][i] = rho * st['acc'][i] + (1 - rho) * delta * delta
        p[i] = p[i] - (1 if 'adadelta_no_lr' in MUT else lr) * delta


def step_rmsprop(ar, h, st, p, g, t):
    lr, alpha, eps, wd, mom = (ar.c(h[k]) for k in ('lr', 'alpha', 'eps', 'weightDecay', 'momentum'))
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            gi = gi + wd * p[i]
        st['sq'][i] = alpha * st['sq'][i] + (1 - alpha) * gi * gi
        if h['centered']:
            st['gavg'][i] = alpha * st['gavg'][i] + (1 - alpha) * gi
            var = st['sq'][i] - st['gavg'][i] * st['gavg'][i]
        else:
            var = st['sq'][i]
        if 'eps_inside' in MUT:
            avg = ar.sqrt(var + eps)
        else:
            avg = ar.sqrt(var) + eps
        if h['momentum'] > 0:
            st['buf'][i] = mom * st['buf'][i] + gi / avg
            p[i] = p[i] - lr * st['buf'][i]
        else:
            p[i] = p[i] - lr * gi / avg
        st['eff'][i] = lr / avg


def step_adam(ar, h, st, p, g, t, decoupled=False):
    lr, b1, b2, eps, wd = (ar.c(h[k]) for k in ('lr', 'beta1', 'beta2', 'eps', 'weightDecay'))
    bc1 = 1 - b1 ** t
    bc2 = 1 - b2 ** t
    if 'no_bc1' in MUT:
        bc1 = ar.c(1)
    if 'no_bc2' in MUT:
        bc2 = ar.c(1)
    if 'adamw_coupled' in MUT:
        decoupled = False
    if 'adam_decoupled' in MUT:
        decoupled = True
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            if decoupled:
                p[i] = p[i] * (1 - lr * wd)
            else:
                gi = gi + wd * p[i]
        st['m'][i] = b1 * st['m'][i] + (1 - b1) * gi
        st['v'][i] = b2 * st['v'][i] + (1 - b2) * gi * gi
        v = st['v'][i]
        if h['amsgrad'] and 'no_amsgrad' not in MUT:
            st['vmax'][i] = max(st['vmax'][i], st['v'][i])
            v = st['vmax'][i]
        if 'eps_inside' in MUT:
            denom = ar.sqrt(v / bc2 + eps)
        else:
            denom = ar.sqrt(v) / ar.sqrt(bc2) + eps
        p[i] = p[i] - (lr / bc1) * st['m'][i] / denom
        st['eff'][i] = lr / denom


def step_adamw(ar, h, st, p, g, t):
    step_adam(ar, h, st, p, g, t, decoupled=True)


def step_adamax(ar, h, st, p, g, t):
    lr, b1, b2, eps, wd = (ar.c(h[k]) for k in ('lr', 'beta1', 'beta2', 'eps', 'weightDecay'))
    bc1 = 1 - b1 ** t
    if 'no_bc1' in MUT:
        bc1 = ar.c(1)
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            gi = gi + wd * p[i]
        st['m'][i] = b1 * st['m'][i] + (1 - b1) * gi
        if 'eps_inside' in MUT:       # mutant: eps added to the max instead of inside it
            st['u'][i] = max(b2 * st['u'][i], abs(gi))
            u = st['u'][i] + eps
        else:
            st['u'][i] = max(b2 * st['u'][i], abs(gi) + eps)
            u = st['u'][i]
        p[i] = p[i] - (lr / bc1) * st['m'][i] / u
        st['eff'][i] = lr / u


def step_nadam(ar, h, st, p, g, t):
    lr, b1, b2, eps, wd, psi = (ar.c(h[k]) for k in ('lr', 'beta1', 'beta2', 'eps', 'weightDecay',
                                                     'momentumDecay'))
    bc2 = 1 - b2 ** t
    mu = b1 * (1 - ar.c(0.5) * ar.pow(ar.c(0.96), t * psi))
    mu_next = b1 * (1 - ar.c(0.5) * ar.pow(ar.c(0.96), (t + 1) * psi))
    if 'nadam_const_mu' in MUT:
        mu, mu_next = b1, b1
    st['mu_prod'] = st['mu_prod'] * mu
    mu_prod = st['mu_prod']
    mu_prod_next = mu_prod * mu_next
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            if h['decoupledWeightDecay']:
                p[i] = p[i] * (1 - lr * wd)
            else:
                gi = gi + wd * p[i]
        st['m'][i] = b1 * st['m'][i] + (1 - b1) * gi
        st['v'][i] = b2 * st['v'][i] + (1 - b2) * gi * gi
        if 'eps_inside' in MUT:
            denom = ar.sqrt(st['v'][i] / bc2 + eps)
        else:
            denom = ar.sqrt(st['v'][i] / bc2) + eps
        p[i] = p[i] - lr * (1 - mu) / (1 - mu_prod) * gi / denom
        p[i] = p[i] - lr * mu_next / (1 - mu_prod_next) * st['m'][i] / denom
        st['eff'][i] = lr / denom


def radam_rho(b2, t):
    rho_inf = 2 / (1 - b2) - 1
    return rho_inf, rho_inf - 2 * t * b2 ** t / (1 - b2 ** t)


def step_radam(ar, h, st, p, g, t):
    lr, b1, b2, eps, wd = (ar.c(h[k]) for k in ('lr', 'beta1', 'beta2', 'eps', 'weightDecay'))
    bc1 = 1 - b1 ** t
    bc2 = 1 - b2 ** t
    rho_inf, rho_t = radam_rho(b2, t)
    for i in range(2):
        gi = -g[i] if h['maximize'] else g[i]
        if h['weightDecay'] != 0:
            if h['decoupledWeightDecay']:
                p[i] = p[i] * (1 - lr * wd)
            else:
                gi = gi + wd * p[i]
        st['m'][i] = b1 * st['m'][i] + (1 - b1) * gi
        st['v'][i] = b2 * st['v'][i] + (1 - b2) * gi * gi
        mhat = st['m'][i] / bc1
        if rho_t > 5 and 'radam_never_rect' not in MUT:
            if 'eps_inside' in MUT:     # mutant: Adam's placement, eps after dividing by sqrt(bc2)
                l = 1 / (ar.sqrt(st['v'][i]) / ar.sqrt(bc2) + eps)
            else:
                l = ar.sqrt(bc2) / (ar.sqrt(st['v'][i]) + eps)
            r = ar.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            p[i] = p[i] - mhat * lr * l * r
            st['eff'][i] = lr * l * r
        else:
            p[i] = p[i] - mhat * lr
            st['eff'][i] = lr


STEP = dict(sgd=step_sgd, adagrad=step_adagrad, adadelta=step_adadelta, rmsprop=step_rmsprop,
            adam=step_adam, adamw=step_adamw, adamax=step_adamax, nadam=step_nadam, radam=step_radam)


def tensors(rule, h):
    """torch.optim's per-parameter state tensors for these options: (its name in camelCase, our key)."""
    if rule == 'sgd':
        return [('momentumBuffer', 'buf')] if h['momentum'] != 0 else []
    if rule == 'adagrad':
        return [('sum', 'sum')]
    if rule == 'adadelta':
        return [('squareAvg', 'sq'), ('accDelta', 'acc')]
    if rule == 'rmsprop':
        return ([('squareAvg', 'sq')] + ([('momentumBuffer', 'buf')] if h['momentum'] > 0 else [])
                + ([('gradAvg', 'gavg')] if h['centered'] else []))
    if rule in ('adam', 'adamw'):
        return [('expAvg', 'm'), ('expAvgSq', 'v')] + ([('maxExpAvgSq', 'vmax')] if h['amsgrad'] else [])
    if rule == 'adamax':
        return [('expAvg', 'm'), ('expInf', 'u')]
    return [('expAvg', 'm'), ('expAvgSq', 'v')]   # nadam, radam


def run(preset, hyper, steps, exact=True, start=START, record=False):
    """The iterates; with record, also the state after each step, the gradients and step sizes
    (each a flat list of x, y pairs, as trajectory()'s record: 'state' gives them)."""
    ar = Arith(exact)
    rule, h = resolve(preset, hyper)
    z = ar.c(0)
    st = dict(buf=[z, z], sum=[ar.c(h.get('initialAccumulatorValue', 0.0))] * 2, sq=[z, z], acc=[z, z],
              gavg=[z, z], m=[z, z], v=[z, z], vmax=[z, z], u=[z, z], mu_prod=ar.c(1), eff=[None, None])
    st['sum'] = list(st['sum'])
    p = [ar.c(start[0]), ar.c(start[1])]
    xs, ys = [p[0]], [p[1]]
    names = tensors(rule, h)
    state = {name: list(st[key]) for name, key in names}
    grads, eff = [], [None, None]
    for t in range(1, steps + 1):
        g = [A * p[0], B * p[1]]
        grads += g
        STEP[rule](ar, h, st, p, g, t)
        xs.append(p[0])
        ys.append(p[1])
        for name, key in names:
            state[name] += st[key]
        eff += st['eff']
    grads += [A * p[0], B * p[1]]
    if record:
        return xs, ys, dict(state=state, grad=grads, effectiveLr=eff)
    return xs, ys


# ---- the cases --------------------------------------------------------------------------------------
# (group, preset, hyper, steps, mutants that must be detected, note)
CASES = [
    ('SGD', 'sgd', {}, 3, [], 'defaults: lr 1e-3; x_k = -3 (1 - 1e-3)^k, y_k = 2 (1 - 1e-2)^k'),
    ('SGD', 'sgd', dict(lr=0.05), 3, [], 'x_k = -3 * 0.95^k, y_k = 2 * 0.5^k'),
    ('SGD', 'sgd', dict(lr=0.05, weightDecay=0.3), 3, [], 'd = g + 0.3 p: x_k = -3 * 0.935^k, y_k = 2 * 0.485^k'),
    ('SGD', 'sgd', dict(lr=0.05, maximize=True), 3, [], 'd = -g: x_k = -3 * 1.05^k, y_k = 2 * 1.5^k'),
    ('SGD', 'sgd', dict(lr=0.05, maximize=True, weightDecay=0.3), 3, [],
     'torch negates g first, then adds weight decay: d = -g + 0.3 p; x_k = -3 * 1.035^k, y_k = 2 * 1.485^k'),
    ('SGD', 'momentum', {}, 3, [], 'preset momentum 0.9, lr 1e-3'),
    ('SGD', 'momentum', dict(lr=0.05), 3, [], 'b_1 = g_1; b_t = 0.9 b_{t-1} + g_t'),
    ('SGD', 'sgd', dict(lr=0.05, momentum=0.5, dampening=0.3), 3, ['sgd_damp_first'],
     'b_1 = g_1 (torch skips dampening on the first step); b_t = 0.5 b_{t-1} + 0.7 g_t'),
    ('SGD', 'momentum', dict(lr=0.05, maximize=True), 3, [], 'd = -g fed to the momentum buffer'),
    ('SGD', 'momentum', dict(lr=0.05, weightDecay=0.3), 3, [], 'd = g + 0.3 p fed to the momentum buffer'),
    ('SGD', 'nesterov', {}, 3, [], 'preset: momentum 0.9 nesterov, lr 1e-3'),
    ('SGD', 'nesterov', dict(lr=0.05), 3, [], 'torch form: b_t = mu b_{t-1} + g_t; step = g_t + mu b_t'),
    ('SGD', 'nesterov', dict(lr=0.05, weightDecay=0.3), 3, [], 'g_t = grad + 0.3 p, then nesterov'),

    ('Adagrad', 'adagrad', {}, 3, [], 'defaults: lr 1e-2, eps 1e-10'),
    ('Adagrad', 'adagrad', dict(lr=0.5), 3, [], 's_t = s_{t-1} + g^2; p -= lr g / (sqrt(s_t) + eps)'),
    ('Adagrad', 'adagrad', dict(lr=0.5, lrDecay=0.5), 3, ['adagrad_decay_t'], 'clr_t = lr / (1 + (t - 1) lrDecay)'),
    ('Adagrad', 'adagrad', dict(lr=0.5, initialAccumulatorValue=2), 3, [], 's_0 = 2'),
    ('Adagrad', 'adagrad', dict(lr=0.5, eps=0.5), 3, ['eps_inside'], 'eps outside the root: sqrt(s) + 0.5'),
    ('Adagrad', 'adagrad', dict(lr=0.5, weightDecay=0.3), 3, [], 'g = grad + 0.3 p'),
    ('Adagrad', 'adagrad', dict(lr=0.5, maximize=True), 3, [], 'g = -grad'),

    ('Adadelta', 'adadelta', {}, 3, ['eps_inside'], 'defaults: lr 1, rho 0.9, eps 1e-6'),
    ('Adadelta', 'adadelta', dict(lr=2), 3, ['adadelta_no_lr'], 'torch scales the Zeiler step by lr'),
    ('Adadelta', 'adadelta', dict(rho=0.5), 3, [], 'v_t = 0.5 v + 0.5 g^2; u_t = 0.5 u + 0.5 dx^2'),
    ('Adadelta', 'adadelta', dict(eps=1e-2), 3, ['eps_inside'],
     'dx = sqrt(u + eps) / sqrt(v + eps) g, eps inside both roots'),
    ('Adadelta', 'adadelta', dict(lr=2, weightDecay=0.3), 3, [], 'g = grad + 0.3 p'),
    ('Adadelta', 'adadelta', dict(lr=2, maximize=True), 3, [], 'g = -grad'),

    ('RMSprop', 'rmsprop', {}, 3, [], 'defaults: lr 1e-2, alpha 0.99, eps 1e-8'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, alpha=0.9), 3, [], 'v_t = 0.9 v + 0.1 g^2; p -= lr g / (sqrt(v) + eps)'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, eps=0.1), 3, ['eps_inside'], 'eps outside the root'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, momentum=0.5), 3, [], 'b_t = 0.5 b + g / (sqrt(v) + eps); p -= lr b_t'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, centered=True), 3, [],
     'gbar_t = alpha gbar + (1 - alpha) g; denom = sqrt(v - gbar^2) + eps'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, centered=True, momentum=0.5), 3, [], 'centered and momentum together'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, weightDecay=0.3), 3, [], 'g = grad + 0.3 p'),
    ('RMSprop', 'rmsprop', dict(lr=0.1, maximize=True), 3, [], 'g = -grad'),

    ('Adam', 'adam', {}, 3, ['no_bc1', 'no_bc2'], 'defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8'),
    ('Adam', 'adam', dict(lr=0.1), 3, ['no_bc1', 'no_bc2'],
     'p -= lr/(1 - b1^t) m / (sqrt(v)/sqrt(1 - b2^t) + eps)'),
    ('Adam', 'adam', dict(lr=0.1, beta1=0.5), 3, [], 'm_t = 0.5 m + 0.5 g'),
    ('Adam', 'adam', dict(lr=0.1, beta2=0.9), 3, [], 'v_t = 0.9 v + 0.1 g^2'),
    ('Adam', 'adam', dict(lr=0.1, eps=0.1), 3, ['eps_inside'], 'eps added after sqrt and bias correction'),
    ('Adam', 'adam', dict(lr=0.1, weightDecay=0.3), 3, ['adam_decoupled'], 'L2: g = grad + 0.3 p'),
    ('Adam', 'adam', dict(lr=1, beta2=0.5), 3, [], 'plain Adam; compare with the amsgrad case below'),
    ('Adam', 'adam', dict(lr=1, beta2=0.5, amsgrad=True), 3, ['no_amsgrad'],
     'vmax_t = max(vmax, v_t); gradients shrink, so v_2 < v_1 and vmax differs from v at t = 2, 3'),
    ('Adam', 'amsgrad', {}, 3, [], 'preset: adam + amsgrad'),
    ('Adam', 'adam', dict(lr=0.1, maximize=True), 3, [], 'g = -grad'),

    ('AdamW', 'adamw', {}, 3, ['adamw_coupled'], 'defaults: lr 1e-3, weightDecay 1e-2 decoupled'),
    ('AdamW', 'adamw', dict(lr=0.1, weightDecay=0.5), 3, ['adamw_coupled'],
     'p *= (1 - lr wd) first, then the Adam step without L2'),
    ('AdamW', 'adamw', dict(lr=0.1, weightDecay=0.5, amsgrad=True, beta2=0.5), 3, [], 'decoupled + amsgrad'),

    ('Adamax', 'adamax', {}, 3, ['no_bc1'], 'defaults: lr 2e-3'),
    ('Adamax', 'adamax', dict(lr=0.1), 3, ['no_bc1'], 'u_t = max(b2 u, |g| + eps); p -= lr/(1 - b1^t) m / u'),
    ('Adamax', 'adamax', dict(lr=0.1, beta1=0.5, beta2=0.5), 3, [], 'smaller betas'),
    ('Adamax', 'adamax', dict(lr=0.1, eps=0.1), 3, ['eps_inside'], 'eps inside the max'),
    ('Adamax', 'adamax', dict(lr=0.1, weightDecay=0.3), 3, [], 'g = grad + 0.3 p'),
    ('Adamax', 'adamax', dict(lr=0.1, maximize=True), 3, [], 'g = -grad'),

    ('NAdam', 'nadam', {}, 3, ['nadam_const_mu'], 'defaults: lr 2e-3, momentumDecay 4e-3'),
    ('NAdam', 'nadam', dict(lr=0.1), 3, ['nadam_const_mu'], 'mu_t = b1 (1 - 0.5 * 0.96^(t psi))'),
    ('NAdam', 'nadam', dict(lr=0.1, momentumDecay=0.5), 3, ['nadam_const_mu'], 'psi = 0.5'),
    ('NAdam', 'nadam', dict(lr=0.1, beta1=0.5, beta2=0.9), 3, [], 'other betas'),
    ('NAdam', 'nadam', dict(lr=0.1, eps=0.1), 3, ['eps_inside'], 'eps outside the root'),
    ('NAdam', 'nadam', dict(lr=0.1, weightDecay=0.3), 3, [], 'L2: g = grad + 0.3 p'),
    ('NAdam', 'nadam', dict(lr=0.1, weightDecay=0.3, decoupledWeightDecay=True), 3, [], 'p *= 1 - lr wd'),
    ('NAdam', 'nadam', dict(lr=0.1, maximize=True), 3, [], 'g = -grad'),

    ('RAdam', 'radam', {}, 8, ['radam_never_rect'],
     'defaults; rho_t <= 5 for t <= 5 (un-rectified), rho_6 > 5 (rectified from step 6)'),
    ('RAdam', 'radam', dict(lr=0.07), 8, ['radam_never_rect'], 'lr 0.07; un-rectified steps are plain momentum SGD: p -= lr m_t / (1 - b1^t)'),
    ('RAdam', 'radam', dict(lr=0.07, eps=0.1), 8, ['eps_inside'],
     'rectified branch: l_t = sqrt(1 - b2^t) / (sqrt(v_t) + eps)'),
    ('RAdam', 'radam', dict(lr=0.07, beta1=0.5, beta2=0.9), 8, ['radam_never_rect'], 'rho_inf = 19'),
    ('RAdam', 'radam', dict(lr=0.07, weightDecay=0.3), 8, [], 'L2: g = grad + 0.3 p'),
    ('RAdam', 'radam', dict(lr=0.07, weightDecay=0.3, decoupledWeightDecay=True), 8, [], 'p *= 1 - lr wd'),
    ('RAdam', 'radam', dict(lr=0.07, maximize=True), 8, [], 'g = -grad'),
]


def rel(a, b):
    # the tests' metric: relative for |b| >= 1, absolute below (values are O(1) here)
    a, b = float(a), float(b)
    return abs(a - b) / max(abs(b), 1.0)


def check():
    """float64 vs exact, and mutant sensitivity. Writes a summary to stderr; raises on problems."""
    worst = 0.0
    for group, preset, hyper, steps, muts, note in CASES:
        xs, ys = run(preset, hyper, steps)
        fx, fy = run(preset, hyper, steps, exact=False)
        for a, b in zip(fx + fy, xs + ys):
            worst = max(worst, rel(a, b))
        for m in muts:
            MUT.clear()
            MUT.add(m)
            mx, my = run(preset, hyper, steps)
            MUT.clear()
            d = max(rel(a, b) for a, b in zip(mx + my, xs + ys))
            print(f'mutant {m:18s} on {preset} {hyper}: max rel change {d:.3g}', file=sys.stderr)
            assert d > 1e3 * TOL, (m, preset, hyper, d)
    print(f'float64 vs exact: worst rel diff {worst:.3g}', file=sys.stderr)
    assert worst < TOL / 100
    # the recorded state, gradients and step sizes: float64 against exact, relative
    worst = 0.0
    for group, preset, hyper, steps, muts, note in CASES:
        ex = run(preset, hyper, steps, record=True)[2]
        fl = run(preset, hyper, steps, exact=False, record=True)[2]
        pairs = [(a, b) for name in ex['state'] for a, b in zip(fl['state'][name], ex['state'][name])]
        pairs += list(zip(fl['grad'], ex['grad'])) + list(zip(fl['effectiveLr'][2:], ex['effectiveLr'][2:]))
        for a, b in pairs:
            worst = max(worst, abs(float(a) - float(b)) / abs(float(b)) if b != 0 else abs(float(a)))
    # (RAdam's rectifier is the worst: ρₜ − 4 loses ~3 digits to cancellation in ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ).)
    print(f'recorded state, float64 vs exact: worst rel diff {worst:.3g}', file=sys.stderr)
    assert worst < 1e-11
    # amsgrad must really differ from plain Adam in the chosen case
    a = run('adam', dict(lr=1, beta2=0.5), 3)
    b = run('adam', dict(lr=1, beta2=0.5, amsgrad=True), 3)
    d = max(rel(p, q) for p, q in zip(a[0] + a[1], b[0] + b[1]))
    print(f'amsgrad vs adam: max rel diff {d:.3g}', file=sys.stderr)
    assert d > 1e-3
    for b2 in (0.999, 0.9):
        print(f'radam beta2={b2}: rho_t =',
              [float(radam_rho(Decimal(b2), t)[1]) for t in range(1, 9)], file=sys.stderr)


def num(v):
    return repr(float(v))


def ts_hyper(h):
    parts = []
    for k, v in h.items():
        if isinstance(v, bool):
            parts.append(f'{k}: {"true" if v else "false"}')
        else:
            parts.append(f'{k}: {repr(v)}')
    return '{ ' + ', '.join(parts) + ' }' if parts else '{}'


def emit_cases():
    out = []
    group = None
    for g, preset, hyper, steps, muts, note in CASES:
        if g != group:
            out.append(f'  // ---- {g} ----')
            group = g
        xs, ys, rec = run(preset, hyper, steps, record=True)
        out.append(f'  // {note}')
        out.append('  {')
        out.append(f"    rule: '{g}', optimizer: '{preset}', hyper: {ts_hyper(hyper)}, steps: {steps},")
        out.append('    x: [' + ', '.join(num(v) for v in xs[1:]) + '],')
        out.append('    y: [' + ', '.join(num(v) for v in ys[1:]) + '],')
        out.append('    state: {')
        for name, values in rec['state'].items():
            out.append(f'      {name}: [' + ', '.join(num(v) for v in values) + '],')
        out.append('    },')
        out.append('    grad: [' + ', '.join(num(v) for v in rec['grad']) + '],')
        out.append('    effectiveLr: [' + ', '.join('NaN' if v is None else num(v) for v in rec['effectiveLr']) + '],')
        out.append('  },')
    return '\n'.join(out)


BEGIN = '// <oracle:cases>'
END = '// </oracle:cases>'

if __name__ == '__main__':
    check()
    # Rewrites only the literal block between the markers in the test file; the rest of the file
    # is written by hand.
    path = sys.argv[1] if len(sys.argv) > 1 else 'tests/unit/optimizers.test.ts'
    text = open(path).read()
    i = text.index(BEGIN) + len(BEGIN)
    j = text.index(END)
    line_start = text.rindex('\n', 0, j) + 1
    text = text[:i] + '\n' + emit_cases() + '\n' + text[line_start:]
    open(path, 'w').write(text)
