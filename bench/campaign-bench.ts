/**
 * The default campaign as a new user runs it (`npx lockstep fuzz`: every built-in cell, the
 * default 45 s budget, one worker per core), through the CLI's own code path, repeated: wall
 * time, CPU time of the whole process (the pool's worker threads included), executions, and
 * the cells that missed their expected bug in each repetition. Figures, not assertions; the
 * time budget decides how many batches start, so executions follow the machine's speed and load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import type { CampaignReport } from '../harness/report/campaign-report';
import { campaignOverview, cellName } from '../harness/report/campaign-overview';

/** Repetitions of the campaign (each takes the 45 s budget plus shrinking and the report). */
const REPS = 3;

interface Rep {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly report: CampaignReport;
}

async function once(dir: string): Promise<Rep> {
  const io: CliIo = { exitCode: 0, isTty: false, out: () => undefined, err: () => undefined };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await main(['fuzz', '--out', dir, '--progress', 'off', '--reporter', 'json:' + path.join(dir, 'stdout.json')], io);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as CampaignReport;
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, report };
}

function spread(xs: readonly number[], fmt: (x: number) => string): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${fmt(s[Math.floor((s.length - 1) / 2)]!)} (${fmt(s[0]!)}-${fmt(s[s.length - 1]!)})`;
}

/** The campaign benchmark as markdown. */
export async function runCampaignBench(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-campaign-'));
  const reps: Rep[] = [];
  const loads: number[] = [];
  try {
    for (let i = 0; i < REPS; i++) {
      loads.push(os.loadavg()[0]);
      reps.push(await once(path.join(root, `rep-${i}`)));
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  const lines = ['## The default campaign: `npx lockstep fuzz`', ''];
  lines.push(`Machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), node ${process.version}; load average ${loads.map((l) => l.toFixed(1)).join(', ')} at the start of each repetition. ${REPS} repetitions, median (min-max).`, '');
  const first = reps[0]!.report;
  const execs = reps.map((r) => r.report.cells.reduce((n, c) => n + c.executions, 0));
  lines.push('| cells | budget | wall time | CPU time (all threads) | executions | executions per wall second | executions per CPU second | unique findings |', '|---:|---|---|---|---|---|---|---|');
  lines.push(`| ${first.cells.length} | ${first.budget?.timeSec ?? '?'} s | ${spread(reps.map((r) => r.wallMs / 1000), (x) => `${x.toFixed(1)} s`)} | ${spread(reps.map((r) => r.cpuMs / 1000), (x) => `${x.toFixed(0)} s`)} | ${spread(execs, (x) => x.toLocaleString('en-US'))} | ${spread(reps.map((r, i) => execs[i]! / (r.wallMs / 1000)), (x) => x.toFixed(0))} | ${spread(reps.map((r, i) => execs[i]! / (r.cpuMs / 1000)), (x) => x.toFixed(0))} | ${spread(reps.map((r) => r.report.findings.length), String)} |`, '');
  const missed = new Map<string, number>();
  const unexpected = new Map<string, number>();
  for (const r of reps) {
    const o = campaignOverview(r.report);
    for (const m of o.missed) missed.set(cellName(m.cell), (missed.get(cellName(m.cell)) ?? 0) + 1);
    for (const u of o.unexpectedCells) unexpected.set(cellName(u.cell), (unexpected.get(cellName(u.cell)) ?? 0) + 1);
  }
  const list = (m: Map<string, number>): string => [...m].sort().map(([c, n]) => `\`${c}\` (${n} of ${REPS})`).join(', ');
  lines.push(`Cells that missed their expected bug: ${missed.size === 0 ? 'none' : list(missed)}.`);
  lines.push(`Cells with an unexpected finding: ${unexpected.size === 0 ? 'none' : list(unexpected)}.`, '');
  return `${lines.join('\n')}\n`;
}
