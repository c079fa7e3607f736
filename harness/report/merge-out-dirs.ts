/**
 * `lockstep merge DIR... --out DIR` (issue 5 "--shard"): union the corpora of many campaign
 * --out directories (or plain corpus directories) by content hash, merge their report.json
 * files with `mergeReports`, write the merged report.json / summary.md / junit.xml / index.html and copy
 * each merged finding's folder (repro.json, trace.txt, trace.json, finding.html). Idempotent:
 * merging the same inputs again, or merging the output with its inputs, writes the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendFileOnce } from '../corpus/atomic-write';
import { encodeEntry } from '../corpus/corpus-codec';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { CorpusError } from '../corpus/corpus-error';
import { entryPath, listEntryFiles, loadEntryFile, type LoadedEntry } from '../corpus/corpus-store';
import { writeFilesAtomic, type FileWrite } from '../output/atomic-batch';
import { describeFsError } from '../output/fs-failure';
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
  /** The merged report (undefined when no input had a usable report.json: corpora only). */
  readonly report?: CampaignReport;
  /** report.json files left out because their shards were already included. */
  readonly skippedReports: readonly string[];
  /**
   * Inputs (directories, report.json files, corpus entries, finding files) that could not be
   * used, each a CorpusError naming the file and what is wrong; everything else was merged.
   */
  readonly problems: readonly CorpusError[];
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
 * Merge `inputs` into `outDir`. Each input is read on its own (issue 10): a missing
 * directory, a malformed report.json or a corrupt corpus entry is listed in `problems` and
 * left out, and everything else is merged. Among the reports' representatives of one
 * signature only the winner (representative.ts) enters the merged corpus, so merging the
 * shards of a campaign gives the unsharded campaign's corpus; entries of plain corpus
 * directories, and entries a killed shard saved before its report listed them, are all kept.
 * Files are written atomically, in batches (output/atomic-batch.ts).
 */
export async function mergeOutDirs(inputs: readonly string[], outDir: string, options: MergeOutOptions = {}): Promise<MergeOutResult> {
  if (inputs.length === 0) throw new CorpusError('', '', 'no input directory given');
  const problems: CorpusError[] = [];
  const read = inputs.map((d) => readInput(d, problems)).filter((r): r is InputDir => r !== undefined);
  const reportInputs = read.flatMap((r) => (r.report ? [r.report] : []));
  const merged = reportInputs.length > 0 ? mergeReports(reportInputs) : undefined;
  if (merged) problems.push(...merged.rejected);
  const used = new Set(merged ? reportInputs.filter((r) => !merged.rejected.some((e) => e.file === r.file)).map((r) => r.file) : []);

  // representatives that lost to another shard's: not part of the merged campaign's corpus
  const winners = new Set(merged?.report.findings.map((f) => f.entryHash) ?? []);
  const losers = new Set(reportInputs.filter((r) => used.has(r.file)).flatMap((r) => r.report.findings.map((f) => f.entryHash)).filter((h) => !winners.has(h)));
  const outCorpus = path.join(outDir, OUT_CORPUS_DIR);
  const entries = new Map<string, CorpusEntry>();
  for (const r of read) {
    for (const l of r.entries) if (!(r.report && used.has(r.report.file) && losers.has(l.hash))) entries.set(l.hash, l.entry);
  }
  for (const f of merged?.report.findings ?? []) entries.set(f.entryHash, f.entry);
  const corpusWrites: FileWrite[] = [...entries.values()].map((e) => ({ file: entryPath(outCorpus, e), data: encodeEntry(e), keepExisting: true }));
  const newEntries = (await writeFilesAtomic(corpusWrites)).length;

  const files: string[] = [];
  if (merged) {
    const report = merged.report;
    const writes = report.findings.flatMap((f) => copyFindingDir(f, read, outDir, problems));
    const summary = renderSummaryMarkdown(report, { outDir });
    writes.push(
      { file: path.join(outDir, 'report.json'), data: encodeReport(report) },
      { file: path.join(outDir, 'summary.md'), data: summary },
      { file: path.join(outDir, 'junit.xml'), data: renderJunitXml(report, outDir) },
      { file: path.join(outDir, 'index.html'), data: renderCampaignHtml(report, { outDir, hasPages: (f) => writes.some((w) => w.file === path.join(outDir, f.dir, 'finding.html')) || fs.existsSync(path.join(outDir, f.dir, 'finding.html')) }) },
    );
    await writeFilesAtomic(writes);
    files.push(...writes.map((w) => w.file));
    if (options.githubStepSummary) appendFileOnce(options.githubStepSummary, `${summary}\n`);
  }
  return {
    ...(merged ? { report: merged.report } : {}),
    skippedReports: merged?.skipped ?? [],
    problems,
    corpusEntries: entries.size,
    newEntries,
    files,
  };
}

/**
 * Read one input: a campaign --out dir (report.json, its corpus/ folder) or a corpus dir
 * (entries anywhere below it). What cannot be used goes to `problems`; undefined when nothing
 * of the input is usable.
 */
function readInput(dir: string, problems: CorpusError[]): InputDir | undefined {
  const what = '(expected a lockstep fuzz --out directory or a corpus directory)';
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    problems.push(new CorpusError(dir, '', `no such directory ${what}`));
    return undefined;
  }
  if (!st.isDirectory()) {
    problems.push(new CorpusError(dir, '', `not a directory ${what}`));
    return undefined;
  }
  const reportFile = path.join(dir, 'report.json');
  if (fs.existsSync(reportFile)) {
    let report: ReportInput | undefined;
    try {
      report = { report: decodeReportText(readText(reportFile), reportFile), file: reportFile };
    } catch (e) {
      problems.push(asCorpusError(reportFile, e));
    }
    const corpus = path.join(dir, OUT_CORPUS_DIR);
    const entries = fs.existsSync(corpus) ? loadEntries(corpus, problems) : [];
    return report || entries.length > 0 ? { dir, ...(report ? { report } : {}), entries } : undefined;
  }
  const before = problems.length;
  const entries = loadEntries(dir, problems);
  if (entries.length === 0 && problems.length === before) problems.push(new CorpusError(dir, '', `neither a report.json nor any corpus entry ${what}`));
  return entries.length > 0 ? { dir, entries } : undefined;
}

/** Every readable, valid entry under `dir`; each bad file is a problem of its own. */
function loadEntries(dir: string, problems: CorpusError[]): LoadedEntry[] {
  let files: string[];
  try {
    files = listEntryFiles(dir);
  } catch (e) {
    problems.push(asCorpusError(dir, e));
    return [];
  }
  const out: LoadedEntry[] = [];
  for (const f of files) {
    try {
      out.push(loadEntryFile(f));
    } catch (e) {
      problems.push(asCorpusError(f, e));
    }
  }
  return out;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorpusError(file, '', `cannot read (${describeFsError(e)})`);
  }
}

function asCorpusError(file: string, e: unknown): CorpusError {
  return e instanceof CorpusError ? e : new CorpusError(file, '', describeFsError(e));
}

/**
 * The files of merged finding `f`'s artefact folder, copied from the input whose report holds
 * that representative (the first in input order), with the replay path that names the old
 * folder rewritten. Without a source folder, repro.json is written from the entry itself.
 */
function copyFindingDir(f: ReportedFinding, inputs: readonly InputDir[], outDir: string, problems: CorpusError[]): FileWrite[] {
  const dest = path.join(outDir, f.dir);
  const src = inputs.find((i) => i.report?.report.findings.some((g) => g.entryHash === f.entryHash && g.dir === f.dir) && fs.existsSync(path.join(i.dir, f.dir)));
  const reproOnly: FileWrite[] = [{ file: path.join(dest, 'repro.json'), data: encodeEntry(f.entry) }];
  if (!src) return reproOnly;
  const from = path.join(src.dir, f.dir);
  const oldCmd = replayCommand(path.join(from, 'repro.json'));
  const newCmd = replayCommand(path.join(dest, 'repro.json'));
  const out: FileWrite[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(from).sort();
  } catch (e) {
    problems.push(asCorpusError(from, e));
    return reproOnly;
  }
  for (const name of names) {
    const file = path.join(from, name);
    try {
      if (name.startsWith('.') || !fs.statSync(file).isFile()) continue;
      let data: string | Buffer = fs.readFileSync(file);
      if (oldCmd !== newCmd && /\.(txt|json|html)$/.test(name) && name !== 'repro.json') data = rewrite(data.toString('utf8'), oldCmd, newCmd);
      const target = path.join(dest, name);
      if (path.resolve(target) !== path.resolve(file)) out.push({ file: target, data });
    } catch (e) {
      problems.push(asCorpusError(file, e));
    }
  }
  // a killed shard may have left the folder without its repro.json: it comes from the report
  if (!names.includes('repro.json')) out.push(...reproOnly);
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
