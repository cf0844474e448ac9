#!/usr/bin/env python3
"""Oracle for tests/unit/schedules.test.ts: torch.optim.lr_scheduler itself.

Runs each case's scheduler on a one-parameter optimizer in a per-iteration loop (optimizer.step(),
then scheduler.step(), or scheduler.step(loss) for ReduceLROnPlateau with the case's losses) and
records the lr (and, for OneCycleLR, the momentum or beta1) that each step used. Writes them into
the test file between the <oracle:schedules> markers. The tests never read anything this script
writes at run time.

Needs torch (Debian's python3-torch 1.13 will do). Where 1.13 differs from today's torch (2.x),
today's is followed: SequentialLR is driven here by a re-derivation of 2.x's step (at a milestone
the next scheduler's lr is set by its closed form, `_update_lr(0)`, without counting a step),
around torch's own child schedulers.

Usage: /usr/bin/python3 scripts/oracle/schedules.py [tests/unit/schedules.test.ts]
"""
import json
import re
import sys
import warnings
from bisect import bisect_right

import torch
from torch.optim import SGD, Adam, lr_scheduler as L

warnings.filterwarnings("ignore")

PLATEAU_LOSSES = [1.0, 0.9, 0.85, 0.86, 0.85, 0.849, 0.851, 0.852, 0.8, 0.81, 0.82, 0.83, 0.84, 0.7,
                  0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77, 0.78, 0.79, 0.8, 0.6]


def make_opt(kind, lr):
    p = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
    if kind == "sgd":
        return SGD([p], lr=lr, momentum=0.9)
    return Adam([p], lr=lr)


def build(opt, spec, steps):
    k = spec["kind"]
    if k == "StepLR":
        return L.StepLR(opt, step_size=spec["stepSize"], gamma=spec.get("gamma", 0.1))
    if k == "MultiStepLR":
        return L.MultiStepLR(opt, milestones=spec["milestones"], gamma=spec.get("gamma", 0.1))
    if k == "ConstantLR":
        return L.ConstantLR(opt, factor=spec.get("factor", 1 / 3), total_iters=spec.get("totalIters", 5))
    if k == "LinearLR":
        return L.LinearLR(opt, start_factor=spec.get("startFactor", 1 / 3), end_factor=spec.get("endFactor", 1.0),
                          total_iters=spec.get("totalIters", 5))
    if k == "ExponentialLR":
        return L.ExponentialLR(opt, gamma=spec["gamma"])
    if k == "PolynomialLR":
        return L.PolynomialLR(opt, total_iters=spec.get("totalIters", 5), power=spec.get("power", 1.0))
    if k == "CosineAnnealingLR":
        return L.CosineAnnealingLR(opt, T_max=spec.get("tMax", steps), eta_min=spec.get("etaMin", 0))
    if k == "CosineAnnealingWarmRestarts":
        return L.CosineAnnealingWarmRestarts(opt, T_0=spec["t0"], T_mult=spec.get("tMult", 1), eta_min=spec.get("etaMin", 0))
    if k == "OneCycleLR":
        return L.OneCycleLR(opt, max_lr=spec.get("maxLr", opt.param_groups[0]["lr"]), total_steps=spec.get("totalSteps", steps),
                            pct_start=float(spec.get("pctStart", 0.3)), anneal_strategy=spec.get("annealStrategy", "cos"),
                            cycle_momentum=spec.get("cycleMomentum", True), base_momentum=spec.get("baseMomentum", 0.85),
                            max_momentum=spec.get("maxMomentum", 0.95), div_factor=spec.get("divFactor", 25.0),
                            final_div_factor=spec.get("finalDivFactor", 1e4), three_phase=spec.get("threePhase", False))
    if k == "ReduceLROnPlateau":
        return L.ReduceLROnPlateau(opt, mode=spec.get("mode", "min"), factor=spec.get("factor", 0.1),
                                   patience=spec.get("patience", 10), threshold=spec.get("threshold", 1e-4),
                                   threshold_mode=spec.get("thresholdMode", "rel"), cooldown=spec.get("cooldown", 0),
                                   min_lr=spec.get("minLr", 0), eps=spec.get("eps", 1e-8))
    if k == "SequentialLR":
        return Sequential2x(opt, [build(opt, s, steps) for s in spec["schedulers"]], spec["milestones"])
    raise ValueError(k)


class Sequential2x:
    """torch 2.x's SequentialLR, around torch's child schedulers (see the module's docstring)."""

    def __init__(self, opt, children, milestones):
        self.opt, self.children, self.milestones = opt, children, milestones
        self.last_epoch = 0
        for g in opt.param_groups:
            g["lr"] = g["initial_lr"]
        for s in children:
            s.last_epoch -= 1
        children[0]._initial_step()

    def step(self):
        self.last_epoch += 1
        i = bisect_right(self.milestones, self.last_epoch)
        s = self.children[i]
        if i > 0 and self.milestones[i - 1] == self.last_epoch:
            # 2.x: s._update_lr(0)
            s.last_epoch = 0
            values = s._get_closed_form_lr() if hasattr(s, "_get_closed_form_lr") else s.get_lr()
            for g, lr in zip(self.opt.param_groups, values):
                g["lr"] = lr
        else:
            s.step()


def momentum_of(opt):
    g = opt.param_groups[0]
    return g["betas"][0] if "betas" in g else g["momentum"]


def run(case):
    opt = make_opt(case["optimizer"], case["lr"])
    steps = case["steps"]
    sched = build(opt, case["schedule"], steps)
    lrs, moms = [], []
    for t in range(1, steps + 1):
        lrs.append(opt.param_groups[0]["lr"])
        moms.append(momentum_of(opt))
        opt.step()
        if case["schedule"]["kind"] == "ReduceLROnPlateau":
            sched.step(PLATEAU_LOSSES[t - 1])
        else:
            sched.step()
    out = {"expectedLr": lrs}
    if case["schedule"]["kind"] == "OneCycleLR" and case["schedule"].get("cycleMomentum", True):
        out["expectedMomentum"] = moms
    return out


CASES = [
    {"name": "StepLR", "optimizer": "sgd", "lr": 0.1, "steps": 30, "schedule": {"kind": "StepLR", "stepSize": 7, "gamma": 0.5}},
    {"name": "MultiStepLR, a repeated milestone", "optimizer": "sgd", "lr": 0.1, "steps": 30,
     "schedule": {"kind": "MultiStepLR", "milestones": [5, 12, 12, 20], "gamma": 0.3}},
    {"name": "ConstantLR", "optimizer": "sgd", "lr": 0.2, "steps": 20, "schedule": {"kind": "ConstantLR", "factor": 0.25, "totalIters": 8}},
    {"name": "ConstantLR, defaults", "optimizer": "sgd", "lr": 0.2, "steps": 10, "schedule": {"kind": "ConstantLR"}},
    {"name": "LinearLR", "optimizer": "adam", "lr": 0.05, "steps": 30,
     "schedule": {"kind": "LinearLR", "startFactor": 0.1, "endFactor": 0.9, "totalIters": 12}},
    {"name": "LinearLR, defaults", "optimizer": "sgd", "lr": 0.3, "steps": 10, "schedule": {"kind": "LinearLR"}},
    {"name": "ExponentialLR", "optimizer": "sgd", "lr": 0.1, "steps": 40, "schedule": {"kind": "ExponentialLR", "gamma": 0.93}},
    {"name": "PolynomialLR", "optimizer": "sgd", "lr": 0.1, "steps": 30, "schedule": {"kind": "PolynomialLR", "totalIters": 15, "power": 2.0}},
    {"name": "CosineAnnealingLR past tMax", "optimizer": "sgd", "lr": 0.1, "steps": 45,
     "schedule": {"kind": "CosineAnnealingLR", "tMax": 10, "etaMin": 0.001}},
    {"name": "CosineAnnealingLR, tMax the run's steps", "optimizer": "adam", "lr": 0.01, "steps": 200, "schedule": {"kind": "CosineAnnealingLR"}},
    {"name": "CosineAnnealingWarmRestarts", "optimizer": "sgd", "lr": 0.1, "steps": 60,
     "schedule": {"kind": "CosineAnnealingWarmRestarts", "t0": 5, "tMult": 2, "etaMin": 0.01}},
    {"name": "OneCycleLR, SGD's momentum", "optimizer": "sgd", "lr": 0.1, "steps": 50, "schedule": {"kind": "OneCycleLR", "maxLr": 0.5}},
    {"name": "OneCycleLR, three phases, linear, Adam's beta1", "optimizer": "adam", "lr": 0.001, "steps": 40,
     "schedule": {"kind": "OneCycleLR", "maxLr": 0.02, "totalSteps": 45, "threePhase": True, "annealStrategy": "linear",
                  "pctStart": 0.25, "divFactor": 10.0, "finalDivFactor": 100.0}},
    {"name": "OneCycleLR, momentum not cycled", "optimizer": "sgd", "lr": 0.1, "steps": 30,
     "schedule": {"kind": "OneCycleLR", "cycleMomentum": False}},
    {"name": "ReduceLROnPlateau", "optimizer": "sgd", "lr": 0.1, "steps": 25,
     "schedule": {"kind": "ReduceLROnPlateau", "patience": 2, "factor": 0.5, "cooldown": 2, "threshold": 0.01}},
    {"name": "ReduceLROnPlateau, max, abs", "optimizer": "sgd", "lr": 0.1, "steps": 25,
     "schedule": {"kind": "ReduceLROnPlateau", "mode": "max", "thresholdMode": "abs", "threshold": 0.005, "patience": 1, "minLr": 0.02}},
    {"name": "SequentialLR: linear warm-up, then cosine", "optimizer": "adam", "lr": 0.01, "steps": 40,
     "schedule": {"kind": "SequentialLR", "schedulers": [{"kind": "LinearLR", "startFactor": 0.1, "totalIters": 5},
                                                         {"kind": "CosineAnnealingLR", "tMax": 35}], "milestones": [5]}},
    {"name": "SequentialLR: constant, exponential, step", "optimizer": "sgd", "lr": 0.1, "steps": 25,
     "schedule": {"kind": "SequentialLR", "schedulers": [{"kind": "ConstantLR", "factor": 0.5, "totalIters": 3},
                                                         {"kind": "ExponentialLR", "gamma": 0.9},
                                                         {"kind": "StepLR", "stepSize": 4, "gamma": 0.5}], "milestones": [3, 10]}},
    {"name": "SequentialLR: warm restarts after a constant", "optimizer": "sgd", "lr": 0.1, "steps": 30,
     "schedule": {"kind": "SequentialLR", "schedulers": [{"kind": "ConstantLR", "factor": 0.2, "totalIters": 4},
                                                         {"kind": "CosineAnnealingWarmRestarts", "t0": 6}], "milestones": [4]}},
]


# Whole runs: torch.optim's optimizers with a schedule on Himmelblau, in float64, from (-0.5, 0.3).
# (NAdam is left out: torch 1.13's NAdam multiplies mu_t twice in its look-ahead term, which 2.x
# fixed; tests/unit/optimizers.test.ts checks NAdam against 2.x's formula.)
PATH_CASES = [
    {"name": "SGD with momentum, OneCycleLR cycling the momentum", "optimizer": "momentum", "hyper": {"lr": 0.001}, "steps": 120,
     "torch": ["SGD", {"lr": 0.001, "momentum": 0.9}], "schedule": {"kind": "OneCycleLR", "maxLr": 0.01}},
    {"name": "Adam, linear warm-up then cosine (SequentialLR)", "optimizer": "adam", "hyper": {"lr": 0.05}, "steps": 120,
     "torch": ["Adam", {"lr": 0.05}],
     "schedule": {"kind": "SequentialLR", "schedulers": [{"kind": "LinearLR", "startFactor": 0.1, "totalIters": 10},
                                                         {"kind": "CosineAnnealingLR", "tMax": 110}], "milestones": [10]}},
    {"name": "RMSprop, StepLR", "optimizer": "rmsprop", "hyper": {"lr": 0.01}, "steps": 100,
     "torch": ["RMSprop", {"lr": 0.01}], "schedule": {"kind": "StepLR", "stepSize": 30, "gamma": 0.5}},
    {"name": "RMSprop, OneCycleLR giving it momentum", "optimizer": "rmsprop", "hyper": {"lr": 0.01}, "steps": 80,
     "torch": ["RMSprop", {"lr": 0.01}], "schedule": {"kind": "OneCycleLR", "maxLr": 0.005}},
    {"name": "Adagrad, ExponentialLR", "optimizer": "adagrad", "hyper": {"lr": 0.5}, "steps": 100,
     "torch": ["Adagrad", {"lr": 0.5}], "schedule": {"kind": "ExponentialLR", "gamma": 0.98}},
    {"name": "AdamW, three-phase linear OneCycleLR cycling beta1", "optimizer": "adamw", "hyper": {"lr": 0.01}, "steps": 100,
     "torch": ["AdamW", {"lr": 0.01}], "schedule": {"kind": "OneCycleLR", "maxLr": 0.1, "threePhase": True, "annealStrategy": "linear"}},
    {"name": "RAdam, OneCycleLR cycling beta1", "optimizer": "radam", "hyper": {"lr": 0.01}, "steps": 100,
     "torch": ["RAdam", {"lr": 0.01}], "schedule": {"kind": "OneCycleLR", "maxLr": 0.05}},
    {"name": "Adamax, OneCycleLR cycling beta1", "optimizer": "adamax", "hyper": {"lr": 0.01}, "steps": 100,
     "torch": ["Adamax", {"lr": 0.01}], "schedule": {"kind": "OneCycleLR", "maxLr": 0.05}},
    {"name": "SGD, ReduceLROnPlateau on the loss before each step", "optimizer": "sgd", "hyper": {"lr": 0.01}, "steps": 100,
     "torch": ["SGD", {"lr": 0.01}], "schedule": {"kind": "ReduceLROnPlateau", "patience": 3, "factor": 0.5, "threshold": 0.05}},
    {"name": "Adadelta, CosineAnnealingWarmRestarts", "optimizer": "adadelta", "hyper": {"lr": 1}, "steps": 100,
     "torch": ["Adadelta", {"lr": 1.0}], "schedule": {"kind": "CosineAnnealingWarmRestarts", "t0": 20, "tMult": 2}},
]


def himmelblau(p):
    x, y = p[0], p[1]
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def run_path(case):
    p = torch.nn.Parameter(torch.tensor([-0.5, 0.3], dtype=torch.float64))
    cls, kw = case["torch"]
    opt = getattr(torch.optim, cls)([p], **kw)
    steps = case["steps"]
    sched = build(opt, case["schedule"], steps)
    xs, ys, lrs = [-0.5], [0.3], []
    for _ in range(steps):
        opt.zero_grad()
        loss = himmelblau(p)
        loss.backward()
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if case["schedule"]["kind"] == "ReduceLROnPlateau":
            sched.step(loss.item())
        else:
            sched.step()
        xs.append(p[0].item())
        ys.append(p[1].item())
    return {"x": xs, "y": ys, "expectedLr": lrs}


def write_block(path, marker, lines):
    text = open(path).read()
    pattern = r"(// <oracle:" + marker + r">\n).*?(// </oracle:" + marker + r">)"
    if not re.search(pattern, text, flags=re.S):
        raise SystemExit(f"no <oracle:{marker}> markers in {path}")
    open(path, "w").write(re.sub(pattern, lambda m: m.group(1) + "\n".join(lines) + "\n" + m.group(2), text, flags=re.S))


def main():
    paths_file = "tests/unit/trajectory-schedule.test.ts"
    lines = [f"// Generated by scripts/oracle/schedules.py with torch {torch.__version__}: do not edit by hand."]
    lines.append("const PATHS: PathCase[] = [")
    for case in PATH_CASES:
        entry = {k: case[k] for k in ("name", "optimizer", "hyper", "steps", "schedule")}
        entry.update(run_path(case))
        lines.append("  " + json.dumps(entry) + ",")
    lines.append("];")
    write_block(paths_file, "schedule-paths", lines)
    print(f"wrote {len(PATH_CASES)} runs into {paths_file}")
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/unit/schedules.test.ts"
    lines = [f"// Generated by scripts/oracle/schedules.py with torch {torch.__version__}: do not edit by hand."]
    lines.append(f"const PLATEAU_LOSSES = {json.dumps(PLATEAU_LOSSES)};")
    lines.append("const CASES: OracleCase[] = [")
    for case in CASES:
        out = run(case)
        entry = {k: case[k] for k in ("name", "optimizer", "lr", "steps", "schedule")}
        entry.update({k: [float(v) for v in vs] for k, vs in out.items()})
        lines.append("  " + json.dumps(entry) + ",")
    lines.append("];")
    text = open(path).read()
    new = re.sub(r"(// <oracle:schedules>\n).*?(// </oracle:schedules>)", lambda m: m.group(1) + "\n".join(lines) + "\n" + m.group(2),
                 text, flags=re.S)
    if new == text and "<oracle:schedules>" not in text:
        raise SystemExit(f"no <oracle:schedules> markers in {path}")
    open(path, "w").write(new)
    print(f"wrote {len(CASES)} cases into {path}")


if __name__ == "__main__":
    main()
