import type { Operation } from '../history/operation';
import { DEFAULT_MAX_MEMORY_BYTES, type CheckBudget, type CheckExplanation, type CheckOptions, type CheckResult } from './checker-api';
import { explainFailure } from './explain-failure';
import type { FastResult } from './fast/fast-result';
import { MemoryMeter } from './memory-meter';
import { mergeLinearizations } from './merge-linearizations';
import { preparePartitions, type Partition } from './prepare-partitions';
import { PartitionSearch } from './search-partition';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';

/**
 * Spec steps one partition runs before the next gets its turn: 256 in the first round,
 * doubling each round up to 16384. Partitions are searched round-robin so that an easy
 * illegal partition is found even when another is hard (as Porcupine's goroutines do), yet
 * deterministically; small first slices find it after a few hundred steps of the others
 * (kv c50-bad: 54,691 steps with fixed 16384-step slices).
 */
const FIRST_SLICE = 256;
const MAX_SLICE = 16384;

/** Name of the general algorithm in `CheckResult.algorithm`. */
export const SEARCH_ALGORITHM = 'Wing & Gong search';

/** Spec steps the general search may spend to find a concrete prefix for a vague fast verdict. */
const EXPLAIN_STEPS = 200_000;

/** A partition's order and the spec states along it, whoever decided it. */
interface Decided<S> { readonly order: Int32Array; readonly states: readonly S[] }

/** A linearization of a partition known to be linearizable, by a search of at most a few steps per op. */
function certificateOf<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): Decided<S> | undefined {
  const search = new PartitionSearch<S>(spec, ops, new MemoryMeter(DEFAULT_MAX_MEMORY_BYTES / 4));
  return search.run(4 * ops.length + 10_000) === 'linearizable' ? { order: search.order, states: search.states } : undefined;
}

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

/** Spec states along `order` (the first legal choice at each step); undefined if the spec rejects it. */
function statesAlong<S>(spec: SequentialSpec<S>, ops: readonly Operation[], order: Int32Array): S[] | undefined {
  const out: S[] = [];
  let s = spec.initialState();
  for (let k = 0; k < order.length; k++) {
    const r = spec.step(s, ops[order[k]!]!);
    if (r === ILLEGAL) return undefined;
    const next = r instanceof Choices ? (r as Choices<S>).states[0] : r as S;
    if (next === undefined) return undefined;
    out.push(next);
    s = next;
  }
  return out;
}

function explanationOf<S>(spec: SequentialSpec<S>, part: Partition, prefix: Decided<S>, local: { stuck: readonly number[]; reason: string }, describe: boolean): CheckExplanation {
  const mapped = toOriginal(spec, part, prefix.order, prefix.states, describe);
  const stuck = [...new Set(local.stuck.map((i) => part.origin[i]!))];
  const last = prefix.order.length > 0 ? prefix.states[prefix.order.length - 1]! : spec.initialState();
  return {
    ...(part.key !== '' ? { partition: part.key } : {}),
    longestPrefix: mapped.ids,
    stuck,
    reason: local.reason,
    ...(mapped.states ? { prefixStates: mapped.states } : {}),
    stateAfterPrefix: spec.describeState(last),
  };
}

/** Explanation of a partition that a polynomial-time algorithm found illegal. */
function fastExplanation<S>(spec: SequentialSpec<S>, part: Partition, r: Extract<FastResult, { verdict: 'not-linearizable' }>, describe: boolean): CheckExplanation {
  if (r.vague === true) {
    // the algorithm knows the history is illegal but not where a search gets stuck: ask
    // the general search (bounded) for a concrete prefix; its verdict cannot differ
    const search = new PartitionSearch<S>(spec, part.ops, new MemoryMeter(DEFAULT_MAX_MEMORY_BYTES / 4));
    if (search.run(EXPLAIN_STEPS) === 'not-linearizable') return explanationOf(spec, part, search, explainFailure(spec, part.ops, search), describe);
  }
  const prefix = r.prefix ?? new Int32Array(0);
  const states = statesAlong(spec, part.ops, prefix);
  const decided = states === undefined ? { order: new Int32Array(0), states: [] } : { order: prefix, states };
  return explanationOf(spec, part, decided, r, describe);
}

/** A linearizable verdict straight from the fast path, when the history is one partition it decides; else undefined. */
function quickVerdict<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): CheckResult | undefined {
  if (spec.fastCheck === undefined || spec.expand !== undefined || ops.length === 0) return undefined;
  if (spec.partitionKey !== undefined) {
    const key = spec.partitionKey(ops[0]!);
    for (let i = 1; i < ops.length; i++) if (spec.partitionKey(ops[i]!) !== key) return undefined;
  }
  const f = spec.fastCheck(ops, false);
  if (f?.verdict !== 'linearizable') return undefined;
  return { verdict: 'linearizable', steps: 0, partitions: 1, partitionsDecided: 1, algorithm: f.algorithm, memoryBytes: 0 };
}

/** The distinct algorithms that decide the partitions, in order (one partition: no set, no join). */
function algorithmName(fast: readonly (FastResult | undefined)[]): string {
  const first = fast.length === 0 ? SEARCH_ALGORITHM : fast[0]?.algorithm ?? SEARCH_ALGORITHM;
  let same = true;
  for (let k = 1; k < fast.length && same; k++) same = (fast[k]?.algorithm ?? SEARCH_ALGORITHM) === first;
  return same ? first : [...new Set(fast.map((f) => f?.algorithm ?? SEARCH_ALGORITHM))].join(', ');
}

/**
 * Check `ops` against `spec`. A partition (P-compositionality) whose shape a polynomial-time
 * algorithm of the spec covers (`spec.fastCheck`) is decided by it; the others are searched
 * round-robin in a deterministic order, in slices of spec steps; the first partition found
 * illegal stops the check. The budget is shared by all partitions. Pure: the only clock is
 * `budget.now`.
 */
export function checkWithSpec<S>(spec: SequentialSpec<S>, ops: readonly Operation[], budget: CheckBudget = {}, options: CheckOptions = {}): CheckResult {
  const describe = options.describeStates === true;
  if (options.verdictOnly === true && !describe) {
    // the explorer's case: one small partition a polynomial-time path decides (no partition
    // objects, no search object: this runs once per explored execution)
    const quick = quickVerdict(spec, ops);
    if (quick !== undefined) return quick;
  }
  const now = budget.now;
  let deadline = budget.deadlineMs ?? Infinity;
  if (budget.timeoutMs !== undefined && now !== undefined) deadline = Math.min(deadline, now() + budget.timeoutMs);
  const clock = deadline === Infinity ? undefined : now;
  const maxSteps = budget.maxSteps ?? Infinity;
  const meter = new MemoryMeter(budget.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES);
  const parts = preparePartitions(spec, ops);
  const initialState = spec.describeState(spec.initialState());
  const verdictOnly = options.verdictOnly === true;
  const fast = parts.map((p) => spec.fastCheck?.(p.ops, !verdictOnly));
  const algorithm = algorithmName(fast);
  const common = { partitions: parts.length, initialState, algorithm };
  for (let k = 0; k < parts.length; k++) {
    const f = fast[k];
    if (f?.verdict !== 'not-linearizable') continue;
    return { verdict: 'not-linearizable', steps: 0, partitionsDecided: 1, memoryBytes: meter.peak, explanation: fastExplanation(spec, parts[k]!, f, describe), ...common };
  }
  const searches = parts.map((p, k) => (fast[k] === undefined ? new PartitionSearch<S>(spec, p.ops, meter) : undefined));
  let steps = 0;
  let decided = parts.length - searches.filter((s) => s !== undefined).length;
  let stoppedBy: 'steps' | 'deadline' | 'memory' | undefined;
  const active = parts.map((_, k) => k).filter((k) => searches[k] !== undefined);
  let slice = FIRST_SLICE;
  for (; active.length > 0 && stoppedBy === undefined; slice = Math.min(MAX_SLICE, 2 * slice)) {
    for (let a = 0; a < active.length; a++) {
      const k = active[a]!;
      const s = searches[k]!;
      if (steps >= maxSteps) { stoppedBy = 'steps'; break; }
      const before = s.steps;
      let status;
      try {
        status = s.run(Math.min(slice, maxSteps - steps), clock, deadline);
      } catch (e) {
        // a typed array the heap could not provide: the budget was set above what the process has
        if (!(e instanceof RangeError)) throw e;
        status = 'memory' as const;
      }
      steps += s.steps - before;
      if (status === 'not-linearizable') {
        return {
          verdict: 'not-linearizable', steps, partitionsDecided: decided + 1, memoryBytes: meter.peak,
          explanation: explanationOf(spec, parts[k]!, s, explainFailure(spec, parts[k]!.ops, s), describe), ...common,
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
      verdict: 'unknown', steps, partitionsDecided: decided, stoppedBy, memoryBytes: meter.peak,
      progress: explanationOf(spec, parts[k]!, searches[k]!, { stuck: [], reason: `${why} after ${steps} steps` }, describe), ...common,
    };
  }
  if (verdictOnly) return { verdict: 'linearizable', steps, partitionsDecided: decided, memoryBytes: meter.peak, ...common };
  // one linearization of the whole history, when every partition has one
  const orders: Decided<S>[] = [];
  for (let k = 0; k < parts.length; k++) {
    const s = searches[k];
    const f = fast[k];
    if (s !== undefined) { orders.push({ order: s.order, states: s.states }); continue; }
    if (f?.verdict === 'linearizable' && f.order === undefined) {
      // the algorithm decided without building a linearization: a bounded search finds one
      // cheaply on all but the hardest histories (whose linearization is then left out)
      const found = certificateOf(spec, parts[k]!.ops);
      if (found === undefined) return { verdict: 'linearizable', steps, partitionsDecided: decided, memoryBytes: meter.peak, ...common };
      orders.push(found);
      continue;
    }
    const order = f?.verdict === 'linearizable' ? f.order : undefined;
    const states = order === undefined ? undefined : describe ? statesAlong(spec, parts[k]!.ops, order) : [];
    if (order === undefined || states === undefined) {
      return { verdict: 'linearizable', steps, partitionsDecided: decided, memoryBytes: meter.peak, ...common };
    }
    orders.push({ order, states });
  }
  const merged = mergeLinearizations(parts.map((part, k) => ({ ops: part.ops, origin: part.origin, order: orders[k]!.order, states: orders[k]!.states })));
  return {
    verdict: 'linearizable', steps, linearization: merged.map((m) => m.id), partitionsDecided: decided, memoryBytes: meter.peak,
    ...(describe ? { linearizationStates: merged.map((m) => spec.describeState(m.state)) } : {}), ...common,
  };
}
