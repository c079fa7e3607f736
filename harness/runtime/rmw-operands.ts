/**
 * The update functions of RMW primitives, with their operands in fields: one set per
 * execution (only one RMW runs at a time), so an RMW allocates no closure.
 */
export class RmwOperands {
  a = 0;
  b = 0;
  readonly cmpxchg = (old: number): number => (old === this.a ? this.b : old);
  readonly xchg = (): number => this.a;
  readonly add = (old: number): number => old + this.a;
  readonly or = (old: number): number => old | this.a;
  readonly and = (old: number): number => old & this.a;
  readonly andNot = (old: number): number => old & ~this.a;
}
