import type { Expectation, VariantSpec } from '../../harness/target/target';

/**
 * Expected result per memory model: `expectation('clean')`, `expectation('clean', 'violation')`
 * or, when arm64-lite differs from tso, `expectation('clean', 'clean', 'violation')`
 * (without the third argument arm64-lite expects what tso does).
 */
export function expectation(sc: Expectation, tso: Expectation = sc, arm64Lite?: Expectation): VariantSpec['expect'] {
  return arm64Lite === undefined ? { sc, tso } : { sc, tso, 'arm64-lite': arm64Lite };
}

/**
 * Look up a variant's builder; an unknown name is a setup error naming the valid ones
 * (the CLI validates names first, so this only fires for programmatic misuse).
 */
export function pickVariant<B>(target: string, variant: string, builders: Readonly<Record<string, B>>): B {
  const b = Object.prototype.hasOwnProperty.call(builders, variant) ? builders[variant] : undefined;
  if (b === undefined) {
    throw new Error(`${target}: unknown variant '${variant}' (expected one of: ${Object.keys(builders).join(', ')})`);
  }
  return b;
}
