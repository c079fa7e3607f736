/**
 * Ranges of positions, told once when some position inside them is first reported: each
 * range sits in the O(log size) canonical nodes of a segment tree; reporting position p
 * walks from p's leaf to the root and empties the lists on the way. Every (range, node)
 * pair is visited once, so all reports together cost O((n + p) log size).
 */
export class RangeNotifier {
  private readonly lists: (number[] | undefined)[];
  private readonly cap: number;

  constructor(size: number) {
    let cap = 1;
    while (cap < Math.max(1, size)) cap *= 2;
    this.cap = cap;
    this.lists = new Array<number[] | undefined>(2 * cap);
  }

  /** Register range `id` covering positions l..r. */
  add(id: number, l: number, r: number): void {
    let lo = l + this.cap, hi = r + this.cap + 1;
    while (lo < hi) {
      if (lo & 1) (this.lists[lo] ??= []).push(id), lo++;
      if (hi & 1) --hi, (this.lists[hi] ??= []).push(id);
      lo >>= 1; hi >>= 1;
    }
  }

  /** Call `hit` for every range not told yet that contains position `p`. */
  report(p: number, hit: (id: number) => void): void {
    for (let node = p + this.cap; node >= 1; node >>= 1) {
      const list = this.lists[node];
      if (list === undefined) continue;
      this.lists[node] = undefined;
      for (const id of list) hit(id);
    }
  }
}
