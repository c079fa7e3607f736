import type { EnterOptions } from './task-api';

interface Holder {
  readonly task: number;
  readonly mode: 'exclusive' | 'shared' | 'weighted';
  readonly weight: number;
}

/**
 * Occupancy of the critical sections of one execution, per key: mutual exclusion (capacity 1),
 * k-exclusion (capacity k, weighted holders), reader-writer exclusion (shared holders only
 * with shared holders, an exclusive holder alone). `enter` answers the violation, if any.
 */
export class ExclusionMonitor {
  private readonly sections = new Map<string, Holder[]>();

  constructor(private readonly capacity: number, private readonly names: readonly string[]) {}

  /** Task `task` enters; returns a violation message when that breaks the rule. */
  enter(task: number, o: EnterOptions = {}): string | undefined {
    const key = o.key ?? '';
    const mode = o.mode ?? 'weighted';
    const weight = o.weight ?? 1;
    let holders = this.sections.get(key);
    if (holders === undefined) {
      holders = [];
      this.sections.set(key, holders);
    }
    const problem = this.conflict(holders, mode, weight);
    holders.push({ task, mode, weight });
    if (problem === undefined) return undefined;
    const where = key === '' ? 'the critical section' : `the critical section of key ${JSON.stringify(key)}`;
    const who = holders.slice(0, -1).map((h) => `${this.names[h.task] ?? `task${h.task}`}${h.mode === 'weighted' ? (h.weight === 1 ? '' : ` (weight ${h.weight})`) : ` (${h.mode})`}`).join(', ');
    const as = mode === 'weighted' ? (weight === 1 ? '' : ` with weight ${weight}`) : ` ${mode}`;
    return `${this.names[task] ?? `task${task}`} entered ${where}${as} while ${who} ${holders.length === 2 ? 'was' : 'were'} inside (${problem})`;
  }

  /** Task `task` leaves the section of `key`; false when it was not inside. */
  exit(task: number, key = ''): boolean {
    const holders = this.sections.get(key);
    const i = holders?.findIndex((h) => h.task === task) ?? -1;
    if (holders === undefined || i < 0) return false;
    holders.splice(i, 1);
    return true;
  }

  /** Holders of every section, for hang reports: `key: task0, task2`. */
  describe(): string[] {
    const out: string[] = [];
    for (const [key, hs] of this.sections) {
      if (hs.length > 0) out.push(`inside ${key === '' ? 'the critical section' : `key ${JSON.stringify(key)}`}: ${hs.map((h) => this.names[h.task] ?? `task${h.task}`).join(', ')}`);
    }
    return out;
  }

  private conflict(holders: readonly Holder[], mode: Holder['mode'], weight: number): string | undefined {
    if (holders.length === 0) return weight > this.capacity ? `weight ${weight} exceeds the capacity ${this.capacity}` : undefined;
    if (mode === 'exclusive' || holders.some((h) => h.mode === 'exclusive')) return 'exclusive access broken';
    if (mode === 'shared') return holders.every((h) => h.mode === 'shared') ? undefined : 'a reader beside a holder';
    if (holders.some((h) => h.mode === 'shared')) return 'a holder beside a reader';
    let used = weight;
    for (const h of holders) used += h.weight;
    return used > this.capacity ? (this.capacity === 1 ? 'mutual exclusion broken' : `${used} units held, capacity ${this.capacity}`) : undefined;
  }
}
