import fc from 'fast-check';
import type { Operation } from '../../history/operation';

/** One op of a sequential run before intervals are assigned. */
export interface SeqOp {
  readonly process: number;
  readonly f: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly key?: string;
}

/** Turns a small integer "intent" into the next legal op of a sequential run, and applies it. */
type Executor = (intent: number, process: number) => SeqOp;

/** Specs with a sequential executor, for property tests. */
export const EXECUTABLE_SPECS = ['register', 'cas-register', 'mutex', 'semaphore:2', 'rwlock', 'queue', 'kv'] as const;
export type ExecutableSpec = (typeof EXECUTABLE_SPECS)[number];

/** A fresh executor: a real sequential implementation of the spec, in plain code. */
export function executor(spec: ExecutableSpec): Executor {
  switch (spec) {
    case 'register': {
      let v: number | null = null;
      return (c, p) => (c % 2 === 0 ? { process: p, f: 'read', input: null, output: v } : (v = (c >> 1) % 3, { process: p, f: 'write', input: v, output: null }));
    }
    case 'cas-register': {
      let v: number | null = null;
      return (c, p) => {
        if (c % 3 === 0) return { process: p, f: 'read', input: null, output: v };
        if (c % 3 === 1) { v = (c >> 2) % 3; return { process: p, f: 'write', input: v, output: null }; }
        const from = (c >> 2) % 3, to = (c >> 4) % 3;
        const ok = v === from;
        if (ok) v = to;
        return { process: p, f: 'cas', input: [from, to], output: ok };
      };
    }
    case 'mutex': {
      let owner: number | null = null;
      return (c, p) => {
        if (owner === null) {
          owner = p;
          return { process: p, f: c % 2 === 0 ? 'acquire' : 'try-acquire', input: null, output: c % 2 === 0 ? null : true };
        }
        if (c % 2 === 0 || owner === p) { const q = owner; owner = null; return { process: q, f: 'release', input: null, output: null }; }
        return { process: p, f: 'try-acquire', input: null, output: false };
      };
    }
    case 'semaphore:2': {
      let avail = 2;
      return (c, p) => {
        if (c % 3 === 0 && avail > 0) { avail--; return { process: p, f: 'acquire', input: null, output: null }; }
        if (c % 3 === 1) { const ok = avail > 0; if (ok) avail--; return { process: p, f: 'try-acquire', input: null, output: ok }; }
        avail++;
        return { process: p, f: 'release', input: null, output: null };
      };
    }
    case 'rwlock': {
      let writer: number | null = null;
      const readers: number[] = [];
      return (c, p) => {
        if (writer !== null) { const w = writer; writer = null; return { process: w, f: 'write-unlock', input: null, output: null }; }
        if (readers.length > 0 && c % 3 === 0) { const r = readers.shift()!; return { process: r, f: 'read-unlock', input: null, output: null }; }
        if (c % 3 === 1) { readers.push(p); return { process: p, f: 'read-lock', input: null, output: null }; }
        if (readers.length === 0) { writer = p; return { process: p, f: 'write-lock', input: null, output: null }; }
        return { process: p, f: 'try-write-lock', input: null, output: false };
      };
    }
    case 'queue': {
      const q: number[] = [];
      return (c, p) => {
        if (c % 2 === 0) { q.push(c >> 1); return { process: p, f: 'enqueue', input: c >> 1, output: null }; }
        return { process: p, f: 'dequeue', input: null, output: q.length === 0 ? null : q.shift()! };
      };
    }
    case 'kv': {
      const m = new Map<string, string>();
      return (c, p) => {
        const key = String(c % 2);
        const v = String.fromCharCode(97 + ((c >> 3) % 3));
        if ((c >> 1) % 3 === 0) return { process: p, f: 'get', input: null, output: m.get(key) ?? '', key };
        if ((c >> 1) % 3 === 1) { m.set(key, v); return { process: p, f: 'put', input: v, output: null, key }; }
        m.set(key, (m.get(key) ?? '') + v);
        return { process: p, f: 'append', input: v, output: null, key };
      };
    }
  }
}

/** Interval slack and unknown-outcome flag of each op. */
export interface Timing { readonly before: number; readonly after: number; readonly unknown: boolean }

/**
 * Run `intents` sequentially and give op k the linearization point 10k + 5 inside a random
 * interval [point - before, point + after]: the result is linearizable by construction.
 */
export function linearizableHistory(spec: ExecutableSpec, intents: readonly { c: number; p: number }[], timing: readonly Timing[]): Operation[] {
  const exec = executor(spec);
  return intents.map(({ c, p }, id) => {
    const s = exec(c, p);
    const point = 10 * id + 5;
    const t = timing[id] ?? { before: 0, after: 0, unknown: false };
    return {
      id, process: s.process, f: s.f, input: s.input, output: t.unknown ? undefined : s.output, call: point - t.before,
      ret: t.unknown ? undefined : point + t.after, ...(s.key !== undefined ? { key: s.key } : {}),
    };
  });
}

/** Arbitrary: a spec, a sequential run of up to `max` ops and overlapping intervals. */
export function arbLinearizable(max: number, unknownRate = 0.1, slack = 25, min = 1): fc.Arbitrary<{ spec: ExecutableSpec; ops: Operation[] }> {
  return fc.record({
    spec: fc.constantFrom(...EXECUTABLE_SPECS),
    intents: fc.array(fc.record({ c: fc.nat(255), p: fc.nat(3) }), { minLength: min, maxLength: max }),
    timing: fc.array(fc.record({ before: fc.nat(slack), after: fc.nat(slack), unknown: fc.nat(999).map((x) => x < unknownRate * 1000) }), { minLength: max, maxLength: max }),
  }).map(({ spec, intents, timing }) => ({ spec, ops: linearizableHistory(spec, intents, timing) }));
}

/** Mutations of a history that usually break linearizability (for agreement tests). */
export type Mutation = { kind: 'output'; at: number; value: number } | { kind: 'shift'; at: number; by: number } | { kind: 'swap-process'; at: number; p: number };

export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('output' as const), at: fc.nat(7), value: fc.integer({ min: -1, max: 3 }) }),
  fc.record({ kind: fc.constant('shift' as const), at: fc.nat(7), by: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ kind: fc.constant('swap-process' as const), at: fc.nat(7), p: fc.nat(3) }),
);

/** Apply a mutation (ids unchanged). */
export function mutate(ops: readonly Operation[], m: Mutation): Operation[] {
  const out = ops.slice();
  let i = m.at % out.length;
  if (m.kind === 'output') {
    // aim at an op whose output says something (a read, a get, a dequeue, a cas, a try-lock)
    for (let k = 0; k < out.length; k++) {
      const j = (m.at + k) % out.length;
      if (out[j]!.ret !== undefined && /^(read|get|dequeue|cas|try-)/.test(out[j]!.f)) { i = j; break; }
    }
  }
  const o = out[i]!;
  if (m.kind === 'output') {
    const others = [null, 0, 1, 2, 3].filter((x) => x !== o.output);
    const value = typeof o.output === 'boolean' ? !o.output : typeof o.output === 'string' ? (o.output === '' ? 'a' : o.output.slice(1)) : others[(m.value + 1) % others.length];
    out[i] = { ...o, output: value };
  } else if (m.kind === 'shift') {
    out[i] = { ...o, call: o.call + m.by, ret: o.ret === undefined ? undefined : Math.max(o.call + m.by, o.ret + m.by) };
  } else {
    out[i] = { ...o, process: m.p };
  }
  return out;
}
