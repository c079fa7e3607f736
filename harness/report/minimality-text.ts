import type { MinimalityNote } from '../corpus/corpus-entry';

/**
 * The words every report uses for a finding's preemption count (issue 13 item 1): "minimal"
 * when bounded DFS explored every schedule of the workload with fewer preemptions, else
 * "minimal not proved within budget" with the bound it did prove.
 */
export function minimalityText(n: MinimalityNote | undefined, preemptions: number): string {
  if (n === undefined) return 'minimality not searched';
  if (preemptions === 0) return 'minimal (no preemption)';
  const s = (k: number): string => `${k} preemption${k === 1 ? '' : 's'}`;
  if (n.proved || n.atLeast >= preemptions) return `minimal: bounded DFS found no schedule of this workload with fewer than ${s(preemptions)} (${n.executions} executions)`;
  return `minimal not proved within budget: bounded DFS ruled out fewer than ${s(n.atLeast)} only (${n.executions} executions)`;
}

/** "minimal", "minimal not proved within budget" or undefined (not searched): for one-line listings. */
export function minimalityWord(n: MinimalityNote | undefined, preemptions: number): string | undefined {
  if (n === undefined) return undefined;
  return n.proved || n.atLeast >= preemptions ? 'minimal' : 'minimal not proved within budget';
}
