/**
 * Error of a corpus file that cannot be used: unreadable, not JSON, malformed, or written by a
 * newer harness. Names the file and the field so the user knows what to fix. The CLI turns it
 * into exit code 2 (bad input).
 */
export class CorpusError extends Error {
  /** Stable code for programmatic handling. */
  readonly code = 'LOCKSTEP_CORPUS';
  constructor(
    /** File (or `<input>` when decoding text without a file). */
    readonly file: string,
    /** Dotted field path, e.g. `finding.kind`; empty when the whole file is at fault. */
    readonly field: string,
    /** What is wrong and what was expected. */
    readonly problem: string,
  ) {
    super(field ? `${file}: field "${field}": ${problem}` : `${file}: ${problem}`);
    this.name = 'CorpusError';
  }
}
