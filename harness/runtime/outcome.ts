import type { Operation } from '../history/operation';

/** Verdict of one execution. `inconclusive` = step bound hit with nothing found: never a bug. */
export type Verdict = 'ok' | 'violation' | 'deadlock' | 'hang' | 'crash' | 'inconclusive';

export type FindingKind = 'violation' | 'deadlock' | 'hang' | 'crash';

/** Where a stuck thread is and what it waits for (deadlock / hang reports). */
export interface StuckThread {
  readonly thread: number;
  readonly name: string;
  /** Last `t.at(...)` location. */
  readonly location: string;
  /** State: 'spinning', 'waiting', 'halted (pv_wait)', 'futex wait', 'sleeping', 'irqs off', ... */
  readonly state: string;
  /** What it waits on, e.g. `lock.val == 0 (value 0x40003)`. */
  readonly waitingFor: string;
}

/** A bug found by one execution. */
export interface Finding {
  readonly kind: FindingKind;
  /** Human message, the model's own for assertions. */
  readonly message: string;
  /** Thread that raised it (assertions, crash), if any. */
  readonly thread?: number;
  /** Program point(s) involved: used for deduplication signatures. */
  readonly locations: readonly string[];
  readonly stuck?: readonly StuckThread[];
  /** Extra report lines (Instance.describe()). */
  readonly details?: readonly string[];
  /** JS stack of a crash in target code. */
  readonly stack?: string;
}

/** One row of the interleaving table. */
export interface TraceEntry {
  readonly step: number;
  readonly thread: number;
  /** Primitive name (`cmpxchg`, `store`), `flush`, `ipi`, `block`, `wake`, `choose`, `call`, `return`. */
  readonly op: string;
  readonly cell?: string;
  /** Value read / written / result, already formatted. */
  readonly value?: string;
  readonly location?: string;
}

/** Everything one execution produced: data, never thrown. */
export interface ExecutionOutcome {
  readonly verdict: Verdict;
  readonly finding?: Finding;
  readonly history: readonly Operation[];
  readonly trace?: readonly TraceEntry[];
  /** The decision log: replaying it reproduces this execution exactly. */
  readonly decisions: readonly number[];
  readonly steps: number;
  readonly preemptions: number;
  /** Thread names, index = thread id. */
  readonly threadNames: readonly string[];
  /** Coverage signal: distinct (thread, program point) pairs hit, as strings. */
  readonly coverage?: readonly string[];
  /**
   * Async front end: one descriptor per dispatched event (`s1` task 1 stepped, `t3@10` timer 3
   * fired at 10 ms, `i4` immediate 4, `a0` an abort of task 0). Replaying the decision log must
   * give the same list; a difference is uncontrolled nondeterminism (async/determinism.ts).
   */
  readonly events?: readonly string[];
}
