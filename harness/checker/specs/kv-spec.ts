import type { Operation } from '../../history/operation';
import { mix32 } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { StringTable } from './string-table';
import { unknownOp } from './value-key';

const OPS = ['get', 'put', 'append'];

/** Value of a kv operation as a string; null / undefined (absent key) read as "". */
function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** One key's step on value ids. */
function stepValue(t: StringTable, v: number, op: Operation): number | typeof ILLEGAL {
  switch (op.f) {
    case 'get': return op.ret === undefined || t.lookup(str(op.output)) === v ? v : ILLEGAL;
    case 'put': return t.intern(str(op.input));
    case 'append': return t.append(v, str(op.input));
    default: return ILLEGAL;
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

/** One key's step on plain strings (the partitioned spec). */
function stepString(v: string, op: Operation): string | typeof ILLEGAL {
  switch (op.f) {
    case 'get': return op.ret === undefined || str(op.output) === v ? v : ILLEGAL;
    case 'put': return str(op.input);
    case 'append': return v + str(op.input);
    default: return ILLEGAL;
  }
}

/**
 * Key-value store (Porcupine's kvModel): get -> value ("" or null when absent), put(value),
 * append(value) concatenates strings. Partitioned by key (P-compositionality): each key is
 * checked alone with its string as the state (primitive: interned by a Map, which measured
 * faster here than value numbering).
 */
export function kvSpec(): SequentialSpec<string> {
  return {
    name: 'kv',
    summary: 'key-value store: get/put/append on string values, partitioned by key',
    initialState: () => '',
    step: stepString,
    describeState: (v) => JSON.stringify(v),
    reason: (v, op) => reasonValue(v, op),
    partitionKey: (op) => op.key ?? '',
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
    initialState: () => ({ values: [], hash: 0 }),
    step(s: KvStoreState, op: Operation): StepResult<KvStoreState> {
      const slot = slotOf(op.key ?? '');
      const old = slot < s.values.length ? s.values[slot]! : 0;
      const v = stepValue(t, old, op);
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
