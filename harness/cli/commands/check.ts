import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { CheckInputError, checkHistory, resolveSpec, SPEC_REGISTRY, UnknownSpecError } from '../../checker/index';
import type { CheckResult } from '../../checker/checker-api';
import { HISTORY_FORMATS, parseHistory, type HistoryFormat } from '../../history/parse-history';
import { HistoryParseError } from '../../history/history-parse-error';
import type { ParsedHistory } from '../../history/history-event';
import { renderCheckHtml, type CheckHtmlHistory } from '../../report/check-html';
import { toCheckHtmlHistory } from '../../report/check-html-history';

interface CheckFlags {
  model: string;
  format?: string;
  timeout?: string;
  maxSteps?: string;
  json?: boolean;
  html?: string;
}

/** Result line of one file. */
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
    steps: r.result.steps, partitions: r.result.partitions,
    ...(r.result.stoppedBy ? { stoppedBy: r.result.stoppedBy } : {}),
    ...(ex && r.result.verdict !== 'linearizable' ? {
      explanation: {
        partition: ex.partition, longestPrefix: ex.longestPrefix, stateAfterPrefix: ex.stateAfterPrefix, reason: ex.reason,
        stuck: ex.stuck.map((id) => ({ ...r.parsed.ops[id]!, line: r.parsed.lines[id] })),
      },
    } : {}),
  }) + '\n';
}

function checkFile(file: string, flags: CheckFlags, format: HistoryFormat | undefined, html: boolean): FileReport {
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
  const timeout = positive('--timeout', flags.timeout);
  const maxSteps = positive('--max-steps', flags.maxSteps);
  const now = (): number => performance.now();
  const start = now();
  let result: CheckResult;
  try {
    result = checkHistory(flags.model, parsed.ops, {
      ...(maxSteps !== undefined ? { maxSteps } : {}),
      ...(timeout !== undefined ? { now, timeoutMs: timeout * 1000 } : {}),
    }, { describeStates: html, verdictOnly: !html });
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
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * `lockstep check --model SPEC [--format F] [--timeout S] [--max-steps N] [--json] [--html OUT] FILE...`:
 * check recorded histories for linearizability. Exit 0 = all linearizable, 1 = some file is
 * not, 3 = some file unknown (budget) and none illegal, 2 = bad input.
 */
export function registerCheck(program: Command, io: CliIo): void {
  const specs = SPEC_REGISTRY.map((e) => e.name + (e.parameter ? `[:N]` : '')).join('|');
  program.command('check')
    .description('check recorded histories for linearizability against a sequential spec')
    .requiredOption('--model <spec>', `sequential spec: ${specs}`)
    .option('--format <format>', `history format: ${HISTORY_FORMATS.join('|')} (default: detected from the first line)`)
    .option('--timeout <seconds>', 'time budget per file; when it runs out the verdict is unknown (exit 3)')
    .option('--max-steps <n>', 'spec-step budget per file')
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
      const htmlOut: CheckHtmlHistory[] = [];
      let illegal = 0, unknown = 0;
      for (const file of files) {
        const r = checkFile(file, flags, format, flags.html !== undefined);
        if (r.result.verdict === 'not-linearizable') illegal++;
        if (r.result.verdict === 'unknown') unknown++;
        io.out(flags.json ? jsonReport(r, flags.model) : textReport(r, flags.model));
        if (flags.html !== undefined) htmlOut.push(toCheckHtmlHistory(file, flags.model, r.parsed.ops, r.result, r.parsed.lines));
      }
      if (!flags.json && files.length > 1) {
        io.out(`${files.length} files: ${files.length - illegal - unknown} linearizable, ${illegal} not linearizable, ${unknown} unknown\n`);
      }
      if (flags.html !== undefined) {
        writeAtomic(flags.html, renderCheckHtml(htmlOut, `lockstep check --model ${flags.model}`));
        if (!flags.json) io.out(`HTML view written to ${flags.html}\n`);
      }
      io.exitCode = illegal > 0 ? 1 : unknown > 0 ? 3 : 0;
    });
}
