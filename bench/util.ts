/** Small timing helpers shared by the benchmark scripts. Ratios, not absolute times, are the point. */

/**
 * This process's CPU time in ms (user + system, all its threads). On a shared machine the wall
 * clock also counts the time other processes hold the cores; CPU time leaves most of that out
 * (not what they do to the caches).
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `fn` (which does `work` units) for ~`ms` of CPU time; returns ns of CPU time per unit. */
export function nsPerUnit(fn: () => void, work: number, ms = 60): number {
  let reps = 0;
  const t0 = cpuNow();
  let t = t0;
  do {
    fn();
    reps++;
    t = cpuNow();
  } while (t - t0 < ms);
  return ((t - t0) * 1e6) / (reps * work);
}

/** Interleaves the candidates over `rounds` so that machine noise hits them alike; medians. */
export function compare(candidates: Record<string, () => number>, rounds = 7): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const name of Object.keys(candidates)) samples[name] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(candidates)) samples[name].push(run());
  }
  const out: Record<string, number> = {};
  for (const [name, xs] of Object.entries(samples)) {
    xs.sort((a, b) => a - b);
    out[name] = xs[xs.length >> 1];
  }
  return out;
}

/**
 * Paired measurement: in each round, times `ours` and `baseline` back to back and keeps their
 * ratio, so that a slow patch of the machine hits both; reports medians of each and of the ratio.
 */
export function pairedRatio(
  ours: () => number,
  baseline: () => number,
  rounds = 9,
): { ours: number; baseline: number; ratio: number } {
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0;
    const a = first ? ours() : 0;
    const c = baseline();
    const d = first ? a : ours();
    o.push(d);
    b.push(c);
    r.push(d / c);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  return { ours: median(o), baseline: median(b), ratio: median(r) };
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}
