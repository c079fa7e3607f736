/**
 * Ghost state of one qspinlock execution (seeds-qspinlock.md section 8): who is in which
 * slowpath, the MCS queue head of each lock, the logical hash table (entries as their
 * writers issued them, so that TSO buffering does not fake a stale entry), pv_hash calls in
 * flight, kicks owed, and non-fatal diagnostics. Updated by free code placed right after the
 * step it mirrors (code after a `yield*` runs atomically with that step). Numbers only.
 */
/** Diagnostics kept per execution (the first ones tell the story). */
export const MAX_DIAGNOSTICS = 8;

export class QspinGhost {
  /** Lock index whose slowpath cpu c is in, -1 outside. */
  readonly slowpathLock: Int8Array;
  /** `node[c][0].count`: nesting level in use (a per-cpu local: no step). */
  readonly count: Uint8Array;
  /** MCS queue head of each lock (cpu), -1 when none: set when a cpu becomes head, cleared at its claim. */
  readonly mcsHead: Int8Array;
  /** Holder of each lock (cpu) between the return of its lock and its release, -1 when free. */
  readonly owner: Int8Array;
  /** Lock index cpu c is inside pv_hash for (before its slot claim), -1 otherwise. */
  readonly hashing: Int8Array;
  /** Logical hash table: lock index per slot (-1 free) and node reference. */
  readonly slotLock: Int8Array;
  readonly slotNode: Uint8Array;
  /** Kicks an unlock slowpath owes to cpu c (unhashed its node, kick not yet sent). */
  readonly kickOwed: Uint8Array;
  readonly kicksSent: Uint16Array;
  /** pv_wait cpu c is inside: 0 none, 1 node wait (pv_wait_node), 2 head wait; and the lock. */
  readonly waitKind: Uint8Array;
  readonly waitLock: Int8Array;
  /** 1 while cpu c runs pv_wait_head_or_lock (I-S). */
  readonly inHeadWait: Uint8Array;
  /**
   * Mirror of the sticky kick tokens (seeds 2.4): 1 = a kick left a token not yet consumed.
   * A kick that lands while the cpu is inside pv_wait is ambiguous (it woke the cpu or left a
   * token) until that pv_wait returns: 'kicked' = it woke it, 'mismatch' = it left a token.
   */
  readonly kickToken: Uint8Array;
  readonly kickAmbiguous: Uint8Array;
  /** Head pv_wait calls that returned at once with *ptr != val (the "lost halt" of section 5.1). */
  readonly headMismatch: Uint16Array;
  /** Non-fatal findings (relaxed checks, precursors), each recorded once. */
  readonly diagnostics: string[] = [];

  constructor(readonly cpus: number, readonly locks: number, readonly slots: number) {
    this.slowpathLock = new Int8Array(cpus).fill(-1);
    this.count = new Uint8Array(cpus);
    this.mcsHead = new Int8Array(locks).fill(-1);
    this.owner = new Int8Array(locks).fill(-1);
    this.hashing = new Int8Array(cpus).fill(-1);
    this.slotLock = new Int8Array(slots).fill(-1);
    this.slotNode = new Uint8Array(slots);
    this.kickOwed = new Uint8Array(cpus);
    this.kicksSent = new Uint16Array(cpus);
    this.waitKind = new Uint8Array(cpus);
    this.waitLock = new Int8Array(cpus).fill(-1);
    this.headMismatch = new Uint16Array(cpus);
    this.inHeadWait = new Uint8Array(cpus);
    this.kickToken = new Uint8Array(cpus);
    this.kickAmbiguous = new Uint8Array(cpus);
  }

  /** Hash entries of lock `l` plus pv_hash(l) calls still looking for a slot (I-H1 counts both). */
  hashCount(l: number): number {
    let n = 0;
    for (let s = 0; s < this.slots; s++) if (this.slotLock[s] === l) n++;
    for (let c = 0; c < this.cpus; c++) if (this.hashing[c] === l) n++;
    return n;
  }

  /** Record a diagnostic once (at most MAX_DIAGNOSTICS). */
  note(message: string): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS || this.diagnostics.includes(message)) return;
    this.diagnostics.push(message);
  }
}
