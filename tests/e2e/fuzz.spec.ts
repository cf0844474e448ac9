/**
 * Issue #10: seeded fuzzing of the elements' attributes in the browser. Each round puts a
 * `<descent-playground>` (with `<descent-optimizer>` children, some of them bad), two standalone
 * `<descent-surface>`s, a `<descent-loss-chart>` and a standalone `<descent-optimizer>` on the page,
 * their attributes drawn from pools of values known to be good or bad (catalog surfaces only).
 * Then: no window `error` event and no uncaught error, no NaN in any path's `d`, every refused
 * value named in its element's `error` part (in its language) and in a console warning, and no
 * message where nothing was refused.
 *
 * FUZZ_SEED=<n> replays another seed, FUZZ_ROUNDS=<n> runs more rounds (default 6, a few seconds).
 */
import { expect, test, type Page } from '@playwright/test';
import { presetIds } from '../../src/core/optimizers/index';
import { surfaces } from '../../surfaces/index';
import { surfaceIds } from '../../surfaces/ids';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 6);

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
  return { int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

/** One element to put on the page, and the texts its error part must hold (each group: all of them). */
interface Case {
  readonly id: string;
  readonly tag: string;
  readonly attributes: Record<string, string>;
  readonly children?: readonly Record<string, string>[];
  readonly needles: string[][];
}

const LIMITS = { runs: 24, stepsPerRun: 20_000, total: 200_000 };
const fitSteps = (runs: number) => Math.min(LIMITS.stepsPerRun, Math.floor(LIMITS.total / Math.max(1, runs)));
const middle = (id: string) => {
  const { x, y } = surfaces[id as keyof typeof surfaces].domain;
  return `${(x[0] + x[1]) / 2} ${(y[0] + y[1]) / 2}`;
};
const ADAMS = ['adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam'];
const SGDS = ['sgd', 'momentum', 'nesterov'];

/**
 * Draws `name` from good or bad values; a bad one must be named as `name="value"` (`numeric`: as
 * the number it reads as, e.g. 1e21 as 1e+21, for the playground's number properties).
 */
function attribute(r: Random, c: Case, name: string, good: readonly string[], bad: readonly string[], numeric = false): string | undefined {
  if (!r.chance(0.65)) return undefined;
  const refused = r.chance(0.3);
  const value = r.pick(refused ? bad : good);
  c.attributes[name] = value;
  const shown = numeric && value.trim() !== '' && Number.isFinite(Number(value)) ? String(Number(value)) : value;
  if (refused) c.needles.push([`${name}="${shown}"`]);
  return refused ? undefined : value;
}

/** A `<descent-optimizer>`'s attributes (kind, options in kebab-case, noise), and what it must say. */
function optimizerAttributes(r: Random, needles: string[][]): { attributes: Record<string, string>; usable: boolean } {
  if (r.chance(0.1)) {
    const kind = r.pick(['nope', 'Adam', 'toString', '']);
    needles.push([`kind="${kind}"`]);
    return { attributes: { kind }, usable: false };
  }
  const kind = r.pick(presetIds);
  const attributes: Record<string, string> = { kind };
  // [name, an option of this kind, value, a value it accepts]
  const options: [string, boolean, string, boolean][] = [
    ['lr', true, r.pick(['0.01', '0.05', '0.2']), true],
    ['lr', true, r.pick(['-1', 'abc', 'Infinity', '']), false],
    ['weight-decay', true, '0.01', true],
    ['momentum', SGDS.includes(kind) || kind === 'rmsprop', '0.5', true],
    ['beta1', ADAMS.includes(kind), '0.5', true],
    ['beta1', ADAMS.includes(kind), '1.5', false],
    ['to-string', false, '1', true],
    ['constructor', false, '2', true],
    ['value-of', false, '3', true],
    ['noise', true, '0.1', true],
    ['noise', true, '-1', false],
  ];
  for (let i = r.int(3); i > 0; i--) {
    const [name, known, value, accepted] = r.pick(options);
    if (name in attributes) continue;
    attributes[name] = value;
    // A refused value is quoted with its name; an option the kind does not have, by its name.
    if (!known) needles.push([name]);
    else if (!accepted) needles.push([`${name}="${value}"`]);
  }
  if (r.chance(0.2)) attributes.label = r.pick(['Mine', 'A "quoted" <b>label</b>', '한국어']);
  if (r.chance(0.1)) attributes.disabled = '';
  return { attributes, usable: true };
}

function playgroundCase(r: Random, id: string, lang: string): Case {
  const c: Case = { id, tag: 'descent-playground', attributes: { lang }, children: [], needles: [] };
  const surface = attribute(r, c, 'surface', ['rosenbrock', 'booth', 'himmelblau', 'ravine', 'saddle', 'ackley'], ['nope', '', 'Rosenbrock', 'toString']) ?? 'rosenbrock';
  attribute(r, c, 'start', [middle(surface)], ['abc', '1', 'NaN 0', '1e9 1e9']);
  const steps = attribute(r, c, 'steps', ['1', '50', '300', '2000', '20000', '20000'], ['abc', '', '0', '-5', '1.5', '1e21', '20001'], true);
  attribute(r, c, 'speed', ['30', '120'], ['0', '-1', 'abc', '1e9'], true);
  attribute(r, c, 'layout', ['overlay', 'grid'], ['list', '']);
  if (r.chance(0.1)) {
    c.attributes.domain = r.pick(['-1 1 -1 1', 'abc']);
    c.needles.push([`domain="${c.attributes.domain}"`]);
  }
  if (r.chance(0.3)) c.attributes.theme = r.pick(['light', 'dark', 'auto', 'purple']);
  let runs = surfaces[surface as keyof typeof surfaces].race?.optimizers.length ?? 7;
  const children: Record<string, string>[] = [];
  if (r.chance(0.4)) {
    let usable = 0;
    for (let i = 1 + r.int(3); i > 0; i--) {
      const child = optimizerAttributes(r, c.needles);
      children.push(child.attributes);
      if (child.usable) usable++;
    }
    if (usable) runs = usable;
  } else if (r.chance(0.7)) {
    const many = r.chance(0.3);
    const ids = many ? Array.from({ length: r.pick([12, 30]) }, () => r.pick(presetIds)) : Array.from({ length: 1 + r.int(4) }, () => r.pick(presetIds));
    const unknown = r.chance(0.2) ? r.pick(['nope', 'toString', 'SGD']) : undefined;
    const text = [...ids, ...(unknown ? [unknown] : [])].join(' ');
    c.attributes.optimizers = text;
    if (unknown) c.needles.push([`optimizers="${text}"`]);
    if (ids.length > LIMITS.runs) c.needles.push(['optimizers', `${ids.length}`]);
    runs = Math.min(ids.length, LIMITS.runs);
  }
  const n = steps ? Number(steps) : (surfaces[surface as keyof typeof surfaces].race?.steps ?? 300);
  if (n > fitSteps(runs)) c.needles.push([`steps="${n}"`, `${LIMITS.total}`]);
  return { ...c, children };
}

/** `longRace`: certainly a long race of long runs (each run of the fuzz has one, round 0's). */
function surfaceCase(r: Random, id: string, lang: string, longRace = false): Case {
  const c: Case = { id, tag: 'descent-surface', attributes: { lang }, needles: [] };
  const surface = attribute(r, c, 'surface', ['rosenbrock', 'booth', 'levi13', 'two-wells'], ['nope', '', 'constructor']) ?? 'rosenbrock';
  // A start outside the window is moved onto it (documented), not refused.
  attribute(r, c, 'start', [middle(surface), '1e9 1e9'], ['abc', '1 2 3', 'NaN 0']);
  attribute(r, c, 'step', ['0', '10', '100000'], ['-1', '1.5', 'x', '']);
  let runs = 0;
  // A long race (11 to 30 runs, long runs) now and then: the limits' refusals.
  const long = longRace || r.chance(0.3);
  if (longRace || r.chance(0.8)) {
    const ids = Array.from({ length: long ? 11 + r.int(20) : 1 + r.int(4) }, () => r.pick(presetIds));
    const unknown = r.chance(0.2) ? r.pick(['nope', 'toString']) : undefined;
    const text = [...ids, ...(unknown ? [unknown] : [])].join(' ');
    c.attributes.optimizers = text;
    if (unknown) c.needles.push([`optimizers="${text}"`]);
    if (ids.length > LIMITS.runs) c.needles.push(['optimizers', `${ids.length}`]);
    runs = Math.min(ids.length, LIMITS.runs);
  }
  // steps count only where the element runs its own optimizers.
  const steps = longRace
    ? (c.attributes.steps = '20000')
    : runs
      ? attribute(r, c, 'steps', long ? ['9000', '20000'] : ['1', '300', '2000'], ['abc', '', '0', '1e21', '20001'])
      : undefined;
  const n = steps ? Number(steps) : (surfaces[surface as keyof typeof surfaces].race?.steps ?? 300);
  if (runs && n > fitSteps(runs)) c.needles.push([`steps="${n}"`, `${LIMITS.total}`]);
  if (r.chance(0.3)) c.attributes['no-axes'] = '';
  if (r.chance(0.3)) c.attributes['no-legend'] = '';
  if (r.chance(0.2)) c.attributes.theme = r.pick(['dark', 'auto', 'purple']);
  return c;
}

function chartCase(r: Random, id: string, lang: string): Case {
  const c: Case = { id, tag: 'descent-loss-chart', attributes: { lang }, needles: [] };
  attribute(r, c, 'height', ['60', '120', '300'], ['abc', '10', '5000', '', 'NaN']);
  attribute(r, c, 'step', ['0', '7'], ['-1', '1.5', 'x']);
  return c;
}

function optimizerCase(r: Random, id: string, lang: string): Case {
  const needles: string[][] = [];
  const { attributes } = optimizerAttributes(r, needles);
  return { id, tag: 'descent-optimizer', attributes: { ...attributes, lang }, needles };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const markup = (tag: string, attributes: Record<string, string>, inner = '') =>
  `<${tag} ${Object.entries(attributes)
    .map(([k, v]) => `${k}="${escape(v)}"`)
    .join(' ')}>${inner}</${tag}>`;

async function watchErrors(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __errors: string[] }).__errors = seen;
    window.addEventListener('error', (e) => seen.push(e.message || String(e.error)));
    window.addEventListener('unhandledrejection', (e) => seen.push(`rejection: ${String(e.reason)}`));
  });
  const uncaught: string[] = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  return async () => [...(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)), ...uncaught];
}

test(`fuzz: random attributes on every element (seed ${SEED}, ${ROUNDS} rounds)`, async ({ page }) => {
  test.setTimeout(60_000 + ROUNDS * 20_000);
  const errors = await watchErrors(page);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('./');
  await expect(page.locator('descent-playground [part~="trajectory"]').first()).toBeAttached();
  // The fuzzed elements take the page's place (all on screen, so the playground draws its panels).
  await page.evaluate(() => {
    document.querySelector('descent-playground')?.remove();
    const stage = document.createElement('div');
    stage.id = 'stage';
    Object.assign(stage.style, { position: 'fixed', inset: '0', background: '#fff', zIndex: '10', display: 'grid', gridTemplateColumns: '760px 300px 300px', alignItems: 'start', gap: '8px', overflow: 'hidden' });
    document.body.append(stage);
  });
  const r = random(SEED);
  let refusals = 0;
  for (let round = 0; round < ROUNDS; round++) {
    warnings.length = 0;
    const lang = () => (r.chance(0.3) ? 'ko' : 'en');
    const cases = [
      playgroundCase(r, `p${round}`, lang()),
      surfaceCase(r, `s${round}a`, lang(), round === 0),
      surfaceCase(r, `s${round}b`, lang()),
      chartCase(r, `c${round}`, lang()),
      optimizerCase(r, `o${round}`, lang()),
    ];
    const html = cases
      .map((c) => markup(c.tag, { id: c.id, ...c.attributes }, (c.children ?? []).map((a) => markup('descent-optimizer', a)).join('')))
      .join('');
    const where = `seed ${SEED}, round ${round}: ${html}`;
    await page.evaluate((html) => {
      const stage = document.getElementById('stage') as HTMLElement;
      stage.innerHTML = html;
      // The playground a fixed height, through CSSOM (no style attribute).
      stage.querySelector('descent-playground')?.style.setProperty('--descent-height', '520px');
    }, html);
    for (const c of cases) {
      const errorText = () =>
        page.evaluate((id) => document.getElementById(id)?.shadowRoot?.querySelector('[part~="error"]')?.textContent ?? '', c.id);
      for (const group of c.needles) {
        refusals++;
        await expect
          .poll(errorText, { message: `${where}\n${c.id}'s error part names ${group.join(' and ')}`, timeout: 15_000 })
          .toEqual(expect.stringContaining(group[0]));
        const text = await errorText();
        for (const needle of group) expect(text, `${where}\n${c.id}`).toContain(needle);
        expect(warnings.some((w) => needle(w, group)), `${where}\n${c.id}: a console warning names ${group.join(' and ')}`).toBe(true);
      }
    }
    // Drawn: every element has rendered and the playground's panels are there.
    await page.evaluate(async () => {
      for (const el of document.querySelectorAll('#stage *')) await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    });
    await expect(page.locator(`#p${round} descent-surface`).first(), where).toBeAttached();
    for (const c of cases) {
      if (!c.needles.length) {
        const text = await page.evaluate((id) => document.getElementById(id)?.shadowRoot?.querySelector('[part~="error"]')?.textContent ?? '', c.id);
        expect(text, `${where}\n${c.id}: a message though nothing was refused`).toBe('');
      }
    }
    // A playground's children have no error part of their own: the playground's names their problems.
    const childParts = await page.evaluate(
      () => [...document.querySelectorAll('#stage descent-playground > descent-optimizer')].filter((c) => c.shadowRoot?.querySelector('[part~="error"]')).length,
    );
    expect(childParts, where).toBe(0);
    const ds = await page.evaluate(() => {
      const out: string[] = [];
      const walk = (root: ParentNode) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.localName === 'path') out.push(el.getAttribute('d') ?? '');
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document.getElementById('stage') as HTMLElement);
      return out;
    });
    expect(ds.length, where).toBeGreaterThan(0);
    for (const d of ds) expect(d, where).not.toMatch(/NaN|Infinity/);
    expect(await errors(), where).toEqual([]);
  }
  // The pools refuse something in most elements: refusals and clean elements are both checked.
  expect(refusals).toBeGreaterThan(ROUNDS * 2);
});

/** Whether warning `w` carries every text of `group`. */
function needle(w: string, group: readonly string[]): boolean {
  return group.every((n) => w.includes(n));
}
