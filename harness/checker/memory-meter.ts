/**
 * Memory budget shared by the partition searches of one check: each search adds the bytes
 * it allocates (exact for its typed arrays, estimated for interned states) and stops before
 * an allocation would pass `limit`. Deterministic: the same history and budget stop at the
 * same step, whatever the heap or the garbage collector do.
 */
export class MemoryMeter {
  /** Bytes accounted so far. */
  used = 0;
  /** Largest `used` seen. */
  peak = 0;

  constructor(readonly limit: number) {}

  /** Account `delta` bytes (negative when a search frees its tables). */
  add(delta: number): void {
    this.used += delta;
    if (this.used > this.peak) this.peak = this.used;
  }

  /** True when `extra` more bytes would pass the limit. */
  wouldExceed(extra: number): boolean {
    return this.used + extra > this.limit;
  }
}
