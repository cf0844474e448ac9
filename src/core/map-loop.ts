/**
 * The loop of `convergenceMap()` (core/convergence-map.ts), written as source text like
 * trajectory()'s (core/loop.ts) and from the same rule statements: its own module, so the one-file
 * bundle carries it only in the chunk that computes maps.
 */
import { local } from './loop';
import type { Hyper, RuleDefinition, RuleSource } from './optimizers/rule';

/** The map loop's parameters, in order (core/convergence-map.ts calls it). */
export const MAP_LOOP_PARAMS = [
  'surface', 'options', 's', 'init', 'h', 'starts', 'steps', 'xLo', 'xHi', 'yLo', 'yHi', 'minima', 'tol2', 'basin', 'arrived', 'finalLoss',
] as const;

/** Starts the map loop advances together (their steps interleaved: the CPU overlaps them). */
export const MAP_LANES = 4;

/**
 * The loop of `convergenceMap()`: for each start in `starts` (x, y pairs), the same steps as
 * `loopBody` does from it (the rule's statements, the same divergence tests, the same arithmetic,
 * so the same iterates to the last bit), with nothing stored per step. What it keeps of a run:
 * which of `minima` (x, y pairs) it ends within √tol2 of, and from which step on it stayed there
 * (`basin` −1 and `arrived` −1 when it ends near none; `basin` −2 when it diverged), and its last
 * loss (NaN when it diverged). `init` resets the state `s` before each start: nothing is
 * allocated per start.
 *
 * MAP_LANES starts run side by side, each with locals of its own (the rule's statements written
 * once per lane, its names suffixed): independent runs whose steps the CPU overlaps, where one
 * run's steps must wait for each other. A lane whose run has diverged stops; the rest go on.
 */
export function mapLoopSource(presetId: string, definition: RuleDefinition, source: RuleSource, h: Hyper, options: readonly string[]): string {
  const present = definition.present?.(h) ?? definition.tensors;
  const carried = Object.keys(definition.carry?.(h) ?? {});
  const base = present.length * 2;
  const lanes = Array.from({ length: MAP_LANES }, (_, L) => L);
  // A lane's own names: the iterate, the gradient, the state tensors and per-step numbers.
  const lane = (code: string, L: number) => code.replace(/\b(p[01]|g[01]|s\d+_[01]|k\d+)\b/g, `$1_${L}`);
  const optionsSetup = options.map((name, j) => `const ${local.option(Object.keys(definition.defaults).indexOf(name))} = options[${j}];`).join('\n  ');
  const stateSetup = [
    ...definition.tensors.flatMap((name, index) => {
      const j = present.indexOf(name);
      return [0, 1].map((i) => `let ${local.tensor(index, i)} = ${j < 0 ? '0' : `s[${2 * j + i}]`};`);
    }),
    ...source.k.map((name, index) => {
      const j = carried.indexOf(name);
      return `let ${local.k(index)} = ${j < 0 ? 'NaN' : `s[${base + j}]`};`;
    }),
  ].join(' ');
  const step = `${source.perStep ? `{${source.perStep(h)}}` : ''}{${source.coordinate(h, 0, false)}}{${source.coordinate(h, 1, false)}}`;
  // Within the tolerance of minimum `inside` since step `since`, or of none (−1).
  const arrival = (L: number, t: string) => `
        if (inside_${L} >= 0) {
          const dx = p0_${L} - minima[2 * inside_${L}];
          const dy = p1_${L} - minima[2 * inside_${L} + 1];
          if (!(dx * dx + dy * dy <= tol2)) inside_${L} = -1;
        }
        if (inside_${L} < 0) {
          for (let m = 0; m < nm; m++) {
            const dx = p0_${L} - minima[2 * m];
            const dy = p1_${L} - minima[2 * m + 1];
            if (dx * dx + dy * dy <= tol2) {
              inside_${L} = m;
              since_${L} = ${t};
              break;
            }
          }
        }`;
  const start = (L: number) => `
    const c_${L} = c + ${L} < cells ? c + ${L} : c;
    ${lane(stateSetup, L)}
    let p0_${L} = starts[2 * c_${L}];
    let p1_${L} = starts[2 * c_${L} + 1];
    let l_${L} = f(p0_${L}, p1_${L});
    surface.grad(p0_${L}, p1_${L}, first);
    let g0_${L} = first[0];
    let g1_${L} = first[1];
    let inside_${L} = -1;
    let since_${L} = -1;
    let diverged_${L} = !(l_${L} - l_${L} === 0);
    if (diverged_${L}) alive--;
    else {${arrival(L, '0')}
    }`;
  const advance = (L: number) => `
      if (!diverged_${L}) {
        {${lane(step, L)}}
        if (fused) {
          l_${L} = surface.valueAndGrad(p0_${L}, p1_${L}, grad);
        } else {
          l_${L} = f(p0_${L}, p1_${L});
          surface.grad(p0_${L}, p1_${L}, grad);
        }
        g0_${L} = grad[0];
        g1_${L} = grad[1];
        if (!(p0_${L} >= xLo && p0_${L} <= xHi && p1_${L} >= yLo && p1_${L} <= yHi && l_${L} - l_${L} === 0)) {
          diverged_${L} = true;
          alive--;
        } else {${arrival(L, 't')}
        }
      }`;
  const finish = (L: number) => `
    if (c + ${L} < cells) {
      basin[c + ${L}] = diverged_${L} ? -2 : inside_${L};
      arrived[c + ${L}] = diverged_${L} || inside_${L} < 0 ? -1 : since_${L};
      finalLoss[c + ${L}] = diverged_${L} ? NaN : l_${L};
    }`;
  return `// map loop for ${JSON.stringify(presetId)}, rule written in, ${MAP_LANES} lanes
return function compiledMapLoop(${MAP_LOOP_PARAMS.join(', ')}) {
  const f = surface.f;
  const fused = surface.valueAndGrad !== undefined;
  const first = [NaN, NaN];
  const grad = [NaN, NaN];
  const nm = minima.length / 2;
  const cells = starts.length / 2;
  ${optionsSetup}
  for (let c = 0; c < cells; c += ${MAP_LANES}) {
    init(s, 2, h);
    let alive = ${MAP_LANES};
    ${lanes.map(start).join('')}
    for (let t = 1; t <= steps && alive > 0; t++) {${lanes.map(advance).join('')}
    }${lanes.map(finish).join('')}
  }
};`;
}
