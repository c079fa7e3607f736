/**
 * `lockstep fuzz --shard I/N` + `lockstep merge`: the merged report of all shards shows the
 * same cells and findings as the unsharded campaign with the same seed (issue 5 "--shard").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { listEntryFiles } from '../harness/corpus/corpus-store';
import type { CampaignReport } from '../harness/report/campaign-report';
import { decodeReportText } from '../harness/report/report-codec';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const TARGETS = ['tas:check-then-set', 'futex-mutex:no-wake', 'ticket:correct'];

async function fuzz(out: string, extra: string[]): Promise<CampaignReport> {
  const io = captureIo();
  const code = await main(['fuzz', ...TARGETS, '--runs', '600', '--seed', '5', '--workers', '1', '--out', out, ...extra], io);
  // a shard may hold no failing batch: 0 or 1, never a usage or harness error
  expect({ code: code <= 1 ? 'ran' : code, stderr: io.stderr.includes('lockstep:') ? io.stderr : '' }).toEqual({ code: 'ran', stderr: '' });
  return decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), out);
}

/** What must not depend on the shard count: per cell executions and findings, and the finding list. */
function essence(r: CampaignReport): unknown {
  return {
    cells: r.cells.map((c) => ({ cell: `${c.target}:${c.variant}@${c.memory}`, executions: c.executions, byKind: c.findingsByKind, findings: c.findings.map((f) => [f.signature, f.count]) })),
    findings: r.findings.map((f) => `${f.target}:${f.variant}@${f.memory} ${f.signature} x${f.count}`),
  };
}

test('merging the shards of a campaign gives the unsharded campaign', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-shards-'));
  const whole = await fuzz(path.join(root, 'whole'), []);
  await fuzz(path.join(root, 's1'), ['--shard', '1/2']);
  await fuzz(path.join(root, 's2'), ['--shard', '2/2']);
  const io = captureIo();
  expect(await main(['merge', path.join(root, 's1'), path.join(root, 's2'), '--out', path.join(root, 'merged'), '--expect-shards', '2'], io)).toBe(0);
  const merged = decodeReportText(fs.readFileSync(path.join(root, 'merged', 'report.json'), 'utf8'), 'merged');
  expect(merged.shard).toEqual({ indices: [1, 2], count: 2 });
  expect(essence(merged)).toEqual(essence(whole));
  expect(whole.findings.length).toBeGreaterThan(0);
  // the same representatives (representative.ts), and the merged corpus IS the unsharded one
  expect(merged.findings.map((f) => f.entryHash)).toEqual(whole.findings.map((f) => f.entryHash));
  for (const f of merged.findings) expect(fs.existsSync(path.join(root, 'merged', f.dir, 'repro.json'))).toBe(true);
  const corpusOf = (dir: string): string[] => listEntryFiles(path.join(root, dir, 'corpus')).map((f) => path.relative(path.join(root, dir), f)).sort();
  expect(corpusOf('merged')).toEqual(corpusOf('whole'));
});
