#!/usr/bin/env python3
"""torch.optim.Rprop and torch.optim.ASGD themselves against the Decimal oracle (optimizers.py).

Runs Debian's torch 1.13 (python3-torch; run with /usr/bin/python3) in float64 on the oracle's
quadratic f = 0.5 (x^2 + 10 y^2), start (-3, 2), for every Rprop and ASGD case of CASES, and compares
after every step
  * the iterates,
  * Rprop's state prev and step_size (our prev, stepSize),
  * ASGD's state ax, and its scalars eta and mu (not recorded by the TypeScript side, but they
    are what the oracle's effectiveLr and averaging are built from),
with the oracle's exact values, relative (0 against 0 exactly). Prints the worst and asserts < 1e-12.

torch 1.13 against 2.x for these two (read from 1.13's torch/optim/rprop.py and asgd.py):
  * Rprop, _single_tensor_rprop: the same update as 2.x's non-capturable single-tensor path
    (sign of g * prev -> etaplus / etaminus / 1, step_size *= that, clamp(min, max), grad zeroed
    where the sign flipped, p -= sign(grad) * step_size, prev = grad). 2.x only adds a 'step'
    counter and capturable/differentiable branches.
  * ASGD, _single_tensor_asgd: the same as 2.x's single-tensor path (maximize, then weight decay;
    p *= 1 - lambd eta; p -= eta g; ax averaging when mu != 1; eta = lr / (1 + lambd lr t)^alpha,
    mu = 1 / max(1, t - t0)). 1.13 keeps eta, mu and step as 0-dim tensors of the default dtype,
    float64 here. The foreach paths are not used (foreach=False); 2.x's non-capturable foreach
    path computes eta as lr / (1 + lambd lr t^alpha), which the oracle's mutant asgd_eta_foreach
    models and the cases detect.
So every case is compared; nothing is skipped.

Usage: /usr/bin/python3 scripts/oracle/torch-rprop-asgd.py
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optimizers as oracle  # noqa: E402

torch.set_default_dtype(torch.float64)


def relerr(a, b):
    a, b = float(a), float(b)
    if b == 0:
        return abs(a)
    return abs(a - b) / abs(b)


def make(rule, h, p):
    if rule == 'rprop':
        return torch.optim.Rprop([p], lr=h['lr'], etas=(h['etaMinus'], h['etaPlus']),
                                 step_sizes=(h['stepSizeMin'], h['stepSizeMax']), foreach=False,
                                 maximize=h['maximize'])
    return torch.optim.ASGD([p], lr=h['lr'], lambd=h['lambd'], alpha=h['alpha'], t0=h['t0'],
                            weight_decay=h['weightDecay'], foreach=False, maximize=h['maximize'])


def main():
    worst = {'rprop': 0.0, 'asgd': 0.0}
    where = {}
    n = 0
    for group, preset, hyper, steps, muts, note in oracle.CASES:
        rule, h = oracle.resolve(preset, hyper)
        if rule not in worst:
            continue
        n += 1
        xs, ys, rec = oracle.run(preset, hyper, steps, record=True)
        p = torch.tensor([float(oracle.START[0]), float(oracle.START[1])], dtype=torch.float64)
        opt = make(rule, h, p)
        case_worst = 0.0
        for t in range(1, steps + 1):
            # grad = (A x, B y), set directly (autograd would give the same values)
            p.grad = torch.stack([oracle.A * p.detach()[0], oracle.B * p.detach()[1]])
            opt.step()
            st = opt.state[p]
            pairs = [(p[0].item(), xs[t], 'x'), (p[1].item(), ys[t], 'y')]
            if rule == 'rprop':
                for ours, theirs in (('prev', 'prev'), ('stepSize', 'step_size')):
                    for i in (0, 1):
                        pairs.append((st[theirs][i].item(), rec['state'][ours][2 * t + i], ours))
            else:
                for i in (0, 1):
                    pairs.append((st['ax'][i].item(), rec['state']['ax'][2 * t + i], 'ax'))
                pairs.append((st['eta'].item(), rec['scalars']['eta'][t], 'eta'))
                pairs.append((st['mu'].item(), rec['scalars']['mu'][t], 'mu'))
            for a, b, what in pairs:
                e = relerr(a, b)
                case_worst = max(case_worst, e)
                if e >= worst[rule]:
                    worst[rule] = e
                    where[rule] = (preset, hyper, t, what)
        print(f'{preset:6s} {str(hyper):55s} {steps:2d} steps: worst rel diff {case_worst:.3g}')
    for rule in worst:
        print(f'{rule}: worst rel diff {worst[rule]:.3g} at {where.get(rule)}')
    print(f'{n} cases; torch {torch.__version__}')
    assert max(worst.values()) < 1e-12, worst


if __name__ == '__main__':
    main()
