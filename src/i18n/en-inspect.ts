/**
 * The English strings of the inner-state view (descent-surface/inspect-layer.ts and the rule
 * panel's values): they ship in its lazy chunk, which adds them with addStrings('en', …). The
 * Korean set (ko.ts, itself lazy) has them as every other key.
 */
export const enInspect = {
  inspectLegend: 'What the marks at each head show',
  inspectGrad: '−γ∇f: where plain gradient descent would step',
  inspectStep: 'the step it takes',
  inspectMoment: 'velocity, first moment (−γ·b, −γ·m̂)',
  inspectTheta: 'θ behind the look-ahead (Nesterov)',
  inspectGlyph: 'step size per coordinate × |∇f|',
  inspectScale: 'arrows × {factor}',
  inspectValues: 'At step {k}, for step {next}',
  inspectValuesLast: 'At step {k}, the last',
  inspectSymbol: 'symbol',
  inspectChart: 'step size per coordinate (x solid, y dashed)',
  inspectLook: 'What to look at',
  // What each rule's marks show (tests/unit/inspect-notes.test.ts checks every claim on the ravine).
  lookSgd: 'The step it takes is the gradient arrow, every time: plain gradient descent goes straight down the steepest slope, across a ravine rather than along it.',
  lookMomentum: 'The dotted arrow is the velocity b: the gradients added up, each older one weighed down by μ. On the ravine the gradient flips across the valley from step to step and cancels out in b, while its part along the valley adds up: after a few steps b points along the valley, the gradient still across it.',
  lookNesterov: 'The path runs through the look-ahead points, where each gradient is taken; the ring θ is where the momentum carried the run from. Taken ahead, the gradient corrects the velocity before it overshoots.',
  lookAdagrad: 'The ellipse is each coordinate\'s step size times |∇f|: γ divided by the root of that coordinate\'s summed squared gradients. The steep coordinate\'s sum grows fast, so the ellipse stretches along the flat one, and the sums only grow: the steps shrink for good.',
  lookAdadelta: 'The ellipse is each coordinate\'s step size, √(u + ε)/√(v + ε), times |∇f|. Past steps u start at 0, so ε sets the first steps (about 0.003 here), and they grow only as u does.',
  lookRmsprop: 'Like Adagrad\'s, the ellipse stretches along the coordinate with the smaller gradients; v is a leaky average, so the step sizes follow the recent gradients and can grow again instead of shrinking for good.',
  lookAdam: 'Both at once: the dotted arrow is m̂, the averaged gradient (momentum), and the ellipse is γ/(√v̂ + ε) per coordinate (RMSprop\'s scaling). Early on each coordinate steps about γ whatever the size of its gradient: a steep and a flat coordinate move alike.',
  lookAdamax: 'Adam with the largest recent |g| (u, the infinity norm) in place of √v̂: the ellipse is γ/u per coordinate, and the dotted arrow m̂.',
  lookNadam: 'Adam with the look-ahead in its step: the step mixes this gradient into the momentum term. The dotted arrow is m, the ellipse γ/(√v̂ + ε) per coordinate.',
  lookRadam: 'For its first steps (ρₜ ≤ 5) no scaling per coordinate: the ellipse is a circle of radius γ|∇f| and the step follows m̂ alone; from then on the rectifier r brings the scaling in.',
};
