import type { Operation } from '../../history/operation';
import { appendFastCheck } from '../fast/append-fast-check';
import { mix32 } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { StringTable, type AppendText } from './string-table';
import { unknownOp } from './value-key';

const OPS = ['get', 'put', 'append'];

/** Value of a kv operation as a string; null / undefined (absent key) read as "". */
function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Per-op data of the value-numbered kv specs: kind and the value id (get/put) or text (append). */
interface KvPrepared {
  readonly kind: 0 | 1 | 2 | 3;
  readonly id: number;
  readonly append: AppendText | undefined;
}

const KIND: Record<string, 0 | 1 | 2> = { get: 0, put: 1, append: 2 };

function prepareKv(t: StringTable, op: Operation): KvPrepared {
  const kind = KIND[op.f] ?? 3;
  if (kind === 0) return { kind: op.ret === undefined ? 3 : 0, id: op.ret === undefined ? -1 : t.intern(str(op.output)), append: undefined };
  const text = str(op.input);
  return { kind, id: kind === 1 ? t.intern(text) : -1, append: kind === 2 ? t.appendText(text) : undefined };
}

/** One key's step on value ids (kind 3 = a get with unknown outcome, or not a kv op). */
function stepValue(t: StringTable, v: number, op: Operation, p: KvPrepared): number | typeof ILLEGAL {
  switch (p.kind) {
    case 0: return p.id === v ? v : ILLEGAL;
    case 1: return p.id;
    case 2: return t.append(v, p.append!);
    default: return op.f === 'get' ? v : ILLEGAL;
  }
}

function reasonValue(value: string, op: Operation): string {
  return op.f === 'get'
    ? `get(${JSON.stringify(op.key ?? '')}) returned ${JSON.stringify(str(op.output))} but the key holds ${JSON.stringify(value)}`
    : `${op.f} is not a kv operation`;
}

const validate = (op: Operation): string | undefined => {
  if (!OPS.includes(op.f)) return unknownOp('kv', op.f, OPS);
  if (op.key === undefined) return `kv operation ${op.f} has no key`;
  return undefined;
};

/**
 * Key-value store (Porcupine's kvModel): get -> value ("" or null when absent), put(value),
 * append(value) concatenates strings. Partitioned by key (P-compositionality): each key is
 * checked alone. The state is the value number of the key's string in a per-check
 * StringTable (dense integers: no interning, no string building in the search). A key
 * that only sees distinct appends is decided without a search (appendFastCheck).
 */
export function kvSpec(): SequentialSpec<number> {
  const t = new StringTable();
  return {
    name: 'kv',
    summary: 'key-value store: get/put/append on string values, partitioned by key',
    initialState: () => 0,
    denseStates: true,
    memoryBytes: () => t.bytes,
    prepare: (op) => prepareKv(t, op),
    step: (v: number, op: Operation, p?: unknown): StepResult<number> => stepValue(t, v, op, (p as KvPrepared | undefined) ?? prepareKv(t, op)),
    readOnly: (op, p) => (p as KvPrepared).kind === 0,
    // between puts a key's string only grows: a pending get must read an extension of it
    monotone: {
      resets: (op, p) => (p as KvPrepared).kind === 1,
      resetTo: (op, p) => (p as KvPrepared).id,
      canReach: (v, op, p) => t.mayBePrefix(v, (p as KvPrepared).id),
      reachesAny: (reads, prepared) => t.prefixTest(prepared.map((p) => (p as KvPrepared).id)),
    },
    describeState: (v) => JSON.stringify(t.text(v)),
    reason: (v, op) => reasonValue(t.text(v), op),
    partitionKey: (op) => op.key ?? '',
    ignoresProcess: true,
    fastCheck: appendFastCheck,
    validate,
  };
}

/** Whole-store state of the unpartitioned kv spec: value id per key slot, hash kept incrementally. */
export interface KvStoreState {
  /** Value id (StringTable) per key slot; missing slots are "" (id 0). */
  readonly values: readonly number[];
  readonly hash: number;
}

const slotHash = (slot: number, id: number): number => (id === 0 ? 0 : mix32(Math.imul(slot + 1, 0x9e3779b1) ^ id));

/**
 * The same store without partitioning: one state holds every key. Much slower (the search
 * interleaves unrelated keys); kept for the benchmark against Porcupine's NoPartition model.
 */
export function kvNoPartitionSpec(): SequentialSpec<KvStoreState> {
  const t = new StringTable();
  const slots = new Map<string, number>();
  const names: string[] = [];
  const slotOf = (key: string): number => {
    let s = slots.get(key);
    if (s === undefined) { s = names.length; slots.set(key, s); names.push(key); }
    return s;
  };
  return {
    name: 'kv-nopartition',
    summary: 'the kv spec without partitioning (benchmark)',
    memoryBytes: () => t.bytes,
    ignoresProcess: true,
    initialState: () => ({ values: [], hash: 0 }),
    prepare: (op) => ({ slot: slotOf(op.key ?? ''), kv: prepareKv(t, op) }),
    step(s: KvStoreState, op: Operation, p?: unknown): StepResult<KvStoreState> {
      const prep = (p as { slot: number; kv: KvPrepared } | undefined) ?? { slot: slotOf(op.key ?? ''), kv: prepareKv(t, op) };
      const slot = prep.slot;
      const old = slot < s.values.length ? s.values[slot]! : 0;
      const v = stepValue(t, old, op, prep.kv);
      if (v === ILLEGAL) return ILLEGAL;
      if (v === old) return s;
      const values = s.values.slice();
      while (values.length <= slot) values.push(0);
      values[slot] = v;
      return { values, hash: (s.hash - slotHash(slot, old) + slotHash(slot, v)) | 0 };
    },
    hash: (s) => s.hash,
    equal(a: KvStoreState, b: KvStoreState): boolean {
      if (a.hash !== b.hash) return false;
      const av = a.values, bv = b.values;
      const n = Math.max(av.length, bv.length);
      for (let i = 0; i < n; i++) if ((i < av.length ? av[i] : 0) !== (i < bv.length ? bv[i] : 0)) return false;
      return true;
    },
    describeState: (s) => JSON.stringify(Object.fromEntries(names.map((k, i) => [k, t.text(s.values[i] ?? 0)]).filter(([, v]) => v !== '').sort())),
    reason: (s, op) => reasonValue(t.text(s.values[slotOf(op.key ?? '')] ?? 0), op),
    validate,
  };
}
