import type { TraceEntry } from '../runtime/outcome';
import { traceSentence } from './trace-sentence';

const s = (e: Partial<TraceEntry> & { op: string }): string => traceSentence({ step: 0, thread: 0, ...e }).text;

describe('traceSentence', () => {
  it('reads each kind of step as a sentence in its thread column', () => {
    expect(s({ op: 'readOnce', cell: 'lock.next', value: '0' })).toBe('reads lock.next: 0');
    expect(s({ op: 'smp_load_acquire', cell: 'M.val', value: '0x1' })).toBe('reads M.val (acquire): 0x1');
    expect(s({ op: 'writeOnce', cell: 'number[1]', value: '1' })).toBe('writes 1 to number[1]');
    expect(s({ op: 'smp_store_release', cell: 'x', value: '0' })).toBe('writes 0 to x (release)');
    expect(s({ op: 'flush', cell: 'number[0]', value: '1' })).toBe('store buffer: number[0] = 1 reaches memory');
    expect(s({ op: 'cmpxchg', cell: 'futex', value: '0 (unlocked) -> 1 (locked)' })).toBe('compare-and-exchange on futex: 0 (unlocked) -> 1 (locked)');
    expect(s({ op: 'cmpxchg', cell: 'L', value: '0x1 -> 0x1' })).toBe('compare-and-exchange on L: 0x1 -> 0x1 (unchanged)');
    expect(s({ op: 'xchg', cell: 'clh.tail', value: 'node[2] -> node[0]' })).toBe('exchange on clh.tail: node[2] -> node[0]');
    expect(s({ op: 'call', value: 'acquire' })).toBe('calls acquire');
    expect(s({ op: 'return', value: 'acquire' })).toBe('acquire returns');
    expect(s({ op: 'return', value: 'trylock -> false' })).toBe('trylock returns false');
    expect(s({ op: 'enter', cell: 'lock' })).toBe('enters the critical section of lock');
    expect(s({ op: 'exit-cs', cell: 'lock' })).toBe('leaves the critical section of lock');
    expect(s({ op: 'smp_mb' })).toBe('full memory barrier (smp_mb)');
    expect(s({ op: 'wake', value: 'woken by O' })).toBe('is woken by O');
    expect(s({ op: 'visible', value: 'release: its stores reached memory' })).toBe('the stores of its release have all reached memory: it takes effect now');
  });

  it('turns the start of the fair continuation into a note across the table, never `fair = ...`', () => {
    const n = traceSentence({ step: 3, thread: 1, op: 'fair', value: 'strategy prefix ended after 3 steps: fair round-robin continuation' });
    expect(n.note).toBe(true);
    expect(n.text).toBe("The strategy's schedule ends after 3 steps; from here a fair round-robin scheduler runs every thread in turn (a hang is judged on this fair continuation).");
  });

  it('still says something readable for an op it does not know', () => {
    expect(s({ op: 'alloc', cell: 'nodes', value: 'node 3' })).toBe('alloc nodes: node 3');
    expect(s({ op: 'frobnicate' })).toBe('frobnicate');
  });
});
