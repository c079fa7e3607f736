import type { Operation } from '../history/operation';
import type { SequentialSpec } from './spec';
import { valueKey } from './specs/value-key';

/**
 * Symmetry among operations of unknown outcome: two of them that are the same operation
 * (same f, input and key, and the same process unless the spec ignores processes) are
 * interchangeable, so a search need only linearize them in call order. Swapping them in
 * any linearization keeps it valid: neither has a return to respect, and the earlier-called
 * one may take any place the later one had. Returns, per op, the previous op of its group
 * in call order (none when the op is the first of its group or has a known return). Jepsen histories repeat
 * crashed writes and cas of a few values many times (issue 12: etcd histories).
 * "None" is `ops.length`, a sentinel the search keeps marked as linearized, so its hot loop
 * reads the predecessor's flag without a branch (a branch never taken before V8 optimises
 * the loop costs a deoptimisation when it first is).
 */
export function unknownOutcomePredecessors<S>(spec: SequentialSpec<S>, ops: readonly Operation[]): Int32Array {
  const prev = new Int32Array(ops.length).fill(ops.length);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.ret !== undefined) continue;
    const who = spec.ignoresProcess === true ? '' : String(op.process);
    const id = `${op.f}\u0000${String(valueKey(op.input))}\u0000${op.key ?? ''}\u0000${who}`;
    let g = groups.get(id);
    if (g === undefined) groups.set(id, (g = []));
    g.push(i);
  }
  for (const g of groups.values()) {
    g.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b);
    for (let k = 1; k < g.length; k++) prev[g[k]!] = g[k - 1]!;
  }
  return prev;
}
