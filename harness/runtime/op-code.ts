/**
 * Codes of the pending step of a thread (what it does when next scheduled). Plain numbers so
 * the step loop compares integers; `OP_NAMES` gives the trace name. Kept below 32 so that
 * coverage can keep one bitmask per program point.
 */
export const OP_NONE = 0;
export const OP_READ_ONCE = 1;
export const OP_WRITE_ONCE = 2;
export const OP_LOAD = 3;
export const OP_STORE = 4;
export const OP_LOAD_ACQUIRE = 5;
export const OP_STORE_RELEASE = 6;
export const OP_STORE_MB = 7;
export const OP_CMPXCHG = 8;
export const OP_XCHG = 9;
export const OP_FETCH_ADD = 10;
export const OP_FETCH_OR = 11;
export const OP_FETCH_AND = 12;
export const OP_FETCH_ANDNOT = 13;
export const OP_MB = 14;
export const OP_RMB = 15;
export const OP_WMB = 16;
export const OP_RELAX = 17;
export const OP_WAIT = 18;
export const OP_IPI_SEND = 19;
export const OP_PV_WAIT = 20;
export const OP_PV_KICK = 21;
export const OP_FUTEX_WAIT = 22;
export const OP_FUTEX_WAKE = 23;
export const OP_SLEEP = 24;
export const OP_WAKE = 25;
export const OP_SPIN_LOCK = 26;
export const OP_SPIN_TRYLOCK = 27;
export const OP_SPIN_UNLOCK = 28;
/** Return from a blocking wait after a wake-up (pv_wait kicked, futex woken, sleep ended). */
export const OP_RESUME = 29;
/** waitUntilAll: one step, runnable when the predicate holds over the values of several cells. */
export const OP_WAIT_ALL = 30;
/** alloc / free of a node pool (which one: ThreadContext.heapOp); `cell` = the pool's allocator word. */
export const OP_HEAP = 31;

/** Trace names, index = op code. */
export const OP_NAMES: readonly string[] = Object.freeze([
  'start', 'readOnce', 'writeOnce', 'load', 'store', 'smp_load_acquire', 'smp_store_release', 'smp_store_mb',
  'cmpxchg', 'xchg', 'fetchAdd', 'fetchOr', 'fetchAnd', 'fetchAndNot', 'smp_mb', 'smp_rmb', 'smp_wmb',
  'cpuRelax', 'waitUntil', 'ipiSend', 'pvWait', 'pvKick', 'futexWait', 'futexWake', 'sleep', 'wake',
  'spin_lock', 'spin_trylock', 'spin_unlock', 'resume', 'waitUntilAll', 'heap',
]);
