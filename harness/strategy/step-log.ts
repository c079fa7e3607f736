import type { AccessSink } from '../memory/access-sink';
import type { ChoiceOption } from './strategy';

/** Access modes of a step on an object (see `conflicts`). */
export const MODE_READ = 0;
export const MODE_WRITE = 1;
/** History events: a call and a return of different threads do not commute (real-time order). */
export const MODE_CALL = 2;
export const MODE_RETURN = 3;

/**
 * Which pairs of modes on one object make two steps dependent: a write with anything but a
 * history event, and a call with a return (a return before a call orders the two operations in
 * real time, the linearizability checker's input; two calls or two returns commute).
 */
const CONFLICT: readonly boolean[] = [
  false, true, false, false,
  true, true, false, false,
  false, false, false, true,
  false, false, true, false,
];

/**
 * Marks a spin step in an access list (stepAccesses): it depends on every other step. A
 * spinning thread makes switching away from it free (preemption-cost.ts), so where its spin
 * step falls changes what every other step costs: its order with them must be explored.
 */
export const SPIN_MARK = -1;

/** Entities per thread of an execution: its thread, its cpu's flush, IPI delivery, timeout, signal. */
export const ENTITY_KINDS = 5;

/**
 * Entity of an option in an execution of `n` threads: thread t = t, the store-buffer flush of
 * cpu c = n + c, an IPI delivery on cpu c = 2n + c, the timeout of thread t's wait = 3n + t,
 * a signal interrupting it = 4n + t. Steps of one entity are ordered by program order.
 */
export function entityOf(o: ChoiceOption, n: number): number {
  switch (o.kind) {
    case 'thread':
      return o.target;
    case 'flush':
      return n + o.target;
    case 'ipi':
      return 2 * n + o.target;
    case 'timeout':
      return 3 * n + o.target;
    case 'signal':
      return 4 * n + o.target;
    default:
      throw new Error(`partial-order reduction: option kind '${o.kind}' is not one of the generator engine's`);
  }
}

/** Do two accesses (`object * 4 + mode`) of different steps conflict? */
export function conflicts(a: number, b: number): boolean {
  return a >> 2 === b >> 2 && CONFLICT[(a & 3) * 4 + (b & 3)];
}

/** Do two modes on the same object conflict? */
export function modesConflict(a: number, b: number): boolean {
  return CONFLICT[(a & 3) * 4 + (b & 3)];
}

/**
 * The events of one execution as partial-order reduction needs them (issue 13 item 3): which
 * entity took each one (`entityOf`) and what it accessed, as `object * 4 + mode`. Objects are numbered per
 * execution: memory words first, then per-cpu store buffers, cpu contexts, IPI inboxes and
 * kernel wait slots, the history, the visibility object, the global commit order, futex queues
 * by word, and critical sections by name.
 *
 * An entry is usually one engine step. A step that drains its cpu's store buffer (an RMW, a
 * fence, a fenced kernel call) is logged as one flush entry per store it commits, then its
 * own entry: those commits are what the cpu's flushes would have done, and reordering them
 * against other cpus' steps is what a flush chosen earlier would explore. `stepOf` maps an
 * entry to its engine step, `entryOf` an engine step to its own entry.
 *
 * The strategy owns one log for all its executions; the engine fills it (and installs it as
 * the memory model's access sink) only for a strategy that asks for it (`Strategy.stepLog`).
 * After the last step the engine appends pending entries: the next step of each thread, flush
 * and IPI delivery that never ran (its lookahead), so races with them are seen too.
 */
export class StepLog implements AccessSink {
  /** Threads of the execution, memory words. */
  n = 0;
  words = 0;
  /** Entries recorded for steps that ran (pending lookahead entries excluded). */
  steps = 0;
  /** Engine steps recorded. */
  engineSteps = 0;
  /** Pending lookahead entries after the steps. */
  pending = 0;
  /**
   * A finding (an assertion, an invariant, a crash) stopped the run at its last step, before
   * the other threads finished: the steps they never ran depend on that step, since taking
   * them first may lead elsewhere than to this finding.
   */
  stopped = false;
  /** Entity of entry i. */
  entity = new Int32Array(256);
  /** Entry i is a `waitUntil` read: its thread was disabled while the predicate was false (see por-races.ts). */
  awaited = new Uint8Array(256);
  /** Entry i made its thread spin (a `cpuRelax`, or the step after which it had run 64 in a row): see SPIN_MARK. */
  spin = new Uint8Array(256);
  /** Engine step (0-based) entry i belongs to. */
  stepOf = new Int32Array(256);
  /** Entry of engine step k (0-based): its own entry, after the flush entries of its drain. */
  entryOf = new Int32Array(256);
  /** Entry i's accesses are acc[accStart[i] .. accStart[i + 1]). */
  accStart = new Int32Array(257);
  acc = new Int32Array(2048);
  private accLen = 0;
  /** The step in progress: its entity, and its accesses until `end` writes its entry. */
  private open = false;
  private curEntity = 0;
  private curAwaited = false;
  private curSpin = false;
  private cur: number[] = [];
  /** While the instance's invariant runs: its reads go to `invariantWords`, not to a step. */
  inInvariant = false;
  /**
   * Committed words an invariant has read, over every execution of the search so far (a step
   * that writes one is visible: it may change the invariant's verdict, see `visibleObject`).
   */
  readonly invariantWords = new Set<number>();
  private readonly csIds = new Map<string, number>();

  /** Start an execution of `n` threads over `words` memory words. */
  reset(n: number, words: number): void {
    this.n = n;
    this.words = words;
    this.steps = 0;
    this.engineSteps = 0;
    this.pending = 0;
    this.stopped = false;
    this.accLen = 0;
    this.accStart[0] = 0;
    this.open = false;
    this.cur.length = 0;
    this.inInvariant = false;
    this.csIds.clear();
  }

  // ---- object numbering ----------------------------------------------------------------

  bufferObject(cpu: number): number { return this.words + cpu; }
  contextObject(cpu: number): number { return this.words + this.n + cpu; }
  ipiObject(cpu: number): number { return this.words + 2 * this.n + cpu; }
  /** Kernel waits of thread t: pv_wait halt and kick token, futex sleep, sleep/wake. */
  waitObject(t: number): number { return this.words + 3 * this.n + t; }
  historyObject(): number { return this.words + 4 * this.n; }
  /** Written by every step that may change what an invariant or another thread's free code sees. */
  visibleObject(): number { return this.words + 4 * this.n + 1; }
  globalObject(): number { return this.words + 4 * this.n + 2; }
  futexObject(addr: number): number { return this.words + 4 * this.n + 3 + addr; }
  criticalObject(lock: string): number {
    let id = this.csIds.get(lock);
    if (id === undefined) {
      id = this.csIds.size;
      this.csIds.set(lock, id);
    }
    return 2 * this.words + 4 * this.n + 3 + id;
  }

  // ---- recording (engine side) -----------------------------------------------------------

  /** A step of `entity` starts; `awaited`: it is a `waitUntil` read; `spin`: a `cpuRelax`. */
  begin(entity: number, awaited = false, spin = false): void {
    this.curEntity = entity;
    this.curAwaited = awaited;
    this.curSpin = spin;
    this.cur.length = 0;
    this.open = true;
  }

  /** The step in progress accessed `object` in `mode`. Ignored between steps. */
  access(object: number, mode: number): void {
    if (this.open) this.cur.push(object * 4 + mode);
  }

  /** The step in progress is over: its entry follows any flush entries of its drain. */
  end(): void {
    if (!this.open) return;
    this.open = false;
    const k = this.engineSteps;
    if (k + 1 >= this.entryOf.length) this.entryOf = grow32(this.entryOf);
    this.entryOf[k] = this.steps;
    this.append(this.curEntity, this.curAwaited, k, this.cur, this.curSpin);
    this.steps++;
    this.engineSteps++;
  }

  /** Close the step in progress if one is open (it ended by an exception). */
  closeStep(): void {
    this.end();
  }

  /** After the last step: a pending entry of `entity` (its next step, which never ran) starts; `access` fills it. */
  beginPending(entity: number, awaited = false): void {
    this.begin(entity, awaited);
  }

  /** The pending entry is complete. */
  endPending(): void {
    this.open = false;
    this.append(this.curEntity, this.curAwaited, this.engineSteps, this.cur, false);
    this.pending++;
  }

  readWord(addr: number): void {
    if (this.inInvariant) this.invariantWords.add(addr);
    else this.access(addr, MODE_READ);
  }

  writeWord(addr: number): void {
    this.access(addr, MODE_WRITE);
  }

  writeBuffer(cpu: number): void {
    this.access(this.bufferObject(cpu), MODE_WRITE);
  }

  readBuffer(cpu: number): void {
    this.access(this.bufferObject(cpu), MODE_READ);
  }

  commitWord(cpu: number, addr: number): void {
    if (!this.open) return;
    if (this.curEntity === this.n + cpu) {
      this.access(this.bufferObject(cpu), MODE_WRITE);
      this.access(addr, MODE_WRITE);
      return;
    }
    // a drain inside another entity's step: the commit is the cpu's flush, logged as its own
    // entry; the step itself emptied the buffer, so it comes after that flush
    this.append(this.n + cpu, false, this.engineSteps, [this.bufferObject(cpu) * 4 + MODE_WRITE, addr * 4 + MODE_WRITE], false);
    this.steps++;
    this.access(this.bufferObject(cpu), MODE_WRITE);
  }

  readGlobal(): void {
    this.access(this.globalObject(), MODE_READ);
  }

  writeGlobal(): void {
    this.access(this.globalObject(), MODE_WRITE);
  }

  /** Thread `t` now spins after running many steps in a row: its latest step is a spin step (SPIN_MARK). */
  markSpin(t: number): void {
    for (let i = this.steps - 1; i >= 0; i--) {
      if (this.entity[i] !== t) continue;
      this.spin[i] = 1;
      return;
    }
  }

  /** The latest step left no thread able to run: it is a spin step (SPIN_MARK). */
  markLast(): void {
    if (this.steps > 0) this.spin[this.steps - 1] = 1;
  }

  private append(entity: number, awaited: boolean, step: number, accesses: readonly number[], spin: boolean): void {
    const i = this.steps + this.pending;
    if (i + 2 > this.entity.length) this.growEntries();
    this.entity[i] = entity;
    this.awaited[i] = awaited ? 1 : 0;
    this.spin[i] = spin ? 1 : 0;
    this.stepOf[i] = step;
    for (const x of accesses) {
      if (this.accLen === this.acc.length) this.acc = grow32(this.acc);
      this.acc[this.accLen++] = x;
    }
    this.accStart[i + 1] = this.accLen;
  }

  private growEntries(): void {
    this.entity = grow32(this.entity);
    this.stepOf = grow32(this.stepOf);
    const w = new Uint8Array(this.entity.length);
    w.set(this.awaited);
    this.awaited = w;
    const sp = new Uint8Array(this.entity.length);
    sp.set(this.spin);
    this.spin = sp;
    const s = new Int32Array(this.entity.length + 1);
    s.set(this.accStart);
    this.accStart = s;
  }
}

function grow32(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
