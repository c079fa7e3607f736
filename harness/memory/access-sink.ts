/**
 * Where a memory model reports the accesses of the step in progress, for the dependency
 * relation of partial-order reduction (issue 13 item 3). A model reports what its operations
 * do to shared state, in its own terms; it never decides what commutes.
 *
 * - `readWord` / `writeWord`: committed memory word `addr` (what other cpus can observe). A load
 *   fully served by the own store buffer reads no memory word. A store that goes to a buffer
 *   writes no word until it is committed (then `writeWord` with `writeBuffer`).
 * - `writeBuffer(cpu)`: the store buffer of `cpu` changed (an entry appended, committed or
 *   dropped). This orders a cpu's own buffered stores with its flushes and drains.
 * - `readBuffer(cpu)`: a load of `cpu` was served (in part) by its own buffer: committing that
 *   store first would send the load to memory, where another cpu's store may land before it.
 * - `readGlobal` / `writeGlobal`: a model with one global order of commits (multi-copy atomic
 *   models such as arm64-lite): every commit writes it, an operation that waits for everything
 *   committed so far reads it. Under sc and tso nothing calls them.
 *
 * The engine installs a sink only while exhaustive search with reduction runs; otherwise the
 * model's sink is null and reporting costs one comparison per operation.
 */
export interface AccessSink {
  readWord(addr: number): void;
  writeWord(addr: number): void;
  writeBuffer(cpu: number): void;
  /** The oldest buffered store of `cpu`, to word `addr`, was committed to memory (a flush, or part of a drain). */
  commitWord(cpu: number, addr: number): void;
  /** A load of `cpu` took (part of) its value from the cpu's own store buffer. */
  readBuffer(cpu: number): void;
  readGlobal(): void;
  writeGlobal(): void;
}
