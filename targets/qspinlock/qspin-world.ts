import type { Cell, CellAllocator, ValueFormatter } from '../../harness';
import type { QspinConfig } from './qspin-config';
import { QspinGhost } from './qspin-ghost';
import { formatLockWord, formatRef, MAX_NODES, nodeRef, refCpu, refIdx } from './lock-word';

/** One lock: the 32-bit word and its views (seeds-qspinlock.md 2.1, 2.2). */
export interface QLock {
  readonly index: number;
  /** Value stored in hash slots (a "pointer"): index + 1, so that 0 is NULL. */
  readonly id: number;
  readonly name: string;
  readonly val: Cell;
  readonly locked: Cell;
  readonly pending: Cell;
  readonly lockedPending: Cell;
  readonly tail: Cell;
}

/**
 * One per-cpu queue node. Its fields are byte views of one word (locked, next, state,
 * mayhalt): x86-TSO is byte-granular, so this is the same machine as separate words, and it
 * lets node initialisation, which targets a node no other cpu can reach yet (it is published
 * by xchg_tail), be one step. v13 adds the `head` pointer as a separate word.
 */
export interface QNode {
  readonly ref: number;
  readonly cpu: number;
  readonly idx: number;
  readonly word: Cell;
  readonly locked: Cell;
  readonly next: Cell;
  readonly state: Cell;
  readonly mayhalt: Cell;
  readonly head: Cell | null;
}

/** One open-addressing hash entry {lock, node} (section 4.2). */
export interface HashSlot {
  readonly index: number;
  readonly lock: Cell;
  readonly node: Cell;
}

/** Node word value with the given fields (the initial value of pv_init_node). */
export function nodeWord(locked: number, next: number, state: number, mayhalt: number): number {
  return (locked | (next << 8) | (state << 16) | (mayhalt << 24)) >>> 0;
}

/** The v13 `head` pointer of a node (only v13 worlds allocate it). */
export function headCell(n: QNode): Cell {
  if (n.head === null) throw new Error(`qspinlock model: ${n.word.name} has no head field (not a v13 world)`);
  return n.head;
}

/** Everything one execution shares: cells, ghost state and the variant's configuration. */
export class QspinWorld {
  readonly locks: readonly QLock[];
  /** nodes[cpu][idx]. */
  readonly nodes: readonly (readonly QNode[])[];
  readonly hash: readonly HashSlot[];
  readonly ghost: QspinGhost;
  /** Formats a node word: `(locked=1, next=cpu2/0, state=hashed)`. */
  readonly formatNode: ValueFormatter;

  constructor(
    mem: CellAllocator,
    readonly config: QspinConfig,
    readonly cpus: number,
    lockNames: readonly string[],
    stateName: (state: number) => string,
    /**
     * The execution runs under a weakly ordered model (arm64-lite): barrier steps that are
     * no-ops under sc and tso, and that the model leaves out there, are taken.
     */
    readonly weak = false,
  ) {
    this.locks = lockNames.map((name, index) => {
      const val = mem.cell(`${name}.val`, 0, formatLockWord);
      return {
        index,
        id: index + 1,
        name,
        val,
        locked: mem.view(val, 0, 8, `${name}.locked`),
        pending: mem.view(val, 8, 8, `${name}.pending`),
        lockedPending: mem.view(val, 0, 16, `${name}.locked_pending`),
        tail: mem.view(val, 16, 16, `${name}.tail`),
      };
    });
    const initState = config.flavour === 'v13' ? 1 : 0;
    const fmtNode: ValueFormatter = (this.formatNode = (v) =>
      `(locked=${v & 0xff}, next=${formatRef((v >>> 8) & 0xff)}, state=${stateName((v >>> 16) & 0xff)}` +
      `${config.flavour === 'v13' ? `, mayhalt=${v >>> 24}` : ''})`);
    const nodes: QNode[][] = [];
    for (let cpu = 0; cpu < cpus; cpu++) {
      const row: QNode[] = [];
      // Only level 0 is ever used (no interrupt contexts are modelled); the tail still encodes idx.
      for (let idx = 0; idx < 1; idx++) {
        const base = `cpu${cpu}.node[${idx}]`;
        const word = mem.cell(base, nodeWord(0, 0, initState, 0), fmtNode);
        row.push({
          ref: nodeRef(cpu, idx),
          cpu,
          idx,
          word,
          locked: mem.view(word, 0, 8, `${base}.locked`),
          next: mem.view(word, 8, 8, `${base}.next`),
          state: mem.view(word, 16, 8, `${base}.state`),
          mayhalt: mem.view(word, 24, 8, `${base}.mayhalt`),
          head: config.flavour === 'v13' ? mem.cell(`${base}.head`, 0, formatRef) : null,
        });
      }
      nodes.push(row);
    }
    this.nodes = nodes;
    const slots = config.flavour === 'native' || config.flavour === 'v13' ? 0 : config.hashSize === 'tight' ? lockNames.length : config.hashSize;
    const fmtLock: ValueFormatter = (v) => (v === 0 ? 'null' : (lockNames[v - 1] ?? `lock#${v}`));
    const hash: HashSlot[] = [];
    for (let s = 0; s < slots; s++) {
      hash.push({ index: s, lock: mem.cell(`hash[${s}].lock`, 0, fmtLock), node: mem.cell(`hash[${s}].node`, 0, formatRef) });
    }
    this.hash = hash;
    this.ghost = new QspinGhost(cpus, lockNames.length, slots);
  }

  /** The node a reference names (`decode_tail` / pointer load). */
  node(ref: number): QNode {
    const n = this.nodes[refCpu(ref)]?.[refIdx(ref)];
    if (n === undefined) throw new RangeError(`qspinlock model: node reference ${ref} does not exist (max ${MAX_NODES} per cpu)`);
    return n;
  }
}
