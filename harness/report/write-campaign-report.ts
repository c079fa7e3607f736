/**
 * Write a campaign report into an --out directory, every file atomically:
 * report.json, summary.md, junit.xml, and per finding `findings/<target>/<hash>/`
 * repro.json (the corpus entry), trace.txt (interleaving table), trace.json (Chrome Trace
 * Event format, opens in Perfetto) and finding.html. When GITHUB_STEP_SUMMARY names a file
 * (passed in: no environment access in here) the summary is appended to it.
 */
import * as path from 'node:path';
import type { CheckResult } from '../checker/checker-api';
import { appendFileOnce, writeFileAtomic } from '../corpus/atomic-write';
import { encodeEntry } from '../corpus/corpus-codec';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import { toChromeTrace } from './chrome-trace';
import { renderFindingHtml } from './finding-html';
import { renderJunitXml } from './junit-xml';
import { encodeReport } from './report-codec';
import { findingText, replayCommand } from './report-format';
import { renderSummaryMarkdown } from './summary-markdown';

/** The replayed execution of a finding (with its trace) and its linearizability check. */
export interface FindingArtefacts {
  readonly outcome: ExecutionOutcome;
  readonly check?: CheckResult;
}

/** Options of `writeCampaignReport`. */
export interface WriteReportOptions {
  /** Output directory as the user gave it (also the prefix of printed replay paths). */
  readonly outDir: string;
  /**
   * The traced execution of a finding; undefined = no trace available (only repro.json and
   * a note are written). The campaign passes the traced outcome of the shrunk run; a corpus
   * replay (`replayEntry`, corpus/replay-corpus.ts) gives one too.
   */
  readonly artefacts: (finding: ReportedFinding) => FindingArtefacts | undefined;
  /** Interleaving-table formatter for trace.txt (report/interleaving-table.ts). */
  readonly formatTrace: (outcome: ExecutionOutcome) => string;
  /** Value of GITHUB_STEP_SUMMARY, when set. */
  readonly githubStepSummary?: string;
}

/** What was written. */
export interface WrittenReport {
  readonly files: readonly string[];
  readonly summary: string;
}

/** Write `report` and its per-finding artefacts. */
export function writeCampaignReport(report: CampaignReport, options: WriteReportOptions): WrittenReport {
  const out = options.outDir;
  const files: string[] = [];
  const write = (rel: string, data: string): void => {
    const file = path.join(out, rel);
    writeFileAtomic(file, data);
    files.push(file);
  };
  for (const f of report.findings) {
    const repro = path.join(out, f.dir, 'repro.json');
    write(path.join(f.dir, 'repro.json'), encodeEntry(f.entry));
    const art = options.artefacts(f);
    if (!art) {
      write(path.join(f.dir, 'trace.txt'), `(no trace: the entry could not be replayed here)\nreplay: ${replayCommand(repro)}\n`);
      continue;
    }
    const title = `${f.target}:${f.variant} (${f.memory})`;
    write(path.join(f.dir, 'trace.txt'), `${title}: ${findingText(f.kind, art.outcome.finding?.message ?? f.message)}\nreplay: ${replayCommand(repro)}\n\n${options.formatTrace(art.outcome)}\n`);
    const trace = toChromeTrace({
      title,
      threadNames: art.outcome.threadNames,
      trace: art.outcome.trace ?? [],
      history: art.outcome.history,
      finding: findingText(f.kind, art.outcome.finding?.message ?? f.message),
      otherData: { signature: f.signature, replay: replayCommand(repro) },
    });
    write(path.join(f.dir, 'trace.json'), `${JSON.stringify(trace)}\n`);
    write(path.join(f.dir, 'finding.html'), renderFindingHtml({ entry: f.entry, outcome: art.outcome, ...(art.check ? { check: art.check } : {}), replayCommand: replayCommand(repro) }));
  }
  const summary = renderSummaryMarkdown(report, { outDir: out });
  write('report.json', encodeReport(report));
  write('summary.md', summary);
  write('junit.xml', renderJunitXml(report, out));
  if (options.githubStepSummary) appendFileOnce(options.githubStepSummary, `${summary}\n`);
  return { files, summary };
}
