import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { EXIT, worstExitCode } from '../exit-codes';
import { CheckInputError, checkHistory, DEFAULT_MAX_MEMORY_BYTES, resolveSpec, SPEC_REGISTRY, UnknownSpecError } from '../../checker/index';
import type { CheckBudget, CheckResult } from '../../checker/checker-api';
import { HISTORY_FORMATS, parseHistory, type HistoryFormat } from '../../history/parse-history';
import { HistoryParseError } from '../../history/history-parse-error';
import type { ParsedHistory } from '../../history/history-event';
import type { CheckHtmlHistory } from '../../report/check-html-input';

interface CheckFlags {
  model: string;
  format?: string;
  timeout?: string;
  maxSteps?: string;
  maxMemory?: string;
  json?: boolean;
  html?: string;
}

/** Result of one file. */
interface FileReport {
  readonly file: string;
  readonly parsed: ParsedHistory;
  readonly result: CheckResult;
  readonly elapsedMs: number;
}

function positive(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new CliError(`${flag} expects a positive number, got "${raw}"`);
  return v;
}

function describeOp(parsed: ParsedHistory, id: number): string {
  const o = parsed.ops[id]!;
  const out = o.ret === undefined ? 'unknown outcome' : `-> ${JSON.stringify(o.output)}`;
  const key = o.key !== undefined ? ` key ${JSON.stringify(o.key)}` : '';
  return `op ${id} (line ${parsed.lines[id]}, process ${o.process}): ${o.f}${key} ${JSON.stringify(o.input)} ${out}`;
}

function textReport(r: FileReport, model: string): string {
  const { result, parsed } = r;
  const head = result.verdict === 'linearizable' ? 'linearizable' : result.verdict === 'unknown' ? 'UNKNOWN' : 'NOT LINEARIZABLE';
  let s = `${r.file}: ${head} (${model}, ${parsed.ops.length} ops, ${result.steps} steps, ${r.elapsedMs.toFixed(1)} ms)\n`;
  const ex = result.explanation ?? result.progress;
  if (result.verdict !== 'linearizable' && ex !== undefined) {
    const part = ex.partition !== undefined ? ` in partition ${JSON.stringify(ex.partition)}` : '';
    s += `  longest linearizable prefix${part}: ${ex.longestPrefix.length} ops; state after it: ${ex.stateAfterPrefix ?? '?'}\n`;
    for (const id of ex.stuck) s += `  cannot place ${describeOp(parsed, id)}\n`;
    s += `  ${result.verdict === 'unknown' ? 'stopped' : 'reason'}: ${ex.reason}\n`;
  }
  return s;
}

function jsonReport(r: FileReport, model: string): string {
  const ex = r.result.explanation ?? r.result.progress;
  return JSON.stringify({
    file: r.file, model, verdict: r.result.verdict, ops: r.parsed.ops.length, elapsedMs: Math.round(r.elapsedMs * 1000) / 1000,
    steps: r.result.steps, partitions: r.result.partitions, algorithm: r.result.algorithm, memoryBytes: r.result.memoryBytes,
    ...(r.result.stoppedBy ? { stoppedBy: r.result.stoppedBy } : {}),
    ...(ex && r.result.verdict !== 'linearizable' ? {
      explanation: {
        partition: ex.partition, longestPrefix: ex.longestPrefix, stateAfterPrefix: ex.stateAfterPrefix, reason: ex.reason,
        stuck: ex.stuck.map((id) => ({ ...r.parsed.ops[id]!, line: r.parsed.lines[id] })),
      },
    } : {}),
  }) + '\n';
}

/** Read, parse and check one file; a CliError (exit 2) names the file for anything wrong with it. */
function checkFile(file: string, model: string, format: HistoryFormat | undefined, budget: CheckBudget, html: boolean): FileReport {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read history file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let parsed: ParsedHistory;
  try {
    parsed = parseHistory(text, file, format);
  } catch (e) {
    if (e instanceof HistoryParseError) throw new CliError(`${e.message}`);
    throw e;
  }
  const now = (): number => performance.now();
  const start = now();
  let result: CheckResult;
  try {
    result = checkHistory(model, parsed.ops, { ...budget, now }, { describeStates: html, verdictOnly: !html });
  } catch (e) {
    if (e instanceof CheckInputError) throw new CliError(`${file}:${parsed.lines[e.opId] ?? '?'}: ${e.message}`);
    throw e;
  }
  return { file, parsed, result, elapsedMs: now() - start };
}

function writeAtomic(file: string, content: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`, EXIT.harnessError);
  }
}

const EXIT_OF = { linearizable: EXIT.clean, 'not-linearizable': EXIT.finding, unknown: EXIT.harnessError } as const;

/**
 * `lockstep check --model SPEC [--format F] [--timeout S] [--max-steps N] [--max-memory MB] [--json] [--html OUT] FILE...`:
 * check recorded histories for linearizability. Each file is handled on its own: one that
 * cannot be read or parsed is reported (one line on stderr, exit 2) and the others are
 * still checked. Exit with the most severe code (DECISIONS.md item 12): 2 a bad file,
 * 3 a verdict unknown (budget), 1 a history not linearizable, 0 all linearizable.
 */
export function registerCheck(program: Command, io: CliIo): void {
  const specs = SPEC_REGISTRY.map((e) => e.name + (e.parameter ? `[:N]` : '')).join('|');
  program.command('check')
    .description('check recorded histories for linearizability against a sequential spec')
    .requiredOption('--model <spec>', `sequential spec: ${specs}`)
    .option('--format <format>', `history format: ${HISTORY_FORMATS.join('|')} (default: detected from the first line)`)
    .option('--timeout <seconds>', 'time budget per file; when it runs out the verdict is unknown (exit 3)')
    .option('--max-steps <n>', 'spec-step budget per file')
    .option('--max-memory <MiB>', `memory budget of the search per file (default ${DEFAULT_MAX_MEMORY_BYTES / 2 ** 20}); when it runs out the verdict is unknown`)
    .option('--json', 'print one JSON object per file')
    .option('--html <out.html>', 'write a self-contained HTML view of the histories')
    .argument('<files...>', 'history files')
    .action((files: string[], flags: CheckFlags) => {
      try {
        resolveSpec(flags.model);
      } catch (e) {
        if (e instanceof UnknownSpecError) throw new CliError(`--model: ${e.message}`);
        throw e;
      }
      if (flags.format !== undefined && !HISTORY_FORMATS.includes(flags.format as HistoryFormat)) {
        throw new CliError(`--format expects one of ${HISTORY_FORMATS.join(', ')}, got "${flags.format}"`);
      }
      const format = flags.format as HistoryFormat | undefined;
      const timeout = positive('--timeout', flags.timeout);
      const maxSteps = positive('--max-steps', flags.maxSteps);
      const maxMemory = positive('--max-memory', flags.maxMemory);
      const budget: CheckBudget = {
        ...(maxSteps !== undefined ? { maxSteps } : {}),
        ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
        ...(maxMemory !== undefined ? { maxMemoryBytes: maxMemory * 2 ** 20 } : {}),
      };
      const html = flags.html !== undefined;
      const htmlOut: CheckHtmlHistory[] = [];
      const codes: number[] = [];
      const count = { linearizable: 0, 'not-linearizable': 0, unknown: 0, error: 0 };
      for (const file of files) {
        let r: FileReport;
        try {
          r = checkFile(file, flags.model, format, budget, html);
        } catch (e) {
          if (!(e instanceof CliError)) throw e;
          count.error++;
          codes.push(e.exitCode);
          io.err(`lockstep: ${e.message}\n`);
          if (flags.json) io.out(JSON.stringify({ file, model: flags.model, verdict: 'error', error: e.message }) + '\n');
          continue;
        }
        count[r.result.verdict]++;
        codes.push(EXIT_OF[r.result.verdict]);
        io.out(flags.json ? jsonReport(r, flags.model) : textReport(r, flags.model));
        if (html) {
          // loaded only for --html: the page's assets are a large module
          const { toCheckHtmlHistory } = require('../../report/check-html-history') as typeof import('../../report/check-html-history');
          htmlOut.push(toCheckHtmlHistory(file, flags.model, r.parsed.ops, r.result, r.parsed.lines));
        }
      }
      if (!flags.json && files.length > 1) {
        const errors = count.error > 0 ? `, ${count.error} unreadable or malformed` : '';
        io.out(`${files.length} files: ${count.linearizable} linearizable, ${count['not-linearizable']} not linearizable, ${count.unknown} unknown${errors}\n`);
      }
      if (flags.html !== undefined) {
        const { renderCheckHtml } = require('../../report/check-html') as typeof import('../../report/check-html');
        writeAtomic(flags.html, renderCheckHtml(htmlOut, `lockstep check --model ${flags.model}`));
        if (!flags.json) io.out(`HTML view written to ${flags.html}\n`);
      }
      io.exitCode = worstExitCode(codes);
    });
}
