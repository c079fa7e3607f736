/**
 * The published JSON Schemas (schemas/, DECISIONS.md item 8) against real outputs: every
 * committed corpus entry, a campaign's report.json, repro.json files and corpus, a merged
 * report, and `lockstep run --json`. Whoever changes one of these formats updates its schema
 * in the same commit; this test is what catches a forgotten one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { listEntryFiles } from '../harness/corpus/corpus-store';
import { DEFAULT_MEMORY_KNOBS, MEMORY_MODELS } from '../harness/memory/memory-model';
import { chromeTraceProblems } from '../harness/report/chrome-trace-check';
import { createSchemaValidator, schemaDir, SCHEMA_NAMES } from '../harness/report/json-schemas';
import { sampleReport } from './report-fixture';

const schemas = createSchemaValidator();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-schemas-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

test('the schemas compile in strict mode and list every memory knob', () => {
  expect(fs.readdirSync(schemaDir()).sort()).toEqual(SCHEMA_NAMES.map((n) => `${n}.schema.json`).sort());
  const entry = readJson(path.join(schemaDir(), 'corpus-entry.schema.json')) as { $defs: { knobs: { properties: object } } };
  expect(Object.keys(entry.$defs.knobs.properties).sort()).toEqual(Object.keys(DEFAULT_MEMORY_KNOBS).sort());
  expect((entry as unknown as { $defs: { memoryModel: { enum: string[] } } }).$defs.memoryModel.enum).toEqual([...MEMORY_MODELS]);
});

test('every committed corpus entry is a valid corpus entry', () => {
  const files = listEntryFiles('corpus');
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) expect({ f, problems: schemas.problems('corpus-entry', readJson(f)) }).toEqual({ f, problems: [] });
});

test("a campaign's report.json, repro.json files and corpus, and the merge of its shards, match their schemas; its trace.json files are drawable", async () => {
  const args = ['fuzz', 'tas:check-then-set', 'peterson:plain', 'ticket:correct', '--memory', 'all', '--runs', '400', '--seed', '3', '--workers', '0'];
  for (const shard of ['1/2', '2/2']) expect((await cli(...args, '--shard', shard, '--out', path.join(tmp, shard[0]!))).code).toBeLessThanOrEqual(1);
  expect((await cli('merge', path.join(tmp, '1'), path.join(tmp, '2'), '--out', path.join(tmp, 'merged'))).code).toBe(0);
  let repros = 0;
  for (const dir of ['1', '2', 'merged']) {
    const report = readJson(path.join(tmp, dir, 'report.json')) as { findings: { dir: string }[] };
    expect(schemas.problems('report', report)).toEqual([]);
    for (const f of report.findings) {
      repros++;
      expect(schemas.problems('repro', readJson(path.join(tmp, dir, f.dir, 'repro.json')))).toEqual([]);
      expect(chromeTraceProblems(readJson(path.join(tmp, dir, f.dir, 'trace.json')))).toEqual([]);
    }
    for (const f of listEntryFiles(path.join(tmp, dir, 'corpus'))) expect(schemas.problems('corpus-entry', readJson(f))).toEqual([]);
  }
  expect(repros).toBeGreaterThan(0);
  expect(schemas.problems('report', JSON.parse(JSON.stringify(sampleReport())))).toEqual([]);
});

test('lockstep run --json matches run-output, with one variant, several, and dfs', async () => {
  for (const argv of [['ticket:racy-take', '--seed', '3'], ['ticket', '--runs', '100'], ['ticket:correct', '--strategy', 'dfs', '--threads', '2', '--ops', '1'], ['ticket:correct', '--strategy', 'dfs', '--threads', '2', '--ops', '1', '--por'], ['ticket:racy-take', '--no-shrink']]) {
    const r = await cli('run', ...argv, '--json');
    expect({ argv, problems: schemas.problems('run-output', JSON.parse(r.out)) }).toEqual({ argv, problems: [] });
  }
});

test('the schemas reject what the formats forbid (they are not vacuous)', () => {
  const report = JSON.parse(JSON.stringify(sampleReport()));
  expect(schemas.problems('report', { ...report, shard: { indices: [0], count: 2 } })).toEqual(['/shard/indices/0: must be >= 1']);
  const entry = report.findings[0].entry;
  expect(schemas.problems('corpus-entry', { ...entry, knobs: { ...entry.knobs, storeIsFence: true } })).toEqual(["/knobs: must NOT have additional properties 'storeIsFence'"]);
  expect(schemas.problems('corpus-entry', { ...entry, workload: { ops: entry.workload.ops, args: [[1, { a: 2 }], [null]] } })).toEqual([]);
  expect(schemas.problems('corpus-entry', { ...entry, workload: { ops: entry.workload.ops, args: 3 } })).toEqual(['/workload/args: must be array']);
  expect(schemas.problems('repro', { ...entry, memory: 'arm' })[0]).toMatch(/^\/memory: must be equal to one of the allowed values/);
  expect(schemas.problems('run-output', { command: 'run', strategy: 'default', seed: 1, results: [], summary: { variants: 0, withFindings: 0, asExpected: 0, notAsExpected: [] } })).toEqual(["/: must have required property 'schemaVersion'"]);
});
