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

function ticket(c: TicketCells, atomicTake: boolean): MutexImpl {
  return {
    *lock(t) {
      t.at('ticket: take');
      let my: number;
      if (atomicTake) {
        my = yield* t.fetchAdd(c.next, 1);
      } else {
        // BUG (racy-take): next++ as a read and a write: two cpus can draw the same ticket.
        my = yield* t.readOnce(c.next);
        t.at('ticket: store next');
        yield* t.writeOnce(c.next, (my + 1) & 0xffff);
      }
      t.at('ticket: wait for owner');
      yield* t.waitUntil(c.owner, (v) => v === my, `ticket.owner == ${my}`);
    },
    *unlock(t) {
      // Only the holder writes owner, so a plain increment (x86 `addw` without lock) suffices.
      const o = yield* t.readOnce(c.owner);
      yield* t.smp_store_release(c.owner, (o + 1) & 0xffff);
    },
    *trylock(t) {
      // arch_spin_trylock: take a ticket only when the lock is free, with one cmpxchg on the word.
      t.at('ticket: trylock read');
      const v = yield* t.readOnce(c.word);
      if ((v & 0xffff) !== v >>> 16) return false;
      t.at('ticket: trylock cmpxchg');
      return (yield* t.cmpxchg(c.word, v, (v + 0x10000) >>> 0)) === v;
    },
    describe: (peek) => [`ticket.word = ${fmtWord(peek(c.word))}`],
  };
}

const BUILDERS = {
  correct: (c: TicketCells) => ticket(c, true),
  'racy-take': (c: TicketCells) => ticket(c, false),
};

/** Ticket spinlock (FIFO): fetch-and-add a ticket, wait until the owner field reaches it. */
export const ticketTarget: Target = {
  name: 'ticket',
  summary: 'FIFO ticket spinlock (owner/next halves of one word, trylock by cmpxchg on the word)',
  variants: [
    { name: 'correct', summary: 'ticket = fetch_add(next, 1); wait until owner == ticket; unlock = owner + 1', expect: expectation('clean') },
    {
      name: 'racy-take',
      summary:
        'BUG: takes the ticket with a read and a plain write: two cpus draw the same ticket (both enter), or next moves backwards and a waiter is never served',
      // Under sc the first failure the search meets is the backwards-moving next (a waiter
      // spins forever on a ticket that was re-issued); under tso lazy flushing makes both
      // cpus read the same next first and enter together.
      expect: expectation('deadlock', 'violation'),
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
    return mutexInstance(env, workload, pickVariant('ticket', variant, BUILDERS)(cells), { target: 'ticket' });
  },
};
