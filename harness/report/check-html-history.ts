import type { CheckResult } from '../checker/checker-api';
import type { Operation } from '../history/operation';
import type { CheckHtmlHistory } from './check-html-input';

/**
 * Assemble the HTML view's record of one checked history. `result` must come from a check
 * run with `describeStates: true` (otherwise the states column stays empty).
 */
export function toCheckHtmlHistory(file: string, model: string, ops: readonly Operation[], result: CheckResult, lines?: readonly number[]): CheckHtmlHistory {
  const ex = result.explanation ?? result.progress;
  const order = result.verdict === 'linearizable' ? result.linearization ?? [] : ex?.longestPrefix ?? [];
  const states = result.verdict === 'linearizable' ? result.linearizationStates ?? [] : ex?.prefixStates ?? [];
  return {
    file, model, verdict: result.verdict,
    ops: ops.map((o) => ({
      id: o.id, process: o.process, f: o.f, input: o.input, output: o.output, call: o.call, ret: o.ret ?? null,
      ...(o.key !== undefined ? { key: o.key } : {}), ...(lines?.[o.id] !== undefined ? { line: lines[o.id] } : {}),
    })),
    order, states, initialState: result.initialState ?? '', stuck: ex?.stuck ?? [],
    ...(ex?.reason !== undefined ? { reason: ex.reason } : {}),
    ...(ex?.partition !== undefined ? { partition: ex.partition } : {}),
    steps: result.steps,
  };
}
