import { mutexTarget, type MutexImpl, type SetupEnv } from 'lockstep';

/** Which version of the lock a variant runs. */
interface TicketOptions {
  /** Take the ticket with one fetch_add (false: a read, then a write of next + 1). */
  readonly atomicTake: boolean;
  /** Unlock serves the next ticket by adding to `owner` (false: adds to `next`, a lost wake-up). */
  readonly unlockServesOwner: boolean;
}

/**
 * A FIFO ticket spinlock: take a ticket from `next`, wait until `owner` reaches it; unlock
 * moves `owner` on. Every `yield*` is one atomic step and a point where lockstep may switch
 * threads.
 */
function ticketLock(env: SetupEnv, threads: number, o: TicketOptions): MutexImpl {
  const next = env.mem.cell('ticket.next', 0);
  const owner = env.mem.cell('ticket.owner', 0);
  const mine = new Array<number>(threads).fill(0);
  // the wait predicates are built once per execution, not per lock call
  const served = mine.map((_, id) => (v: number) => v === mine[id]);
  return {
    *lock(t) {
      t.at('take a ticket');
      if (o.atomicTake) mine[t.id] = yield* t.fetchAdd(next, 1);
      else {
        // BUG (racy-take): two threads can read the same ticket before either writes next
        const n = yield* t.readOnce(next);
        t.at('store next');
        yield* t.writeOnce(next, n + 1);
        mine[t.id] = n;
      }
      t.at('wait for my turn');
      // an acquire read (smp_load_acquire): on a weakly ordered cpu (arm64-lite) a plain read
      // lets the critical section read data older than the previous holder's writes
      yield* t.waitUntil(owner, served[t.id]!, 'owner reaches my ticket', 'acquire');
    },
    *unlock(t) {
      t.at('serve the next ticket');
      // BUG (unlock-serves-next): adding to next leaves the waiter spinning forever
      yield* t.fetchAdd(o.unlockServesOwner ? owner : next, 1);
    },
    describe: (peek) => [`next = ${peek(next)}, owner = ${peek(owner)}`, `tickets: ${mine.map((m, i) => `cpu${i}=${m}`).join(' ')}`],
  };
}

export default mutexTarget({
  name: 'ticket',
  summary: 'FIFO ticket spinlock (the lockstep example project)',
  variants: [
    {
      name: 'fixed', summary: 'fetch_add takes the ticket; unlock adds to owner', expect: 'clean',
      create: (env, threads) => ticketLock(env, threads, { atomicTake: true, unlockServesOwner: true }),
    },
    {
      name: 'racy-take', summary: 'BUG: the ticket is read, then next written: two threads share a ticket', expect: 'violation',
      create: (env, threads) => ticketLock(env, threads, { atomicTake: false, unlockServesOwner: true }),
    },
    {
      name: 'unlock-serves-next', summary: 'BUG: unlock adds to next instead of owner: the next waiter spins forever', expect: 'hang',
      create: (env, threads) => ticketLock(env, threads, { atomicTake: true, unlockServesOwner: false }),
    },
  ],
});
