import type { MemoryOrder } from '../memory/cell';
import { RMW_ACQUIRE, RMW_FULL, RMW_RELAXED, RMW_RELEASE } from '../memory/arm64-lite-memory';

/**
 * The RMW_* code of an RMW primitive's `order` argument: the kernel's value-returning atomics
 * (xchg, cmpxchg, atomic_fetch_*) are fully ordered unless they name an order (_relaxed,
 * _acquire, _release); 'seq_cst' and no order = fully ordered.
 */
export function rmwOrderCode(order: MemoryOrder | undefined): number {
  switch (order) {
    case 'relaxed':
      return RMW_RELAXED;
    case 'acquire':
      return RMW_ACQUIRE;
    case 'release':
      return RMW_RELEASE;
    default:
      return RMW_FULL;
  }
}
