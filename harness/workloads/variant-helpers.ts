import type { Expectation, VariantSpec } from '../target/target';
import { TargetError } from '../target/target-error';

/**
 * Expected result per memory model: `expectation('clean')` (the same under every model),
 * `expectation('clean', 'violation')` (sc, then tso: a bug that needs store buffering) or
 * `expectation('clean', 'clean', 'violation')` (then arm64-lite: a bug only a weakly ordered
 * cpu shows). Without the third argument arm64-lite expects what tso does.
 */
export function expectation(sc: Expectation, tso: Expectation = sc, arm64Lite?: Expectation): VariantSpec['expect'] {
  return arm64Lite === undefined ? { sc, tso } : { sc, tso, 'arm64-lite': arm64Lite };
}

/**
 * Look up a variant's builder in a table keyed by variant name; an unknown name is a
 * TargetError naming the valid ones (the CLI validates names first, so this only fires for
 * programmatic misuse or a variant declared without a builder).
 *
 * @example
 * ```ts
 * const BUILDERS = { correct: { atomic: true }, 'check-then-set': { atomic: false } };
 * setup(env, variant, workload) { const o = pickVariant('my-lock', variant, BUILDERS); ... }
 * ```
 */
export function pickVariant<B>(target: string, variant: string, builders: Readonly<Record<string, B>>): B {
  const b = Object.prototype.hasOwnProperty.call(builders, variant) ? builders[variant] : undefined;
  if (b === undefined) {
    throw new TargetError(`${target}: unknown variant '${variant}' (expected one of: ${Object.keys(builders).join(', ')})`);
  }
  return b;
}
