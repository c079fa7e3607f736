import type { CheckResult } from '../checker/checker-api';
import { checkHistory } from '../checker';
import type { CorpusReplayResult } from '../corpus/corpus-replay-result';
import type { RecordingReplay } from '../corpus/replay-recording';
import type { ExploreResult } from '../explore/explore-options';
import type { Operation } from '../history/operation';
import { formatInterleaving } from '../report/interleaving-table';
import type { VariantCheck } from './variant-check';

/** What a jest/vitest matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The `this` jest and vitest give a matcher (only `isNot` is read). */
interface MatcherContext {
  readonly isNot?: boolean;
}

function describeOps(ops: readonly Operation[], ids: readonly number[]): string {
  const byId = new Map(ops.map((o) => [o.id, o]));
  return ids.map((id) => {
    const o = byId.get(id);
    if (o === undefined) return `#${id}`;
    const io = `${o.input === undefined ? '' : JSON.stringify(o.input)}${o.output === undefined ? '' : ` -> ${JSON.stringify(o.output)}`}`;
    return `#${id} p${o.process} ${o.f}(${io}) [${o.call}, ${o.ret ?? '...'}]`;
  }).join('\n  ');
}

/**
 * Matchers for jest (`expect.extend(lockstepMatchers)`, done by `lockstep/jest`) and vitest,
 * with failure messages that show what went wrong, not a boolean:
 *
 * - `expect(history).toBeLinearizable('mutex')`: a recorded history (operations) or a
 *   CheckResult; a failure names the operations that cannot be linearized and why.
 * - `expect(exploreResult).toHaveNoFindings()` / `.toFindBug(kind?)`: the result of `explore()`;
 *   a failure shows the interleaving table and the replay command.
 * - `expect(variantCheck).toBehaveAsDeclared()`: the result of `checkVariant()`.
 * - `expect(replay).toReproduce()`: a corpus-entry or token replay still fails.
 */
export const lockstepMatchers = {
  toBeLinearizable(this: MatcherContext, received: readonly Operation[] | CheckResult, spec?: string): MatcherResult {
    let r: CheckResult;
    let ops: readonly Operation[] = [];
    if (Array.isArray(received)) {
      if (spec === undefined) return { pass: false, message: () => 'toBeLinearizable(spec): name the sequential spec to check the history against, e.g. toBeLinearizable(\'mutex\')' };
      ops = received;
      r = checkHistory(spec, ops);
    } else r = received as CheckResult;
    const pass = r.verdict === 'linearizable';
    return {
      pass,
      message: () => {
        if (pass) return `expected the history not to be linearizable${spec ? ` against ${spec}` : ''}, but it is (${ops.length} operations)`;
        if (r.verdict === 'unknown') return `the checker could not decide within its budget (stopped by ${r.stoppedBy ?? 'budget'})`;
        const x = r.explanation;
        if (x === undefined) return `the history is not linearizable${spec ? ` against ${spec}` : ''}`;
        return [
          `the history is not linearizable${spec ? ` against ${spec}` : ''}${x.partition ? ` (key ${x.partition})` : ''}: ${x.reason}`,
          `longest linearizable prefix:\n  ${describeOps(ops, x.longestPrefix) || '(empty)'}`,
          `${x.stateAfterPrefix ? `state after it: ${x.stateAfterPrefix}\n` : ''}operations that cannot come next:\n  ${describeOps(ops, x.stuck)}`,
        ].join('\n');
      },
    };
  },

  toHaveNoFindings(this: MatcherContext, received: ExploreResult): MatcherResult {
    const f = received.findings[0];
    return {
      pass: f === undefined,
      message: () => f === undefined
        ? `expected a finding, none in ${received.executions} executions`
        : `expected no finding in ${received.executions} executions, found ${f.outcome.finding?.kind}: ${f.outcome.finding?.message}\n\n${formatInterleaving(f.outcome)}\nreplay: npx lockstep replay ${f.replay}`,
    };
  },

  toFindBug(this: MatcherContext, received: ExploreResult, kind?: string): MatcherResult {
    const hit = received.findings.find((f) => kind === undefined || f.outcome.finding?.kind === kind);
    const kinds = [...new Set(received.findings.map((f) => f.outcome.finding?.kind))].join(', ');
    return {
      pass: hit !== undefined,
      message: () => hit !== undefined
        ? `expected no ${kind ?? 'finding'}, found ${hit.outcome.finding?.kind}: ${hit.outcome.finding?.message}\n\n${formatInterleaving(hit.outcome)}\nreplay: npx lockstep replay ${hit.replay}`
        : `expected ${kind === undefined ? 'a finding' : `a ${kind}`}, ${kinds === '' ? 'found nothing' : `found only ${kinds}`} in ${received.executions} executions: raise the runs, or the bug needs another workload`,
    };
  },

  toBehaveAsDeclared(this: MatcherContext, received: VariantCheck): MatcherResult {
    return { pass: received.pass, message: () => received.message };
  },

  toReproduce(this: MatcherContext, received: CorpusReplayResult | RecordingReplay): MatcherResult {
    const pass = received.status === 'reproduces' || received.status === 'changed';
    return {
      pass,
      message: () => `${pass ? 'expected the recording not to fail any more' : 'expected the recording to fail'}: ${received.status}, ${received.reason}${pass && received.outcome ? `\n\n${formatInterleaving(received.outcome)}` : ''}`,
    };
  },
};

/** The matchers' signatures as they read on `expect(x)`, for declaration merging by the adapters. */
export interface LockstepMatchers<R> {
  /** The history (operations, or a CheckResult) is linearizable against `spec` (e.g. 'mutex'). */
  toBeLinearizable(spec?: string): R;
  /** An `explore()` result with no finding; a failure shows the interleaving and the replay command. */
  toHaveNoFindings(): R;
  /** An `explore()` result with a finding (of `kind`, when given). */
  toFindBug(kind?: string): R;
  /** A `checkVariant()` result that passed. */
  toBehaveAsDeclared(): R;
  /** A corpus-entry or token replay that still fails. */
  toReproduce(): R;
}
