import type { Operation } from '../../history/operation';
import type { FastResult } from './fast-result';

/** Name of this algorithm in `CheckResult.algorithm`. */
export const APPEND_ALGORITHM = 'append-only key with distinct appends (order read off the values)';

/** Value of a kv get/append as the kv spec reads it (null / undefined = ""). */
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/**
 * Polynomial-time check of one key of a kv history that only appends (no put) distinct,
 * non-empty texts, e.g. Porcupine's and Jepsen's append workloads. Without puts the value
 * only grows, so every get returns a prefix of the longest value read; when each position
 * of that value starts exactly one appended text, its decomposition is forced and fixes
 * the order of the appends that were seen, and each get's value fixes its place between
 * two of them. What is left is a chain of groups: the gets of "", then per seen append the
 * append and the gets of the value it completes, then the appends nobody read (their order
 * is free; those of unknown outcome are left out, as the search may). A linearization
 * exists iff no operation of a later group returned before one of an earlier group was
 * called (within a group any real-time order is fine): O(n log n + |value|·lengths). This
 * is the reasoning of the search, which needs ~740 k steps on kv c50-ok; histories outside
 * the class (a put, repeated texts, an ambiguous decomposition) return undefined and are
 * searched. Ops are one partition (one key).
 */
export function appendFastCheck(ops: readonly Operation[], wantOrder: boolean): FastResult | undefined {
  const byText = new Map<string, number>();
  const lengths = new Set<number>();
  const gets: number[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (o.f === 'get') {
      if (o.ret !== undefined) gets.push(i); // a get of unknown outcome accepts any value: no constraint
    } else if (o.f === 'append') {
      const t = str(o.input);
      if (t === '') {
        if (o.ret === undefined) continue; // a no-op that may be left out
        return undefined; // a no-op the linearization would still have to place: rare, searched
      }
      if (byText.has(t)) return undefined;
      byText.set(t, i);
      lengths.add(t.length);
    } else return undefined; // put (or anything else): the value does not only grow
  }
  const fail = (op: number, reason: string): FastResult => ({ verdict: 'not-linearizable', algorithm: APPEND_ALGORITHM, stuck: [op], reason, vague: true });
  // the longest value read; every other one must be a prefix of it
  let longest = -1;
  let top = '';
  for (const g of gets) {
    const v = str(ops[g]!.output);
    if (v.length > top.length) { top = v; longest = g; }
  }
  for (const g of gets) {
    const v = str(ops[g]!.output);
    if (!top.startsWith(v)) {
      return fail(g, `get returned ${JSON.stringify(v)}, but op ${ops[longest]!.id} read ${JSON.stringify(top)}: appends alone cannot produce both`);
    }
  }
  // the forced decomposition of `top`: boundary k ends at ends[k]
  const lens = [...lengths].sort((a, b) => a - b);
  const seen: number[] = [];
  const ends: number[] = [0];
  const used = new Uint8Array(ops.length);
  for (let p = 0; p < top.length;) {
    let found = -1;
    for (const len of lens) {
      if (p + len > top.length) break;
      const i = byText.get(top.slice(p, p + len));
      if (i === undefined) continue;
      if (found >= 0) return undefined; // two texts fit here: the decomposition is not forced
      found = i;
    }
    if (found < 0 || used[found] === 1) {
      return fail(longest, `get returned ${JSON.stringify(top)}, which is not a concatenation of distinct appended texts (from character ${p})`);
    }
    used[found] = 1;
    seen.push(found);
    p += str(ops[found]!.input).length;
    ends.push(p);
  }
  // groups: 2k = the gets after the k-th seen append (k = 0: before any), 2k - 1 = that append,
  // 2·seen.length + 1 = the appends of known outcome nobody read
  const groupOf = new Int32Array(ops.length).fill(-1);
  const endIndex = new Map<number, number>();
  for (let k = 0; k < ends.length; k++) endIndex.set(ends[k]!, k);
  for (let k = 0; k < seen.length; k++) groupOf[seen[k]!] = 2 * k + 1;
  for (const g of gets) {
    const k = endIndex.get(str(ops[g]!.output).length);
    if (k === undefined) return fail(g, `get returned ${JSON.stringify(str(ops[g]!.output))}, which ends inside an appended text`);
    groupOf[g] = 2 * k;
  }
  const last = 2 * seen.length + 1;
  for (const [, i] of byText) if (used[i] === 0 && ops[i]!.ret !== undefined) groupOf[i] = last;
  const members: number[][] = Array.from({ length: last + 1 }, () => []);
  for (let i = 0; i < ops.length; i++) if (groupOf[i]! >= 0) members[groupOf[i]!]!.push(i);
  // a later group's op must not have returned before an earlier group's op was called
  let maxCall = -Infinity, maxCallOp = -1;
  for (let g = 0; g <= last; g++) {
    const ms = members[g]!;
    for (const i of ms) {
      const r = ops[i]!.ret;
      if (r !== undefined && r < maxCall) {
        return fail(i, `op ${ops[i]!.id} returned before op ${ops[maxCallOp]!.id} was called, yet the values read put it after that one`);
      }
    }
    for (const i of ms) if (ops[i]!.call > maxCall) { maxCall = ops[i]!.call; maxCallOp = i; }
  }
  if (!wantOrder) return { verdict: 'linearizable', algorithm: APPEND_ALGORITHM };
  // within a group, call order extends real time (a.ret < b.call implies a.call < b.call)
  const order: number[] = [];
  for (const ms of members) order.push(...ms.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b));
  return { verdict: 'linearizable', algorithm: APPEND_ALGORITHM, order: Int32Array.from(order) };
}
