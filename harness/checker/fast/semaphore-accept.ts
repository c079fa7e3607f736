import type { Operation } from '../../history/operation';

/** Histories longer than this are left to the full check (the pass below is quadratic). */
const MAX_OPS = 64;

/**
 * What {@link acceptSemaphoreHistory} needs to know of an operation: +w for an acquire (or
 * a try-acquire that returned true) of weight w, -w for a release (pending or not), 0 for a
 * pending acquire or try-acquire (left out), NaN for anything it does not decide (a failed
 * try-acquire, a bad weight, another name).
 */
export type SemaphoreDelta = (op: Operation) => number;

/**
 * A certain "linearizable" for a counting-semaphore history without search or allocation
 * (the explorer checks one history per execution). False = no opinion: the full check
 * decides, so the verdict is never a different one.
 *
 * Accepted only when every op is well-formed input (ids 0..n-1 distinct, finite call,
 * ret >= call, one partition key, an op the spec validates), and the greedy order is legal
 * (a pending acquire left out, as the spec allows for an unknown outcome; a pending release
 * at its call): every release at its call, every acquire at its return, releases
 * first at equal times. Then the permits never go negative, i.e. for every acquire A,
 * permits + (weights released with call <= A.ret) - (weights acquired with ret <= A.ret) >= 0.
 *
 * Why that is linearizable: the points lie within the intervals and the sequence follows
 * them, so it respects real time (Herlihy & Wing 1990); the spec's only rule is that an
 * acquire finds enough permits (any process may release, the count is not capped).
 */
export function acceptSemaphoreHistory(ops: readonly Operation[], permits: number, deltaOf: SemaphoreDelta): boolean {
  const n = ops.length;
  if (n === 0 || n > MAX_OPS) return false;
  const key = ops[0]!.key;
  // ids: a bit per id in two ints; the deltas once (one small plain array, young generation)
  let lo = 0, hi = 0;
  const delta = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    const id = op.id;
    if (!(id >= 0 && id < n) || (id | 0) !== id) return false;
    if (id < 32) { if ((lo & (1 << id)) !== 0) return false; lo |= 1 << id; } else { if ((hi & (1 << (id - 32))) !== 0) return false; hi |= 1 << (id - 32); }
    const call = op.call, ret = op.ret;
    if (call - call !== 0 || (ret !== undefined && !(ret >= call)) || op.key !== key) return false;
    const d = deltaOf(op);
    if (d !== d) return false;
    delta[i] = d;
  }
  for (let i = 0; i < n; i++) {
    if (delta[i]! <= 0) continue;
    const t = ops[i]!.ret!;
    let avail = permits;
    for (let j = 0; j < n; j++) {
      const o = ops[j]!, d = delta[j]!;
      if (d < 0 ? o.call <= t : d > 0 && o.ret! <= t) avail -= d;
    }
    if (avail < 0) return false;
  }
  return true;
}
