import type { Operation } from '../history/operation';
import type { PartitionSearch } from './search-partition';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';

/** Local explanation of a failed (or unfinished) partition search. */
export interface LocalExplanation {
  /** Local indices of the ops that cannot be placed after the longest prefix. */
  readonly stuck: number[];
  readonly reason: string;
}

/**
 * Explain a failure from the longest prefix the search already found: no second search.
 * After the prefix, the op whose return comes first among the remaining ones must be next
 * at the latest; the candidates are the remaining ops called before that return. We report
 * the candidates that are illegal in the prefix's final state (the blocking op first) with
 * the spec's reason; if all are legal, every continuation was a dead end further on.
 * Cost: O(n) spec steps.
 */
export function explainFailure<S>(spec: SequentialSpec<S>, ops: readonly Operation[], search: PartitionSearch<S>): LocalExplanation {
  const n = ops.length;
  const placed = new Uint8Array(n);
  for (const i of search.order) placed[i] = 1;
  const order = search.order;
  const state = order.length > 0 ? search.states[order.length - 1]! : search.initial;
  const pos = search.list.position;
  let blocking = -1;
  for (let i = 0; i < n; i++) {
    if (placed[i] || pos[n + i]! < 0) continue;
    if (blocking < 0 || pos[n + i]! < pos[n + blocking]!) blocking = i;
  }
  const limit = blocking < 0 ? Infinity : pos[n + blocking]!;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (!placed[i] && pos[i]! < limit) candidates.push(i);
  const illegal = (i: number): boolean => {
    const r = spec.step(state, ops[i]!);
    return r === ILLEGAL || (r instanceof Choices && r.states.length === 0);
  };
  const stuck = candidates.filter(illegal);
  if (blocking >= 0 && stuck.includes(blocking)) {
    stuck.splice(stuck.indexOf(blocking), 1);
    stuck.unshift(blocking);
  }
  const describe = (i: number): string => {
    const op = ops[i]!;
    return spec.reason ? spec.reason(state, op) : `${op.f} by process ${op.process} is not allowed in state ${spec.describeState(state)}`;
  };
  if (stuck.length > 0) return { stuck, reason: describe(stuck[0]!) };
  const b = blocking >= 0 ? blocking : candidates[0] ?? -1;
  const unreachable = b >= 0 ? unreachableRead(spec, ops, placed, state, b) : undefined;
  if (unreachable !== undefined) return unreachable;
  return {
    stuck: b >= 0 ? [b] : [],
    reason: `every operation that can come next (${candidates.length}) leads to a dead end later; ` +
      `state after the longest prefix: ${spec.describeState(state)}`,
  };
}

/**
 * For a monotone spec (kv), whose search drops a configuration as soon as a read can no
 * longer be linearized (monotone-prune.ts): a read left unreachable after the prefix, or
 * else one that op `b` (the op that must come next) would make unreachable, named with the
 * spec's reason in that state (e.g. "get returned X but the key holds Y": the string only
 * grows until a put, and no put can come first).
 */
function unreachableRead<S>(spec: SequentialSpec<S>, ops: readonly Operation[], placed: Uint8Array, state: S, b: number): LocalExplanation | undefined {
  const m = spec.monotone;
  if (m === undefined || spec.readOnly === undefined) return undefined;
  const prep = (i: number): unknown => spec.prepare?.(ops[i]!);
  const lost = (s: S, skip: number): number => {
    for (let g = 0; g < ops.length; g++) {
      const op = ops[g]!;
      if (placed[g] || g === skip || op.ret === undefined || !spec.readOnly!(op, prep(g)) || m.canReach(s, op, prep(g))) continue;
      let viaReset = false;
      for (let k = 0; k < ops.length && !viaReset; k++) {
        if (placed[k] || k === skip || ops[k]!.call > op.ret || !m.resets(ops[k]!, prep(k))) continue;
        viaReset = m.canReach(m.resetTo(ops[k]!, prep(k)), op, prep(g));
      }
      if (!viaReset) return g;
    }
    return -1;
  };
  const why = (s: S, g: number): string => (spec.reason ? spec.reason(s, ops[g]!) : `${ops[g]!.f} by process ${ops[g]!.process} cannot follow ${spec.describeState(s)}`);
  const now = lost(state, -1);
  if (now >= 0) return { stuck: [now], reason: `${why(state, now)}; the state only grows until a reset, and no reset can come before this read` };
  const r = spec.step(state, ops[b]!);
  const next = r instanceof Choices ? (r as Choices<S>).states[0] : r;
  if (next === ILLEGAL || next === undefined) return undefined;
  const g = lost(next as S, b);
  if (g < 0) return undefined;
  return { stuck: [b, g], reason: `after ${ops[b]!.f} by process ${ops[b]!.process}, ${why(next as S, g)}; the state only grows until a reset, and no reset can come before this read` };
}
