import { CliError } from '../cli/cli-error';
import type { Target } from '../target/target';
import { builtinTargets } from '../../targets';

/** A target and the variants a `name[:variant]` argument selects. */
export interface ResolvedTarget {
  readonly target: Target;
  /** The named variant, or every variant of the target (in declaration order) when none was named. */
  readonly variants: readonly string[];
  /** True when the argument named a variant explicitly. */
  readonly explicitVariant: boolean;
}

/**
 * Look up `name[:variant]` among `targets` (default: the built-in ones). An unknown target or
 * variant is a CliError (exit 2) that lists the valid names.
 */
export function resolveTarget(spec: string, targets: readonly Target[] = builtinTargets()): ResolvedTarget {
  const colon = spec.indexOf(':');
  const name = colon < 0 ? spec : spec.slice(0, colon);
  const variant = colon < 0 ? undefined : spec.slice(colon + 1);
  const target = targets.find((t) => t.name === name);
  if (target === undefined) {
    const names = targets.map((t) => t.name).join(', ');
    throw new CliError(`unknown target '${name}'. Valid targets: ${names || '(none registered)'} (see \`lockstep list\`)`);
  }
  if (variant === undefined) return { target, variants: target.variants.map((v) => v.name), explicitVariant: false };
  if (!target.variants.some((v) => v.name === variant)) {
    const names = target.variants.map((v) => `${target.name}:${v.name}`).join(', ');
    throw new CliError(`unknown variant '${variant}' of target '${target.name}'. Valid: ${names}`);
  }
  return { target, variants: [variant], explicitVariant: true };
}
