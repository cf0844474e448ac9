/**
 * The schedules' one-line text form (src/core/schedules.ts: parseSchedule, scheduleText): round
 * trips for every kind, hand-written texts read as the objects they mean, whitespace and JSON,
 * the refusals (each naming the option and quoting the bad part), and `trajectory()` given the
 * text running bit for bit as with the object.
 */
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors';
import { parseSchedule, scheduleRun, scheduleText, type ScheduleOptions } from '../../src/core/schedules';
import { trajectory } from '../../src/core/trajectory';
import '../../surfaces/index';

const ROUND_TRIPS: ScheduleOptions[] = [
  { kind: 'StepLR', stepSize: 100 },
  { kind: 'StepLR', stepSize: 100, gamma: 0.5 },
  { kind: 'MultiStepLR', milestones: [100, 200], gamma: 0.5 },
  { kind: 'MultiStepLR', milestones: [5, 12, 12, 20] },
  { kind: 'MultiStepLR', milestones: [30] },
  { kind: 'MultiStepLR', milestones: [] },
  { kind: 'ConstantLR', factor: 0.25, totalIters: 8 },
  { kind: 'ConstantLR' },
  { kind: 'LinearLR', startFactor: 0.1, endFactor: 1, totalIters: 30 },
  { kind: 'ExponentialLR', gamma: 0.99 },
  { kind: 'PolynomialLR', totalIters: 50, power: 2 },
  { kind: 'CosineAnnealingLR', tMax: 300, etaMin: 0.001 },
  { kind: 'CosineAnnealingLR', etaMin: 1e-7 },
  { kind: 'CosineAnnealingLR', etaMin: -0 },
  { kind: 'CosineAnnealingWarmRestarts', t0: 5, tMult: 2, etaMin: 0.01 },
  { kind: 'OneCycleLR', maxLr: 0.1, annealStrategy: 'linear', cycleMomentum: false },
  {
    kind: 'OneCycleLR',
    maxLr: 0.02,
    totalSteps: 45,
    pctStart: 0.25,
    annealStrategy: 'cos',
    cycleMomentum: true,
    baseMomentum: 0.8,
    maxMomentum: 0.9,
    divFactor: 10,
    finalDivFactor: 1e21,
    threePhase: true,
  },
  { kind: 'ReduceLROnPlateau', mode: 'max', factor: 0.5, patience: 3, threshold: 0.01, thresholdMode: 'abs', cooldown: 2, minLr: 1e-6, eps: 1e-12 },
  { kind: 'ReduceLROnPlateau' },
  {
    kind: 'SequentialLR',
    schedulers: [
      { kind: 'LinearLR', startFactor: 0.1, totalIters: 30 },
      { kind: 'CosineAnnealingLR', tMax: 270 },
    ],
    milestones: [30],
  },
  {
    kind: 'SequentialLR',
    schedulers: [
      { kind: 'ConstantLR', factor: 0.5, totalIters: 30 },
      { kind: 'MultiStepLR', milestones: [50, 100], gamma: 0.3 },
      { kind: 'OneCycleLR', maxLr: 0.05, threePhase: true, annealStrategy: 'linear' },
    ],
    milestones: [30, 200],
  },
];

/** The OptionError that `f` throws. */
function refusal(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OptionError);
    return e as OptionError;
  }
  throw new Error('not refused');
}

describe('the text form of a schedule', () => {
  it.each(ROUND_TRIPS.map((o) => [scheduleText(o), o] as const))('%s reads back as its object', (text, o) => {
    expect(parseSchedule(text)).toStrictEqual(o);
    expect(Object.is((parseSchedule(text) as { etaMin?: number }).etaMin, (o as { etaMin?: number }).etaMin)).toBe(true);
  });

  it('is URL-fragment safe: none of , ( ) & # space % or quotes', () => {
    for (const o of ROUND_TRIPS) expect(scheduleText(o)).toMatch(/^[A-Za-z0-9:=+@.-]+$/);
  });

  it('writes the canonical text: the object’s order, String(v), true/false, + lists, @N:', () => {
    expect(scheduleText({ kind: 'CosineAnnealingLR', tMax: 300, etaMin: 0.001 })).toBe('CosineAnnealingLR:tMax=300:etaMin=0.001');
    expect(scheduleText({ kind: 'CosineAnnealingLR', etaMin: 0.001, tMax: 300 })).toBe('CosineAnnealingLR:etaMin=0.001:tMax=300');
    expect(scheduleText({ kind: 'ExponentialLR', gamma: 1e-7 })).toBe('ExponentialLR:gamma=1e-7');
    expect(scheduleText({ kind: 'OneCycleLR', maxLr: 0.1, annealStrategy: 'linear', cycleMomentum: false })).toBe(
      'OneCycleLR:maxLr=0.1:annealStrategy=linear:cycleMomentum=false',
    );
    expect(scheduleText({ kind: 'MultiStepLR', milestones: [100, 200], gamma: 0.5 })).toBe('MultiStepLR:milestones=100+200:gamma=0.5');
    expect(scheduleText({ kind: 'StepLR', stepSize: 10, gamma: undefined })).toBe('StepLR:stepSize=10');
    expect(scheduleText(ROUND_TRIPS[ROUND_TRIPS.length - 1])).toBe(
      'ConstantLR:factor=0.5:totalIters=30@30:MultiStepLR:milestones=50+100:gamma=0.3@200:OneCycleLR:maxLr=0.05:threePhase=true:annealStrategy=linear',
    );
  });

  it('reads hand-written texts as the objects they mean', () => {
    expect(parseSchedule('CosineAnnealingLR')).toStrictEqual({ kind: 'CosineAnnealingLR' });
    expect(parseSchedule('CosineAnnealingLR:tMax=300:etaMin=0.001')).toStrictEqual({ kind: 'CosineAnnealingLR', tMax: 300, etaMin: 0.001 });
    expect(parseSchedule('StepLR:stepSize=100:gamma=0.5')).toStrictEqual({ kind: 'StepLR', stepSize: 100, gamma: 0.5 });
    expect(parseSchedule('ExponentialLR:gamma=1e-3')).toStrictEqual({ kind: 'ExponentialLR', gamma: 0.001 });
    expect(parseSchedule('PolynomialLR:power=-2')).toStrictEqual({ kind: 'PolynomialLR', power: -2 });
    expect(parseSchedule('OneCycleLR:maxLr=0.1:annealStrategy=linear:cycleMomentum=false')).toStrictEqual({
      kind: 'OneCycleLR',
      maxLr: 0.1,
      annealStrategy: 'linear',
      cycleMomentum: false,
    });
    expect(parseSchedule('ReduceLROnPlateau:mode=max:thresholdMode=abs:patience=5')).toStrictEqual({
      kind: 'ReduceLROnPlateau',
      mode: 'max',
      thresholdMode: 'abs',
      patience: 5,
    });
    expect(parseSchedule('MultiStepLR:milestones=100+200:gamma=0.5')).toStrictEqual({ kind: 'MultiStepLR', milestones: [100, 200], gamma: 0.5 });
    expect(parseSchedule('MultiStepLR:milestones=100')).toStrictEqual({ kind: 'MultiStepLR', milestones: [100] });
    expect(parseSchedule('LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=270')).toStrictEqual({
      kind: 'SequentialLR',
      schedulers: [
        { kind: 'LinearLR', startFactor: 0.1, totalIters: 30 },
        { kind: 'CosineAnnealingLR', tMax: 270 },
      ],
      milestones: [30],
    });
    expect(parseSchedule('LinearLR@30:ConstantLR:factor=0.5@200:ExponentialLR:gamma=0.9')).toStrictEqual({
      kind: 'SequentialLR',
      schedulers: [{ kind: 'LinearLR' }, { kind: 'ConstantLR', factor: 0.5 }, { kind: 'ExponentialLR', gamma: 0.9 }],
      milestones: [30, 200],
    });
  });

  it('ignores whitespace around tokens', () => {
    expect(parseSchedule('  CosineAnnealingLR : tMax = 300 : etaMin = 0.001 \n')).toStrictEqual({ kind: 'CosineAnnealingLR', tMax: 300, etaMin: 0.001 });
    expect(parseSchedule(' MultiStepLR : milestones = 100 + 200 ')).toStrictEqual({ kind: 'MultiStepLR', milestones: [100, 200] });
    expect(parseSchedule(' OneCycleLR : cycleMomentum = true : annealStrategy = cos ')).toStrictEqual({
      kind: 'OneCycleLR',
      cycleMomentum: true,
      annealStrategy: 'cos',
    });
    expect(parseSchedule('LinearLR:totalIters=30 @ 30 : CosineAnnealingLR')).toStrictEqual({
      kind: 'SequentialLR',
      schedulers: [{ kind: 'LinearLR', totalIters: 30 }, { kind: 'CosineAnnealingLR' }],
      milestones: [30],
    });
  });

  it('reads a text beginning with { as the object form in JSON', () => {
    const o = ROUND_TRIPS[ROUND_TRIPS.length - 1];
    expect(parseSchedule(` ${JSON.stringify(o)} `)).toStrictEqual(o);
    expect(parseSchedule('{"kind":"StepLR","stepSize":30}')).toStrictEqual({ kind: 'StepLR', stepSize: 30 });
    const e = refusal(() => parseSchedule('{kind: StepLR}'));
    expect(e.option).toBe('schedule');
    expect(e.message).toContain('"{kind: StepLR}"');
    expect(e.message).toContain('JSON');
  });

  it('refuses, naming the option and quoting the bad part', () => {
    const cases: [text: string, option: string, quoted: string][] = [
      ['Cosine:tMax=3', 'schedule', '"Cosine"'],
      ['CosineAnnealingLR:tMax', 'schedule', '"tMax"'],
      ['CosineAnnealingLR:tMax=', 'schedule.tMax', '"tMax="'],
      ['CosineAnnealingLR:tMax=abc', 'schedule.tMax', '"tMax=abc"'],
      ['CosineAnnealingLR:tMax=Infinity', 'schedule.tMax', '"tMax=Infinity"'],
      ['MultiStepLR:milestones=1+x', 'schedule.milestones', '"milestones=1+x"'],
      ['MultiStepLR:milestones=1.5+2', 'schedule.milestones', '"milestones=1.5+2"'],
      ['SequentialLR', 'schedule', '"SequentialLR"'],
      ['', 'schedule', '""'],
      ['   ', 'schedule', '"   "'],
      ['StepLR:foo=3', 'schedule.foo', '"foo=3"'],
      ['StepLR:kind=MultiStepLR', 'schedule.kind', '"kind=MultiStepLR"'],
      ['LinearLR@x:CosineAnnealingLR', 'schedule.milestones', '"@x:CosineAnnealingLR"'],
      ['LinearLR@30', 'schedule.milestones', '"@30"'],
      ['LinearLR@30:Cosine', 'schedule.schedulers[1]', '"Cosine"'],
      ['LinearLR@30:CosineAnnealingLR:tMax=abc', 'schedule.schedulers[1].tMax', '"tMax=abc"'],
    ];
    for (const [text, option, quoted] of cases) {
      const e = refusal(() => parseSchedule(text));
      expect(e.option, text).toBe(option);
      expect(e.message, text).toContain(quoted);
    }
    expect(refusal(() => parseSchedule('Cosine')).message).toContain('unknown schedule "Cosine"; one of StepLR, MultiStepLR');
    expect(refusal(() => parseSchedule('CosineAnnealingLR:tMax=abc')).message).toContain('"tMax=abc", not key=number');
    expect(refusal(() => parseSchedule('SequentialLR')).message).toContain('@N:');
  });

  it('leaves the options’ names and values to the schedule’s build: scheduleRun refuses them as for the object', () => {
    const run = { steps: 10, lr: 0.1, momentum: undefined, momentumOption: undefined, ruleName: 'SGD' };
    expect(refusal(() => scheduleRun('StepLR:stepSize=-1', run)).option).toBe('schedule.stepSize');
    expect(refusal(() => scheduleRun('OneCycleLR:annealStrategy=cosine:cycleMomentum=false', run)).option).toBe('schedule.annealStrategy');
    expect(refusal(() => scheduleRun('OneCycleLR:threePhase=1:cycleMomentum=false', run)).option).toBe('schedule.threePhase');
    expect(refusal(() => scheduleRun('ReduceLROnPlateau@3:StepLR:stepSize=1', run)).option).toBe('schedule.schedulers[0]');
    expect(scheduleRun('StepLR:stepSize=3:gamma=0.5', run).lr).toEqual(scheduleRun({ kind: 'StepLR', stepSize: 3, gamma: 0.5 }, run).lr);
  });

  it('says an option torch has no default for is missing, with an example, not "got undefined"', () => {
    const run = { steps: 10, lr: 0.1, momentum: undefined, momentumOption: undefined, ruleName: 'SGD' };
    const cases = [
      ['StepLR:gamma=0.5', 'schedule.stepSize', 'StepLR:stepSize=30'],
      ['MultiStepLR', 'schedule.milestones', 'MultiStepLR:milestones=100+200'],
      ['ExponentialLR', 'schedule.gamma', 'ExponentialLR:gamma=0.99'],
      ['CosineAnnealingWarmRestarts:tMult=2', 'schedule.t0', 'CosineAnnealingWarmRestarts:t0=100'],
      ['LinearLR@10:StepLR', 'schedule.schedulers[1].stepSize', 'StepLR:stepSize=30'],
    ] as const;
    for (const [text, option, example] of cases) {
      const e = refusal(() => scheduleRun(text, run));
      expect(e.option).toBe(option);
      expect(e.message).toBe(`option "${option}" is missing: ${example.split(':')[0]} needs it and has no default (as in torch), e.g. "${example}"`);
      // Each example is itself a schedule that runs.
      expect(scheduleRun(example, run).lr).toHaveLength(10);
    }
    const sequence = refusal(() => scheduleRun({ kind: 'SequentialLR', schedulers: [{ kind: 'ConstantLR' }] }, run));
    expect(sequence.message).toContain('"schedule.milestones" is missing: SequentialLR needs it');
    expect(sequence.message).toContain('e.g. "LinearLR:totalIters=30@30:CosineAnnealingLR"');
    // A present but bad value still says what it got.
    expect(refusal(() => scheduleRun('StepLR:stepSize=0', run)).message).toBe('option "schedule.stepSize" must be a whole number >= 1, got 0');
  });
});

describe('trajectory({ schedule }) with the text', () => {
  const base = { surface: 'rosenbrock', optimizer: 'adam', steps: 200, start: [-1.2, 1] as [number, number] } as const;
  it.each([
    ['CosineAnnealingLR:tMax=200', { kind: 'CosineAnnealingLR', tMax: 200 }],
    [
      'LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=170',
      {
        kind: 'SequentialLR',
        schedulers: [
          { kind: 'LinearLR', startFactor: 0.1, totalIters: 30 },
          { kind: 'CosineAnnealingLR', tMax: 170 },
        ],
        milestones: [30],
      },
    ],
  ] as [string, ScheduleOptions][])('%s runs bit for bit as its object', (text, object) => {
    const fromText = trajectory({ ...base, schedule: text });
    const fromObject = trajectory({ ...base, schedule: object });
    expect(fromText.x).toEqual(fromObject.x);
    expect(fromText.y).toEqual(fromObject.y);
    expect(fromText.lr).toEqual(fromObject.lr);
    expect(fromText.lr!.length).toBe(200);
    expect(fromText.lr![199]).not.toBe(fromText.lr![0]);
  });

  it('refuses a bad text as trajectory() refuses a bad option', () => {
    const e = refusal(() => trajectory({ ...base, schedule: 'CosineAnnealingLR:tMax=abc' }));
    expect(e.option).toBe('schedule.tMax');
    expect(e.message).toContain('"tMax=abc"');
  });
});
