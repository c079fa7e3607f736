/** Marks a reported zero so that it is never reported again. */
const DONE = 1 << 29;

/**
 * Segment tree over positions 0..size-1 holding counts, with range add and "report every
 * position that is zero now, once" (the position is then taken out). Each position is
 * reported at most once over the tree's life, so reporting costs O((k + 1) log size).
 */
export class CoverageTree {
  private readonly min: Int32Array;
  private readonly lazy: Int32Array;
  private readonly size: number;

  constructor(counts: ArrayLike<number>) {
    this.size = Math.max(1, counts.length);
    let cap = 1;
    while (cap < this.size) cap *= 2;
    this.min = new Int32Array(2 * cap);
    this.lazy = new Int32Array(2 * cap);
    this.build(1, 0, this.size - 1, counts);
  }

  private build(node: number, lo: number, hi: number, counts: ArrayLike<number>): void {
    if (lo === hi) { this.min[node] = lo < counts.length ? counts[lo]! : DONE; return; }
    const mid = (lo + hi) >> 1;
    this.build(2 * node, lo, mid, counts);
    this.build(2 * node + 1, mid + 1, hi, counts);
    this.min[node] = Math.min(this.min[2 * node]!, this.min[2 * node + 1]!);
  }

  private push(node: number): void {
    const d = this.lazy[node]!;
    if (d === 0) return;
    for (const c of [2 * node, 2 * node + 1]) { this.min[c]! += d; this.lazy[c]! += d; }
    this.lazy[node] = 0;
  }

  /** Add `delta` to positions l..r. */
  add(l: number, r: number, delta: number, node = 1, lo = 0, hi = this.size - 1): void {
    if (r < lo || hi < l) return;
    if (l <= lo && hi <= r) { this.min[node]! += delta; this.lazy[node]! += delta; return; }
    this.push(node);
    const mid = (lo + hi) >> 1;
    this.add(l, r, delta, 2 * node, lo, mid);
    this.add(l, r, delta, 2 * node + 1, mid + 1, hi);
    this.min[node] = Math.min(this.min[2 * node]!, this.min[2 * node + 1]!);
  }

  /** Append to `out` every position in l..r whose count is zero, and take them out. */
  takeZeros(l: number, r: number, out: number[], node = 1, lo = 0, hi = this.size - 1): void {
    if (r < lo || hi < l || this.min[node]! > 0) return;
    if (lo === hi) { out.push(lo); this.min[node]! += DONE; return; }
    this.push(node);
    const mid = (lo + hi) >> 1;
    this.takeZeros(l, r, out, 2 * node, lo, mid);
    this.takeZeros(l, r, out, 2 * node + 1, mid + 1, hi);
    this.min[node] = Math.min(this.min[2 * node]!, this.min[2 * node + 1]!);
  }
}
