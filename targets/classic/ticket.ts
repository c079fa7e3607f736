import type { Cell } from '../../harness/memory/cell';
import type { SetupEnv, Target } from '../../harness/target/target';
import type { MutexImpl } from './lock-impl';
import { mutexInstance } from './mutex-workload';
import { expectation, pickVariant } from './variant-helpers';

/** The ticket lock word as in the pre-qspinlock x86 spinlock: owner (head) low half, next (tail) high half. */
interface TicketCells {
  readonly word: Cell;
  readonly owner: Cell;
  readonly next: Cell;
}

const fmtWord = (v: number): string => `owner=${v & 0xffff} next=${v >>> 16}${(v & 0xffff) === v >>> 16 ? ' (free)' : ''}`;

function ticket(c: TicketCells, threads: number, atomicTrylock: boolean): MutexImpl {
  // Per-thread ticket and wait predicate, built once per execution (no closure per lock).
  // owner reaches (or, only after a double grant, passes) the ticket: compared modulo 2^16
  // so that a ticket skipped by a buggy grant shows as the overlap it causes, not as a
  // waiter that spins forever.
  const mine = new Array<number>(threads).fill(0);
  const served = mine.map((_, i) => (v: number): boolean => ((v - mine[i]) & 0xffff) < 0x8000);
  return {
    *lock(t) {
      t.at('ticket: take');
      mine[t.id] = yield* t.fetchAdd(c.next, 1);
      t.at('ticket: wait for owner');
      yield* t.waitUntil(c.owner, served[t.id], 'reaches my ticket');
    },
    *unlock(t) {
      // x86 __ticket_unlock: add 1 to the head half (`lock addw` with UNLOCK_LOCK_PREFIX).
      // Atomic, so that a buggy double grant shows as the mutual-exclusion violation it is
      // rather than as a later lost owner increment.
      t.at('ticket: owner + 1');
      yield* t.fetchAdd(c.owner, 1);
    },
    *trylock(t) {
      // arch_spin_trylock: take a ticket only when the lock is free, with one cmpxchg on the word.
      t.at('ticket: trylock read');
      const v = yield* t.readOnce(c.word);
      if ((v & 0xffff) !== v >>> 16) return false;
      if (!atomicTrylock) {
        // BUG (trylock-check-then-take): "it was free, so the ticket we draw now is served
        // at once" - but another cpu may have drawn a ticket in between: we enter with a
        // ticket that is not being served while its holder is inside.
        t.at('ticket: trylock take');
        yield* t.fetchAdd(c.next, 1);
        return true;
      }
      t.at('ticket: trylock cmpxchg');
      return (yield* t.cmpxchg(c.word, v, (v + 0x10000) >>> 0)) === v;
    },
    describe: (peek) => [`ticket.word = ${fmtWord(peek(c.word))}`, `last ticket drawn: ${mine.map((m, i) => `cpu${i}=${m}`).join(' ')}`],
  };
}

const BUILDERS = {
  correct: (c: TicketCells, threads: number) => ticket(c, threads, true),
  'trylock-check-then-take': (c: TicketCells, threads: number) => ticket(c, threads, false),
};

/** Ticket spinlock (FIFO): fetch-and-add a ticket, wait until the owner field reaches it. */
export const ticketTarget: Target = {
  name: 'ticket',
  summary: 'FIFO ticket spinlock (owner/next halves of one word, trylock by cmpxchg on the word)',
  variants: [
    { name: 'correct', summary: 'ticket = fetch_add(next, 1); wait until owner == ticket; unlock = atomic owner + 1; trylock = cmpxchg on the word', expect: expectation('clean') },
    {
      name: 'trylock-check-then-take',
      summary: 'BUG: trylock sees the lock free, then draws a ticket with a separate fetch_add and enters without checking it is served',
      expect: expectation('violation'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  setup(env: SetupEnv, variant, workload) {
    const word = env.mem.cell('ticket.word', 0, fmtWord);
    const cells: TicketCells = {
      word,
      owner: env.mem.view(word, 0, 16, 'ticket.owner'),
      next: env.mem.view(word, 16, 16, 'ticket.next'),
    };
    return mutexInstance(env, workload, pickVariant('ticket', variant, BUILDERS)(cells, workload.ops.length), { target: 'ticket' });
  },
};
