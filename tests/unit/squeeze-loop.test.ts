/**
 * The one-file bundle carries the step loop's source squeezed (scripts/squeeze-loop.ts drops its
 * optional spaces before bundling): the squeezed loop.ts must write loops that are the same
 * JavaScript, token for token, as the loop.ts the tests and the library run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenizer } from 'acorn';
import { describe, expect, it } from 'vitest';
import { squeezeLoop } from '../../scripts/squeeze-loop';
import * as loop from '../../src/core/loop';
import { rules } from '../../src/core/optimizers/index';
import '../../src/core/optimizers/more';
import { ruleSourceOf } from '../../src/core/trajectory';

const tokens = (code: string) => [...tokenizer(code, { ecmaVersion: 'latest', allowReturnOutsideFunction: true })].map((t) => `${t.type.label}:${String((t as { value?: unknown }).value)}`);

describe('the squeezed step loop (the one-file bundle)', () => {
  it('writes the same tokens as loop.ts for every rule, shape and variant, and compiles', async () => {
    const source = readFileSync(new URL('../../src/core/loop.ts', import.meta.url), 'utf8');
    const squeezed = squeezeLoop(source);
    const file = join(mkdtempSync(join(tmpdir(), 'squeeze-')), 'loop.ts');
    writeFileSync(file, squeezed);
    const small = (await import(/* @vite-ignore */ file)) as typeof loop;
    let compared = 0;
    for (const [id, rule] of Object.entries(rules)) {
      const ruleSource = ruleSourceOf(id);
      if (rule.whole || !ruleSource) continue;
      const h = rule.defaults;
      const options = Object.keys(h).filter((name) => typeof h[name] === 'number');
      for (const record of [false, true]) {
        for (const schedule of [undefined, 'o0 = sched.lr[t - 1];']) {
          const a = loop.compiledLoopSource(id, rule.definition, ruleSource, h, options, record, schedule);
          const b = small.compiledLoopSource(id, rule.definition, ruleSource, h, options, record, schedule);
          expect(tokens(b)).toEqual(tokens(a));
          expect(b.length).toBeLessThan(a.length * 0.9);
          expect(() => new Function(b)).not.toThrow();
          compared++;
        }
      }
      expect(tokens(small.loopBody({ setup: '', step: '', recordState: () => '' }, 'dynamic', 'dynamic'))).toEqual(
        tokens(loop.loopBody({ setup: '', step: '', recordState: () => '' }, 'dynamic', 'dynamic')),
      );
    }
    expect(compared).toBeGreaterThan(40);
  });
});
