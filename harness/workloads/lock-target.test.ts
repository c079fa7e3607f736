/**
 * The workload helpers a user writes only the lock for: each builder turns small lock models
 * into a target whose correct variant is clean under a bounded exhaustive search and whose
 * buggy variant is caught with the expected kind of finding.
 */
import { explore } from '../explore/explore';
import type { Cell } from '../memory/cell';
import type { ThreadApi } from '../runtime/thread-api';
import type { SetupEnv, Target } from '../target/target';
import { TargetError } from '../target/target-error';
import { targetDeclarationProblem } from '../target/target-shape';
import { specFor } from '../target/spec-for';
import { barrierTarget, mutexTarget, semaphoreTarget } from './lock-target';
import type { BarrierImpl, MutexImpl, SemaphoreImpl } from './lock-models';

const isZero = (v: number): boolean => v === 0;

function tas(env: SetupEnv, atomic: boolean): MutexImpl {
  const word: Cell = env.mem.cell('lock', 0);
  return {
    *lock(t: ThreadApi) {
      for (;;) {
        if (atomic) { if ((yield* t.cmpxchg(word, 0, 1)) === 0) return; } else if ((yield* t.readOnce(word)) === 0) { yield* t.writeOnce(word, 1); return; }
        yield* t.waitUntil(word, isZero);
      }
    },
    *unlock(t: ThreadApi) { yield* t.store(word, 0, 'release'); },
    *trylock(t: ThreadApi) { return (yield* t.cmpxchg(word, 0, 1)) === 0; },
  };
}

/** Counting semaphore on one word; `racy` decrements with a separate read and write. */
function sem(env: SetupEnv, permits: number, racy: boolean): SemaphoreImpl {
  const count = env.mem.cell('sem.count', permits);
  return {
    *acquire(t: ThreadApi) {
      for (;;) {
        const v = yield* t.waitUntil(count, (x) => x > 0, 'a permit');
        if (racy) { yield* t.writeOnce(count, v - 1); return; }
        if ((yield* t.cmpxchg(count, v, v - 1)) === v) return;
      }
    },
    *release(t: ThreadApi) { yield* t.fetchAdd(count, 1); },
    available: (peek) => peek(count),
  };
}

/** Sense-reversing barrier; `early` lets the second-to-last arrival through too. */
function barrier(env: SetupEnv, parties: number, early: boolean): BarrierImpl {
  const arrived = env.mem.cell('barrier.arrived', 0);
  const sense = env.mem.cell('barrier.sense', 0);
  return {
    *await(t: ThreadApi) {
      const s = yield* t.readOnce(sense);
      const n = (yield* t.fetchAdd(arrived, 1)) + 1;
      if (n === parties || (early && n === parties - 1)) {
        if (n === parties) { yield* t.writeOnce(arrived, 0); yield* t.smp_store_release(sense, s ^ 1); }
        return;
      }
      yield* t.waitUntil(sense, (v) => v !== s, 'the sense flips');
    },
  };
}

async function verdict(target: Target, variant: string, strategy: 'dfs' | 'default'): Promise<string> {
  const r = await explore({ target, variant, memory: 'sc', strategy, seed: 7, runs: strategy === 'dfs' ? 200_000 : 3000, preemptions: 2 });
  if (strategy === 'dfs') expect(r.exhausted).toBe(true);
  return r.findings[0]?.outcome.finding?.kind ?? 'clean';
}

describe('lock target builders', () => {
  const mutex = mutexTarget({
    name: 'tas', summary: 'test-and-set', trylock: true, threads: { max: 3, default: 2 }, opsPerThread: { max: 2, default: 1 },
    variants: [
      { name: 'correct', summary: 'cmpxchg', expect: 'clean', create: (env) => tas(env, true) },
      { name: 'check-then-set', summary: 'BUG', expect: 'violation', create: (env) => tas(env, false) },
    ],
  });
  it('mutexTarget: the mutex spec, lock/trylock kinds, expectations for every memory model', async () => {
    expect(targetDeclarationProblem(mutex)).toBeUndefined();
    expect(mutex).toMatchObject({ spec: 'mutex', workload: { opKinds: ['lock', 'trylock'], threads: { min: 2, max: 3, default: 2 } } });
    expect(mutex.variants[1]!.expect).toEqual({ sc: 'violation', tso: 'violation' });
    expect(await verdict(mutex, 'correct', 'dfs')).toBe('clean');
    expect(await verdict(mutex, 'check-then-set', 'default')).toBe('violation');
  });

  it('semaphoreTarget: at most `permits` holders, checked against semaphore:N', async () => {
    const s = semaphoreTarget({
      name: 'sem', summary: 'counting semaphore', permits: 2, threads: { default: 3, max: 3 }, opsPerThread: { default: 1, max: 1 },
      variants: [
        { name: 'correct', summary: 'cmpxchg', expect: 'clean', create: (env) => sem(env, 2, false) },
        { name: 'racy', summary: 'BUG', expect: 'violation', create: (env) => sem(env, 2, true) },
      ],
    });
    expect(s).toMatchObject({ spec: 'semaphore:2', workload: { opKinds: ['acquire'] } });
    expect(await verdict(s, 'correct', 'dfs')).toBe('clean');
    expect(await verdict(s, 'racy', 'default')).toBe('violation');
  });

  it('barrierTarget: nobody leaves a round early, checked against barrier:N', async () => {
    const b = barrierTarget({
      name: 'bar', summary: 'sense-reversing barrier', parties: 3, opsPerThread: { default: 1, max: 2 },
      variants: [
        { name: 'correct', summary: 'fetch_add + sense', expect: 'clean', create: (env) => barrier(env, 3, false) },
        { name: 'early', summary: 'BUG', expect: 'violation', create: (env) => barrier(env, 3, true) },
      ],
    });
    expect(b).toMatchObject({ workload: { threads: { min: 3, max: 3, default: 3 }, opKinds: ['await'] } });
    expect(specFor(b, 'correct', { ops: [['await'], ['await'], ['await']] })).toBe('barrier:3');
    expect(await verdict(b, 'correct', 'dfs')).toBe('clean');
    expect(await verdict(b, 'early', 'default')).toBe('violation');
  });

  it('a builder mistake is a TargetError naming the target', () => {
    expect(() => semaphoreTarget({ name: 's', summary: '', permits: 0, variants: [] })).toThrow(TargetError);
    expect(() => mutexTarget({ name: 'm', summary: '', variants: [{ name: 'v', summary: '', expect: 'clean' } as never] })).toThrow(/m: variant 'v' has no create/);
  });
});
