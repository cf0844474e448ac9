/**
 * `<descent-playground>`'s configuration properties follow the UI, as `<descent-surface>`'s
 * `start` follows its handle: after each change made in the widget they describe what is shown
 * (steps and speed as numbers), the attributes stay as written, and following the UI does not
 * make the element rebuild its configuration from them.
 */
import { expect, test, type Locator } from '@playwright/test';
import type { Config } from '../../src/state/config';
import { ORIGIN, pageWith, serve } from './embed-serve';
import { watchConsole } from './helpers';

type Props = { surface: string | null; start: string | null; steps: number | null; speed: number | null; layout: string | null; optimizers: string | null; expression: string | null };

const props = (pg: Locator) =>
  pg.evaluate((el) => {
    const p = el as unknown as Props & { config: Config };
    const { surface, start, steps, speed, layout, optimizers, expression } = p;
    return { surface, start, steps, speed, layout, optimizers, expression, config: p.config };
  });

/** What the properties must say for a configuration (computed here from the config itself). */
const described = (c: Config) => ({
  surface: c.surface,
  start: `${c.start[0]} ${c.start[1]}`,
  steps: c.steps,
  speed: c.speed,
  layout: c.layout,
  optimizers: c.optimizers.map((e) => e.kind).join(' '),
  expression: null,
});

test('the configuration properties follow the UI; attributes stay as written; steps and speed are numbers', async ({ page }) => {
  const messages = watchConsole(page);
  await serve(page, { 'props.html': { html: pageWith('<descent-playground surface="two-wells" steps="200" speed="30"></descent-playground>') } });
  await page.goto(`${ORIGIN}props.html`);
  const pg = page.locator('descent-playground');
  await expect(pg.locator('[part~="trajectory"]').first()).toBeAttached();

  // As written: numbers from the attributes, nothing else set.
  let now = await props(pg);
  expect([now.surface, now.steps, now.speed, now.start, now.layout]).toEqual(['two-wells', 200, 30, null, null]);

  // A label only `config` can carry: if following the UI made the element re-read its
  // properties, this label would be lost.
  await pg.evaluate((el) => {
    const p = el as unknown as { config: Config };
    const c = p.config;
    p.config = { ...c, optimizers: c.optimizers.map((e, i) => (i === 0 ? { ...e, label: 'Mine' } : e)) };
  });

  // The start handle, by keyboard: start follows.
  const handle = pg.locator('[part~="start-handle"]').first();
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  now = await props(pg);
  expect(now).toMatchObject(described(now.config));
  const [x0, y0] = now.start!.split(' ').map(Number);
  const text = await handle.getAttribute('aria-valuetext');
  expect(text).toContain(`x ${x0}`);

  // Steps, speed, layout, from their controls.
  await pg.getByLabel('Steps per run').fill('321');
  await pg.getByLabel('Steps per run').press('Enter');
  await expect.poll(async () => (await props(pg)).steps).toBe(321);
  const speeds = await pg.getByLabel('Speed in steps per second').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const otherSpeed = speeds.find((v) => Number(v) !== 30)!;
  await pg.getByLabel('Speed in steps per second').selectOption(otherSpeed);
  await pg.locator('button[data-layout="grid"]').click();
  now = await props(pg);
  expect(typeof now.steps).toBe('number');
  expect(typeof now.speed).toBe('number');
  expect([now.steps, now.speed, now.layout]).toEqual([321, Number(otherSpeed), 'grid']);
  expect(now).toMatchObject(described(now.config));
  expect(now.config.start).toEqual([x0, y0]);
  expect(now.config.optimizers[0].label).toBe('Mine');

  // The attributes are the author's and stay as written.
  const attributes = await pg.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
  expect(attributes).toEqual({ surface: 'two-wells', steps: '200', speed: '30' });

  // Another surface from the menu: surface and its own start.
  await pg.getByLabel('Surface').selectOption('himmelblau');
  await expect.poll(async () => (await props(pg)).surface).toBe('himmelblau');
  now = await props(pg);
  expect(now).toMatchObject(described(now.config));

  // Setting a property by script still reconfigures the element.
  await pg.evaluate((el) => ((el as unknown as Props).steps = 75));
  await expect.poll(async () => (await props(pg)).config.steps).toBe(75);
  expect(await pg.locator('[part~="timeline"]').getAttribute('max')).toBe('75');
  expect(messages).toEqual([]);
});
