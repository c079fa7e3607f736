import type { Operation } from '../../history/operation';
import { valueKey, type ValueKey } from '../specs/value-key';

/** Names of a collection's operations (queue: enqueue/dequeue, stack: push/pop). */
export interface CollectionNames {
  readonly insert: string;
  readonly remove: string;
}

/**
 * A queue or stack history with distinct inserted values, prepared for the
 * decrease-and-conquer algorithms (Lee & Mathur, "Efficient Decrease-and-Conquer
 * Linearizability Monitoring", OOPSLA 2025, sections on well-matched, non-trivial and empty
 * operations): times are normalised so that a call and a return never tie, every value has
 * one insert and one remove (a value never removed gets a remove after the end of the
 * history), and each value's insert returns no later than its remove returns and its
 * remove is called no earlier than its insert is called.
 *
 * Normalised times: the distinct recorded times in order get ranks r; a call becomes 2r
 * and a return 2r + 1. "a returned before b was called" (the only real-time constraint)
 * is preserved, and ties between a call and a return (concurrent, in lockstep's reading)
 * become overlaps, so an op's linearization point can be taken strictly inside its interval.
 */
export interface ValueHistory {
  /** Number of values. */
  readonly m: number;
  /** Per value: insert call/return and remove call/return (normalised, simplified). */
  readonly insCall: Float64Array;
  readonly insRet: Float64Array;
  readonly remCall: Float64Array;
  readonly remRet: Float64Array;
  /** Per value: local index of its insert and of its remove (-1: added after the end). */
  readonly insOp: Int32Array;
  readonly remOp: Int32Array;
  /** Empty removes (output null): local index, normalised call and return. */
  readonly empties: readonly { readonly op: number; readonly call: number; readonly ret: number }[];
  /** Normalised time after every recorded time (calls of the removes added after the end). */
  readonly end: number;
}

/** A definite violation found while preparing (blamed op, reason). */
export interface PrepViolation { readonly op: number; readonly reason: string }

/**
 * Prepare `ops`; undefined when the history is outside the class (another operation, a
 * repeated or null inserted value, a remove with unknown outcome), a violation when one
 * is evident from a single value (removed twice, never inserted, removed before inserted).
 * A pending insert counts when its value was removed (it took effect; its return is
 * unbounded) and is dropped otherwise (it may never have taken effect, and if it did, the
 * value can sit after everything else).
 */
export function prepareValueHistory(ops: readonly Operation[], names: CollectionNames, label: string): ValueHistory | PrepViolation | undefined {
  const n = ops.length;
  const all = new Float64Array(2 * n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    if (op.f === names.insert) {
      if (valueKey(op.input) === null) return undefined;
    } else if (op.f === names.remove) {
      if (op.ret === undefined) return undefined;
    } else return undefined;
    all[t++] = op.call;
    if (op.ret !== undefined) all[t++] = op.ret;
  }
  // distinct times in order (a typed-array sort is numeric and allocation-free); rank by binary search
  const sorted = all.subarray(0, t).sort();
  let u = 0;
  for (let k = 0; k < t; k++) if (k === 0 || sorted[k] !== sorted[u - 1]) sorted[u++] = sorted[k]!;
  const rankOf = (x: number): number => {
    let lo = 0, hi = u - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid]! < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  const callOf = (op: Operation): number => 2 * rankOf(op.call);
  const retOf = (op: Operation): number => (op.ret === undefined ? Infinity : 2 * rankOf(op.ret) + 1);
  const end = 2 * u;

  const insertOf = new Map<ValueKey, number>();
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    if (op.f !== names.insert) continue;
    const v = valueKey(op.input);
    if (insertOf.has(v)) return undefined; // repeated values: not in the class
    insertOf.set(v, i);
  }
  const removeOf = new Map<ValueKey, number>();
  const empties: { op: number; call: number; ret: number }[] = [];
  let violation: PrepViolation | undefined;
  const blame = (i: number, reason: string): void => {
    if (violation === undefined || ops[i]!.call < ops[violation.op]!.call) violation = { op: i, reason };
  };
  const show = (v: ValueKey): string => JSON.stringify(v);
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    if (op.f !== names.remove) continue;
    const v = valueKey(op.output);
    if (v === null) { empties.push({ op: i, call: callOf(op), ret: retOf(op) }); continue; }
    const ins = insertOf.get(v);
    if (ins === undefined) { blame(i, `${names.remove} returned ${show(v)}, which no ${names.insert} put in the ${label}`); continue; }
    const prev = removeOf.get(v);
    if (prev !== undefined) {
      const [first, second] = ops[prev]!.call <= op.call ? [prev, i] : [i, prev];
      blame(second, `${names.remove} returned ${show(v)}, which op ${ops[first]!.id} had already removed (it was inserted once)`);
      continue;
    }
    removeOf.set(v, i);
    if (op.ret! < ops[ins]!.call) blame(i, `${names.remove} returned ${show(v)} before ${names.insert}(${show(v)}) (op ${ops[ins]!.id}) was called`);
  }
  if (violation !== undefined) return violation;

  const values: number[] = [];
  for (const [v, ins] of insertOf) if (ops[ins]!.ret !== undefined || removeOf.has(v)) values.push(ins);
  values.sort((a, b) => a - b);
  const m = values.length;
  const h = {
    m, end, empties,
    insCall: new Float64Array(m), insRet: new Float64Array(m), remCall: new Float64Array(m), remRet: new Float64Array(m),
    insOp: new Int32Array(m), remOp: new Int32Array(m),
  };
  values.forEach((ins, k) => {
    const rem = removeOf.get(valueKey(ops[ins]!.input));
    const ic = callOf(ops[ins]!), ir = retOf(ops[ins]!);
    const rc = rem === undefined ? end : callOf(ops[rem]!), rr = rem === undefined ? Infinity : retOf(ops[rem]!);
    h.insOp[k] = ins;
    h.remOp[k] = rem ?? -1;
    // non-trivial form: the insert is linearized before anything else of its value, the remove after
    h.insCall[k] = ic;
    h.insRet[k] = Math.min(ir, rr);
    h.remCall[k] = Math.max(rc, ic);
    h.remRet[k] = rr;
  });
  return h;
}
