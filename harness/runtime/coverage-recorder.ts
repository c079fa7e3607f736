import { OP_NAMES } from './op-code';

/**
 * Coverage signal: which (thread, program point, pending op) triples were stepped. One map
 * per thread from location to a bitmask of op codes, so the step loop builds no strings.
 */
export class CoverageRecorder {
  private readonly perThread: Map<string, number>[];

  constructor(threads: number) {
    this.perThread = Array.from({ length: threads }, () => new Map<string, number>());
  }

  hit(thread: number, location: string, op: number): void {
    const m = this.perThread[thread];
    const bits = m.get(location);
    const bit = 1 << op;
    if (bits === undefined) m.set(location, bit);
    else if ((bits & bit) === 0) m.set(location, bits | bit);
  }

  /** `${thread}:${location}:${op}` strings, in order of first appearance per thread. */
  strings(names: readonly string[]): string[] {
    const out: string[] = [];
    this.perThread.forEach((m, t) => {
      for (const [loc, bits] of m) {
        for (let op = 0; op < 32; op++) if ((bits >>> op) & 1) out.push(`${names[t]}:${loc}:${OP_NAMES[op] ?? op}`);
      }
    });
    return out;
  }
}
