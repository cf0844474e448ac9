/**
 * Records every rule's state on Himmelblau for scripts/oracle/torch-state.py, which replays the
 * same runs with torch.optim itself (Debian's python3-torch 1.13) and compares:
 *   npx tsx scripts/oracle/record-cases.ts > /tmp/ours.json && /usr/bin/python3 scripts/oracle/torch-state.py /tmp/ours.json
 * Optional (torch is not a dependency): the tests check the same numbers against the Decimal oracle.
 */
import { trajectory } from '../../src/core/index';
const cases: [string, Record<string, number | boolean>][] = [
  ['sgd', { lr: 0.01 }], ['momentum', { lr: 0.002 }], ['nesterov', { lr: 0.002, weightDecay: 0.1 }], ['sgd', { lr: 0.005, momentum: 0.5, dampening: 0.3 }],
  ['adagrad', { lr: 0.5, lrDecay: 0.1, initialAccumulatorValue: 0.2 }], ['adadelta', { lr: 1, weightDecay: 0.05 }],
  ['rmsprop', { lr: 0.01, momentum: 0.5, centered: true }], ['rmsprop', { lr: 0.01 }],
  ['adam', { lr: 0.05 }], ['amsgrad', { lr: 0.05, maximize: false }], ['adamw', { lr: 0.05, weightDecay: 0.1, amsgrad: true }],
  ['adamax', { lr: 0.05 }], ['nadam', { lr: 0.05 }], ['radam', { lr: 0.05 }],
];
const out = cases.map(([optimizer, hyper]) => {
  const t = trajectory({ surface: 'himmelblau', optimizer: optimizer as never, hyper, start: [0.5, -1.5], steps: 12, record: 'state' });
  return { optimizer, hyper: t.hyper, x: Array.from(t.x), y: Array.from(t.y), state: Object.fromEntries(Object.entries(t.state).map(([k, v]) => [k, Array.from(v)])) };
});
console.log(JSON.stringify(out));
