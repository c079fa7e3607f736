/**
 * Ready-made workload constraints (workload-constraint.ts), each with a fix so the generator
 * produces valid workloads directly instead of discarding invalid ones.
 */
import type { JsonValue } from './json-value';
import type { Workload, WorkloadShape } from './target';
import type { WorkloadConstraint } from './workload-constraint';
import { defaultArg, rowsOf, workloadOf } from './workload-args';

type Row = [string, JsonValue][];

/** Inclusive bounds; a missing side is unbounded. */
export interface CountRange {
  readonly min?: number;
  readonly max?: number;
}

const range = (r: CountRange): string =>
  r.min === r.max ? `exactly ${r.min}` : r.max === undefined ? `at least ${r.min ?? 0}` : r.min === undefined ? `at most ${r.max}` : `${r.min}..${r.max}`;

/** `kind` with its deterministic default argument. */
const op = (shape: WorkloadShape, kind: string, salt: number): [string, JsonValue] => [kind, defaultArg(shape, kind, salt)];

/** Another kind than `kind` (the shape's first other one), or undefined when it has none. */
const otherKind = (shape: WorkloadShape, kind: string): string | undefined => shape.opKinds.find((k) => k !== kind);

/** Options of {@link threadsDoing}: how many threads, and whether they do only `kind`. */
export interface ThreadsDoing extends CountRange {
  /** A thread that performs `kind` performs nothing else (a role: the producer only produces). */
  readonly only?: boolean;
}

/**
 * The number of threads that perform `kind` at least once is within `count`, e.g.
 * `threadsDoing('put', { min: 1, max: 1, only: true })`: exactly one producer, which only
 * produces. Fix: the threads beyond the first `max` producers do the shape's first other kind
 * instead; missing producers are made by turning the first operation of the first threads
 * without `kind` into `kind`; with `only`, every operation of a producer becomes `kind`.
 */
export function threadsDoing(kind: string, count: ThreadsDoing, name = `threads doing ${kind}: ${range(count)}${count.only === true ? `, only ${kind}` : ''}`): WorkloadConstraint {
  const doing = (w: Workload): number[] => w.ops.flatMap((row, i) => (row.includes(kind) ? [i] : []));
  return {
    name,
    check(w) {
      const d = doing(w);
      if (count.min !== undefined && d.length < count.min) return `${d.length} thread(s) do ${kind}, at least ${count.min} must`;
      if (count.max !== undefined && d.length > count.max) return `threads ${d.join(', ')} do ${kind}, at most ${count.max} may`;
      if (count.only === true) {
        const mixed = d.find((i) => w.ops[i]!.some((k) => k !== kind));
        if (mixed !== undefined) return `thread ${mixed} does ${kind} and other operations`;
      }
      return undefined;
    },
    fix(w, shape) {
      const rows: Row[] = rowsOf(w);
      const d = doing(w);
      if (count.max !== undefined && d.length > count.max) {
        const other = otherKind(shape, kind);
        for (const i of d.slice(count.max)) {
          rows[i] = other === undefined ? rows[i]!.filter(([k]) => k !== kind) : rows[i]!.map((o, j) => (o[0] === kind ? op(shape, other, i * 64 + j) : o));
        }
      }
      let missing = (count.min ?? 0) - d.length;
      for (let i = 0; i < rows.length && missing > 0; i++) {
        if (rows[i]!.some(([k]) => k === kind)) continue;
        if (rows[i]!.length === 0) rows[i]!.push(op(shape, kind, i * 64));
        else rows[i]![0] = op(shape, kind, i * 64);
        missing--;
      }
      if (count.only === true) {
        rows.forEach((row, i) => {
          if (row.some(([k]) => k === kind)) rows[i] = row.map((o, j) => (o[0] === kind ? o : op(shape, kind, i * 64 + j)));
        });
      }
      return workloadOf(rows);
    },
  };
}

/**
 * The number of `kind` operations in the whole workload is within `count`, e.g.
 * `opsOfKind('init', { max: 1 })`. Fix: surplus ones (the last) become the shape's first
 * other kind; missing ones replace the first other operations.
 */
export function opsOfKind(kind: string, count: CountRange, name = `${kind} operations: ${range(count)}`): WorkloadConstraint {
  const total = (w: Workload): number => w.ops.reduce((n, row) => n + row.filter((k) => k === kind).length, 0);
  return {
    name,
    check(w) {
      const n = total(w);
      if (count.min !== undefined && n < count.min) return `${n} ${kind} operation(s), at least ${count.min} needed`;
      if (count.max !== undefined && n > count.max) return `${n} ${kind} operations, at most ${count.max} allowed`;
      return undefined;
    },
    fix(w, shape) {
      const rows: Row[] = rowsOf(w);
      let n = total(w);
      const other = otherKind(shape, kind);
      for (let i = rows.length - 1; i >= 0 && count.max !== undefined && n > count.max; i--) {
        for (let j = rows[i]!.length - 1; j >= 0 && n > count.max; j--) {
          if (rows[i]![j]![0] !== kind) continue;
          if (other === undefined) rows[i]!.splice(j, 1);
          else rows[i]![j] = op(shape, other, i * 64 + j);
          n--;
        }
      }
      for (let i = 0; i < rows.length && count.min !== undefined && n < count.min; i++) {
        for (let j = 0; j < rows[i]!.length && n < count.min; j++) {
          if (rows[i]![j]![0] === kind) continue;
          rows[i]![j] = op(shape, kind, i * 64 + j);
          n++;
        }
      }
      return workloadOf(rows);
    },
  };
}

/**
 * Every thread performs the same number of operations (e.g. the rounds of a barrier, where a
 * thread with an extra round would wait forever for parties that never come). Fix: shorter
 * threads are padded to the longest list by repeating their last operation (the shape's
 * first kind for an empty thread). The shrinker removes a round from every thread at once.
 */
export function sameOpCount(name = 'every thread performs the same number of operations'): WorkloadConstraint {
  return {
    name,
    check(w) {
      const lens = w.ops.map((r) => r.length);
      if (lens.every((n) => n === lens[0])) return undefined;
      return `operations per thread are ${lens.join(', ')}`;
    },
    fix(w, shape) {
      const rows: Row[] = rowsOf(w);
      const longest = Math.max(0, ...rows.map((r) => r.length));
      rows.forEach((row, i) => {
        while (row.length < longest) row.push(row.length > 0 ? row[row.length - 1]! : op(shape, shape.opKinds[0] ?? 'op', i * 64));
      });
      return workloadOf(rows);
    },
  };
}

/**
 * In each thread, every `kind` operation needs an earlier `prior` not yet used by another
 * `kind` (an unlock needs a lock it releases: `needsPrior('unlock', 'lock')`). Fix: an
 * unmatched `kind` becomes `prior`.
 */
export function needsPrior(kind: string, prior: string, name = `${kind} needs an earlier ${prior}`): WorkloadConstraint {
  const firstUnmatched = (row: readonly string[]): number => {
    let open = 0;
    for (let j = 0; j < row.length; j++) {
      if (row[j] === prior) open++;
      else if (row[j] === kind && open-- === 0) return j;
    }
    return -1;
  };
  return {
    name,
    check(w) {
      for (let i = 0; i < w.ops.length; i++) {
        const j = firstUnmatched(w.ops[i]!);
        if (j >= 0) return `thread ${i}'s operation ${j} (${kind}) has no earlier ${prior}`;
      }
      return undefined;
    },
    fix(w, shape) {
      const rows: Row[] = rowsOf(w);
      rows.forEach((row, i) => {
        for (let j = firstUnmatched(row.map(([k]) => k)); j >= 0; j = firstUnmatched(row.map(([k]) => k))) row[j] = op(shape, prior, i * 64 + j);
      });
      return workloadOf(rows);
    },
  };
}
