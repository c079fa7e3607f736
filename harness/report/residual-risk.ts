/**
 * Residual-risk text of a cell from its PCT bounds, and the merge of bounds over shards:
 * runs add up; n and k take the largest value seen and `fraction` the smallest, which keeps
 * the merged guarantee conservative (a larger k or n, or a smaller fraction, only weakens it).
 */
import { formatPctRisk } from '../strategy/pct-risk';
import type { PctBound } from './campaign-report';

/** One sentence per depth, joined by `; `, or undefined when there is no bound. */
export function formatResidualRisk(bounds: readonly PctBound[] | undefined): string | undefined {
  if (!bounds || bounds.length === 0) return undefined;
  return [...bounds]
    .sort((a, b) => a.depth - b.depth)
    .map((b) => formatPctRisk(b.n, b.k, b.depth, b.runs, b.fraction ?? 1))
    .join('; ');
}

/** Merge bounds of the same cell from several shards, per depth. */
export function mergePctBounds(lists: readonly (readonly PctBound[])[]): PctBound[] {
  const byDepth = new Map<number, PctBound>();
  for (const list of lists) {
    for (const b of list) {
      const prev = byDepth.get(b.depth);
      byDepth.set(
        b.depth,
        prev === undefined
          ? { ...b }
          : {
              depth: b.depth,
              n: Math.max(prev.n, b.n),
              k: Math.max(prev.k, b.k),
              runs: prev.runs + b.runs,
              ...(prev.fraction === undefined && b.fraction === undefined ? {} : { fraction: Math.min(prev.fraction ?? 1, b.fraction ?? 1) }),
            },
      );
    }
  }
  return [...byDepth.values()].sort((a, b) => a.depth - b.depth);
}
