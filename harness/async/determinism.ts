/**
 * The determinism check of the async front end (issue 9 "Determinism check"): replaying a
 * decision log must give the identical event trace. A target that behaves differently depends
 * on something lockstep does not control (real I/O, a real timer captured before the
 * execution, unseeded randomness, state kept between executions); that is reported as
 * uncontrolled nondeterminism naming the first divergent event, never as a bug of the lock.
 */
import { TargetError } from '../target/target-error';

/** Where two event traces first differ. */
export interface EventDivergence {
  /** 0-based index of the first differing event. */
  readonly index: number;
  readonly recorded: string | undefined;
  readonly replayed: string | undefined;
}

/** The first difference of two event traces, or undefined when they are identical. */
export function firstDivergence(recorded: readonly string[], replayed: readonly string[]): EventDivergence | undefined {
  const n = Math.max(recorded.length, replayed.length);
  for (let i = 0; i < n; i++) {
    if (recorded[i] !== replayed[i]) return { index: i, recorded: recorded[i], replayed: replayed[i] };
  }
  return undefined;
}

/** `task1 steps`, `timer #3 fires at 10 ms`, ... for an event descriptor (async-execution.ts). */
export function describeEvent(e: string | undefined): string {
  if (e === undefined) return 'the end of the execution';
  const n = e.slice(1);
  switch (e[0]) {
    case 's': return `task${n} steps`;
    case 'i': return `setImmediate #${n} runs`;
    case 'a': return `an abort signal of task${n} fires`;
    case 't': {
      const [id, at] = n.split('@');
      return `timer #${id} fires at ${at} ms`;
    }
    default: return e;
  }
}

/** The TargetError of a divergence. */
export function uncontrolledNondeterminism(target: string, variant: string, d: EventDivergence): TargetError {
  return new TargetError(
    `uncontrolled nondeterminism in target '${target}' (variant '${variant}'): replaying the same decisions gave a different event ${d.index + 1}: ` +
    `recorded '${describeEvent(d.recorded)}', replayed '${describeEvent(d.replayed)}'. The target depends on something lockstep does not control ` +
    '(real I/O, a real timer captured before the execution, randomness not from Math.random, state kept between executions); this is not a bug of the lock',
  );
}
