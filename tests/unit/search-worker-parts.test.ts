/**
 * What the critical-point search Worker receives is plain data (the graph's nodes, its roots and
 * the facts found symbolically), and what it rebuilds from them finds what the page finds: the
 * Worker's path, run here in Node without a Worker (structuredClone stands for postMessage).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/core/pause';
import { compileGraph } from '../../src/core/expression/compile';
import { Graph } from '../../src/core/expression/graph';
import { compileExpression, compileSurface } from '../../src/core/expression/index';
import { checkExpression } from '../../src/core/expression/parse-check';
import { searchInWorker } from '../../src/core/expression/search-client';
import { searchSurface } from '../../src/core/expression/surface-search';
import { surfaces } from '../../surfaces/index';

/** The graph of f and its derivatives, built as compileExpression builds it. */
function graphOf(expr: string) {
  const graph = new Graph();
  const f = graph.fromAst(checkExpression(expr).ast);
  const fx = graph.derivative(f, 'x');
  const fy = graph.derivative(f, 'y');
  const hessian = [graph.derivative(fx, 'x'), graph.derivative(fx, 'y'), graph.derivative(fy, 'y')] as const;
  return { graph, roots: { f, grad: [fx, fy] as const, hessian } };
}

describe("the search Worker's parts", () => {
  it('a graph sent as plain data and rebuilt (Graph.fromNodes) finds what compileSurface finds, to the bit', () => {
    for (const id of ['himmelblau', 'six-hump-camel', 'ackley', 'levi13'] as const) {
      const s = surfaces[id];
      const { graph, roots } = graphOf(s.expr);
      const { flat, affine, linearPieces, noCriticalPoints, size } = compileExpression(s.expr);
      const sent = structuredClone({ nodes: graph.nodes, roots, facts: { flat, affine, linearPieces, noCriticalPoints, size }, domain: s.domain });
      const rebuilt = Graph.fromNodes(sent.nodes);
      expect(rebuilt.nodes).toEqual(graph.nodes);
      const functions = compileGraph(rebuilt, sent.roots, 'function');
      const found = runToEnd(searchSurface({ ...functions, ...sent.facts }, sent.domain));
      const page = compileSurface(s.expr, { domain: s.domain });
      expect(found.critical, id).toEqual(page.critical);
      expect(found.start, id).toEqual(page.start);
      expect(found.criticalNote, id).toEqual(page.criticalNote);
      expect(structuredClone(found)).toEqual(found);
    }
  });

  it('Graph.fromNodes refuses nodes out of the order a Graph makes them', () => {
    const { graph } = graphOf('x^2 + y^2');
    const shuffled = [...graph.nodes];
    [shuffled[5], shuffled[6]] = [shuffled[6], shuffled[5]];
    expect(() => Graph.fromNodes(shuffled)).toThrow(/graph node \d+ \(\w+\) is out of order/);
  });

  it('without a Worker (Node), searchInWorker answers undefined: the caller searches itself', async () => {
    const { graph, roots } = graphOf('x^2 + y^2');
    const compiled = compileExpression('x^2 + y^2');
    await expect(searchInWorker({ compiled, nodes: graph.nodes, roots }, { x: [-1, 1], y: [-1, 1] }, 'auto')).resolves.toBeUndefined();
  });
});
