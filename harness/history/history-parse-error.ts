/**
 * A history file that does not parse: names the file, the 1-based line and what was
 * expected there. The CLI turns it into exit code 2 without a stack trace.
 */
export class HistoryParseError extends Error {
  constructor(readonly file: string, readonly line: number, readonly expected: string) {
    super(`${file}:${line}: ${expected}`);
    this.name = 'HistoryParseError';
  }
}
