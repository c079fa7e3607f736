import type { Operation } from '../harness/history/operation';
import { Prng } from '../harness/strategy/prng';

/** Sequential semantics used to fill in outputs: returns the op's output after applying it. */
type Apply = (op: { f: string; input: unknown; applied: boolean }) => unknown;

/** Shape of a generated concurrent history. */
export interface GenOptions {
  readonly seed: number;
  /** Number of operations. */
  readonly ops: number;
  /** Concurrent processes (clients). */
  readonly processes: number;
  /** Largest interval half-width around the linearization point (time units; 0 = sequential-ish). */
  readonly slack: number;
  /** Mean gap between a process's operations. */
  readonly gap?: number;
  /** Fraction of unknown-outcome (info) operations among those `crashable` allows. */
  readonly infoRate?: number;
  /** Which operations may crash (default: every kind). */
  readonly crashable?: (f: string) => boolean;
  /** Probability that a crashed op took effect (default 0.5). */
  readonly crashedApplies?: number;
  /**
   * After a crash the client continues under a new process number, as Jepsen does (a
   * process does one op at a time, and a crashed one never returns); default false.
   */
  readonly renumberAfterCrash?: boolean;
}

/**
 * A history that is linearizable by construction: every process issues operations one at a
 * time, each gets a linearization point inside its interval, and the outputs come from the
 * sequential semantics applied in point order. A crashed op (ret undefined) takes effect or
 * not at random; either way the history stays linearizable. Deterministic in `seed`.
 */
export function generateHistory(o: GenOptions, pick: (rng: Prng, k: number) => { f: string; input: unknown }, apply: Apply): Operation[] {
  const rng = new Prng(o.seed);
  const gap = o.gap ?? 4;
  type Draft = { process: number; f: string; input: unknown; call: number; point: number; ret: number | undefined; applied: boolean };
  const drafts: Draft[] = [];
  const clock = new Array<number>(o.processes).fill(0);
  const name = Array.from({ length: o.processes }, (_, p) => p);
  let fresh = o.processes;
  for (let k = 0; k < o.ops; k++) {
    // the process that is free first goes next: ops of all processes interleave
    let p = 0;
    for (let q = 1; q < o.processes; q++) if (clock[q]! < clock[p]!) p = q;
    const call = clock[p]! + 1 + rng.nextInt(gap);
    const before = o.slack === 0 ? 0 : rng.nextInt(o.slack + 1);
    const after = o.slack === 0 ? 0 : rng.nextInt(o.slack + 1);
    const { f, input } = pick(rng, k);
    const crash = (o.crashable?.(f) ?? true) && rng.chance(o.infoRate ?? 0);
    const point = call + before;
    const ret = point + after;
    drafts.push({ process: name[p]!, f, input, call: 2 * call, point: 2 * point + 1, ret: crash ? undefined : 2 * ret + 2, applied: !crash || rng.chance(o.crashedApplies ?? 0.5) });
    clock[p] = ret + 1;
    if (crash && o.renumberAfterCrash === true) name[p] = fresh++;
  }
  const byPoint = drafts.map((_, i) => i).sort((a, b) => drafts[a]!.point - drafts[b]!.point || a - b);
  const outputs = new Array<unknown>(drafts.length);
  for (const i of byPoint) outputs[i] = apply(drafts[i]!);
  return drafts.map((d, id) => ({ id, process: d.process, f: d.f, input: d.input, output: d.ret === undefined ? undefined : outputs[id], call: d.call, ret: d.ret }));
}

/** A FIFO queue (or LIFO stack) of distinct values; dequeue/pop of an empty one returns null. */
export function collectionHistory(kind: 'queue' | 'stack', o: GenOptions, enqueueShare = 0.5): Operation[] {
  const items: number[] = [];
  let head = 0;
  const [put, take] = kind === 'queue' ? ['enqueue', 'dequeue'] : ['push', 'pop'];
  return generateHistory(o, (rng, k) => (rng.chance(enqueueShare) ? { f: put, input: k } : { f: take, input: null }), (op) => {
    if (op.f === put) { if (op.applied) items.push(op.input as number); return null; }
    if (!op.applied) return null;
    if (kind === 'queue') return head < items.length ? items[head++]! : null;
    return items.length > head ? items.pop()! : null;
  });
}

/** A cas-register history (read / write / cas over a few values). */
export function casRegisterHistory(o: GenOptions, values = 5): Operation[] {
  let v: number | null = null;
  return generateHistory(o, (rng) => {
    const c = rng.nextInt(3);
    if (c === 0) return { f: 'read', input: null };
    if (c === 1) return { f: 'write', input: rng.nextInt(values) };
    return { f: 'cas', input: [rng.nextInt(values), rng.nextInt(values)] };
  }, (op) => {
    if (!op.applied) return op.f === 'cas' ? false : op.f === 'read' ? v : null;
    if (op.f === 'read') return v;
    if (op.f === 'write') { v = op.input as number; return null; }
    const [from, to] = op.input as [number, number];
    if (v !== from) return false;
    v = to;
    return true;
  });
}

/**
 * The hard queue history of issue 10: about `ops` operations by `processes` clients where a
 * large share of the enqueues crash (unknown outcome), so that many enqueues are concurrent
 * with everything after them and the general search has a huge space of queue contents.
 */
export function hardQueueHistory(seed: number, ops = 1000, processes = 10, infoRate = 0.3): Operation[] {
  return collectionHistory('queue', { seed, ops, processes, slack: 6, infoRate, crashable: (f) => f === 'enqueue' });
}

/**
 * A cas-register history as a Jepsen etcd log (the format of Porcupine's test data, read by
 * both `lockstep check` and Porcupine's parser): events in time order, `:info ... :timed-out`
 * for a crashed op (at the end, when the process never returns), values 0..4.
 */
export function formatEtcdLog(ops: readonly Operation[]): string {
  type Ev = { t: number; kind: 0 | 1; op: Operation };
  const evs: Ev[] = [];
  let end = 0;
  for (const op of ops) {
    evs.push({ t: op.call, kind: 0, op });
    end = Math.max(end, op.ret ?? op.call);
  }
  for (const op of ops) evs.push({ t: op.ret ?? end + 1, kind: 1, op });
  evs.sort((a, b) => a.t - b.t || b.kind - a.kind || a.op.id - b.op.id);
  const show = (v: unknown): string => (v === null || v === undefined ? 'nil' : Array.isArray(v) ? `[${v.join(' ')}]` : String(v));
  return evs.map(({ kind, op }) => {
    const head = `INFO  jepsen.util - ${op.process}\t`;
    if (kind === 0) return `${head}:invoke\t:${op.f}\t${op.f === 'read' ? 'nil' : show(op.input)}`;
    if (op.ret === undefined) return `${head}:info\t:${op.f}\t:timed-out`;
    if (op.f === 'read') return `${head}:ok\t:read\t${show(op.output)}`;
    if (op.f === 'write') return `${head}:ok\t:write\t${show(op.input)}`;
    return `${head}${op.output === true ? ':ok' : ':fail'}\t:cas\t${show(op.input)}`;
  }).join('\n') + '\n';
}
