/**
 * GitHub Actions annotations (workflow commands on stdout) for `--reporter github`: an error
 * for each cell that did not behave as expected (unexpected finding, missed expectation), a
 * notice for each expected bug that was found, each with its replay command. Like vitest's
 * `github-actions` reporter, nothing for cells that passed cleanly.
 */
import type { JunitCase } from './junit-cases';

/** Escape the message of a workflow command (GitHub's toolkit: %, CR, LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error` / `::notice` line per case that has something to say. */
export function renderGithubAnnotations(cases: readonly JunitCase[]): string {
  const lines: string[] = [];
  for (const c of cases) {
    const where = `${c.suite}:${c.name}`;
    const replays = c.findings.slice(0, 3).map((f) => `replay: ${f.replay}`);
    const more = c.findings.length > 3 ? [`(+${c.findings.length - 3} more findings: see the report)`] : [];
    switch (c.verdict.outcome) {
      case 'unexpected-finding':
        lines.push(`::error title=${escapeProperty(`lockstep: unexpected ${c.findings[0]?.kind ?? 'finding'} in ${where}`)}::${escapeData([c.verdict.message, ...replays, ...more].join('\n'))}`);
        break;
      case 'missed-expectation':
        lines.push(`::error title=${escapeProperty(`lockstep: expected bug not found in ${where}`)}::${escapeData([c.verdict.message, ...(c.residualRisk ? [`residual risk: ${c.residualRisk}`] : [])].join('\n'))}`);
        break;
      case 'expected-bug-found':
        lines.push(`::notice title=${escapeProperty(`lockstep: expected ${c.findings[0]?.kind ?? 'bug'} found in ${where}`)}::${escapeData([c.verdict.message, ...replays, ...more].join('\n'))}`);
        break;
      default:
        break;
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
