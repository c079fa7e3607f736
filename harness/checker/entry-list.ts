import type { Operation } from '../history/operation';

/**
 * The history as a doubly linked list of call and return entries in time order, as in
 * Porcupine's design: node `i` is the call of op `i`, node `n + i` its return, `2n` the
 * head and `2n + 1` the tail sentinel. Linearizing an op unlinks both of its nodes in O(1)
 * ("lift"); backtracking relinks them ("unlift", dancing links). Ops with an unknown
 * outcome (`ret` undefined) have no return node: nothing forces them to be linearized.
 *
 * Ties: a call and a return at the same time are ordered call first, i.e. the two
 * operations count as concurrent (the permissive reading, never a false alarm).
 */
export class EntryList {
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly head: number;
  readonly tail: number;
  /** Position of every node in time order (for the explanation); -1 = no such node. */
  readonly position: Int32Array;
  /** Number of ops with a known return. */
  readonly returns: number;

  constructor(readonly n: number, ops: readonly Operation[]) {
    const nodes: number[] = [];
    let returns = 0;
    for (let i = 0; i < n; i++) {
      nodes.push(i);
      if (ops[i]!.ret !== undefined) { nodes.push(n + i); returns++; }
    }
    const timeOf = (node: number): number => (node < n ? ops[node]!.call : ops[node - n]!.ret!);
    nodes.sort((a, b) => {
      const ta = timeOf(a), tb = timeOf(b);
      if (ta !== tb) return ta - tb;
      const ka = a < n ? 0 : 1, kb = b < n ? 0 : 1;
      if (ka !== kb) return ka - kb;
      return a - b;
    });
    this.returns = returns;
    this.head = 2 * n;
    this.tail = 2 * n + 1;
    this.next = new Int32Array(2 * n + 2).fill(-1);
    this.prev = new Int32Array(2 * n + 2).fill(-1);
    this.position = new Int32Array(2 * n + 2).fill(-1);
    let last = this.head;
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      this.position[node] = k;
      this.next[last] = node;
      this.prev[node] = last;
      last = node;
    }
    this.next[last] = this.tail;
    this.prev[this.tail] = last;
  }

  /** Unlink op `i` (its call and, if any, its return). */
  lift(i: number): void {
    const next = this.next, prev = this.prev;
    let p = prev[i]!, q = next[i]!;
    next[p] = q; prev[q] = p;
    const r = this.n + i;
    if (prev[r] !== -1) {
      p = prev[r]!; q = next[r]!;
      next[p] = q; prev[q] = p;
    }
  }

  /** Relink op `i`; must undo the latest `lift` still in force (stack order). */
  unlift(i: number): void {
    const next = this.next, prev = this.prev;
    const r = this.n + i;
    if (prev[r] !== -1) {
      next[prev[r]!] = r; prev[next[r]!] = r;
    }
    next[prev[i]!] = i; prev[next[i]!] = i;
  }
}
