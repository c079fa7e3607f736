/**
 * Write a campaign report into an --out directory, every file atomically:
 * report.json, summary.md, junit.xml, index.html (the campaign page), and per finding `findings/<target>/<hash>/`
 * repro.json (the corpus entry), trace.txt (interleaving table), trace.json (Chrome Trace
 * Event format, opens in Perfetto) and finding.html. When GITHUB_STEP_SUMMARY names a file
 * (passed in: no environment access in here) the summary is appended to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckResult } from '../checker/checker-api';
import { appendFileOnce, writeFileAtomic } from '../corpus/atomic-write';
import { encodeEntry } from '../corpus/corpus-codec';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import { toChromeTrace } from './chrome-trace';
import { renderFindingHtml } from './finding-html';
import { renderJunitXml } from './junit-xml';
import { renderCampaignHtml } from './campaign-html';
import { encodeReport } from './report-codec';
import { findingText, replayCommand } from './report-format';
import { renderSummaryMarkdown } from './summary-markdown';
import { minimalityText } from './minimality-text';

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

/** A file to write: path relative to the --out directory, and its content. */
export interface ReportFile {
  readonly rel: string;
  readonly data: string;
}

/**
 * The artefact files of one finding (`<dir>/repro.json`, trace.txt, trace.json, finding.html),
 * rendered but not written: the campaign writes them as soon as the finding is shrunk
 * (fuzz/campaign-output.ts), the end-of-campaign writer only those not written yet.
 */
export function findingFiles(f: ReportedFinding, options: Pick<WriteReportOptions, 'outDir' | 'artefacts' | 'formatTrace'>): ReportFile[] {
  const repro = path.join(options.outDir, f.dir, 'repro.json');
  const files: ReportFile[] = [{ rel: path.join(f.dir, 'repro.json'), data: encodeEntry(f.entry) }];
  const art = options.artefacts(f);
  if (!art) {
    files.push({ rel: path.join(f.dir, 'trace.txt'), data: `(no trace: the entry could not be replayed here)\nreplay: ${replayCommand(repro)}\n` });
    return files;
  }
  const title = `${f.target}:${f.variant} (${f.memory})`;
  files.push({ rel: path.join(f.dir, 'trace.txt'), data: `${title}: ${findingText(f.kind, art.outcome.finding?.message ?? f.message)}\nreplay: ${replayCommand(repro)}\n${minimalityText(f.entry.finding.minimal, f.preemptions)}\n\n${options.formatTrace(art.outcome)}\n` });
  const trace = toChromeTrace({
    title,
    threadNames: art.outcome.threadNames,
    trace: art.outcome.trace ?? [],
    history: art.outcome.history,
    finding: findingText(f.kind, art.outcome.finding?.message ?? f.message),
    otherData: { signature: f.signature, replay: replayCommand(repro) },
  });
  files.push({ rel: path.join(f.dir, 'trace.json'), data: `${JSON.stringify(trace)}\n` });
  files.push({ rel: path.join(f.dir, 'finding.html'), data: renderFindingHtml({ entry: f.entry, outcome: art.outcome, ...(art.check ? { check: art.check } : {}), replayCommand: replayCommand(repro) }) });
  return files;
}

/**
 * report.json, summary.md, junit.xml and index.html of `report` (the summary text is returned
 * too). `hasPages` says whether a finding's folder has finding.html and trace.json (default:
 * whether finding.html exists on disk when this renders, i.e. after the findings were written).
 */
export function reportIndexFiles(report: CampaignReport, outDir: string, hasPages?: (f: ReportedFinding) => boolean): { files: ReportFile[]; summary: string } {
  const summary = renderSummaryMarkdown(report, { outDir });
  return {
    summary,
    files: [
      { rel: 'report.json', data: encodeReport(report) },
      { rel: 'summary.md', data: summary },
      { rel: 'junit.xml', data: renderJunitXml(report, outDir) },
      { rel: 'index.html', data: renderCampaignHtml(report, { outDir, hasPages: hasPages ?? ((f) => fs.existsSync(path.join(outDir, f.dir, 'finding.html'))) }) },
    ],
  };
}

/** Write `report` and its per-finding artefacts (synchronously, one atomic write per file). */
export function writeCampaignReport(report: CampaignReport, options: WriteReportOptions): WrittenReport {
  const out = options.outDir;
  const files: string[] = [];
  const index = reportIndexFiles(report, out, (f) => options.artefacts(f) !== undefined);
  for (const rf of [...report.findings.flatMap((f) => findingFiles(f, options)), ...index.files]) {
    const file = path.join(out, rf.rel);
    writeFileAtomic(file, rf.data);
    files.push(file);
  }
  if (options.githubStepSummary) appendFileOnce(options.githubStepSummary, `${index.summary}\n`);
  return { files, summary: index.summary };
}
