import type { Operation } from '../history/operation';
import { DEFAULT_MAX_MEMORY_BYTES, type CheckBudget, type CheckExplanation, type CheckOptions, type CheckResult } from './checker-api';
import { explainFailure } from './explain-failure';
import { mergeLinearizations } from './merge-linearizations';
import { preparePartitions, type Partition } from './prepare-partitions';
import { MemoryMeter } from './memory-meter';
import { PartitionSearch } from './search-partition';
import type { SequentialSpec } from './spec';

/**
 * Spec steps one partition runs before the next gets its turn. Partitions are searched
 * round-robin so that an easy illegal partition is found even when another is hard (as
 * Porcupine's goroutines do), yet deterministically.
 */
const SLICE = 16384;

/** Map a partition's local order to original ids, keeping the last part of expanded ops. */
function toOriginal<S>(spec: SequentialSpec<S>, part: Partition, order: Int32Array, states: readonly S[], describe: boolean) {
  const ids: number[] = [];
  const described: string[] = [];
  const seenAt = new Map<number, number>();
  for (let k = 0; k < order.length; k++) {
    const id = part.origin[order[k]!]!;
    const at = seenAt.get(id);
    if (at !== undefined) ids[at] = -1;
    seenAt.set(id, ids.length);
    ids.push(id);
    if (describe) described.push(spec.describeState(states[k]!));
  }
  const keep = ids.map((id) => id >= 0);
  return { ids: ids.filter((_, k) => keep[k]), states: describe ? described.filter((_, k) => keep[k]) : undefined };
}

function explanationOf<S>(spec: SequentialSpec<S>, part: Partition, search: PartitionSearch<S>, describe: boolean, reason?: string): CheckExplanation {
  const order = search.order;
  const states = search.states;
  const mapped = toOriginal(spec, part, order, states, describe);
  const local = reason === undefined ? explainFailure(spec, part.ops, search) : { stuck: [], reason };
  const stuck = [...new Set(local.stuck.map((i) => part.origin[i]!))];
  const last = order.length > 0 ? states[order.length - 1]! : search.initial;
  return {
    ...(part.key !== '' ? { partition: part.key } : {}),
    longestPrefix: mapped.ids,
    stuck,
    reason: local.reason,
    ...(mapped.states ? { prefixStates: mapped.states } : {}),
    stateAfterPrefix: spec.describeState(last),
  };
}

/**
 * Check `ops` against `spec`. Partitions (P-compositionality) are searched round-robin in
 * a deterministic order, in slices of spec steps; the first partition found illegal stops
 * the check. The budget is shared by all partitions. Pure: the only clock is `budget.now`.
 */
export function checkWithSpec<S>(spec: SequentialSpec<S>, ops: readonly Operation[], budget: CheckBudget = {}, options: CheckOptions = {}): CheckResult {
  const describe = options.describeStates === true;
  const now = budget.now;
  let deadline = budget.deadlineMs ?? Infinity;
  if (budget.timeoutMs !== undefined && now !== undefined) deadline = Math.min(deadline, now() + budget.timeoutMs);
  const clock = deadline === Infinity ? undefined : now;
  const maxSteps = budget.maxSteps ?? Infinity;
  const meter = new MemoryMeter(budget.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES);
  const parts = preparePartitions(spec, ops);
  const searches = parts.map((p) => new PartitionSearch<S>(spec, p.ops, meter));
  const initialState = spec.describeState(spec.initialState());
  let steps = 0;
  let decided = 0;
  let stoppedBy: 'steps' | 'deadline' | 'memory' | undefined;
  const active = parts.map((_, k) => k);
  while (active.length > 0 && stoppedBy === undefined) {
    for (let a = 0; a < active.length; a++) {
      const k = active[a]!;
      const s = searches[k]!;
      if (steps >= maxSteps) { stoppedBy = 'steps'; break; }
      const before = s.steps;
      let status;
      try {
        status = s.run(Math.min(SLICE, maxSteps - steps), clock, deadline);
      } catch (e) {
        // a typed array the heap could not provide: the budget was set above what the process has
        if (!(e instanceof RangeError)) throw e;
        stoppedBy = 'memory';
        active.splice(a, 1);
        active.unshift(k);
        break;
      }
      steps += s.steps - before;
      if (status === 'not-linearizable') {
        return {
          verdict: 'not-linearizable', steps, partitions: parts.length, partitionsDecided: decided + 1, memoryBytes: meter.peak,
          explanation: explanationOf(spec, parts[k]!, s, describe), initialState,
        };
      }
      if (status === 'memory') {
        stoppedBy = 'memory';
        active.splice(a, 1);
        active.unshift(k);
        break;
      }
      if (status === 'linearizable') {
        decided++;
        s.release();
        active.splice(a--, 1);
      } else if (clock !== undefined && clock() >= deadline) {
        stoppedBy = 'deadline';
        break;
      }
    }
  }
  if (stoppedBy !== undefined) {
    const k = active[0]!;
    const why = stoppedBy === 'memory' ? `memory budget exhausted (${Math.round(meter.limit / 2 ** 20)} MiB)` : `budget exhausted (${stoppedBy})`;
    return {
      verdict: 'unknown', steps, partitions: parts.length, partitionsDecided: decided, stoppedBy, memoryBytes: meter.peak,
      progress: explanationOf(spec, parts[k]!, searches[k]!, describe, `${why} after ${steps} steps`), initialState,
    };
  }
  const merged = mergeLinearizations(parts.map((part, k) => ({ ops: part.ops, origin: part.origin, order: searches[k]!.order, states: searches[k]!.states })));
  return {
    verdict: 'linearizable', steps, linearization: merged.map((m) => m.id), partitions: parts.length, partitionsDecided: decided, memoryBytes: meter.peak,
    ...(describe ? { linearizationStates: merged.map((m) => spec.describeState(m.state)) } : {}), initialState,
  };
}
