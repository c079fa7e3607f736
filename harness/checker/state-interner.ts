import { estimateBytes } from './estimate-bytes';
import type { SequentialSpec } from './spec';

/** Bytes of one Map entry plus its slot in `values` (V8 OrderedHashMap: about 3 words per entry and a bucket word, doubled on growth). */
const ENTRY_BYTES = 48;

/**
 * Maps spec states to dense integer ids so that Lowe's cache compares integers only.
 * Primitive states go through a Map (V8 caches string hashes, so long kv strings are hashed
 * once); object states are bucketed by the spec's `hash` and compared with its `equal`.
 * `bytes` estimates the memory the interned states hold (deterministically: the same input
 * gives the same figure), for the checker's memory budget.
 */
export class StateInterner<S> {
  private readonly values: S[] = [];
  private readonly primitive: Map<S, number> | undefined;
  /** Object states: first id with a given hash; `sameHash[id]` chains the others (no array per bucket). */
  private readonly buckets: Map<number, number> | undefined;
  private readonly sameHash: number[] = [];
  private readonly dense: boolean;
  private maxDense = -1;
  /** Estimated bytes held by the interned states. */
  bytes = 0;

  constructor(private readonly spec: SequentialSpec<S>) {
    this.dense = spec.denseStates === true;
    if (spec.hash && spec.equal) this.buckets = new Map();
    else this.primitive = new Map();
  }

  /** Id of `state`, allocating a new one on first sight. */
  intern(state: S): number {
    if (this.dense) {
      const id = state as unknown as number;
      if (id > this.maxDense) this.maxDense = id;
      return id;
    }
    const prim = this.primitive;
    if (prim !== undefined) {
      const id = prim.get(state);
      if (id !== undefined) return id;
      const fresh = this.values.length;
      this.values.push(state);
      prim.set(state, fresh);
      this.bytes += ENTRY_BYTES + estimateBytes(state);
      return fresh;
    }
    const h = this.spec.hash!(state) | 0;
    const buckets = this.buckets!;
    const first = buckets.get(h);
    const fresh = this.values.length;
    if (first !== undefined) {
      let last = first;
      for (let id = first; id >= 0; id = this.sameHash[id]!) {
        if (this.spec.equal!(this.values[id]!, state)) return id;
        last = id;
      }
      this.sameHash[last] = fresh;
    } else {
      buckets.set(h, fresh);
    }
    this.values.push(state);
    this.sameHash.push(-1);
    this.bytes += ENTRY_BYTES + 8 + (this.spec.stateBytes ? this.spec.stateBytes(state) : estimateBytes(state));
    return fresh;
  }

  /** Number of distinct states seen. */
  get size(): number {
    return this.dense ? this.maxDense + 1 : this.values.length;
  }
}
