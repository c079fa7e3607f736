import type { Prim, ThreadApi } from '../../harness';
import { Q_LOCKED_VAL } from './lock-word';
import { nativeHeadWait } from './queued-spin-lock';
import type { QLock, QspinWorld } from './qspin-world';
import { nodeWord } from './qspin-world';
import type { SlowpathHooks } from './slowpath-hooks';

/** Generic `queued_spin_trylock`: read the whole word, cmpxchg 0 -> locked only if it was 0. */
export function* genericTrylock(t: ThreadApi, _w: QspinWorld, l: QLock): Prim<boolean> {
  t.at('queued_spin_trylock');
  const v = yield* t.readOnce(l.val);
  if (v !== 0) return false;
  return (yield* t.cmpxchg(l.val, 0, Q_LOCKED_VAL, 'acquire')) === 0;
}

/** The native qspinlock of v4.2-v4.8 (seeds-qspinlock.md 3): pending path, MCS queue, byte-store unlock. */
export const NATIVE_HOOKS: SlowpathHooks = Object.freeze({
  family: 'native',
  usesPending: true,
  initNodeWord: nodeWord(0, 0, 0, 0),
  trylock: genericTrylock,
  *waitHead(t: ThreadApi, _w: QspinWorld, l: QLock): Prim<number> {
    return yield* nativeHeadWait(t, l);
  },
  *unlock(t: ThreadApi, _w: QspinWorld, l: QLock): Prim<void> {
    t.at('queued_spin_unlock');
    yield* t.smp_store_release(l.locked, 0);
    t.exitCritical(l.name);
  },
});
