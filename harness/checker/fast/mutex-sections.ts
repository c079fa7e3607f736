import type { Operation } from '../../history/operation';
import type { FastResult } from './fast-result';
import { sortIndices } from './sort-indices';

/** What a mutex operation is to the algorithm (a try-acquire that returned true is an acquire). */
export type MutexOpKind = 'acquire' | 'release';

/** Name of this algorithm in `CheckResult.algorithm`. */
export const MUTEX_SECTIONS = 'mutex critical sections';
const ALGORITHM = MUTEX_SECTIONS;
const LINEARIZABLE: FastResult = Object.freeze({ verdict: 'linearizable', algorithm: ALGORITHM });


/**
 * Linearizability of a mutex history in O(n log n), no search, when the pairing of each
 * process's acquires and releases is forced: its acquires are ordered in real time among
 * themselves, and so are its releases (overlaps between a release and the next acquire,
 * as a release whose store is still buffered under TSO makes, are fine).
 *
 * Why it is exact. A legal order gives each process the sequence acquire, release,
 * acquire, ... and since its acquires (and releases) are totally ordered in real time, its
 * k-th acquire pairs with its k-th release: a critical section. Within a process the order
 * A0 R0 A1 R1 ... must respect real time; where it cannot (a release that returned before
 * its acquire was called, an acquire that returned before the previous release was called,
 * more releases than acquires), that operation's placement is impossible by the spec's own
 * rule and it is blamed (issue 13: the fault of a double unlock is the release, not another
 * process's acquire). Across processes: between the return of a section's acquire (`from`)
 * and the call of its release (`to`) the mutex is held by that process in every
 * linearization. Conversely, ordering the sections by `from` and placing each acquire at
 * max(its call, the previous release's point) and each release at its call is a valid
 * linearization whenever each `to` is at most the next `from`. So the history is
 * linearizable iff the intervals [from, to] do not overlap (touching is fine: equal times
 * count as concurrent).
 *
 * A pending acquire called after every other op of its process returned is left out (it may never have taken
 * the mutex; taking it could only block others); a pending last release ends its section
 * at its call when the process holds the mutex, and is left out otherwise.
 *
 * Returns undefined (the general search decides) when an operation is something else (a
 * failed try-acquire), when a pending op is not its process's last, when a section's
 * acquire returned after its release was called, or when a violation involves a process
 * whose pairing is not forced.
 */
export function checkMutexSections(ops: readonly Operation[], kindOf: (op: Operation) => MutexOpKind | undefined, wantOrder = true): FastResult | undefined {
  const n = ops.length;
  // plain arrays throughout: small typed arrays live off the V8 heap (a malloc and a
  // finaliser each), which made this function dominate the explorer's garbage collection
  const kinds = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const k = kindOf(ops[i]!);
    if (k === undefined) return undefined;
    kinds[i] = k === 'acquire' ? 0 : 1;
  }
  const byProcess = groupByProcess(ops);
  // sections as parallel arrays (no object per section: this runs once per explored execution)
  const secAcq: number[] = [], secRel: number[] = [];
  const secFrom: number[] = [], secTo: number[] = [];
  let count = 0;
  // per process, its acquires and releases in call order (reused buffers)
  const acq: number[] = [], rel: number[] = [];
  // processes whose pairing is not forced (their ops' order among one kind is not total)
  const loose: number[] = [];
  let blame = -1;
  let blameReason = '';
  // a section whose acquire returned after its release was called: the intervals below do not apply
  let unpaired = false;
  for (let k = 0; k < n;) {
    const p = ops[byProcess[k]!]!.process;
    const start = k;
    let na = 0, nr = 0;
    let pending = -1;
    let lastRet = -Infinity;
    for (; k < n && ops[byProcess[k]!]!.process === p; k++) {
      const i = byProcess[k]!;
      if (pending >= 0) return undefined;
      const r = ops[i]!.ret;
      if (r === undefined) { pending = i; continue; }
      if (r > lastRet) lastRet = r;
      if (kinds[i] === 0) acq[na++] = i; else rel[nr++] = i;
    }
    // a pending op is left out or closes the last section only when it is surely the process's last
    if (pending >= 0 && !(lastRet < ops[pending]!.call)) return undefined;
    // a pending release counts when it has an acquire to close; a pending acquire never does
    if (pending >= 0 && kinds[pending] === 1 && nr < na) rel[nr++] = pending;
    let forced = true;
    for (let j = 0; j + 1 < na; j++) if (!(ops[acq[j]!]!.ret! < ops[acq[j + 1]!]!.call)) forced = false;
    for (let j = 0; j + 1 < nr; j++) if (!((ops[rel[j]!]!.ret ?? Infinity) < ops[rel[j + 1]!]!.call)) forced = false;
    if (!forced) loose.push(p);
    // a fault is certain when the forced pairing A0 R0 A1 R1 ... cannot respect real time
    let certain = nr > na || na > nr + 1;
    for (let j = 0; j < Math.min(na, nr) && !certain; j++) {
      const r = ops[rel[j]!]!;
      certain = (r.ret !== undefined && r.ret < ops[acq[j]!]!.call) || (j + 1 < na && ops[acq[j + 1]!]!.ret! < r.call);
    }
    if (certain) {
      // blame the op where the process's own call order first breaks the rule
      const b = firstBreak(ops, kinds, byProcess, start, k)
        ?? { op: nr > na ? rel[na]! : acq[Math.min(nr + 1, na - 1)]!, reason: `process ${p} cannot alternate acquire and release (${na} acquires, ${nr} releases)` };
      // the earliest called fault is blamed
      if (blame < 0 || ops[b.op]!.call < ops[blame]!.call) { blame = b.op; blameReason = b.reason; }
      continue;
    }
    for (let j = 0; j < Math.min(na, nr); j++) {
      const a = ops[acq[j]!]!, r = ops[rel[j]!]!;
      if (a.ret! > r.call) unpaired = true;
      secAcq[count] = acq[j]!; secRel[count] = rel[j]!; secFrom[count] = a.ret!; secTo[count] = r.call; count++;
    }
    if (na === nr + 1) { secAcq[count] = acq[nr]!; secRel[count] = -1; secFrom[count] = ops[acq[nr]!]!.ret!; secTo[count] = Infinity; count++; }
  }
  if (blame < 0 && unpaired) return undefined;
  const sorted = sortSections(count, secFrom, secTo, secAcq);
  if (blame < 0 && !wantOrder) {
    // the explorer's question, yes or no: no prefix, no order, no message to build
    let ok = true;
    for (let s = 0; s + 1 < count && ok; s++) ok = secTo[sorted[s]!]! <= secFrom[sorted[s + 1]!]!;
    if (ok) return LINEARIZABLE;
  }
  if (blame >= 0) {
    if (loose.includes(ops[blame]!.process)) return undefined;
    // a prefix of whole sections that ended before the faulty op was called
    const at = ops[blame]!.call;
    let s = 0;
    while (s < count && secTo[sorted[s]!]! <= at && (s === 0 || secTo[sorted[s - 1]!]! <= secFrom[sorted[s]!]!)) s++;
    return { verdict: 'not-linearizable', algorithm: ALGORITHM, stuck: [blame], reason: blameReason, prefix: orderOf(sorted, s, secAcq, secRel) };
  }
  for (let s = 0; s + 1 < count; s++) {
    const held = sorted[s]!, next = sorted[s + 1]!;
    if (secTo[held]! <= secFrom[next]!) continue;
    const who = ops[secAcq[held]!]!.process, other = ops[secAcq[next]!]!.process;
    if (loose.includes(who) || loose.includes(other)) return undefined;
    const until = secRel[held]! < 0 ? 'never released' : `released by op ${ops[secRel[held]!]!.id}, called only at ${secTo[held]}`;
    return {
      verdict: 'not-linearizable', algorithm: ALGORITHM, stuck: [secAcq[next]!], prefix: orderOf(sorted, s + 1, secAcq, secRel),
      reason: `process ${other} acquired the mutex (op ${ops[secAcq[next]!]!.id}, returned at ${secFrom[next]}) while process ${who} held it ` +
        `(acquired by op ${ops[secAcq[held]!]!.id}, returned at ${secFrom[held]}; ${until})`,
    };
  }
  return wantOrder ? { verdict: 'linearizable', algorithm: ALGORITHM, order: orderOf(sorted, count, secAcq, secRel) } : LINEARIZABLE;
}

/** The ops of the first `upTo` sections in `sorted` order, acquire then release. */
function orderOf(sorted: readonly number[], upTo: number, secAcq: readonly number[], secRel: readonly number[]): Int32Array {
  const out: number[] = [];
  for (let s = 0; s < upTo; s++) {
    out.push(secAcq[sorted[s]!]!);
    if (secRel[sorted[s]!]! >= 0) out.push(secRel[sorted[s]!]!);
  }
  return Int32Array.from(out);
}

/**
 * Section indices ordered by (from, to, acquire op). The explorer's histories have a few
 * sections: an insertion sort without a comparator closure (this runs once per explored
 * execution; the closure and its context were a measurable share of it).
 */
function sortSections(count: number, from: readonly number[], to: readonly number[], acq: readonly number[]): number[] {
  if (count >= 24) {
    return sortIndices(count, (a, b) => from[a]! < from[b]! || (from[a] === from[b] && (to[a]! < to[b]! || (to[a] === to[b] && acq[a]! < acq[b]!))));
  }
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    let j = i;
    for (; j > 0; j--) {
      const o = out[j - 1]!;
      if (!(from[i]! < from[o]! || (from[i] === from[o] && (to[i]! < to[o]! || (to[i] === to[o] && acq[i]! < acq[o]!))))) break;
      out[j] = o;
    }
    out[j] = i;
  }
  return out;
}

/**
 * Op indices ordered by (process, call, index). Recorded histories usually come in call
 * order with small process numbers: then a counting sort by process keeps call order
 * within each process in O(n); otherwise a comparison sort.
 */
function groupByProcess(ops: readonly Operation[]): number[] {
  const n = ops.length;
  let inCallOrder = true, maxP = -1;
  for (let i = 0; i < n; i++) {
    const p = ops[i]!.process;
    if (!(p >= 0 && p < 4 * n + 16 && (p | 0) === p)) { maxP = Infinity; break; }
    if (p > maxP) maxP = p;
    if (i > 0 && ops[i]!.call < ops[i - 1]!.call) inCallOrder = false;
  }
  if (!inCallOrder || maxP === Infinity) {
    return sortIndices(n, (a, b) => {
      const oa = ops[a]!, ob = ops[b]!;
      return oa.process < ob.process || (oa.process === ob.process && (oa.call < ob.call || (oa.call === ob.call && a < b)));
    });
  }
  const start = new Array<number>(maxP + 2).fill(0);
  for (let i = 0; i < n; i++) start[ops[i]!.process + 1]!++;
  for (let p = 1; p <= maxP + 1; p++) start[p]! += start[p - 1]!;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[start[ops[i]!.process]!++] = i;
  return out;
}

/**
 * Walk one process's completed ops (byProcess[from..to), in call order) and return the
 * first that breaks acquire/release alternation, with the spec's rule it breaks.
 */
function firstBreak(ops: readonly Operation[], kinds: readonly number[], byProcess: readonly number[], from: number, to: number): { op: number; reason: string } | undefined {
  let held = -1, lastRelease = -1;
  for (let k = from; k < to; k++) {
    const i = byProcess[k]!;
    const op = ops[i]!;
    if (op.ret === undefined) continue;
    if (kinds[i] === 0) {
      if (held >= 0) return { op: i, reason: `process ${op.process} acquired the mutex while holding it already (acquired by op ${ops[held]!.id}, not released since)` };
      held = i;
    } else {
      if (held < 0) {
        return {
          op: i, reason: lastRelease >= 0
            ? `process ${op.process} released the mutex without holding it (its previous release, op ${ops[lastRelease]!.id}, had freed it already)`
            : `process ${op.process} released the mutex without ever acquiring it`,
        };
      }
      held = -1;
      lastRelease = i;
    }
  }
  return undefined;
}
