/**
 * Did a cell (target/variant/memory) behave as expected? One rule for junit.xml, summary.md,
 * the terminal summary and the exit code under `--expect` (issue 11 "JUnit and summaries"):
 * a JUnit test case means "this cell behaved as expected". A finding where the variant is
 * expected clean fails; an expected bug that was not found fails too (the search lost power,
 * or the budget is too small); an expected bug that was found passes and carries the finding.
 * A bug expectation is met by any finding: where a variant shows another kind first, both are
 * consequences of the same race (e.g. the rendezvous use-after-free before the exit-barrier
 * hang), and the verdict says so.
 */

/** How a cell compares with its expectation. */
export type CellOutcome =
  /** Expected clean (or no expectation) and nothing found. */
  | 'clean'
  /** Expected a bug and found one: a pass that carries the finding. */
  | 'expected-bug-found'
  /** Found something where the variant is expected clean (or has no expectation): a failure. */
  | 'unexpected-finding'
  /** Expected a bug, found nothing: a failure. */
  | 'missed-expectation'
  /** Expected a bug, found nothing, but the report covers only part of the campaign (a shard, an interrupted run): the merged/complete report decides. */
  | 'undecided';

/** The verdict of one cell. */
export interface CellVerdict {
  readonly outcome: CellOutcome;
  /** False for unexpected findings and missed expectations. */
  readonly pass: boolean;
  /** One sentence for JUnit messages and summaries. */
  readonly message: string;
}

/** What the rule reads of a cell. */
export interface CellVerdictInput {
  /** The variant's expectation under this memory model (`clean`, `hang`, ...), if known. */
  readonly expected?: string;
  readonly executions: number;
  /** Deduplicated findings (first = the one named in messages). */
  readonly findings: readonly { readonly kind: string; readonly message: string }[];
}

/**
 * Judge a cell. `partial` names why the report cannot judge a missed expectation (`shard 2 of
 * 4`, `an interrupted campaign`); then an expected bug not found is `undecided`, not a failure.
 */
export function cellVerdict(c: CellVerdictInput, partial?: string): CellVerdict {
  const expectsBug = c.expected !== undefined && c.expected !== 'clean';
  const first = c.findings[0];
  const more = c.findings.length > 1 ? ` (+${c.findings.length - 1} more)` : '';
  const runs = `${c.executions} execution${c.executions === 1 ? '' : 's'}`;
  if (first === undefined) {
    if (!expectsBug) return { outcome: 'clean', pass: true, message: `clean in ${runs}${c.expected === 'clean' ? ', as expected' : ''}` };
    if (partial !== undefined) {
      return { outcome: 'undecided', pass: true, message: `expected ${article(c.expected!)}, nothing found in ${runs} of ${partial}: the report of the whole campaign decides` };
    }
    return { outcome: 'missed-expectation', pass: false, message: `expected ${article(c.expected!)}, nothing found in ${runs}: the search lost power or the budget is too small` };
  }
  if (!expectsBug) {
    return { outcome: 'unexpected-finding', pass: false, message: `unexpected ${first.kind}${c.expected === 'clean' ? ' (expected clean)' : ''}: ${first.message}${more}` };
  }
  const kinds = [...new Set(c.findings.map((f) => f.kind))];
  const note = kinds.includes(c.expected!) ? '' : ` (not the expected kind ${c.expected}: another consequence of the same bug, or a different one; see the finding)`;
  return { outcome: 'expected-bug-found', pass: true, message: `expected ${c.expected}, found ${kinds.join(', ')}${note}: ${first.message}${more}` };
}

/** Why a report cannot judge missed expectations, or undefined when it covers the whole campaign. */
export function partialReason(report: { readonly shard: { readonly indices: readonly number[]; readonly count: number }; readonly interrupted?: boolean }): string | undefined {
  if (report.interrupted) return 'an interrupted campaign';
  if (report.shard.indices.length < report.shard.count) {
    return `shard${report.shard.indices.length > 1 ? 's' : ''} ${report.shard.indices.join(', ')} of ${report.shard.count}`;
  }
  return undefined;
}

/** `a hang`, `an ...` */
function article(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
