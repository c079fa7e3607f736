import type { IpiHandler } from '../runtime/thread-api';

/** Vectors are bits of a 32-bit pending latch. */
export const MAX_IPI_VECTORS = 32;

/**
 * Per-cpu interrupt state: irqs on/off and the pending IPI latches
 * (seeds-rendezvous-futex-perf.md 0.2, "IPI model"). A send while the same vector is already
 * pending coalesces: the local APIC latches one instance, so the second send (and its payload)
 * is lost. Delivery happens at a preemption point of the target while its irqs are on; it is
 * a scheduler option chosen by the strategy (the runtime decides when it is offered).
 */
export class IpiController {
  // plain arrays: n is small and they are allocated once per execution (cheaper than typed arrays)
  /** 1 = irqs enabled. */
  readonly irqsOn: number[];
  /** Bitmask of pending vectors per cpu (unsigned). */
  readonly pending: number[];
  /** Payload per (cpu, vector), allocated at the first send (most targets send no IPI). */
  private payloads: number[][] | null = null;
  private readonly handlers: (IpiHandler | undefined)[] = [];
  /** Number of cpus with a non-zero latch (fast path for the step loop). */
  private pendingCpus = 0;

  constructor(cpus: number) {
    this.irqsOn = new Array<number>(cpus).fill(1);
    this.pending = new Array<number>(cpus).fill(0);
  }

  register(vector: number, handler: IpiHandler): void {
    checkVector(vector);
    if (this.handlers[vector] !== undefined) throw new Error(`IPI vector ${vector} has a handler already`);
    this.handlers[vector] = handler;
  }

  handler(vector: number): IpiHandler | undefined {
    return this.handlers[vector];
  }

  /** Latch `vector` on `cpu`. Returns false when it coalesced with a pending instance. */
  send(cpu: number, vector: number, payload: number): boolean {
    checkVector(vector);
    if (cpu < 0 || cpu >= this.pending.length || !Number.isInteger(cpu)) {
      throw new RangeError(`ipiSend: no cpu ${cpu} (cpus 0..${this.pending.length - 1})`);
    }
    if (this.handlers[vector] === undefined) throw new Error(`ipiSend: no handler registered for IPI vector ${vector} (SetupEnv.onIpi)`);
    const bit = (1 << vector) >>> 0;
    const p = this.pending[cpu];
    if ((p & bit) !== 0) return false;
    if (p === 0) this.pendingCpus++;
    this.pending[cpu] = (p | bit) >>> 0;
    if (this.payloads === null) this.payloads = Array.from({ length: this.pending.length }, () => new Array<number>(MAX_IPI_VECTORS).fill(0));
    this.payloads[cpu][vector] = payload;
    return true;
  }

  anyPending(): boolean {
    return this.pendingCpus > 0;
  }

  /** A pending IPI on `cpu` with its irqs on (the caller also checks it is at a preemption point). */
  deliverable(cpu: number): boolean {
    return this.pending[cpu] !== 0 && this.irqsOn[cpu] === 1;
  }

  /** Clear and return the lowest pending vector of `cpu`; its payload is `lastPayload`. */
  take(cpu: number): number {
    const p = this.pending[cpu];
    if (p === 0) throw new Error(`no IPI pending on cpu${cpu}`);
    const vector = 31 - Math.clz32(p & -p);
    const rest = (p & ~(1 << vector)) >>> 0;
    this.pending[cpu] = rest;
    if (rest === 0) this.pendingCpus--;
    this.lastPayload = this.payloads![cpu][vector];
    return vector;
  }

  /** Payload of the vector returned by the last `take`. */
  lastPayload = 0;

  /** Pending vectors of `cpu`, ascending (reports). */
  pendingVectors(cpu: number): number[] {
    const out: number[] = [];
    for (let v = 0; v < MAX_IPI_VECTORS; v++) if ((this.pending[cpu] >>> v) & 1) out.push(v);
    return out;
  }
}

function checkVector(vector: number): void {
  if (!Number.isInteger(vector) || vector < 0 || vector >= MAX_IPI_VECTORS) {
    throw new RangeError(`IPI vector ${vector} out of range 0..${MAX_IPI_VECTORS - 1}`);
  }
}
