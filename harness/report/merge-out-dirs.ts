/**
 * `lockstep merge DIR... --out DIR` (issue 5 "--shard"): union the corpora of many campaign
 * --out directories (or plain corpus directories) by content hash, merge their report.json
 * files with `mergeReports`, write the merged report.json / summary.md / junit.xml / index.html and copy
 * each merged finding's folder (repro.json, trace.txt, trace.json, finding.html). Idempotent:
 * merging the same inputs again, or merging the output with its inputs, writes the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendFileOnce, writeFileAtomic } from '../corpus/atomic-write';
import { encodeEntry } from '../corpus/corpus-codec';
import { CorpusError } from '../corpus/corpus-error';
import { listEntryFiles, loadEntryFile, saveEntry, type LoadedEntry } from '../corpus/corpus-store';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import { renderJunitXml } from './junit-xml';
import { renderCampaignHtml } from './campaign-html';
import { mergeReports, type ReportInput } from './merge-reports';
import { decodeReportText, encodeReport } from './report-codec';
import { replayCommand } from './report-format';
import { renderSummaryMarkdown } from './summary-markdown';

/** Name of the corpus folder inside a campaign --out dir (fuzz's default --corpus). */
export const OUT_CORPUS_DIR = 'corpus';

/** Options of `mergeOutDirs`. */
export interface MergeOutOptions {
  /** Value of GITHUB_STEP_SUMMARY, when set (the merged summary is appended). */
  readonly githubStepSummary?: string;
}

/** What a merge read and wrote. */
export interface MergeOutResult {
  /** The merged report (undefined when no input had a report.json: corpora only). */
  readonly report?: CampaignReport;
  /** report.json files left out because their shards were already included. */
  readonly skippedReports: readonly string[];
  /** Distinct corpus entries in the merged corpus (`<out>/corpus`). */
  readonly corpusEntries: number;
  /** Entries that were not in `<out>/corpus` before. */
  readonly newEntries: number;
  /** Files written (report files and finding folders). */
  readonly files: readonly string[];
}

/** One input directory, read and validated. */
interface InputDir {
  readonly dir: string;
  readonly report?: ReportInput;
  readonly entries: readonly LoadedEntry[];
}

/**
 * Merge `inputs` into `outDir`. Every input is read and validated before anything is
 * written, so bad input (throws CorpusError naming the file) leaves `outDir` untouched.
 */
export function mergeOutDirs(inputs: readonly string[], outDir: string, options: MergeOutOptions = {}): MergeOutResult {
  if (inputs.length === 0) throw new CorpusError('', '', 'no input directory given');
  const read = inputs.map(readInput);
  const reportInputs = read.flatMap((r) => (r.report ? [r.report] : []));
  const merged = reportInputs.length > 0 ? mergeReports(reportInputs) : undefined;

  // corpus: every entry of every input (corpus folders and the reports' representatives)
  const outCorpus = path.join(outDir, OUT_CORPUS_DIR);
  const all = [...read.flatMap((r) => r.entries.map((l) => l.entry)), ...reportInputs.flatMap((r) => r.report.findings.map((f) => f.entry))];
  const hashes = new Set<string>();
  let newEntries = 0;
  for (const e of all) {
    const s = saveEntry(outCorpus, e);
    hashes.add(s.hash);
    if (s.created) newEntries++;
  }

  const files: string[] = [];
  if (merged) {
    const report = merged.report;
    for (const f of report.findings) files.push(...copyFindingDir(f, read, outDir));
    const write = (rel: string, data: string): void => {
      const file = path.join(outDir, rel);
      writeFileAtomic(file, data);
      files.push(file);
    };
    const summary = renderSummaryMarkdown(report, { outDir });
    write('report.json', encodeReport(report));
    write('summary.md', summary);
    write('junit.xml', renderJunitXml(report, outDir));
    write('index.html', renderCampaignHtml(report, { outDir, hasPages: (f) => fs.existsSync(path.join(outDir, f.dir, 'finding.html')) }));
    if (options.githubStepSummary) appendFileOnce(options.githubStepSummary, `${summary}\n`);
  }
  return {
    ...(merged ? { report: merged.report } : {}),
    skippedReports: merged?.skipped ?? [],
    corpusEntries: hashes.size,
    newEntries,
    files,
  };
}

/**
 * Read one input: a campaign --out dir (report.json, its corpus/ folder) or a corpus dir
 * (entries anywhere below it). Throws CorpusError naming the file or directory.
 */
function readInput(dir: string): InputDir {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new CorpusError(dir, '', 'no such directory (expected a lockstep fuzz --out directory or a corpus directory)');
  }
  if (!st.isDirectory()) throw new CorpusError(dir, '', 'not a directory (expected a lockstep fuzz --out directory or a corpus directory)');
  const reportFile = path.join(dir, 'report.json');
  if (fs.existsSync(reportFile)) {
    const report = decodeReportText(fs.readFileSync(reportFile, 'utf8'), reportFile);
    const corpus = path.join(dir, OUT_CORPUS_DIR);
    const entries = fs.existsSync(corpus) ? listEntryFiles(corpus).map(loadEntryFile) : [];
    return { dir, report: { report, file: reportFile }, entries };
  }
  const entries = listEntryFiles(dir).map(loadEntryFile);
  if (entries.length === 0) throw new CorpusError(dir, '', 'neither a report.json nor any corpus entry (expected a lockstep fuzz --out directory or a corpus directory)');
  return { dir, entries };
}

/**
 * Copy the artefact folder of merged finding `f` from the input whose report holds that
 * representative (the first in input order), rewriting the replay path that names the old
 * folder. Without a source folder, repro.json is written from the entry itself.
 */
function copyFindingDir(f: ReportedFinding, inputs: readonly InputDir[], outDir: string): string[] {
  const dest = path.join(outDir, f.dir);
  const src = inputs.find((i) => i.report?.report.findings.some((g) => g.entryHash === f.entryHash && g.dir === f.dir) && fs.existsSync(path.join(i.dir, f.dir)));
  const out: string[] = [];
  if (!src) {
    const file = path.join(dest, 'repro.json');
    writeFileAtomic(file, encodeEntry(f.entry));
    return [file];
  }
  const from = path.join(src.dir, f.dir);
  const oldCmd = replayCommand(path.join(from, 'repro.json'));
  const newCmd = replayCommand(path.join(dest, 'repro.json'));
  for (const name of fs.readdirSync(from).sort()) {
    const file = path.join(from, name);
    if (name.startsWith('.') || !fs.statSync(file).isFile()) continue;
    let data: string | Buffer = fs.readFileSync(file);
    if (oldCmd !== newCmd && /\.(txt|json|html)$/.test(name) && name !== 'repro.json') data = rewrite(data.toString('utf8'), oldCmd, newCmd);
    const target = path.join(dest, name);
    if (path.resolve(target) !== path.resolve(file)) writeFileAtomic(target, data);
    out.push(target);
  }
  return out;
}

/** Replace the replay command, in its plain, JSON-escaped and HTML-escaped spellings. */
function rewrite(text: string, from: string, to: string): string {
  const spellings: [string, string][] = [
    [from, to],
    [JSON.stringify(from).slice(1, -1), JSON.stringify(to).slice(1, -1)],
    [htmlEscape(from), htmlEscape(to)],
  ];
  let s = text;
  for (const [a, b] of spellings) s = s.split(a).join(b);
  return s;
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
