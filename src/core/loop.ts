/**
 * The step loop of `trajectory()`, written once, as source text: from it come both the loops
 * compiled at run time (one per preset and shape of its options, with the rule's statements
 * written in from src/generated/rule-source.ts) and, at build time, the portable loop a strict
 * Content Security Policy leaves (src/generated/portable-loop.ts, which calls the rule's
 * `step`). A feature of the loop (recording, ...) is written here, once, for both.
 *
 * The loop returns divergedAt (>= 0), or -(convergedAt + 2) if the gradient norm fell below
 * 1e-8, or -1.
 */
import type { Hyper, RuleDefinition, RuleSource } from './optimizers/rule';

/**
 * The loop's parameters, in order: the run, then what `record: 'state'` asks for (else null: one
 * array per state tensor, the gradients, the effective step sizes), then the portable loop's
 * rule (`UpdateRule.step`) and options, which the compiled loops do not use.
 */
export const LOOP_PARAMS = [
  'surface', 'options', 's', 'xs', 'ys', 'loss', 'steps', 'xLo', 'xHi', 'yLo', 'yHi', 'sd', 'seed', 'nextState', 'uniform',
  'recState', 'recGrad', 'recLr', 'step', 'h', 'sched',
] as const;

/**
 * What a run with a learning-rate schedule gives the loop (null without one): the lr of each
 * step, and the momentum or β₁ where OneCycleLR cycles it (core/schedules.ts computes them).
 */
export interface LoopSchedule {
  /** The lr of step t at index t − 1. */
  readonly lr: Float64Array;
  /** The cycled momentum (or β₁) of step t at index t − 1, or null. */
  readonly momentum: Float64Array | null;
  /** Which option the cycled momentum is: `momentum` or `beta1`. */
  readonly option: string;
  /**
   * The portable loop's state slot holding a carried β₁ᵗ (`beta1Power`), or −1. torch computes
   * 1 − β₁ᵗ from the current β₁; a running product would multiply past ones, so while β₁ is
   * cycled the loop sets β₁^(t−1) there before each step (the rule then multiplies in one more).
   */
  readonly powerSlot: number;
  /** ReduceLROnPlateau: after step t, sets the lr of step t + 1 from the loss before step t; else null. */
  readonly next: ((t: number) => void) | null;
}

/** Names the loop declares: a rule's own locals must not take them (the generator checks). */
export const LOOP_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  ...LOOP_PARAMS,
  'f', 'fused', 'first', 'grad', 'p0', 'p1', 'g0', 'g1', 'rng', 'convergedAt', 't', 'l', 'u1', 'u2', 'r',
  'eff0', 'eff1', 'P', 'G', 'E', 'j', 'Math',
]);

/**
 * The loop's own locals for a rule's option (by its index among the rule's defaults), tensor
 * entry (by the tensor's index in `tensors`, and the coordinate) and per-step number (by its
 * index in `RuleSource.k`). Short, since the bundle carries every rule's source.
 */
export const local = {
  option: (index: number) => `o${index}`,
  tensor: (index: number, i: number | string) => `s${index}_${i}`,
  k: (index: number) => `k${index}`,
};

/** Whether a rule's local would take the name of one of the loop's own (the generator checks). */
export const isLoopName = (name: string) => LOOP_NAMES.has(name) || /^(o|k|p|g|eff)\d+$|^s\d+_/.test(name);

/** What the loop needs of the rule: its declarations, one step, and what recording reads. */
export interface StepCode {
  /** Declarations before the loop. */
  readonly setup: string;
  /** One step: p0, p1 from g0, g1 at step t (and eff0, eff1 when recording). */
  readonly step: string;
  /** Writes the state after step `at` into recState. */
  readonly recordState: (at: string) => string;
  /** With a schedule: sets step t's lr (and cycled momentum) where the step reads them. */
  readonly schedule?: string;
}

/**
 * `record`: true or false compiles a loop with or without recording; 'dynamic' (the portable
 * loop) checks at run time whether the arrays were given.
 */
export type Record_ = boolean | 'dynamic';

/**
 * The loop itself. Surfaces that compute f and its gradient in one call (compiled expressions
 * share sin, cos and exp between them) get one call per step instead of two. The first gradient
 * goes to its own array (that call, run once, may stay a call); `grad` is written only by the
 * calls in the loop: once they are inlined, escape analysis keeps the gradient in registers.
 * Noise: Box–Muller, one pair of standard normals per step, one for each coordinate. The
 * convergence test is |g| < CONVERGED_GRAD_NORM (1e-8); the divergence tests are written so that
 * NaN fails every comparison (a start whose loss is not finite has diverged at step 0).
 */
export function loopBody(code: StepCode, record: Record_, scheduled: Record_ = false): string {
  // A recording statement: left out, kept, or run when the arrays are there.
  const rec = (statements: string) =>
    record === 'dynamic' ? `if (recGrad !== null) { ${statements} }` : record ? statements : '';
  // The same for a schedule's: left out, kept, or run when there is one.
  const sch = (statements: string) =>
    scheduled === 'dynamic' ? `if (sched !== null) { ${statements} }` : scheduled ? statements : '';
  return `
  ${code.setup}
  const f = surface.f;
  const fused = surface.valueAndGrad !== undefined;
  let p0 = xs[0];
  let p1 = ys[0];
  const first = [NaN, NaN];
  surface.grad(p0, p1, first);
  let g0 = first[0];
  let g1 = first[1];
  const grad = [NaN, NaN];
  let rng = seed;
  let convergedAt = -1;
  let eff0 = NaN;
  let eff1 = NaN;
  ${rec(`${code.recordState('0')} recLr[0] = NaN; recLr[1] = NaN;`)}
  if (!(loss[0] - loss[0] === 0)) {
    ${rec('recGrad[0] = g0; recGrad[1] = g1;')}
    return 0;
  }
  for (let t = 1; t <= steps; t++) {
    ${sch(`if (sched.next !== null && t > 1) sched.next(t - 1); ${code.schedule ?? ''}`)}
    if (convergedAt < 0 && g0 * g0 + g1 * g1 < 1e-16) convergedAt = t - 1;
    if (sd > 0) {
      rng = nextState(rng);
      const u1 = 1 - uniform(rng);
      rng = nextState(rng);
      const u2 = uniform(rng);
      const r = sd * Math.sqrt(-2 * Math.log(u1));
      g0 += r * Math.cos(2 * Math.PI * u2);
      g1 += r * Math.sin(2 * Math.PI * u2);
    }
    ${rec('recGrad[2 * t - 2] = g0; recGrad[2 * t - 1] = g1;')}
    {${code.step}}
    ${rec(`${code.recordState('t')} recLr[2 * t] = eff0; recLr[2 * t + 1] = eff1;`)}
    let l;
    if (fused) {
      l = surface.valueAndGrad(p0, p1, grad);
    } else {
      l = f(p0, p1);
      surface.grad(p0, p1, grad);
    }
    g0 = grad[0];
    g1 = grad[1];
    xs[t] = p0;
    ys[t] = p1;
    loss[t] = l;
    if (!(p0 >= xLo && p0 <= xHi && p1 >= yLo && p1 <= yHi && l - l === 0)) {
      ${rec('recGrad[2 * t] = g0; recGrad[2 * t + 1] = g1;')}
      return t;
    }
  }
  ${rec('recGrad[2 * steps] = g0; recGrad[2 * steps + 1] = g1;')}
  if (convergedAt < 0 && g0 * g0 + g1 * g1 < 1e-16) convergedAt = steps;
  return convergedAt >= 0 ? -convergedAt - 2 : -1;`;
}

/**
 * The loop with the rule's statements written in for the two coordinates, for `new Function`:
 * the options read once per run into locals, the state tensors and the step's numbers kept in
 * locals (in registers once compiled), conditions on options decided by `h`.
 */
export function compiledLoopSource(
  presetId: string,
  definition: RuleDefinition,
  source: RuleSource,
  h: Hyper,
  options: readonly string[],
  record: boolean,
  schedule?: string,
): string {
  const present = definition.present?.(h) ?? definition.tensors;
  const carried = Object.keys(definition.carry?.(h) ?? {});
  const base = present.length * 2;
  const setup = [
    // (A schedule's statements, core/schedules.ts's scheduleLoopCode, set some of them each step.)
    ...options.map((name, j) => `${schedule ? 'let' : 'const'} ${local.option(Object.keys(definition.defaults).indexOf(name))} = options[${j}];`),
    // Every tensor the rule names has its locals; those torch does not create stay 0, unused.
    ...definition.tensors.flatMap((name, index) => {
      const j = present.indexOf(name);
      return [0, 1].map((i) => `let ${local.tensor(index, i)} = ${j < 0 ? '0' : `s[${2 * j + i}]`};`);
    }),
    ...source.k.map((name, index) => {
      const j = carried.indexOf(name);
      return `let ${local.k(index)} = ${j < 0 ? 'NaN' : `s[${base + j}]`};`;
    }),
  ].join('\n  ');
  const step = `${source.perStep ? `{${source.perStep(h)}}` : ''}{${source.coordinate(h, 0, record)}}{${source.coordinate(h, 1, record)}}`;
  const recordState = (at: string) =>
    present
      .map((name, j) => {
        const index = definition.tensors.indexOf(name);
        return `recState[${j}][2 * ${at}] = ${local.tensor(index, 0)}; recState[${j}][2 * ${at} + 1] = ${local.tensor(index, 1)};`;
      })
      .join(' ');
  return `// step loop for ${JSON.stringify(presetId)}, rule written in${record ? ', recording' : ''}${schedule ? ', scheduled' : ''}
return function compiledStepLoop(${LOOP_PARAMS.join(', ')}) {${loopBody({ setup, step, recordState, schedule }, record, !!schedule)}
};`;
}
