import type { Operation } from '../../history/operation';
import { hashCombine, hashString } from '../hash-mix';
import { ILLEGAL, type SequentialSpec, type StepResult } from '../spec';
import { unknownOp } from './value-key';

const OPS = ['get', 'put', 'append'];

/** Value of a kv operation as a string; null / undefined (absent key) read as "". */
function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** One key's step: the string value, "" when absent. */
function stepValue(v: string, op: Operation): string | typeof ILLEGAL {
  switch (op.f) {
    case 'get': return op.ret === undefined || str(op.output) === v ? v : ILLEGAL;
    case 'put': return str(op.input);
    case 'append': return v + str(op.input);
    default: return ILLEGAL;
  }
}

function reasonValue(v: string, op: Operation, key: string): string {
  return op.f === 'get'
    ? `get(${JSON.stringify(key)}) returned ${JSON.stringify(str(op.output))} but the key holds ${JSON.stringify(v)}`
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
 * checked alone with a string state.
 */
export function kvSpec(): SequentialSpec<string> {
  return {
    name: 'kv',
    summary: 'key-value store: get/put/append on string values, partitioned by key',
    initialState: () => '',
    step: (v: string, op: Operation): StepResult<string> => stepValue(v, op),
    describeState: (v) => JSON.stringify(v),
    reason: (v, op) => reasonValue(v, op, op.key ?? ''),
    partitionKey: (op) => op.key ?? '',
    validate,
  };
}

/** Whole-store state of the unpartitioned kv spec, with its hash kept incrementally. */
export interface KvStoreState {
  readonly values: Readonly<Record<string, string>>;
  readonly hash: number;
}

const entryHash = (k: string, v: string): number => hashCombine(hashString(k), hashString(v));

/**
 * The same store without partitioning: one state holds every key. Much slower (the search
 * interleaves unrelated keys); kept for the benchmark against Porcupine's NoPartition model.
 */
export function kvNoPartitionSpec(): SequentialSpec<KvStoreState> {
  return {
    name: 'kv-nopartition',
    summary: 'the kv spec without partitioning (benchmark)',
    initialState: () => ({ values: {}, hash: 0 }),
    step(s: KvStoreState, op: Operation): StepResult<KvStoreState> {
      const key = op.key ?? '';
      const old = s.values[key] ?? '';
      const v = stepValue(old, op);
      if (v === ILLEGAL) return ILLEGAL;
      if (v === old && (op.f === 'get' || key in s.values)) return s;
      const oldHash = key in s.values ? entryHash(key, old) : 0;
      return { values: { ...s.values, [key]: v }, hash: (s.hash - oldHash + entryHash(key, v)) | 0 };
    },
    hash: (s) => s.hash,
    equal(a: KvStoreState, b: KvStoreState): boolean {
      if (a.hash !== b.hash) return false;
      const ka = Object.keys(a.values), kb = Object.keys(b.values);
      if (ka.length !== kb.length) return false;
      for (const k of ka) if (a.values[k] !== b.values[k]) return false;
      return true;
    },
    describeState: (s) => JSON.stringify(Object.fromEntries(Object.keys(s.values).sort().map((k) => [k, s.values[k]]))),
    reason: (s, op) => reasonValue(s.values[op.key ?? ''] ?? '', op, op.key ?? ''),
    validate,
  };
}
