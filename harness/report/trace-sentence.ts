/**
 * A trace entry as a short sentence for the finding page, read in the column of the thread
 * that did it ("reads lock.next: 0", "writes 1 to lock.next", "store buffer: lock.next = 1
 * reaches memory"), instead of the raw `op cell = value` of the text table. Ops this file does
 * not know (new primitives) still read as `op cell: value`.
 */
import type { TraceEntry } from '../runtime/outcome';

/** A row of the page: a sentence in a thread's column, or a note across all columns. */
export interface TraceSentence {
  readonly text: string;
  /** True for a note that spans the table (the start of the fair continuation). */
  readonly note?: boolean;
}

const BARRIERS: Readonly<Record<string, string>> = {
  smp_mb: 'full memory barrier (smp_mb)',
  smp_rmb: 'read barrier (smp_rmb)',
  smp_wmb: 'write barrier (smp_wmb)',
};

const RMW: Readonly<Record<string, string>> = {
  cmpxchg: 'compare-and-exchange',
  xchg: 'exchange',
  fetchAdd: 'atomic fetch-add',
  fetchOr: 'atomic fetch-or',
  fetchAnd: 'atomic fetch-and',
  fetchAndNot: 'atomic fetch-and-not',
};

/** The sentence of one trace entry. */
export function traceSentence(e: TraceEntry): TraceSentence {
  const cell = e.cell ?? '';
  const v = e.value ?? '';
  switch (e.op) {
    case 'fair': {
      const m = /after (\d+) steps?/.exec(v);
      return {
        note: true,
        text: `${m ? `The strategy's schedule ends after ${m[1]} step${m[1] === '1' ? '' : 's'}` : "The strategy's schedule ends"}; from here a fair round-robin scheduler runs every thread in turn (a hang is judged on this fair continuation).`,
      };
    }
    case 'call': return { text: `calls ${v}` };
    case 'return': {
      const m = /^(.*?) -> (.*)$/.exec(v);
      return { text: m ? `${m[1]} returns ${m[2]}` : `${v || 'the operation'} returns` };
    }
    case 'readOnce':
    case 'load': return { text: `reads ${cell}: ${v}` };
    case 'smp_load_acquire': return { text: `reads ${cell} (acquire): ${v}` };
    case 'writeOnce':
    case 'store': return { text: `writes ${v} to ${cell}` };
    case 'smp_store_release': return { text: `writes ${v} to ${cell} (release)` };
    case 'smp_store_mb': return { text: `writes ${v} to ${cell}, then a full barrier` };
    case 'flush': return { text: `store buffer: ${cell} = ${v} reaches memory` };
    case 'cpuRelax': return { text: 'spins (cpu_relax)' };
    case 'waitUntil': return { text: `waits on ${cell} until it reads ${v}` };
    case 'enter': return { text: `enters the critical section${cell ? ` of ${cell}` : ''}` };
    case 'exit-cs': return { text: `leaves the critical section${cell ? ` of ${cell}` : ''}` };
    case 'exit': return { text: 'finishes' };
    case 'block': return { text: `blocks (${v})` };
    case 'wake': return { text: `is ${v}` };
    case 'choose': return { text: `chooses ${v}` };
    case 'ipiSend': return { text: `sends an IPI to ${v}` };
    case 'ipi': return { text: `takes an IPI: ${v}` };
    case 'iret': return { text: 'IPI handler returns, irqs restored' };
    case 'pvWait': return { text: `pv_wait${cell ? ` on ${cell}` : ''} ends: ${v}` };
    case 'pvKick': return { text: `pv_kick: ${v}` };
    case 'futexWait': return { text: `futex_wait on ${cell} ends: ${v}` };
    case 'futexWake': return { text: `futex_wake on ${cell}: ${v}` };
    case 'spin_lock':
    case 'spin_trylock':
    case 'spin_unlock': return { text: `${e.op}(${cell}): ${v}` };
    case 'violation': return { text: `VIOLATION: ${v}` };
    case 'visible': {
      const m = /^(.*): its stores reached memory$/.exec(v);
      return { text: m ? `the stores of its ${m[1]} have all reached memory: it takes effect now` : v };
    }
    default: {
      if (BARRIERS[e.op]) return { text: BARRIERS[e.op]! };
      if (RMW[e.op]) return { text: `${RMW[e.op]} on ${cell}: ${v}${unchanged(v) ? ' (unchanged)' : ''}` };
      return { text: `${e.op}${cell ? ` ${cell}` : ''}${v ? `: ${v}` : ''}` };
    }
  }
}

/** `x -> x`: a read-modify-write that left the word as it was (a failed cmpxchg, usually). */
function unchanged(v: string): boolean {
  const m = /^(.*) -> (.*)$/.exec(v);
  return m !== null && m[1] === m[2];
}
