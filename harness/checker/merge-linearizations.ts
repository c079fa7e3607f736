import type { Operation } from '../history/operation';

/** One partition's linearization: its ops (local indices in `order`) and the states after each. */
export interface PartitionOrder<S> {
  readonly ops: readonly Operation[];
  readonly origin: ArrayLike<number>;
  readonly order: Int32Array;
  readonly states: readonly S[];
}

/** A merged entry: the original op id and the spec state after it (in its partition). */
export interface MergedStep<S> {
  readonly id: number;
  readonly state: S;
}

/**
 * Merge per-partition linearizations into one linearization of the whole history
 * (locality, Herlihy & Wing 1990). Within a partition, op k gets the point
 * p_k = max(call_k, p_{k-1}); it lies in [call_k, ret_k] because a valid linearization never
 * puts an op after one that was called after it returned. Sorting all ops by point (ties:
 * partition, then position) keeps each partition's order and real time: a.ret < b.call
 * implies p_a <= a.ret < b.call <= p_b. Expanded ops keep their last part.
 */
export function mergeLinearizations<S>(parts: readonly PartitionOrder<S>[]): MergedStep<S>[] {
  const all: { point: number; part: number; pos: number; id: number; state: S }[] = [];
  parts.forEach((p, k) => {
    let point = -Infinity;
    for (let pos = 0; pos < p.order.length; pos++) {
      const local = p.order[pos]!;
      point = Math.max(point, p.ops[local]!.call);
      all.push({ point, part: k, pos, id: p.origin[local]!, state: p.states[pos]! });
    }
  });
  all.sort((a, b) => a.point - b.point || a.part - b.part || a.pos - b.pos);
  const last = new Map<number, number>();
  all.forEach((e, i) => last.set(e.id, i));
  return all.filter((e, i) => last.get(e.id) === i).map((e) => ({ id: e.id, state: e.state }));
}
