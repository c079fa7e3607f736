import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';

/** The ticket lock word as in the pre-qspinlock x86 spinlock: owner (head) low half, next (tail) high half. */
interface TicketCells {
  readonly word: Cell;
  readonly owner: Cell;
  readonly next: Cell;
}

const fmtWord = (v: number): string => `owner=${v & 0xffff} next=${v >>> 16}${(v & 0xffff) === v >>> 16 ? ' (free)' : ''}`;

/** Wait predicate of one cpu: owner has reached its ticket. */
type Served = (owner: number) => boolean;

interface TicketOptions {
  /** Draw the ticket with fetch_add (false: a read and a plain write of next). */
  readonly atomicTake: boolean;
  /** trylock takes a ticket with one cmpxchg on the word (false: check, then fetch_add). */
  readonly atomicTrylock: boolean;
  /**
   * The owner spin is an acquire (arm64 `ldaxrh`; false: x86's plain READ_ONCE, which TSO
   * orders but a weakly ordered cpu does not: the critical section's loads pass it).
   */
  readonly acquireWait: boolean;
}

/**
 * arch_spin_lock: draw a ticket, wait until owner reaches it. The lock models' generator
 * functions live at module level (here and in every classic target): one created per
 * execution gets a fresh prototype and hidden class on its first call, which keeps that
 * execution alive until a full GC and leaves every `yield*` of it uncached.
 */
function* ticketLock(t: ThreadApi, c: TicketCells, o: TicketOptions, mine: number[], served: readonly Served[]) {
  t.at('ticket: take');
  if (o.atomicTake) mine[t.id] = yield* t.fetchAdd(c.next, 1);
  else {
    // BUG (racy-take): next++ as a read and a write. Two cpus can draw the same ticket,
    // or next can move backwards and re-issue a ticket already served.
    const n = yield* t.readOnce(c.next);
    mine[t.id] = n;
    t.at('ticket: store next');
    yield* t.writeOnce(c.next, (n + 1) & 0xffff);
  }
  t.at('ticket: wait for owner');
  yield* t.waitUntil(c.owner, served[t.id], 'reaches my ticket', o.acquireWait ? 'acquire' : undefined);
}

function* ticketUnlock(t: ThreadApi, c: TicketCells) {
  // x86 arch_spin_unlock adds 1 to the head half with UNLOCK_LOCK_PREFIX, which is empty
  // except on 32-bit PPro/OOSTORE builds: a plain `addw` whose store may sit in the store
  // buffer. Modelled as an atomic add (stronger under tso: it drains the buffer), so that
  // a buggy double grant shows as the mutual-exclusion violation it is rather than as a
  // later lost owner increment. See README "Modelling choices".
  t.at('ticket: owner + 1');
  yield* t.fetchAdd(c.owner, 1);
}

function* ticketTrylock(t: ThreadApi, c: TicketCells, o: TicketOptions) {
  // arch_spin_trylock: take a ticket only when the lock is free, with one cmpxchg on the word.
  t.at('ticket: trylock read');
  const v = yield* t.readOnce(c.word);
  if ((v & 0xffff) !== v >>> 16) return false;
  if (!o.atomicTrylock) {
    // BUG (trylock-check-then-take): "it was free, so the ticket we draw now is served
    // at once" - but another cpu may have drawn a ticket in between: we enter with a
    // ticket that is not being served while its holder is inside.
    t.at('ticket: trylock take');
    yield* t.fetchAdd(c.next, 1);
    return true;
  }
  t.at('ticket: trylock cmpxchg');
  return (yield* t.cmpxchg(c.word, v, (v + 0x10000) >>> 0)) === v;
}

function ticket(c: TicketCells, threads: number, o: TicketOptions): MutexImpl {
  // Per-thread ticket and wait predicate, built once per execution (no closure per lock).
  // owner reaches (or, only after a double grant, passes) the ticket: compared modulo 2^16
  // so that a ticket skipped by a buggy grant shows as the overlap it causes, not as a
  // waiter that spins forever.
  const mine = new Array<number>(threads).fill(0);
  const served: Served[] = mine.map((_, i) => (v: number): boolean => ((v - mine[i]) & 0xffff) < 0x8000);
  return {
    lock: (t) => ticketLock(t, c, o, mine, served),
    unlock: (t) => ticketUnlock(t, c),
    trylock: (t) => ticketTrylock(t, c, o),
    describe: (peek) => [`ticket.word = ${fmtWord(peek(c.word))}`, `last ticket drawn: ${mine.map((m, i) => `cpu${i}=${m}`).join(' ')}`],
  };
}

const BUILDERS: Readonly<Record<string, TicketOptions>> = {
  correct: { atomicTake: true, atomicTrylock: true, acquireWait: true },
  'racy-take': { atomicTake: false, atomicTrylock: true, acquireWait: true },
  'trylock-check-then-take': { atomicTake: true, atomicTrylock: false, acquireWait: true },
  'plain-wait': { atomicTake: true, atomicTrylock: true, acquireWait: false },
};

/** Ticket spinlock (FIFO): fetch-and-add a ticket, wait until the owner field reaches it. */
export const ticketTarget: Target = {
  name: 'ticket',
  summary: 'FIFO ticket spinlock (owner/next halves of one word, trylock by cmpxchg on the word)',
  variants: [
    { name: 'correct', summary: 'ticket = fetch_add(next, 1); wait (acquire) until owner == ticket; unlock = atomic owner + 1; trylock = cmpxchg on the word', expect: expectation('clean') },
    {
      name: 'racy-take',
      summary: 'BUG: draws the ticket with a read and a plain write of next: two cpus get the same ticket (or a served one again) and both enter',
      expect: expectation('violation'),
    },
    {
      name: 'trylock-check-then-take',
      summary: 'BUG: trylock sees the lock free, then draws a ticket with a separate fetch_add and enters without checking it is served',
      expect: expectation('violation'),
    },
    {
      name: 'plain-wait',
      summary: "BUG on weakly ordered cpus: the owner spin is x86's plain READ_ONCE, not an acquire: on arm64 the critical section's loads are satisfied before the lock is seen free",
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'arm64-lite',
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const word = env.mem.cell('ticket.word', 0, fmtWord);
    const cells: TicketCells = {
      word,
      owner: env.mem.view(word, 0, 16, 'ticket.owner'),
      next: env.mem.view(word, 16, 16, 'ticket.next'),
    };
    return mutexInstance(env, workload, ticket(cells, workload.ops.length, pickVariant('ticket', variant, BUILDERS)), { target: 'ticket' });
  },
};
