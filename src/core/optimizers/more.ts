/**
 * The catalog, which the one-file bundle loads on first use (see ./lazy.ts): the presets no default
 * race runs, their rules' definitions and compiled-loop source (AdamW's too), the pickers' groups,
 * and the portable step loop a page whose Content Security Policy forbids compiling runs. Each is
 * given to the registry or to trajectory() as this module loads; the library's entries import it
 * up front.
 */
import '../../generated/rule-source-more';
import { portableLoop } from '../../generated/portable-loop';
import { presetColors } from '../../render/colors';
import { providePortableLoop } from '../trajectory';
import { runWhole } from '../whole-loop';

export { pendingLoad } from '../whole-loop';
import { adabelief } from './adabelief';
import { adamax } from './adamax';
import { adafactor } from './adafactor';
import { adamw } from './adamw';
import { adan } from './adan';
import { asgd } from './asgd';
import { optimizers, preset, rules, type PresetId } from './index';
import { catalogHyper, catalogLoaded } from './lazy';
import { lbfgs } from './lbfgs';
import { lion } from './lion';
import { nadam } from './nadam';
import { newton, saddleFreeNewton } from './newton';
import { radam } from './radam';
import { rprop } from './rprop';
import type { UpdateRule } from './rule';
import { sam } from './sam';
import { adamwScheduleFree } from './schedule-free';
import { yogi } from './yogi';

// The rules torch.optim does not have: the implementation each follows, shown under its name.
Object.assign(lion, { source: 'lion-pytorch' });
Object.assign(adabelief, { source: 'adabelief-pytorch 0.2.1' });
Object.assign(yogi, { source: 'TensorFlow Addons' });
Object.assign(adan, { source: 'sail-sg/Adan' });
Object.assign(adamwScheduleFree, { source: 'schedule_free (reference)' });
Object.assign(sam, { source: 'davda54/sam' });
Object.assign(newton, { source: 'Newton–Raphson' });
Object.assign(saddleFreeNewton, { source: 'Dauphin et al. 2014' });
Object.assign(rules, { adamw, adamax, nadam, radam, rprop, asgd, lion, adabelief, yogi, adan, adamwschedulefree: adamwScheduleFree, lbfgs, adafactor, newton, saddlefreenewton: saddleFreeNewton, sam } as Record<string, UpdateRule>);
// id, label, rule, colour. The first five's colours are among the twelve of render/colors.ts; the
// next seven's were picked greedily from the 4096 colours #rgb of middle lightness (L* 42-68, so
// they show on light and dark bands alike) to stay as far as possible from the twelve and from
// each other under simulated colour-vision deficiency; the last five's likewise from L* 35-72 (at
// 42-68 the fifth could not get 6.5 from the other 23): tests/unit/render-colors.test.ts measures them.
for (const [id, label, ruleId, colour] of <[PresetId, string, string, string?][]>[
  ['amsgrad', 'AMSGrad', 'adam'],
  ['adamw', 'AdamW', 'adamw'],
  ['adamax', 'Adamax', 'adamax'],
  ['nadam', 'NAdam', 'nadam'],
  ['radam', 'RAdam', 'radam'],
  ['rprop', 'Rprop', 'rprop', '#776655'],
  ['asgd', 'ASGD', 'asgd', '#bb9999'],
  ['lbfgs', 'L-BFGS', 'lbfgs', '#886633'],
  ['adafactor', 'Adafactor', 'adafactor', '#555533'],
  ['newton', 'Newton', 'newton', '#aa0011'],
  ['saddle-free-newton', 'Saddle-free Newton', 'saddlefreenewton', '#4444bb'],
  ['lion', 'Lion', 'lion', '#8877ff'],
  ['adabelief', 'AdaBelief', 'adabelief', '#997755'],
  ['yogi', 'Yogi', 'yogi', '#bb5588'],
  ['adan', 'Adan', 'adan', '#8811ff'],
  ['schedule-free-adamw', 'Schedule-free AdamW', 'adamwschedulefree', '#ff66cc'],
  ['sam', 'SAM', 'sam', '#555566'],
]) {
  optimizers[id] = preset(id, label, ruleId, id === 'amsgrad' ? { amsgrad: true } : {});
  if (colour) presetColors[id] = colour;
}

// The pickers' groups, in order: the notes' seven, torch.optim's others, second-order, the modern ones (each
// label in English and Korean here: a picker shows groups only once the catalog is here).
catalogLoaded([
  { en: 'From the notes', ko: '노트의 일곱 가지', ids: ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam'] },
  { en: 'More of torch.optim', ko: 'torch.optim의 나머지', ids: ['amsgrad', 'adamw', 'adamax', 'nadam', 'radam', 'rprop', 'asgd', 'lbfgs', 'adafactor'] },
  { en: 'Second-order', ko: '2차 방법', ids: ['newton', 'saddle-free-newton'] },
  { en: 'Modern', ko: '최근의 옵티마이저', ids: ['lion', 'adabelief', 'yogi', 'adan', 'schedule-free-adamw', 'sam'] },
]);
// A catalog preset added to a race that does not run it starts from the lr of the race's runner of
// its kin: SGD's for ASGD and SAM (an SGD step from another point), Adam's for the Adam family,
// the sign rules (Rprop's first step size, Lion's step) and Adafactor (its relative step), each
// a step length of the same scale; the second-order rules keep their own lr 1 (the Newton step).
const SGD_KIN = ['asgd', 'sam'];
const OWN_LR = ['lbfgs', 'newton', 'saddle-free-newton'];
catalogHyper.of = (id, race): Readonly<Record<string, number>> | undefined => {
  if (OWN_LR.includes(id)) return {};
  const lr = race.optimizers.find((entry) => entry.optimizer === (SGD_KIN.includes(id) ? 'sgd' : 'adam'))?.hyper?.lr;
  return typeof lr === 'number' ? { lr } : undefined;
};

// The portable loop, which also runs the whole-vector rules (their `step` carries them).
providePortableLoop((...run: Parameters<typeof portableLoop>) => ((run[18] as { whole?: unknown }).whole ? runWhole : portableLoop)(...run));
