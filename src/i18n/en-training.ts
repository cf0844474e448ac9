/**
 * The English strings of training on the map (descent-playground/training.ts: batch sizes,
 * learning-rate schedules, the data panel): they ship in its lazy chunk, which adds them with
 * addStrings('en', …). The Korean set (ko.ts) has them as every other key.
 */
export const enTraining = {
  batchTitle: 'Samples per mini-batch: each step’s gradient is the mean over one batch, drawn as torch’s DataLoader with shuffle=True draws them (full: all {n} samples)',
  batchOf: 'Batch size of {name}',
  fullOption: 'full ({n})',
  schedule: 'lr schedule',
  scheduleTitle: 'A torch.optim.lr_scheduler schedule, stepped after every step; its options in the text below (e.g. CosineAnnealingLR:tMax=300)',
  scheduleOf: 'Learning-rate schedule of {name}',
  scheduleText: 'Options of the schedule of {name}',
  constant: 'constant',
  warmupCosine: 'warm-up + cosine',
  customSchedule: 'as typed',
  lrSparkline: 'lr of {name} under {schedule}: from {from} to {to}',
  lrAt: 'lr at step {k}',
  dataHeading: 'Data',
  dataLinear: 'The {n} samples (u, t) and the line t = w·u + b of {name} at the shown step.',
  dataLogistic: 'The {n} samples of two classes and the decision boundary w₁u₁ + w₂u₂ = 0 of {name} at the shown step.',
  dataNet: 'The {n} samples (u, t) and the curve t = w₂·tanh(w₁·u) of {name} at the shown step.',
  dataBatch: 'Ringed: the mini-batch its next step uses. In the loss chart, the faint dots are each step’s mini-batch loss.',
};
