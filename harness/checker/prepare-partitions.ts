import type { Operation } from '../history/operation';
import type { SequentialSpec } from './spec';

/** One partition to search: its ops (expanded, in history order) and their original ids. */
export interface Partition {
  /** Partition key; '' when the spec does not partition. */
  readonly key: string;
  readonly ops: readonly Operation[];
  /** `origin[i]` = id of the recorded operation that local op `i` comes from. */
  readonly origin: Int32Array;
}

/**
 * Expand recorded ops into the spec's sequential steps (`spec.expand`) and split them by
 * `spec.partitionKey` (P-compositionality, Herlihy & Wing 1990). Partitions come out in a
 * deterministic order: keys sorted numerically when all are integers, else by code units.
 */
export function preparePartitions<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): Partition[] {
  const groups = new Map<string, { ops: Operation[]; origin: number[] }>();
  const add = (key: string, op: Operation, origin: number): void => {
    let g = groups.get(key);
    if (g === undefined) { g = { ops: [], origin: [] }; groups.set(key, g); }
    g.ops.push(op);
    g.origin.push(origin);
  };
  for (const op of ops) {
    const parts = spec.expand?.(op) ?? [op];
    for (const part of parts) add(spec.partitionKey ? spec.partitionKey(part) : '', part, op.id);
  }
  const keys = [...groups.keys()];
  const numeric = keys.every((k) => /^-?\d+$/.test(k));
  keys.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const g = groups.get(key)!;
    return { key, ops: g.ops, origin: Int32Array.from(g.origin) };
  });
}
