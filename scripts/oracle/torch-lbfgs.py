#!/usr/bin/env python3
"""torch.optim.LBFGS itself against the Decimal oracle (second_order.py), on every lbfgs case.

Runs Debian's torch 1.13 (python3-torch; run with /usr/bin/python3) in float64: one 2-element
parameter tensor (x, y), the surface written with torch operations and differentiated by autograd
in the closure, torch.optim.LBFGS with the case's options (maxEval 0 -> max_eval=None,
strongWolfe -> line_search_fn='strong_wolfe'), one opt.step(closure) per trajectory step. The
closure records the point of every call. After every step it compares with the oracle's exact values
  * the iterate,
  * the points of that step's closure calls after the first (the first must be at the iterate the
    step started from),
and after the last step torch's state d, t, H_diag, n_iter and func_evals; iterates and points
relative above 1 and absolute below (as second_order.py), state relative, the counts exactly.
Prints the worst and asserts < 1e-12.

torch 1.13 against 2.x (torch/optim/lbfgs.py of both read side by side): step(), _strong_wolfe()
and _cubic_interpolate() are the same algorithm, statement for statement. 2.x adds complex
parameters (viewed as real pairs in _numel / _gather_flat_grad / _add_grad), type annotations, writes
the first iteration's t = min(1, 1/|g|_1) lr as a conditional expression, and fixes the docstring's
tolerance_grad default (1e-5 in 1.13's docstring; 1e-7 in the code of both). None of that touches a
real 2-element parameter, so every case is compared and none is skipped.

Usage: /usr/bin/python3 scripts/oracle/torch-lbfgs.py
"""
import os
import sys

import torch

sys.dont_write_bytecode = True     # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import second_order as oracle  # noqa: E402

torch.set_default_dtype(torch.float64)


def loss_of(surface, p):
    x, y = p[0], p[1]
    if surface == 'quadratic':
        return 0.5 * (x * x + 10 * y * y)
    if surface == 'rosenbrock':
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2
    if surface == 'saddle':
        return x * x - y * y
    if surface == 'monkey-saddle':
        return x * (x * x - 3 * y * y)
    if surface == 'himmelblau':
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2
    raise ValueError(surface)


def rel_pos(a, b):
    a, b = float(a), float(b)
    return abs(a - b) / max(abs(b), 1.0)


def rel_state(a, b):
    a, b = float(a), float(b)
    return abs(a - b) / abs(b) if b != 0 else abs(a)


def main():
    worst = {'iterates': (0.0, None), 'evals': (0.0, None), 'state': (0.0, None)}
    n = 0
    for preset, hyper, surface, start, steps, muts, note in oracle.CASES:
        if preset != 'lbfgs':
            continue
        n += 1
        rule, h = oracle.resolve(preset, hyper)
        ex = oracle.run(preset, hyper, surface, start, steps)
        p = torch.tensor([float(start[0]), float(start[1])], dtype=torch.float64, requires_grad=True)
        opt = torch.optim.LBFGS([p], lr=h['lr'], max_iter=h['maxIter'], max_eval=h['maxEval'] or None,
                                tolerance_grad=h['toleranceGrad'], tolerance_change=h['toleranceChange'],
                                history_size=h['historySize'],
                                line_search_fn='strong_wolfe' if h['strongWolfe'] else None)
        calls = []

        def closure():
            opt.zero_grad()
            loss = loss_of(surface, p)
            loss.backward()
            calls.append([p.detach()[0].item(), p.detach()[1].item()])
            return loss

        case = {'iterates': 0.0, 'evals': 0.0, 'state': 0.0}

        def note_err(kind, e, where):
            case[kind] = max(case[kind], e)
            if e >= worst[kind][0]:
                worst[kind] = (e, (hyper, surface, where))

        for t in range(1, steps + 1):
            before = [p.detach()[0].item(), p.detach()[1].item()]
            calls.clear()
            opt.step(closure)
            assert calls and calls[0] == before, (hyper, surface, t, 'first closure call not at the iterate')
            pts = [v for q in calls[1:] for v in q]
            assert len(pts) == len(ex['evals'][t - 1]), (hyper, surface, t, len(pts), len(ex['evals'][t - 1]))
            for a, b in zip(pts, ex['evals'][t - 1]):
                note_err('evals', rel_pos(a, b), f'step {t}')
            note_err('iterates', rel_pos(p.detach()[0].item(), ex['x'][t]), f'step {t}')
            note_err('iterates', rel_pos(p.detach()[1].item(), ex['y'][t]), f'step {t}')
        st = opt.state[p]
        s = ex['state']
        assert st['n_iter'] == s['n_iter'] and st['func_evals'] == s['func_evals'], (
            hyper, surface, st['n_iter'], st['func_evals'], s['n_iter'], s['func_evals'])
        d = st['d']
        for i in (0, 1):
            note_err('state', rel_state(d[i].item(), s['d'][i]), 'd')
        note_err('state', rel_state(float(st['t']), s['t']), 't')
        note_err('state', rel_state(float(st['H_diag']), s['H_diag']), 'H_diag')
        print(f'{str(hyper):62s} {surface:10s} {steps} steps, {sum(len(e) // 2 for e in ex["evals"]):3d} '
              f'evaluations: iterates {case["iterates"]:.2g}, points {case["evals"]:.2g}, state {case["state"]:.2g}')
    for kind, (e, where) in worst.items():
        print(f'worst {kind}: {e:.3g} at {where}')
    print(f'{n} cases; torch {torch.__version__}; n_iter and func_evals equal on every case')
    assert max(e for e, _ in worst.values()) < 1e-12, worst


if __name__ == '__main__':
    main()
