/**
 * Issue #10: seeded fuzzing of what a page, a link or a script can hand descent-lab: trajectory()
 * options, URL hashes and `config` objects. Each case is built from pools of values known to be
 * good or bad (written out here, not read from the code under test), so every case knows what
 * must be refused: a refusal is an OptionError (trajectory) or a message naming the input (links,
 * config), nothing else throws, and what is accepted stays within the limits.
 *
 * FUZZ_SEED=<n> replays another seed; a failure names the seed and the case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OptionError, resolveHyper, trajectory } from '../../src/core/index';
import { presetIds } from '../../src/core/optimizers/index';
import { getSurface, surfaceIds, type Config } from '../../src/state/config';
import { decodeHash } from '../../src/state/hash';
import { normalizeConfig } from '../../src/state/normalize';
import { loadExpressions } from '../../src/core/expression/load';

// Newton's rules take the catalog surfaces' Hessians from their expressions.
beforeAll(() => loadExpressions());

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const CASES = 300;

/** mulberry32, written out here so the fuzzer does not lean on the core's own generator. */
function random(seed: number) {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let z = Math.imul(s ^ (s >>> 15), s | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

// ---- what the rules accept, written out by hand from torch.optim's documentation -------------

/** Each preset's options. */
const OPTIONS: Record<string, readonly string[]> = {
  sgd: ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov', 'maximize'],
  rmsprop: ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered', 'maximize'],
  adagrad: ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps', 'maximize'],
  adadelta: ['lr', 'rho', 'eps', 'weightDecay', 'maximize'],
  adam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'amsgrad', 'maximize'],
  adamax: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'maximize'],
  nadam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentumDecay', 'decoupledWeightDecay', 'maximize'],
  radam: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'decoupledWeightDecay', 'maximize'],
  // torch.optim.Rprop (etas, step_sizes) and ASGD; the others from their reference implementations.
  rprop: ['lr', 'etaMinus', 'etaPlus', 'stepSizeMin', 'stepSizeMax', 'maximize'],
  asgd: ['lr', 'lambd', 'alpha', 't0', 'weightDecay', 'maximize'],
  lion: ['lr', 'beta1', 'beta2', 'weightDecay'],
  adabelief: ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'amsgrad', 'weightDecouple', 'fixedDecay', 'rectify', 'degeneratedToSgd'],
  yogi: ['lr', 'beta1', 'beta2', 'eps', 'initialAccumulatorValue'],
  adan: ['lr', 'beta1', 'beta2', 'beta3', 'eps', 'weightDecay', 'noProx'],
  'schedule-free-adamw': ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'warmupSteps', 'r', 'weightLrPower', 'decayAtZ', 'innerMomentum'],
  // torch.optim.LBFGS (max_iter, max_eval, history_size whole numbers) and Adafactor; Newton's and
  // SAM's (davda54/sam over SGD) from their files.
  lbfgs: ['lr', 'maxIter', 'maxEval', 'toleranceGrad', 'toleranceChange', 'historySize', 'strongWolfe'],
  adafactor: ['lr', 'beta2Decay', 'eps1', 'eps2', 'd', 'weightDecay', 'maximize'],
  newton: ['lr', 'damping'],
  'saddle-free-newton': ['lr', 'damping'],
  sam: ['lr', 'rho', 'adaptive', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
};
OPTIONS.momentum = OPTIONS.sgd;
OPTIONS.nesterov = OPTIONS.sgd;
OPTIONS.amsgrad = OPTIONS.adam;
OPTIONS.adamw = OPTIONS.adam;

const BOOLEAN = new Set(['nesterov', 'maximize', 'amsgrad', 'centered', 'decoupledWeightDecay', 'weightDecouple', 'fixedDecay', 'rectify', 'degeneratedToSgd', 'noProx', 'decayAtZ', 'strongWolfe', 'adaptive']);
/**
 * Good and bad values per option: >= 0 for most, [0, 1] for rho and Lion's betas, [0, 1) for the
 * other betas, (0, 1) for Rprop's etaMinus, > 1 for its etaPlus.
 */
function optionValue(r: Random, key: string, good: boolean, kind: string): unknown {
  if (BOOLEAN.has(key)) return good ? r.pick([true, false]) : r.pick([1, 0, 'true', null, {}]);
  const junk = [NaN, Infinity, -Infinity, '0.1', null, true, [0.1]];
  if (key === 'dampening') return good ? r.pick([0, 0.5, -0.5]) : r.pick(junk);
  if (key === 'rho' || (kind === 'lion' && key.startsWith('beta'))) return good ? r.pick([0, 0.5, 1]) : r.pick([...junk, 1.5, -0.1]);
  if (key === 'beta1' || key === 'beta2' || key === 'beta3' || key === 'innerMomentum') return good ? r.pick([0, 0.5, 0.99]) : r.pick([...junk, 1, 1.5, -0.1]);
  if (key === 'etaMinus') return good ? r.pick([0.1, 0.5, 0.9]) : r.pick([...junk, 0, 1, 1.5]);
  if (key === 'etaPlus') return good ? r.pick([1.1, 1.2, 3]) : r.pick([...junk, 1, 0.5, -1]);
  if (key === 'maxIter' || key === 'historySize') return good ? r.pick([1, 2, 20]) : r.pick([...junk, 0, 1.5, -1]);
  if (key === 'maxEval') return good ? r.pick([0, 3, 25]) : r.pick([...junk, 2.5, -1]);
  if (key === 'beta2Decay') return good ? r.pick([0, -0.5, -0.8]) : r.pick([...junk, 0.5]);
  if (key === 'd') return good ? r.pick([1, 2.5]) : r.pick([...junk, 0.5, 0]);
  return good ? r.pick([0, 1e-3, 0.01, 0.1, 0.5]) : r.pick([...junk, -1, -1e-9]);
}
/** Names that are no option of any preset, among them Object.prototype's. */
const NOT_OPTIONS = ['foo', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', 'LR', 'weight_decay'];

/** torch's one rule across options: Nesterov momentum needs momentum > 0 and dampening 0. */
function nesterovRefused(kind: string, hyper: Record<string, unknown>): boolean {
  // (SAM steps with SGD, and refuses what SGD refuses.)
  if (!OPTIONS[kind] || (OPTIONS[kind] !== OPTIONS.sgd && kind !== 'sam')) return false;
  const nesterov = hyper.nesterov ?? kind === 'nesterov';
  const momentum = (hyper.momentum ?? (kind === 'sgd' || kind === 'sam' ? 0 : 0.9)) as number;
  const dampening = (hyper.dampening ?? 0) as number;
  return nesterov === true && typeof momentum === 'number' && typeof dampening === 'number' && (momentum <= 0 || dampening !== 0);
}

/** A hyper object: good or bad values for the kind's options, sometimes a name it does not have. */
function hyperFor(r: Random, kind: string, bad: Set<string>): Record<string, unknown> {
  const hyper: Record<string, unknown> = {};
  const options = OPTIONS[kind] ?? OPTIONS.adam;
  for (let i = r.int(4); i > 0; i--) {
    if (r.chance(0.15)) {
      const name = r.pick(NOT_OPTIONS);
      // An own key even for __proto__, as JSON.parse makes it.
      Object.defineProperty(hyper, name, { value: 1, enumerable: true, configurable: true, writable: true });
      bad.add(name);
    } else {
      const key = r.pick(options);
      const good = r.chance(0.75);
      hyper[key] = optionValue(r, key, good, kind);
      if (good) bad.delete(key);
      else bad.add(key);
    }
  }
  return hyper;
}

function caseText(i: number, input: unknown): string {
  return `seed ${SEED}, case ${i}: ${JSON.stringify(input, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}`;
}

describe(`trajectory() fuzz (${CASES} cases, seed ${SEED})`, () => {
  it('returns a finite path up to any divergence, or throws an OptionError naming a refused option', () => {
    const r = random(SEED);
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const bad = new Set<string>();
      const field = <T>(name: string, good: readonly T[], worse: readonly unknown[], p = 0.15): unknown => {
        if (!r.chance(p)) return r.pick(good);
        bad.add(name);
        return r.pick(worse);
      };
      const surface = field('surface', ['rosenbrock', 'booth', 'himmelblau', 'saddle', 'rastrigin', 'ackley'], ['nope', '', 5, null, {}, { expr: 5 }, 'toString']);
      const optimizer = field('optimizer', presetIds, ['nope', 'toString', '__proto__', 5, null, 'SGD']) as string;
      const start = field('start', [[0.5, -0.5], [-1, 1], { x: 2, y: 1 }, [1e3, 1e3]], [[NaN, 0], [0], 'a', null, [Infinity, 0], ['1', 2], { x: 1 }]);
      const steps = field('steps', [1, 2, 10, 100, 400], [0, -1, 1.5, NaN, Infinity, 1_000_001, 2 ** 32, 5e7, '10', null, undefined]);
      const noise = field('noise', [undefined, undefined, { sd: 0 }, { sd: 0.1, seed: 3 }], [{ sd: -1 }, { sd: NaN }, 5, null, { sd: 0.1, seed: 1.5 }, {}], 0.1);
      if (noise && typeof noise === 'object' && (noise as { seed?: number }).seed === 1.5) bad.add('noise.seed');
      let hyper: unknown = r.chance(0.2) ? undefined : hyperFor(r, optimizer, bad);
      if (r.chance(0.05)) {
        hyper = r.pick([5, 'lr=1', true]);
        bad.add('hyper');
      }
      if (hyper && typeof hyper === 'object' && nesterovRefused(optimizer, hyper as Record<string, unknown>)) bad.add('nesterov');
      let options: unknown = { surface, optimizer, hyper, start, steps, noise };
      if (r.chance(0.02)) {
        options = r.pick([null, 5, 'adam']);
        bad.add('options');
      }
      const text = caseText(i, options);
      let result: ReturnType<typeof trajectory> | undefined;
      try {
        result = trajectory(options as Parameters<typeof trajectory>[0]);
      } catch (error) {
        expect(error, text).toBeInstanceOf(OptionError);
        const e = error as OptionError;
        expect(bad.size, `${text}: refused "${e.option}" though every option was good: ${e.message}`).toBeGreaterThan(0);
        // The option it names was refused for a reason this case knows (the first it met).
        expect(
          bad.has(e.option) || (e.option === 'surface.domain' && bad.has('surface')),
          `${text}: names "${e.option}", refused: ${[...bad].join(', ')}`,
        ).toBe(true);
        expect(e.message, text).toContain(`"${e.option}"`);
        refused++;
        continue;
      }
      expect([...bad], `${text}: accepted`).toEqual([]);
      const n = (steps as number) + 1;
      expect([result.x.length, result.y.length, result.loss.length], text).toEqual([n, n, n]);
      expect(['ok', 'diverged'], text).toContain(result.status);
      const end = result.divergedAt ?? n;
      for (let k = 0; k < end; k++) {
        if (!Number.isFinite(result.x[k]) || !Number.isFinite(result.y[k]) || !Number.isFinite(result.loss[k])) {
          throw new Error(`${text}: a non-finite value at step ${k}, before any divergence`);
        }
      }
    }
    // The pools refuse about half the cases and accept the other half: both sides are exercised.
    expect(refused).toBeGreaterThan(CASES * 0.2);
    expect(refused).toBeLessThan(CASES * 0.8);
  });
});

// ---- links ----------------------------------------------------------------------------------

/** The limits as README states them. */
const LIMITS = { runs: 24, stepsPerRun: 20_000, total: 200_000 };
const fitSteps = (runs: number) => Math.max(1, Math.min(LIMITS.stepsPerRun, Math.floor(LIMITS.total / Math.max(1, runs))));

const middle = (id: string): [number, number] => {
  const { x, y } = getSurface(id).domain;
  return [(x[0] + x[1]) / 2, (y[0] + y[1]) / 2];
};

/** What a Config must be, whatever it was made from. */
function expectUsable(config: Config, text: string): void {
  expect(surfaceIds, text).toContain(config.surface);
  expect(config.optimizers.length, text).toBeLessThanOrEqual(LIMITS.runs);
  expect(Number.isInteger(config.steps) && config.steps >= 1, text).toBe(true);
  expect(config.steps * config.optimizers.length, text).toBeLessThanOrEqual(LIMITS.total);
  expect(Number.isInteger(config.step) && config.step >= 0 && config.step <= config.steps, text).toBe(true);
  expect(config.speed > 0 && config.speed <= 5000, text).toBe(true);
  expect(['overlay', 'grid'], text).toContain(config.layout);
  const { x, y } = getSurface(config.surface).domain;
  const [sx, sy] = config.start;
  expect(sx >= x[0] && sx <= x[1] && sy >= y[0] && sy <= y[1], `${text}: start ${sx}, ${sy}`).toBe(true);
  for (const entry of config.optimizers) {
    expect(presetIds, text).toContain(entry.kind);
    for (const key of Object.keys(entry.hyper)) expect(OPTIONS[entry.kind], `${text}: ${key}`).toContain(key);
    expect(() => resolveHyper(entry.kind, entry.hyper), text).not.toThrow();
  }
}

describe(`decodeHash fuzz (${CASES} cases, seed ${SEED})`, () => {
  it('never throws, keeps the limits, and names every refused part of the link', () => {
    const r = random(SEED + 1);
    for (let i = 0; i < CASES; i++) {
      const parts: string[] = [];
      /** Text each refused part's message must contain. */
      const needles: string[] = [];
      const field = (key: string, good: readonly string[], worse: readonly string[], p = 0.25) => {
        if (!r.chance(0.6)) return undefined;
        const refused = r.chance(p);
        const value = r.pick(refused ? worse : good);
        parts.push(`${key}=${value}`);
        if (refused) needles.push(`${key}=${decodeURIComponent(value)}`);
        return refused ? undefined : value;
      };
      const surface = field('surface', ['rosenbrock', 'booth', 'himmelblau', 'ravine', 'levi13'], ['nope', 'Rosenbrock', 'constructor', '__proto__']) ?? 'rosenbrock';
      const [mx, my] = middle(surface);
      field('start', [`${mx},${my}`], ['a,b', '1', 'NaN,0', '1e9,1e9', '1,2,3']);
      const stepsText = field('steps', ['1', '50', '300', '2000', '9000', '20000'], ['abc', '0', '-1', '1.5', '1e21', '20001', '']);
      field('speed', ['30', '120'], ['0', '-1', 'abc', '1e9']);
      field('layout', ['overlay', 'grid'], ['list', '']);
      field('step', ['0', '5'], ['-1', 'x']);
      if (r.chance(0.1)) {
        parts.push('domain=-1,1,-1,1');
        needles.push('domain');
      }
      if (r.chance(0.1)) {
        const key = r.pick(['foo', 'constructor', '__proto__', 'toString', 'Steps']);
        parts.push(`${key}=1`);
        needles.push(`"${key}"`);
      }
      if (r.chance(0.2)) parts.push(r.pick(['lang=ko', 'theme=dark', 'lang=en&theme=light']));
      let runs = getSurface(surface).race?.optimizers.length ?? 7;
      if (r.chance(0.7)) {
        const n = r.chance(0.1) ? r.pick([25, 30, 100, 8000]) : 1 + r.int(12);
        const entries: string[] = [];
        let usable = 0;
        for (let k = 0; k < n; k++) {
          const kept = k < LIMITS.runs;
          if (r.chance(0.08)) {
            const kind = r.pick(['nope', 'toString', '__proto__', 'Adam']);
            entries.push(kind);
            if (kept) needles.push(`optimizer "${kind}"`);
            continue;
          }
          const kind = r.pick(presetIds);
          const options: string[] = [];
          for (let j = r.int(3); j > 0; j--) {
            const refused = r.chance(0.2);
            if (refused) {
              const option = r.pick(['lr=-1', 'lr=abc', 'toString=1', 'constructor=2', '__proto__=1', 'noise=-1', 'beta9=0.5']);
              options.push(option);
              if (kept) needles.push(`${kind} ${option}`);
            } else {
              // weightDecay where the kind has it (Rprop and Yogi have none).
              options.push(r.pick(['lr=0.01', 'lr=0.1', 'off', 'label=Mine%20(1)', 'noise=0.1', OPTIONS[kind].includes('weightDecay') ? 'weightDecay=0.01' : 'lr=0.05']));
            }
          }
          entries.push(options.length ? `${kind}(${options.join(',')})` : kind);
          if (kept) usable++;
        }
        if (n > LIMITS.runs) needles.push(`${n} runs`);
        parts.push(`opt=${entries.join(',')}`);
        if (usable) runs = usable;
        else needles.push('no usable optimizer');
      }
      const steps = stepsText !== undefined ? Number(stepsText) : (getSurface(surface).race?.steps ?? 300);
      if (steps > fitSteps(runs)) needles.push(`steps=${steps} in the link with ${runs} runs`);
      // Parts in any order; each key once (a repeated key's last value would win).
      for (let k = parts.length - 1; k > 0; k--) {
        const j = r.int(k + 1);
        [parts[k], parts[j]] = [parts[j], parts[k]];
      }
      const hash = `${r.chance(0.5) ? '#' : ''}${parts.join('&')}`;
      const text = `seed ${SEED}, case ${i}: #${hash.replace(/^#/, '').slice(0, 300)}`;
      const { config, errors } = decodeHash(hash);
      expectUsable(config, text);
      const all = errors.join('\n');
      for (const needle of needles) expect(all, `${text}: nothing says "${needle}"`).toContain(needle);
      if (!needles.length) expect(errors, text).toEqual([]);
    }
  });

  it('never throws on random characters', () => {
    const r = random(SEED + 2);
    const alphabet = 'abcdeoptsurfacestep=&,()%#+-.e1290 _~\u00e9\ud55c\ud83d\ude00';
    for (let i = 0; i < CASES; i++) {
      let hash = '';
      for (let k = r.int(80); k > 0; k--) hash += alphabet[r.int(alphabet.length)];
      if (r.chance(0.3)) hash = `surface=rosenbrock&opt=${hash}`;
      const text = `seed ${SEED}, case ${i}: ${JSON.stringify(hash)}`;
      const { config, errors } = decodeHash(hash);
      expectUsable(config, text);
      for (const e of errors) expect(typeof e, text).toBe('string');
    }
  });
});

// ---- config ---------------------------------------------------------------------------------

describe(`normalizeConfig fuzz (${CASES} cases, seed ${SEED})`, () => {
  it('keeps the limits and says "config.<field>" for every refused field', () => {
    const r = random(SEED + 3);
    for (let i = 0; i < CASES; i++) {
      const value: Record<string, unknown> = {};
      const needles: string[] = [];
      const field = (key: string, good: readonly unknown[], worse: readonly unknown[], p = 0.25) => {
        if (!r.chance(0.7)) return undefined;
        const refused = r.chance(p);
        value[key] = r.pick(refused ? worse : good);
        if (refused) needles.push(`config.${key}`);
        return refused ? undefined : value[key];
      };
      let surface = field('surface', ['rosenbrock', 'booth', 'ravine', 'levi13'], ['nope', 5, null, 'toString']) as string | undefined;
      if (value.surface === undefined) needles.push('config.surface');
      surface ??= 'rosenbrock';
      const [mx, my] = middle(surface);
      field('start', [[mx, my]], [[NaN, 0], [1e9, 1e9], 'x', [0], null]);
      const steps = field('steps', [1, 50, 300, 2000, 20_000], [0, -1, 1.5, NaN, 1e21, 20_001, '300x', null, {}]) as number | undefined;
      field('speed', [30, 120], [0, -1, NaN, 1e9, 'fast']);
      field('layout', ['overlay', 'grid'], ['list', 5, null]);
      field('step', [0, 5], [-1, 1.5, 'x']);
      let runs = getSurface(surface).race?.optimizers.length ?? 7;
      if (r.chance(0.7)) {
        if (r.chance(0.05)) {
          value.optimizers = r.pick(['adam', 5, { kind: 'adam' }]);
          needles.push('config.optimizers');
        } else {
          const n = r.chance(0.1) ? r.pick([25, 40]) : r.int(13);
          const list: unknown[] = [];
          let usable = 0;
          for (let k = 0; k < n; k++) {
            const kept = k < LIMITS.runs;
            if (r.chance(0.1)) {
              list.push(r.pick([{ kind: 'nope' }, null, 5, { kind: 'toString' }, {}]));
              if (kept) needles.push('config.optimizers');
              continue;
            }
            const kind = r.pick(presetIds);
            const bad = new Set<string>();
            const hyper = hyperFor(r, kind, bad);
            if (nesterovRefused(kind, hyper)) bad.add('nesterov');
            const noise = r.chance(0.1) ? r.pick([-1, NaN, 'x']) : r.chance(0.2) ? 0.1 : undefined;
            list.push({ kind, hyper, enabled: r.chance(0.9), ...(noise !== undefined ? { noise } : {}) });
            if (kept && bad.size) needles.push(`config.optimizers (${kind})`);
            else if (kept) {
              if (typeof noise !== 'number' && noise !== undefined) needles.push(`config.optimizers (${kind}): noise`);
              if (typeof noise === 'number' && !(noise >= 0)) needles.push(`config.optimizers (${kind}): noise`);
              usable++;
            }
          }
          if (n > LIMITS.runs) needles.push(`${n} runs`);
          value.optimizers = list;
          runs = usable;
        }
      }
      const shown = steps ?? getSurface(surface).race?.steps ?? 300;
      if (shown > fitSteps(runs)) needles.push(`config.steps ${shown} with ${runs} runs`);
      const text = caseText(i, value);
      const errors: string[] = [];
      const config = normalizeConfig(value as unknown as Config, errors);
      expectUsable(config, text);
      const all = errors.join('\n');
      for (const needle of needles) expect(all, `${text}: nothing says "${needle}"`).toContain(needle);
      if (!needles.length) expect(errors, text).toEqual([]);
    }
  });
});
