/**
 * The refusals of a link (decodeHash) and of a `config` (normalizeConfig) in both languages: every
 * message has a Korean version, each bad value below gets one that names what was refused, and
 * the English (`errors`, console warnings, the public API) is the refusal's own message.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExpressions } from '../../src/core/expression/load';
import { defaultConfig, MAX_RUNS, MAX_TOTAL_STEPS, type Config } from '../../src/state/config';
import { decodeHash, linkMessages, type HashOptions } from '../../src/state/hash';
import { configMessages, normalizeConfig } from '../../src/state/normalize';
import type { Refusal } from '../../src/state/refusal';
import { isLoaded, messageText, whenLoaded } from '../../src/i18n/index';
import { koRefusals } from '../../src/i18n/ko-prose';

let options: HashOptions = {};

/** Links, each refused for one or more reasons. */
const links = [
  'surface=nope&steps=abc',
  'foo=1&layout=x&speed=0&start=1&step=-1',
  'opt=adam(lr=-1,beta1=2,foo=3,noise=-1,amsgrad=maybe),zz,adam(lr',
  'opt=zz',
  `steps=20000&opt=${Array(30).fill('sgd').join(',')}`,
  'domain=1,2',
  'expr=sin(x)*foo(y)',
  'expr=%20',
  'expr=x&domain=1,0,0,1',
  'surface=ravine&start=0,6',
];

/** `config` values, each refused for one or more reasons. */
const configs = (): unknown[] => [
  { surface: 'nope', optimizers: 5, start: [0, 99], steps: 'x', speed: {}, layout: 'z', step: -1 },
  {
    ...defaultConfig(),
    optimizers: [{ kind: 'zz' }, { kind: 'adam', hyper: { lr: -1 } }, { kind: 'adam', hyper: { foo: 1 } }, { kind: 'adam', noise: -2 }],
  },
  { ...defaultConfig(), expr: '' },
  { ...defaultConfig(), expr: 'x', domain: { x: [1, 0], y: [0, 1] } },
  { ...defaultConfig(), domain: { x: [0, 1], y: [0, 1] }, start: 'a' },
  { ...defaultConfig(), steps: 20000, optimizers: Array(30).fill({ kind: 'sgd' }) },
];

function linkRefusals(hash: string, compile = true): Refusal[] {
  const { errors, refusals } = decodeHash(hash, compile ? options : {});
  expect(refusals.map((r) => r.message), hash).toEqual(errors);
  return refusals;
}

function configRefusals(value: unknown): Refusal[] {
  const errors: string[] = [];
  const refusals: Refusal[] = [];
  normalizeConfig(value as Config, errors, refusals);
  expect(refusals.map((r) => r.message)).toEqual(errors);
  return refusals;
}

const ko = (r: Refusal) => messageText(r, 'ko');
const hangul = /[가-힣]/;

describe('link and config refusals in English and Korean', () => {
  beforeAll(async () => {
    options = { compile: (await loadExpressions()).compileSurface };
  }, 60_000);

  it('answer in English until the Korean has loaded, and always on an English element', async () => {
    const [r] = linkRefusals('steps=abc');
    expect(messageText(r, 'en')).toBe('steps=abc in the link must be a whole number from 1 to 20000');
    if (!isLoaded('ko')) expect(ko(r)).toBe(r.message);
    await whenLoaded('ko');
    expect(messageText(r, 'en')).toBe(r.message);
    expect(ko(r)).not.toBe(r.message);
  });

  it('every message has both languages, and each refusal names in Korean what it refused', async () => {
    await whenLoaded('ko');
    const keys = [...Object.keys(linkMessages), ...Object.keys(configMessages)].sort();
    expect(Object.keys(koRefusals).sort()).toEqual(keys);
    const all = [
      ...links.flatMap((l) => linkRefusals(l)),
      ...linkRefusals('expr=x', false),
      ...configs().flatMap(configRefusals),
    ];
    // Every message is among these, so each is checked below.
    expect([...new Set(all.map((r) => r.key))].sort()).toEqual(keys);
    for (const r of all) {
      const text = ko(r);
      expect(text, r.message).toMatch(hangul);
      expect(text, r.message).not.toMatch(/\{\w+\}/);
      for (const value of Object.values(r.params)) expect(text, `${r.key}: ${r.message}`).toContain(String(value));
    }
  });

  it('say in Korean what was wrong and with which values', async () => {
    await whenLoaded('ko');
    const text = (refusals: Refusal[]) => refusals.map(ko);
    expect(text(linkRefusals('foo=1'))).toEqual([
      '링크의 "foo"은(는) 알 수 없는 설정입니다. 쓸 수 있는 설정: surface, expr, domain, start, steps, speed, layout, step, opt, inspect.',
    ]);
    expect(text(linkRefusals('surface=nope&steps=abc'))[1]).toBe('링크의 steps=abc: 1부터 20000까지의 정수여야 합니다.');
    expect(text(linkRefusals(`opt=${Array(30).fill('sgd').join(',')}`))).toEqual([
      `링크의 opt에 실행이 30개 있습니다. 처음 ${MAX_RUNS}개만 비교합니다.`,
    ]);
    expect(text(linkRefusals('steps=20000&opt=sgd,adam,sgd,adam,sgd,adam,sgd,adam,sgd,adam,sgd,adam'))).toEqual([
      `링크의 steps=20000 × 실행 12개는 모두 240000단계로, 최대 ${MAX_TOTAL_STEPS}단계를 넘습니다. 실행마다 16666단계를 계산합니다.`,
    ]);
    expect(text(linkRefusals('opt=adam(lr=-1,foo=3)'))).toEqual([
      '링크의 adam lr=-1: lr은(는) 0 이상이어야 합니다.',
      '링크의 adam foo=3: adam의 설정이 아닙니다. adam의 설정: lr, beta1, beta2, eps, weightDecay, amsgrad, maximize.',
    ]);
    // A true the core refused for the other options (SGD's nesterov needs momentum): that reason, not "true or false".
    expect(text(linkRefusals('opt=sgd(nesterov=true)'))).toEqual([
      '링크의 sgd nesterov=true: nesterov=true는 momentum이 0보다 크고 dampening이 0일 때만 쓸 수 있습니다.',
    ]);
    expect(text(configRefusals({ ...defaultConfig(), optimizers: [{ kind: 'sgd', hyper: { nesterov: true } }] }))[0]).toMatch(
      /nesterov=true는 momentum이 0보다 크고 dampening이 0일 때만 쓸 수 있습니다/,
    );
    expect(text(linkRefusals('opt=sgd(nesterov=maybe)'))[0]).toMatch(/true 또는 false여야 합니다/);
    expect(text(linkRefusals('expr=sin(x)*foo(y)'))[0]).toMatch(
      /^링크의 expr=sin\(x\)\*foo\(y\): "foo"은\(는\) 쓸 수 있는 함수가 아닙니다\(8–10번째 글자\)\./,
    );
    expect(text(linkRefusals('expr=%20'))).toEqual(['링크의 expr: 비어 있습니다. x와 y로 된 수식을 넣으세요(예: "x^2 + 3*y^2").']);
    expect(text(linkRefusals('expr=x&domain=1,0,0,1'))).toEqual(['링크의 domain=1,0,0,1: xmin이 xmax보다 작아야 합니다. 받은 값: xmin 1, xmax 0.']);
    expect(text(linkRefusals('domain=1,2'))).toEqual(['링크의 domain은 직접 입력한 수식의 범위라 expr 값이 필요합니다. 무시했습니다.']);

    expect(text(configRefusals({ ...defaultConfig(), optimizers: [{ kind: 'adam', hyper: { lr: -1 } }] }))).toEqual([
      'config.optimizers (adam) lr=-1: lr은(는) 0 이상이어야 합니다.',
    ]);
    expect(text(configRefusals({ ...defaultConfig(), steps: 20000, optimizers: Array(30).fill({ kind: 'sgd' }) }))).toEqual([
      `config.optimizers에 실행이 30개 있습니다. 처음 ${MAX_RUNS}개만 비교합니다.`,
      `config.steps 20000 × 실행 ${MAX_RUNS}개는 모두 480000단계로, 최대 ${MAX_TOTAL_STEPS}단계를 넘습니다. 실행마다 8333단계를 계산합니다.`,
    ]);
    expect(text(configRefusals({ ...defaultConfig(), steps: 0 }))).toEqual(['config.steps 0: 1부터 20000까지의 정수여야 합니다.']);
    expect(text(configRefusals({ ...defaultConfig(), expr: '' }))).toEqual(['config.expr은(는) x와 y로 된, 비어 있지 않은 수식이어야 합니다. 받은 값: "".']);
  });

  it('keep the English as it was (the config message names the option the core refused)', () => {
    expect(configRefusals({ ...defaultConfig(), optimizers: [{ kind: 'adam', hyper: { foo: 1 } }] }).map((r) => r.message)).toEqual([
      'config.optimizers (adam): option "foo" is not an option of Adam (adam); its options are lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, got 1.',
    ]);
    expect(linkRefusals('foo=1').map((r) => r.message)).toEqual([
      'unknown setting "foo" in the link; known: surface, expr, domain, start, steps, speed, layout, step, opt, inspect',
    ]);
  });
});
