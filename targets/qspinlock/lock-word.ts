/**
 * The qspinlock word for NR_CPUS < 16K (seeds-qspinlock.md 2.2): one 32-bit word with a
 * locked byte (bits 0..7), a pending byte (8..15) and a 16-bit tail (idx in bits 16..17,
 * cpu + 1 in bits 18..31). Constants and helpers shared by every variant.
 */

/** Locked byte value of a plain holder (`_Q_LOCKED_VAL`). */
export const Q_LOCKED_VAL = 1;
/** Whole-word value of "pending set, not locked, no tail" (`_Q_PENDING_VAL`). */
export const Q_PENDING_VAL = 0x100;
export const Q_LOCKED_MASK = 0xff;
export const Q_PENDING_MASK = 0xff00;
export const Q_LOCKED_PENDING_MASK = 0xffff;
export const Q_TAIL_MASK = 0xffff0000;
export const Q_TAIL_OFFSET = 16;
/** Per-cpu queue nodes: one per nesting level (task, softirq, hardirq, NMI). */
export const MAX_NODES = 4;

/** `encode_tail(cpu, idx)`: cpu0/idx0 = 0x40000, cpu1 = 0x80000, cpu2 = 0xc0000. */
export function encodeTail(cpu: number, idx: number): number {
  return (((cpu + 1) << 18) | (idx << 16)) >>> 0;
}

/** Cpu of a non-zero tail (`decode_tail`), -1 for no tail. */
export function tailCpu(val: number): number {
  return (val >>> 18) - 1;
}

/** Node index (nesting level) of a tail. */
export function tailIdx(val: number): number {
  return (val >>> 16) & 3;
}

/**
 * A node reference as stored in `next`, `head` and hash-slot cells: cpu * MAX_NODES + idx + 1,
 * so that 0 is NULL and the value fits the 8-bit `next` field.
 */
export function nodeRef(cpu: number, idx: number): number {
  return cpu * MAX_NODES + idx + 1;
}

/** Node reference of the node a tail names, 0 for no tail. */
export function tailToRef(val: number): number {
  const tail = val >>> Q_TAIL_OFFSET;
  return tail === 0 ? 0 : nodeRef(tailCpu(val), tailIdx(val));
}

/** Cpu owning node reference `ref` (> 0). */
export function refCpu(ref: number): number {
  return Math.floor((ref - 1) / MAX_NODES);
}

/** Index of node reference `ref` (> 0) in its cpu's array. */
export function refIdx(ref: number): number {
  return (ref - 1) % MAX_NODES;
}

/** `cpuN/idx` for a node reference, `null` for 0. */
export function formatRef(ref: number): string {
  return ref === 0 ? 'null' : `cpu${refCpu(ref)}/${refIdx(ref)}`;
}

/**
 * The lock word as the kernel comments write it: `(tail=cpu1/0, 0, 3) 0x80003`, i.e.
 * (tail, pending, locked) followed by the hex value.
 */
export function formatLockWord(val: number): string {
  const v = val >>> 0;
  const tail = v >>> Q_TAIL_OFFSET === 0 ? 'tail=none' : `tail=cpu${tailCpu(v)}/${tailIdx(v)}`;
  const pending = (v >>> 8) & 0xff;
  const locked = v & 0xff;
  return `(${tail}, ${pending}, ${locked}) 0x${v.toString(16)}`;
}
