import { preemptionCost } from '../strategy/preemption-cost';
import { HAND_OVER, type ChoicePoint, type ExecutionSummary, type OptionKind, type Strategy } from '../strategy/strategy';

/**
 * A schedule written as what was chosen rather than as option indices: `thread 2 steps`,
 * `flush cpu 1`, `value 3`. Unlike a decision log it survives edits of the workload: when the
 * shrinker drops thread t, the script drops t's entries and renumbers the threads above it,
 * and the run still follows "the same" interleaving of the remaining threads.
 */
export interface ScriptEntry {
  /** `keep` = take option 0 (keep running the current thread): what the shrinker puts in place of a preemption. */
  readonly kind: OptionKind | 'value' | 'keep';
  readonly target: number;
  /** Flush entries: the cpu's committable store taken (arm64-lite; absent = 0, the oldest). */
  readonly slot?: number;
  /** The choice was a preemption (recorded scripts only). */
  readonly preempts?: boolean;
}

/** Wraps a strategy and records the script of the choices it makes (until it hands over). */
export class RecordingStrategy implements Strategy {
  readonly name: string;
  readonly script: ScriptEntry[] = [];

  constructor(private readonly inner: Strategy) {
    this.name = inner.name;
  }

  beginExecution(index: number): boolean {
    this.script.length = 0;
    return this.inner.beginExecution(index);
  }

  choose(point: ChoicePoint): number {
    const c = this.inner.choose(point);
    if (c === HAND_OVER) return c;
    if (point.type === 'value') this.script.push({ kind: 'value', target: c });
    else {
      const o = point.options[c];
      const e: ScriptEntry = o.slot > 0 ? { kind: o.kind, target: o.target, slot: o.slot } : { kind: o.kind, target: o.target };
      this.script.push(preemptionCost(point, c) > 0 ? { ...e, preempts: true } : e);
    }
    return c;
  }

  endExecution(summary: ExecutionSummary): void {
    this.inner.endExecution(summary);
  }

  exhausted(): boolean {
    return this.inner.exhausted();
  }
}

/**
 * Follows a script: at each point, takes the option the next entry names; entries that name
 * nothing available any more (a dropped thread, a finished one) are skipped. When the script
 * runs out it hands over to the fair continuation, like the decisions strategy.
 */
export class ScriptStrategy implements Strategy {
  readonly name = 'script';
  private pos = 0;

  constructor(private readonly script: readonly ScriptEntry[]) {}

  beginExecution(index: number): boolean {
    void index;
    this.pos = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    while (this.pos < this.script.length) {
      const e = this.script[this.pos++];
      if (point.type === 'value') {
        if (e.kind === 'value') return e.target % point.n;
        continue;
      }
      if (e.kind === 'value') continue;
      if (e.kind === 'keep') return 0;
      const opts = point.options;
      const slot = e.slot ?? 0;
      for (let i = 0; i < opts.length; i++) if (opts[i].kind === e.kind && opts[i].target === e.target && opts[i].slot === slot) return i;
    }
    return HAND_OVER;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
  }

  exhausted(): boolean {
    return false;
  }
}

/** The script with its `i`-th entry replaced by `keep` (no preemption there), later entries unchanged. */
export function keepAt(script: readonly ScriptEntry[], i: number): ScriptEntry[] {
  const out = [...script];
  out[i] = { kind: 'keep', target: 0 };
  return out;
}

/** The script without thread (and cpu) `t`, threads above it renumbered down by one. */
export function dropThread(script: readonly ScriptEntry[], t: number): ScriptEntry[] {
  const out: ScriptEntry[] = [];
  for (const e of script) {
    if (e.kind === 'value' || e.kind === 'keep') { out.push(e); continue; }
    if (e.target === t) continue;
    out.push(e.target > t ? { kind: e.kind, target: e.target - 1, ...(e.slot !== undefined ? { slot: e.slot } : {}) } : e);
  }
  return out;
}
