/**
 * Operation arguments of a workload (DECISIONS.md item 4): `Workload.args` parallel to
 * `Workload.ops`. The helpers here keep the two arrays in step whatever edits a driver makes
 * (drop a thread, drop an operation, change a kind), check untrusted ones, and print them.
 */
import fc from 'fast-check';
import { jsonProblem, type JsonValue } from './json-value';
import type { Workload, WorkloadShape } from './target';

/** The argument of operation j of thread i (`null` when the workload has none). */
export function opArg(w: Workload, i: number, j: number): JsonValue {
  return w.args?.[i]?.[j] ?? null;
}

/** Why `w.args` does not fit `w.ops` (shape, JSON values); undefined when it fits or is absent. */
export function argsProblem(w: { readonly ops: readonly (readonly string[])[]; readonly args?: unknown }): string | undefined {
  if (w.args === undefined) return undefined;
  if (!Array.isArray(w.args) || w.args.length !== w.ops.length) return `args must hold one list per thread (${w.ops.length})`;
  for (let i = 0; i < w.ops.length; i++) {
    const row = w.args[i] as unknown;
    if (!Array.isArray(row) || row.length !== w.ops[i]!.length) return `args[${i}] must hold one argument per operation of thread ${i} (${w.ops[i]!.length})`;
    for (let j = 0; j < row.length; j++) {
      const p = jsonProblem(row[j]);
      if (p !== undefined) return `args[${i}][${j}]: ${p}`;
    }
  }
  return undefined;
}

/** `w` with `args` left out when every argument is null (so argument-free workloads look as before). */
export function normalizeArgs(w: Workload): Workload {
  if (w.args === undefined) return w;
  const any = w.args.some((row) => row.some((a) => a !== null));
  return any ? { ops: w.ops, args: w.args } : { ops: w.ops };
}

/** Build a workload from rows of (kind, argument) pairs. */
export function workloadOf(rows: readonly (readonly (readonly [string, JsonValue])[])[]): Workload {
  return normalizeArgs({ ops: rows.map((r) => r.map(([k]) => k)), args: rows.map((r) => r.map(([, a]) => a)) });
}

/** Rows of (kind, argument) pairs of `w`. */
export function rowsOf(w: Workload): [string, JsonValue][][] {
  return w.ops.map((row, i) => row.map((k, j): [string, JsonValue] => [k, opArg(w, i, j)]));
}

/** `w` without thread `t`. */
export function withoutThread(w: Workload, t: number): Workload {
  return workloadOf(rowsOf(w).filter((_, i) => i !== t));
}

/** `w` without operation `j` of thread `t`. */
export function withoutOp(w: Workload, t: number, j: number): Workload {
  return workloadOf(rowsOf(w).map((row, i) => (i === t ? row.filter((_, k) => k !== j) : row)));
}

/** `w` with operation `j` of thread `t` replaced by `kind(arg)`. */
export function withOp(w: Workload, t: number, j: number, kind: string, arg: JsonValue): Workload {
  return workloadOf(rowsOf(w).map((row, i) => (i === t ? row.map((op, k): [string, JsonValue] => (k === j ? [kind, arg] : op)) : row)));
}

/**
 * A deterministic argument for `kind` (null when the shape gives it none): fast-check's first
 * sample from a seed derived from `salt`, for workloads built without a generator (lockstep
 * run's default workload, the exhaustive arm's small workloads, shrinking a kind to a simpler one).
 */
export function defaultArg(shape: WorkloadShape, kind: string, salt: number): JsonValue {
  const arb = shape.opArgs?.[kind];
  if (arb === undefined) return null;
  return fc.sample(arb, { seed: 0x5eed + salt, numRuns: 1 })[0]!;
}

/** `ops` with deterministic default arguments from `shape` (none when the shape has no opArgs). */
export function withDefaultArgs(shape: WorkloadShape, ops: readonly (readonly string[])[]): Workload {
  if (shape.opArgs === undefined) return { ops };
  return normalizeArgs({ ops, args: ops.map((row, i) => row.map((k, j) => defaultArg(shape, k, i * 64 + j))) });
}

/** `acquire`, or `acquire(["a","b"])` when the operation has an argument. */
export function formatOp(kind: string, arg: JsonValue | undefined): string {
  return arg === null || arg === undefined ? kind : `${kind}(${JSON.stringify(arg)})`;
}

/** One thread per `|`: `lock lock | trylock(5)`. */
export function formatWorkload(w: Workload): string {
  return w.ops.map((row, i) => row.map((k, j) => formatOp(k, opArg(w, i, j))).join(' ')).join(' | ');
}

/** A deep copy of `w` (rows copied; arguments are immutable JSON values and shared). */
export function copyWorkload(w: Workload): Workload {
  const ops = w.ops.map((r) => [...r]);
  return w.args === undefined ? { ops } : { ops, args: w.args.map((r) => [...r]) };
}
