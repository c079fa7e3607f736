import { mutexTarget, type MutexImpl, type SetupEnv } from 'lockstep';

// An example target written by `lockstep init`: a test-and-set spinlock. You write the lock;
// mutexTarget adds the workload (threads that lock, enter a critical section and unlock), the
// history checked against a mutex, and the checks of the critical section.

/** waitUntil predicate, hoisted so a spin-wait does not allocate a closure per call. */
const isFree = (word: number): boolean => word === 0;

/**
 * The lock. Every `yield*` is one atomic step of the model and a point where lockstep may
 * switch threads; code between two `yield*`s runs without interruption.
 */
function spinlock(env: SetupEnv, atomic: boolean): MutexImpl {
  // cells are allocated per execution: every run starts from fresh memory
  const word = env.mem.cell('lock.word', 0);
  return {
    *lock(t) {
      for (;;) {
        t.at('spin_lock: try');
        if (atomic) {
          // one step: compare-and-swap 0 -> 1, returns the old value
          if ((yield* t.cmpxchg(word, 0, 1)) === 0) return;
        } else if ((yield* t.readOnce(word)) === 0) {
          // BUG (check-then-set): another thread can take the lock between the read and the write
          t.at('spin_lock: set');
          yield* t.writeOnce(word, 1);
          return;
        }
        // spin until the word reads 0 (one step, schedulable only once it holds)
        yield* t.waitUntil(word, isFree, 'the lock is free');
      }
    },
    *unlock(t) {
      t.at('spin_unlock');
      yield* t.store(word, 0, 'release');
    },
  };
}

export default mutexTarget({
  name: 'spinlock',
  summary: 'test-and-set spinlock (the example of lockstep init)',
  variants: [
    { name: 'fixed', summary: 'takes the lock with one cmpxchg', expect: 'clean', create: (env) => spinlock(env, true) },
    { name: 'buggy', summary: 'BUG: reads the word, then writes 1 (check-then-set)', expect: 'violation', create: (env) => spinlock(env, false) },
  ],
});
