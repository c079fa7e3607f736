import type { SequentialSpec } from './spec';

/**
 * Maps spec states to dense integer ids so that Lowe's cache compares integers only.
 * Primitive states go through a Map (V8 caches string hashes, so long kv strings are hashed
 * once); object states are bucketed by the spec's `hash` and compared with its `equal`.
 */
export class StateInterner<S> {
  private readonly values: S[] = [];
  private readonly primitive: Map<S, number> | undefined;
  private readonly buckets: Map<number, number[]> | undefined;
  private readonly dense: boolean;
  private maxDense = -1;

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
      return fresh;
    }
    const h = this.spec.hash!(state) | 0;
    const buckets = this.buckets!;
    let list = buckets.get(h);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (this.spec.equal!(this.values[id]!, state)) return id;
      }
    } else {
      list = [];
      buckets.set(h, list);
    }
    const fresh = this.values.length;
    this.values.push(state);
    list.push(fresh);
    return fresh;
  }

  /** Number of distinct states seen. */
  get size(): number {
    return this.dense ? this.maxDense + 1 : this.values.length;
  }
}
