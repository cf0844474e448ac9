/**
 * The core's refusals of a run, in Korean (src/i18n/ko-errors.ts): every refusal an optimizer's
 * row in the playground can show is made here with the core itself (a schedule torch refuses, a
 * hyperparameter out of its rule's range, the checks a rule makes itself, batches off a data
 * surface, a Hessian a data surface cannot give) and must come out translated: no English wording
 * left, the option's name and the value kept. Every pattern must be met by one of them (a pattern
 * none meets is wording the core no longer has).
 */
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors';
import { getPreset, loadOptimizers, presetIds, resolveHyper } from '../../src/core/optimizers/index';
import { loadSchedules, trajectory } from '../../src/core/trajectory';
import { parseSchedule, scheduleRun } from '../../src/core/schedules';
import { koOptionError, REQUIREMENTS } from '../../src/i18n/ko-errors';
import { messageText, whenLoaded } from '../../src/i18n/index';
import { koErrorsReady } from '../../src/i18n/ko-prose';
import { parseHyperValue } from '../../src/state/parse';
import { surfaces } from '../../surfaces/index';
import '../../src/core/optimizers/more';

function refusal(f: () => unknown): OptionError {
  try {
    f();
  } catch (e) {
    if (e instanceof OptionError) return e;
    throw e;
  }
  throw new Error(`not refused: ${String(f)}`);
}

const run = { steps: 10, lr: 0.1, momentum: undefined, momentumOption: undefined, ruleName: 'Adagrad' } as const;

/** Schedules torch refuses, one for each refusal of src/core/schedules.ts the UI can meet. */
const SCHEDULES: ReadonlyArray<() => unknown> = [
  () => parseSchedule('  '),
  () => parseSchedule('{kind: StepLR}'),
  () => parseSchedule('LinearLR@x:StepLR'),
  () => parseSchedule('SequentialLR'),
  () => parseSchedule('Cosine'),
  () => parseSchedule('StepLR:stepSize'),
  () => parseSchedule('StepLR:size=3'),
  () => parseSchedule('MultiStepLR:milestones=10+x'),
  () => parseSchedule('StepLR:stepSize=abc'),
  () => scheduleRun('StepLR', run),
  () => scheduleRun('MultiStepLR', run),
  () => scheduleRun('StepLR:stepSize=0', run),
  () => scheduleRun({ kind: 'StepLR', stepSize: 2, gamma: 'x' }, run),
  () => scheduleRun({ kind: 'ConstantLR', factor: 2 }, run),
  () => scheduleRun({ kind: 'LinearLR', startFactor: 0 }, run),
  () => scheduleRun({ kind: 'ReduceLROnPlateau', factor: 1 }, run),
  () => scheduleRun({ kind: 'OneCycleLR', cycleMomentum: false, maxLr: 0 }, run),
  () => scheduleRun('OneCycleLR:annealStrategy=cosine:cycleMomentum=false', run),
  () => scheduleRun('OneCycleLR:threePhase=1:cycleMomentum=false', run),
  () => scheduleRun({ kind: 'MultiStepLR', milestones: [-1] }, run),
  () => scheduleRun({ kind: 'SequentialLR', schedulers: [], milestones: [] }, run),
  () => scheduleRun({ kind: 'SequentialLR', schedulers: [{ kind: 'ConstantLR' }, { kind: 'ConstantLR' }], milestones: [] }, run),
  () => scheduleRun({ kind: 'Nope' }, run),
  () => scheduleRun({ kind: 'StepLR', stepSize: 2, size: 3 }, run),
  () => scheduleRun({ kind: 'OneCycleLR' }, run),
  () => scheduleRun({ kind: 'OneCycleLR', pctStart: 0.1, cycleMomentum: false }, run),
  () => scheduleRun('ReduceLROnPlateau@3:StepLR:stepSize=1', run),
  () => scheduleRun({ kind: 'SequentialLR', schedulers: [{ kind: 'SequentialLR', schedulers: [{ kind: 'ConstantLR' }], milestones: [] }], milestones: [] }, run),
];

/** Every hyperparameter of every preset, refused each way its spec allows (out of range, not finite, not a boolean), and an unknown one. */
function hyperRefusals(): OptionError[] {
  const out: OptionError[] = [];
  for (const id of presetIds) {
    const { kernel } = getPreset(id);
    out.push(refusal(() => resolveHyper(id, { nope: 1 })));
    for (const [key, spec] of Object.entries(kernel.spec)) {
      if (spec.kind === 'boolean') {
        out.push(refusal(() => resolveHyper(id, { [key]: 1 })));
        continue;
      }
      out.push(refusal(() => resolveHyper(id, { [key]: Infinity })));
      if (spec.min !== undefined) out.push(refusal(() => resolveHyper(id, { [key]: spec.min! - 1 })));
      if (spec.max !== undefined) out.push(refusal(() => resolveHyper(id, { [key]: spec.max! + 1 })));
    }
  }
  return out;
}

/** Refusals of trajectory(): the checks rules make themselves, batches, a Hessian, steps, start, noise. */
function runRefusals(): OptionError[] {
  const s = surfaces.rosenbrock;
  const base = { surface: s, start: [-1.2, 1] as [number, number], steps: 5 };
  return [
    refusal(() => trajectory({ ...base, optimizer: 'rprop', hyper: { etaMinus: 0 } })),
    refusal(() => trajectory({ ...base, optimizer: 'rprop', hyper: { etaPlus: 1 } })),
    refusal(() => trajectory({ ...base, optimizer: 'sgd', hyper: { nesterov: true } })),
    refusal(() => trajectory({ ...base, optimizer: 'lbfgs', hyper: { maxIter: 2.5 } })),
    refusal(() => trajectory({ ...base, optimizer: 'sgd', batch: { size: 8 } })),
    refusal(() => trajectory({ ...base, surface: surfaces['linear-regression'], optimizer: 'sgd', batch: { size: 0 } })),
    refusal(() => trajectory({ ...base, surface: surfaces['linear-regression'], optimizer: 'sgd', batch: { size: 2, seed: 0.5 } })),
    refusal(() => trajectory({ ...base, surface: surfaces['linear-regression'], optimizer: 'sgd', batch: 3 as never })),
    refusal(() => trajectory({ ...base, surface: { ...surfaces.saddle, id: 'data-like', expr: '' }, optimizer: 'newton' })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', steps: 0 })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', start: [Number.NaN, 1] })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', noise: { sd: -1 } })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', noise: { sd: 1, seed: 0.5 } })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', schedule: 'StepLR:stepSize=0' })),
    refusal(() => trajectory({ ...base, optimizer: 'momentum', steps: 20, schedule: { kind: 'OneCycleLR', baseMomentum: 0 } })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', steps: 10, schedule: { kind: 'OneCycleLR', totalSteps: 5 } })),
    refusal(() => trajectory({ ...base, optimizer: 'adam', surface: 'nope' as never })),
  ];
}

// English words a Korean message must not keep (outside quotes: values, examples and lists stay as written).
const ENGLISH = /\b(must|needs?|has|have|is|are|not|be|of|the|with|which|cannot|gives|write|joined|its|missing|got|option)\b/;

describe('the core’s refusals of a run in Korean', () => {
  it('translates every refusal an optimizer’s row can show, keeping its option and value', async () => {
    await loadOptimizers();
    await loadSchedules();
    const all = [...SCHEDULES.map(refusal), ...hyperRefusals(), ...runRefusals()];
    if (process.env.KO_DUMP) console.log(`refusals: ${all.length}`);
    expect(all.length).toBeGreaterThan(150);
    const met = new Set<number>();
    for (const e of all) {
      const ko = koOptionError(e.message);
      if (process.env.KO_DUMP) console.log(`${e.message}\n  ${ko}`);
      expect(ko, e.message).toBeDefined();
      expect(ko).toContain(`"${e.option}"`);
      const unquoted = ko!.replace(/"[^"]*"/g, '').replace(/받은 값: .*$/s, '').replace(/(설정|스케줄|예): [^.(]*/g, '');
      expect(unquoted, `${e.message}\n${ko}`).not.toMatch(ENGLISH);
      expect(ko).toMatch(/[가-힣]/);
      const requirement = /^option "[^"]+" (.+?), got /s.exec(e.message)?.[1];
      REQUIREMENTS.forEach(([pattern], i) => requirement && pattern.test(requirement) && met.add(i));
      if (requirement) expect(ko!.endsWith(`받은 값: ${e.message.slice(e.message.indexOf(', got ') + 6)}`)).toBe(true);
    }
    const unmet = REQUIREMENTS.filter((_, i) => !met.has(i)).map(([p]) => String(p));
    expect(unmet).toEqual([]);
  });

  it('reads as Korean, the numbers and names in their places', async () => {
    await loadSchedules();
    await loadOptimizers();
    const ko = (f: () => unknown) => koOptionError(refusal(f).message);
    expect(ko(() => scheduleRun('StepLR:stepSize=0', run))).toBe('설정 "schedule.stepSize": 1 이상의 정수여야 합니다. 받은 값: 0');
    expect(ko(() => scheduleRun('StepLR:gamma=0.5', run))).toBe(
      '설정 "schedule.stepSize"이(가) 없습니다. StepLR에 꼭 필요하고 기본값이 없습니다(torch와 같음). 예: "StepLR:stepSize=30"',
    );
    expect(ko(() => parseSchedule('StepLR:stepSize=x'))).toBe('설정 "schedule.stepSize": "stepSize=x": 값은 숫자(또는 true나 false)여야 합니다. 받은 값: "x"');
    expect(ko(() => resolveHyper('rprop', { etaMinus: 1 }))).toBe('설정 "etaMinus": [0, 1) 범위의 숫자여야 합니다. 받은 값: 1');
    expect(ko(() => scheduleRun('OneCycleLR:annealStrategy=cosine:cycleMomentum=false', run))).toBe(
      '설정 "schedule.annealStrategy": \'cos\', \'linear\' 중 하나여야 합니다. 받은 값: "cosine"',
    );
    expect(ko(() => scheduleRun({ kind: 'OneCycleLR' }, run))).toBe(
      '설정 "schedule.cycleMomentum": momentum이나 β₁이 있는 옵티마이저에만 쓸 수 있는데 Adagrad에는 없습니다. false로 두세요. 받은 값: true',
    );
  });

  it('leaves a text it does not know as it is, in the page’s language function too', async () => {
    expect(koOptionError('the browser cannot encode video')).toBeUndefined();
    expect(koOptionError('option "x" wants something new, got 1')).toBeUndefined();
    await whenLoaded('ko');
    const message = refusal(() => scheduleRun('StepLR:stepSize=0', run)).message;
    // The Korean refusals are a chunk of their own, loaded the first time one is asked for: until
    // then the English stands in.
    expect(messageText(message, 'ko')).toBe(message);
    await koErrorsReady();
    expect(messageText(message, 'ko')).toBe('설정 "schedule.stepSize": 1 이상의 정수여야 합니다. 받은 값: 0');
    expect(messageText(message, 'en')).toBe(message);
    expect(messageText('the browser cannot encode video', 'ko')).toBe('the browser cannot encode video');
  });

  it('says a value its rule’s own check refused as the core does, not as its spec’s range (which would allow it)', async () => {
    await loadOptimizers();
    await whenLoaded('ko');
    await koErrorsReady();
    const ko = (key: string, text: string) => {
      const r = parseHyperValue('rprop', key, text);
      if (r.ok) throw new Error(`${key}=${text} not refused`);
      return messageText(r, 'ko');
    };
    // etaPlus's spec says >= 1, Rprop's check > 1; etaMinus's [0, 1), the check (0, 1).
    expect(ko('etaPlus', '1')).toBe('설정 "etaPlus": 1보다 큰 숫자여야 합니다. 받은 값: 1');
    expect(ko('etaPlus', '0.5')).toBe('etaPlus은(는) 1 이상이어야 합니다');
    expect(ko('etaMinus', '0')).toBe('설정 "etaMinus": (0, 1) 범위의 숫자여야 합니다. 받은 값: 0');
    expect(ko('etaMinus', '1')).toBe('etaMinus은(는) [0, 1) 범위의 숫자여야 합니다');
  });
});
