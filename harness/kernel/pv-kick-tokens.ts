/**
 * Sticky pv_kick tokens (seeds-qspinlock.md 2.4): a kick of a vCPU that is not halted is
 * remembered (KVM pv_unhalted, Xen pending event) and consumed by its next pv_wait, which
 * then returns at once with 'token'. One token per cpu: kicks do not accumulate.
 */
export class PvKickTokens {
  private readonly tokens: number[];

  constructor(cpus: number) {
    this.tokens = new Array<number>(cpus).fill(0);
  }

  set(cpu: number): void {
    this.tokens[cpu] = 1;
  }

  has(cpu: number): boolean {
    return this.tokens[cpu] === 1;
  }

  /** Consume the token of `cpu`; true if there was one. */
  consume(cpu: number): boolean {
    if (this.tokens[cpu] === 0) return false;
    this.tokens[cpu] = 0;
    return true;
  }
}
