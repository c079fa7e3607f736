import type { Operation } from '../history/operation';
import type { SequentialSpec } from './spec';

/** One partition to search: its ops (expanded, in history order) and their original ids. */
export interface Partition {
  /** Partition key; '' when the spec does not partition. */
  readonly key: string;
  readonly ops: readonly Operation[];
  /** `origin[i]` = id of the recorded operation that local op `i` comes from. */
  readonly origin: ArrayLike<number>;
}

/**
 * Expand recorded ops into the spec's sequential steps (`spec.expand`) and split them by
 * `spec.partitionKey` (P-compositionality, Herlihy & Wing 1990). Partitions come out in a
 * deterministic order: keys sorted numerically when all are integers, else by code units.
 */
export function preparePartitions<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): Partition[] {
  if (ops.length === 0) return [];
  if (spec.expand === undefined) {
    // the common case, one object: no grouping at all (the explorer checks small histories by the thousand)
    const key0 = spec.partitionKey ? spec.partitionKey(ops[0]!) : '';
    let single = true;
    for (let i = 1; i < ops.length && single && spec.partitionKey; i++) single = spec.partitionKey(ops[i]!) === key0;
    if (single) {
      const origin = new Array<number>(ops.length);
      for (let i = 0; i < ops.length; i++) origin[i] = ops[i]!.id;
      return [{ key: key0, ops, origin }];
    }
  }
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
