import { checkOpKinds, expectation, pickVariant } from '../../harness';
import type { Cell, Instance, SetupEnv, Target, ThreadApi, ThreadSpec, Workload } from '../../harness';

/** Wait state of a task (`state[i]`): what the unlocker and the waiter tell each other. */
const IDLE = 0;
const WAITING = 1;
const HANDED = 2;
const STATE_NAMES = ['idle', 'waiting', 'handed'];

/** Per-execution state of the lock and its ghost checks. */
interface TimedMutex {
  readonly owner: Cell;
  readonly waitLock: Cell;
  readonly state: readonly Cell[];
  readonly counter: Cell;
  readonly checkHandoff: boolean;
  sections: number;
  peek: ((c: Cell) => number) | undefined;
}

/** Take the lock; with `timed`, give up when the wait times out. True when taken. */
function* acquire(t: ThreadApi, m: TimedMutex, timed: boolean) {
  const me = t.id + 1;
  t.at('lock: wait_lock');
  yield* t.spinLock(m.waitLock);
  if ((yield* t.readOnce(m.owner)) === 0) {
    yield* t.writeOnce(m.owner, me);
    yield* t.spinUnlock(m.waitLock);
    return true;
  }
  yield* t.writeOnce(m.state[t.id], WAITING);
  yield* t.spinUnlock(m.waitLock);
  for (;;) {
    t.at('lock: futex wait');
    const r = yield* t.futexWait(m.state[t.id], WAITING, timed ? { timeout: true } : undefined);
    t.at('lock: woken');
    // acquire: pairs with the unlocker's release of HANDED, so its critical section is visible
    if ((yield* t.smp_load_acquire(m.state[t.id])) === HANDED) {
      // the unlocker made us the owner before it woke us
      yield* t.writeOnce(m.state[t.id], IDLE);
      return true;
    }
    if (r !== 'timeout') continue;
    if (!m.checkHandoff) {
      // BUG: the unlocker may hand us the lock right now, between our read and this store
      t.at('lock: timed out (no recheck)');
      yield* t.writeOnce(m.state[t.id], IDLE);
      return false;
    }
    // -ETIMEDOUT: leave the queue under wait_lock, where a hand-over cannot race with us
    t.at('lock: timed out');
    yield* t.spinLock(m.waitLock);
    const handed = (yield* t.readOnce(m.state[t.id])) === HANDED;
    yield* t.writeOnce(m.state[t.id], IDLE);
    yield* t.spinUnlock(m.waitLock);
    return handed;
  }
}

/** Hand the lock to the first waiting task, or free it. */
function* release(t: ThreadApi, m: TimedMutex) {
  t.at('unlock: wait_lock');
  yield* t.spinLock(m.waitLock);
  for (let i = 0; i < m.state.length; i++) {
    if ((yield* t.readOnce(m.state[i])) !== WAITING) continue;
    t.at('unlock: hand over');
    yield* t.writeOnce(m.owner, i + 1);
    yield* t.smp_store_release(m.state[i], HANDED);
    yield* t.spinUnlock(m.waitLock);
    yield* t.futexWake(m.state[i], 1);
    return;
  }
  yield* t.writeOnce(m.owner, 0);
  yield* t.spinUnlock(m.waitLock);
}

function* task(t: ThreadApi, m: TimedMutex, ops: readonly string[]) {
  m.peek ??= (c) => t.peek(c);
  for (const op of ops) {
    const timed = op === 'timedlock';
    t.invoke(timed ? 'try-acquire' : 'acquire');
    const got = yield* acquire(t, m, timed);
    t.ok(timed ? got : undefined);
    if (!got) continue;
    t.at('critical section');
    t.enterCritical();
    m.sections++;
    const v = yield* t.readOnce(m.counter);
    yield* t.writeOnce(m.counter, v + 1);
    t.exitCritical();
    t.invoke('release');
    yield* release(t, m);
    t.ok();
  }
  t.at('done');
}

/**
 * A sleeping mutex with direct hand-over and a timed lock (pthread_mutex_timedlock-style):
 * waiters futex-wait on their own state word; unlock picks the first waiter under wait_lock,
 * makes it the owner and wakes it. A timed waiter whose wait returns -ETIMEDOUT must leave the
 * queue under wait_lock and take the lock if it was handed over meanwhile: `no-recheck` just
 * marks itself idle and fails, so a hand-over that lands between its check and its store is
 * lost: the lock stays owned by a task that believes it failed, and the next lock() sleeps
 * forever. Only the strategy's timeout choice exposes it (a wait without a timeout is woken).
 */
function timedMutexInstance(env: SetupEnv, workload: Workload, checkHandoff: boolean): Instance {
  checkOpKinds('timed-mutex', workload, ['lock', 'timedlock']);
  const n = workload.ops.length;
  const fmt = (v: number): string => STATE_NAMES[v] ?? String(v);
  const m: TimedMutex = {
    owner: env.mem.cell('mutex.owner', 0, (v) => (v === 0 ? 'free' : `task${v - 1}`)),
    waitLock: env.mem.cell('mutex.wait_lock'),
    state: Array.from({ length: n }, (_, i) => env.mem.cell(`task${i}.state`, IDLE, fmt)),
    counter: env.mem.cell('data.counter'),
    checkHandoff,
    sections: 0,
    peek: undefined,
  };
  const threads: ThreadSpec[] = workload.ops.map((ops, i) => ({ name: `task${i}`, body: (t: ThreadApi) => task(t, m, ops) }));
  return {
    threads,
    atEnd: () => {
      const got = m.peek?.(m.counter) ?? 0;
      if (got !== m.sections) return `lost update: data.counter = ${got} after ${m.sections} critical sections`;
      const owner = m.peek?.(m.owner) ?? 0;
      return owner === 0 ? undefined : `every task is done but the mutex is still owned by task${owner - 1}`;
    },
    describe: () => (m.peek === undefined ? [] : [
      `mutex.owner = ${m.peek(m.owner) === 0 ? 'free' : `task${m.peek(m.owner) - 1}`}`,
      ...m.state.map((c, i) => `task${i}.state = ${fmt(m.peek!(c))}`),
    ]),
  };
}

const BUILDERS = { correct: true, 'no-recheck': false };

/** Hand-over mutex with a timed lock: timeouts of futex waits chosen by the strategy. */
export const timedMutexTarget: Target = {
  name: 'timed-mutex',
  summary: 'sleeping mutex with direct hand-over and timedlock (futex waits that time out)',
  variants: [
    { name: 'correct', summary: 'a timed-out waiter leaves the queue under wait_lock and takes a lock handed to it meanwhile', expect: expectation('clean') },
    {
      name: 'no-recheck',
      summary: 'BUG: a timed-out waiter fails without rechecking under wait_lock: a racing hand-over is lost and the next lock() sleeps forever',
      expect: expectation('deadlock'),
      // the race needs a holder that unlocks, a timed waiter, and a later locker
      hint: { workload: { ops: [['lock', 'lock'], ['timedlock']] } },
    },
  ],
  workload: { threads: { min: 1, max: 3, default: 2 }, opsPerThread: { min: 1, max: 2, default: 1 }, opKinds: ['lock', 'timedlock'] },
  spec: 'mutex',
  setup(env, variant, workload) {
    return timedMutexInstance(env, workload, pickVariant('timed-mutex', variant, BUILDERS));
  },
};
