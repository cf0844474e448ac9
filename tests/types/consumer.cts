// A CommonJS consumer under moduleResolution: nodenext: `require()` of the ESM entries, as
// Node >= 20.19 allows (scripts/check-node-require.mjs runs the same requires).
import core = require('descent-lab/core');
import lib = require('descent-lab');

const run = core.trajectory({ surface: 'saddle', optimizer: 'sgd', start: [1, 0.01], steps: 5 });
// @ts-expect-error: not a preset id
core.trajectory({ surface: 'saddle', optimizer: 'sdg', start: [1, 0.01], steps: 5 });
export const loss: number = run.loss[5] + lib.trajectory({ surface: 'saddle', optimizer: 'nesterov', start: [1, 0], steps: 1 }).x[1];
