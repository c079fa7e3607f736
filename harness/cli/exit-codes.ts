/**
 * Exit codes of the CLI (DECISIONS.md item 5) and how a command over many inputs (check
 * FILE..., replay DIR, merge DIR...) combines them (DECISIONS.md item 12): every input is
 * handled on its own and the command exits with the most severe code among them.
 */

/** Exit codes, as documented in the README's command section. */
export const EXIT = {
  clean: 0,
  finding: 1,
  badInput: 2,
  harnessError: 3,
  stale: 4,
  sigint: 130,
  sigterm: 143,
} as const;

/**
 * Severity, most severe first: an input that could not be read or is malformed (2), a harness
 * error, failed write, unknown verdict or missing shard (3), a finding or an entry that still
 * fails (1), a stale entry (4, only when nothing still fails), clean (0).
 */
const SEVERITY: readonly number[] = [EXIT.badInput, EXIT.harnessError, EXIT.finding, EXIT.stale, EXIT.clean];

/** The most severe of `codes` (0 for none); unknown codes rank above all known ones. */
export function worstExitCode(codes: Iterable<number>): number {
  let worst: number = EXIT.clean;
  const rank = (c: number): number => { const i = SEVERITY.indexOf(c); return i < 0 ? -1 : i; };
  for (const c of codes) if (rank(c) < rank(worst)) worst = c;
  return worst;
}
