import type { Target } from '../../harness';
import { bakeryTarget } from './bakery';
import { clhTarget } from './clh';
import { dekkerTarget } from './dekker';
import { futexMutexTarget } from './futex-mutex';
import { mcsTarget } from './mcs';
import { petersonTarget } from './peterson';
import { rwlockTarget } from './rwlock';
import { seqlockTarget } from './seqlock';
import { tasTarget } from './tas';
import { ticketTarget } from './ticket';
import { ttasTarget } from './ttas';

/** Targets of the classic lock zoo, in the order `lockstep list` shows them. */
export function classicTargets(): readonly Target[] {
  return [
    tasTarget,
    ttasTarget,
    ticketTarget,
    mcsTarget,
    clhTarget,
    petersonTarget,
    dekkerTarget,
    bakeryTarget,
    seqlockTarget,
    rwlockTarget,
    futexMutexTarget,
  ];
}
