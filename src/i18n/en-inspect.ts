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
  inspectAverage: 'ā, x: the averaged point (ASGD, schedule-free)',
  inspectProbes: 'the points the step evaluates (L-BFGS, SAM)',
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
  lookRprop: "Only the gradient's sign counts: each coordinate moves by its own step size Δ (the ellipse's half-axes), which grows by η₊ while the sign holds and shrinks by η₋ when it flips; after a flip that coordinate stands still for one step.",
  lookAsgd: 'SGD with a step η that shrinks as (1 + λγt)^−α (hardly at all with torch\'s defaults) and a pull λη towards 0. The ring ā is the average of the iterates from step t₀ on, what ASGD returns; before t₀ it is the iterate itself.',
  lookLion: 'Only the sign of β₁m + (1 − β₁)g counts: every coordinate moves by exactly γ (the ellipse\'s half-axes), however small or large its gradient, as far along a flat floor as down a steep wall. The dotted arrow is m, averaged with the slower β₂.',
  lookAdabelief: 'Adam whose second moment s is the spread of the gradient around its average m (the dotted arrow is m̂), not its square: where the gradient is as m predicts, s is small and the ellipse large, so it steps out where the slope is steady. Rectified as RAdam: a circle for its first five steps.',
  lookYogi: 'Adam whose v moves towards g² by (1 − β₂)g² a step, whatever the gap, not by a fraction of it: after a large gradient v stays large for long, and the ellipse γ√(1 − β₂ᵗ)/(√v + ε) small. v starts at 10⁻⁶; ε is 10⁻³.',
  lookAdan: 'Besides m̂ (the dotted arrow), an average d of how much the gradient changed since the step before, added to the step with weight β₂: the step leans the way the gradient is turning. The ellipse is γ/(√n̂ + ε) per coordinate.',
  lookScheduleFree: 'Three sequences: z takes AdamW\'s steps, the ring x is the running average of the z\'s (the point to evaluate and keep), and the path is y = β₁x + (1 − β₁)z, between the two, where each gradient is taken. The ellipse is z\'s step size γₜ/(√v̂ + ε).',
  lookLbfgs: "One step here is one call of torch's step(): up to maxIter inner iterations (20 by default), each a move t·d along a direction d built from the last moves and how the gradient changed along them (an estimate of the inverse Hessian applied to −∇f). The dots are where that call evaluated f and ∇f, joined in order from the head: its inner iterates and, with strongWolfe, its line search's trial points, which lie on the line of their iteration's direction (with maxIter 1 the step ends on one of them). On the ravine, a quadratic, the first call takes 10 evaluations to come within 2·10⁻⁷ of the minimum; the later calls stop at once (the decrease gᵀd they foresee is under toleranceChange), so no more dots.",
  lookAdafactor: "The ellipse is each coordinate's step size αû/g times |∇f|: like RMSprop's, it stretches along the coordinate with the smaller gradients. But α = max(ε₂, RMS(θ))·min(γ, 1/√t) is relative to the size of θ: the first step moves each coordinate by exactly α (here RMS(θ₀)·γ ≈ 0.645), and the step sizes shrink as the run nears the minimum at the origin, where θ is small (ε₂ = 10⁻³ is their floor).",
  lookNewton: "The step arrow is −γd with d = (H + δI)⁻¹∇f: the gradient turned and scaled by the curvature H. With γ = 1 a step lands where the local quadratic model is flat: on the ravine, a quadratic, that is the minimum, reached in one step. But flat is not low: on the saddle x² − y² the first step lands on the saddle (0, 0) itself and stays there, since ∇f = 0. Newton goes to any point where the gradient vanishes, a saddle or a maximum as well as a minimum.",
  lookSaddleFreeNewton: "Newton's step with the curvature's sign dropped: d = (|H| + δI)⁻¹∇f, |H| having H's eigenvalues by their absolute value. Where f curves up every way (the ravine), |H| = H and the step is Newton's: the minimum in one step. Along a direction where f curves down, it steps downhill instead of to the flat point: on the saddle x² − y² the first step takes x to 0, as Newton's does, but doubles y (γ = 1), away from the saddle.",
  lookSam: "The dot is the ascent point θ + ε, ρ (0.05) from the head straight up the gradient. SAM takes the gradient there and steps with it from the head, as SGD would: the step is −γ∇f(θ + ε), not the gradient arrow −γ∇f(θ). Up a steep wall the gradient is larger: on the ravine at SGD's lr 0.19 each step across the valley overshoots by a further γρ·10 = 0.095, and the zig-zag SGD damps out holds at ±0.95 across the floor, while along the valley SAM keeps pace with SGD.",
};
