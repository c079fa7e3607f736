/**
 * report.json codec: encode a CampaignReport as canonical pretty JSON, and read one back with
 * a version check and field validation (for `lockstep merge`), throwing CorpusError naming
 * the file and field.
 */
import { prettyCanonicalJson } from '../corpus/canonical-json';
import { decodeEntry } from '../corpus/corpus-codec';
import { CorpusError } from '../corpus/corpus-error';
import { isMemoryModelName, MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import { REPORT_FORMAT_VERSION, type CampaignReport, type CellFinding, type CellReport, type PctBound, type ReportedFinding, type StrategyStats } from './campaign-report';

/** report.json text of `report`. */
export function encodeReport(report: CampaignReport): string {
  return prettyCanonicalJson(report);
}

/** Parse and validate report.json text. */
export function decodeReportText(text: string, file: string): CampaignReport {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new CorpusError(file, '', `not valid JSON (${(e as Error).message})`);
  }
  return decodeReport(v, file);
}

/** Validate a parsed report. */
export function decodeReport(v: unknown, file: string): CampaignReport {
  const bad = (field: string, expected: string, got: unknown): never => {
    throw new CorpusError(file, field, `expected ${expected}, got ${got === undefined ? 'nothing (field missing)' : JSON.stringify(got)?.slice(0, 60)}`);
  };
  const obj = (x: unknown, f: string): Record<string, unknown> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : bad(f, 'an object', x));
  const num = (x: unknown, f: string): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : bad(f, 'a non-negative number', x));
  const firstFoundOf = (x: Record<string, unknown>, f: string): { executions: number; elapsedMs?: number } => ({
    executions: num(x.executions, `${f}.executions`), ...(x.elapsedMs === undefined ? {} : { elapsedMs: num(x.elapsedMs, `${f}.elapsedMs`) }),
  });
  const int = (x: unknown, f: string): number => (typeof x === 'number' && Number.isInteger(x) ? x : bad(f, 'an integer', x));
  const str = (x: unknown, f: string): string => (typeof x === 'string' ? x : bad(f, 'a string', x));
  const arr = (x: unknown, f: string): unknown[] => (Array.isArray(x) ? x : bad(f, 'an array', x));
  const mem = (x: unknown, f: string): MemoryModelName => (isMemoryModelName(x) ? x : bad(f, `one of ${MEMORY_MODELS.join(', ')}`, x));
  const optStr = (x: unknown, f: string): { readonly [k: string]: string } | undefined => (x === undefined ? undefined : { v: str(x, f) });

  const o = obj(v, '');
  const version = int(o.formatVersion, 'formatVersion');
  if (version > REPORT_FORMAT_VERSION) throw new CorpusError(file, 'formatVersion', `report format ${version} was written by a newer lockstep (this one reads up to ${REPORT_FORMAT_VERSION}); upgrade lockstep`);
  if (version < 1) bad('formatVersion', 'a positive integer', version);
  const shard = obj(o.shard, 'shard');
  const shardCount = int(shard.count, 'shard.count');
  // version 1 numbered shards from 0; from version 2 they are 1-based like --shard I/N
  const base = version === 1 ? 0 : 1;
  const indices = arr(shard.indices, 'shard.indices').map((x, i) => {
    const n = int(x, `shard.indices[${i}]`);
    return n >= base && n < shardCount + base ? n + 1 - base : bad(`shard.indices[${i}]`, `a shard number in [${base}, ${shardCount - 1 + base}]`, n);
  });
  const cells: CellReport[] = arr(o.cells, 'cells').map((c0, i) => {
    const f = `cells[${i}]`;
    const c = obj(c0, f);
    const byKind = obj(c.findingsByKind, `${f}.findingsByKind`);
    const findings: CellFinding[] = arr(c.findings, `${f}.findings`).map((x0, j) => {
      const x = obj(x0, `${f}.findings[${j}]`);
      const g = `${f}.findings[${j}]`;
      return { signature: str(x.signature, `${g}.signature`), kind: str(x.kind, `${g}.kind`) as CellFinding['kind'], message: str(x.message, `${g}.message`), count: num(x.count, `${g}.count`), preemptions: num(x.preemptions, `${g}.preemptions`), entryHash: str(x.entryHash, `${g}.entryHash`) };
    });
    const strategies: StrategyStats[] = arr(c.strategies ?? [], `${f}.strategies`).map((x0, j) => {
      const g = `${f}.strategies[${j}]`;
      const x = obj(x0, g);
      return { strategy: str(x.strategy, `${g}.strategy`), executions: num(x.executions, `${g}.executions`), steps: num(x.steps, `${g}.steps`), timeMs: num(x.timeMs, `${g}.timeMs`), newCoverage: num(x.newCoverage, `${g}.newCoverage`), findings: num(x.findings, `${g}.findings`), ...(typeof x.exhausted === 'boolean' ? { exhausted: x.exhausted } : {}) };
    });
    const bounds: PctBound[] | undefined = c.residualBounds === undefined ? undefined : arr(c.residualBounds, `${f}.residualBounds`).map((x0, j) => {
      const g = `${f}.residualBounds[${j}]`;
      const x = obj(x0, g);
      return { depth: num(x.depth, `${g}.depth`), n: num(x.n, `${g}.n`), k: num(x.k, `${g}.k`), runs: num(x.runs, `${g}.runs`), ...(x.fraction === undefined ? {} : { fraction: num(x.fraction, `${g}.fraction`) }) };
    });
    const kinds: Record<string, number> = {};
    for (const [k, n] of Object.entries(byKind)) kinds[k] = num(n, `${f}.findingsByKind.${k}`);
    const risk = optStr(c.residualRisk, `${f}.residualRisk`);
    const expected = optStr(c.expected, `${f}.expected`);
    return {
      target: str(c.target, `${f}.target`),
      variant: str(c.variant, `${f}.variant`),
      memory: mem(c.memory, `${f}.memory`),
      executions: num(c.executions, `${f}.executions`),
      steps: num(c.steps, `${f}.steps`),
      timeMs: num(c.timeMs, `${f}.timeMs`),
      inconclusive: num(c.inconclusive ?? 0, `${f}.inconclusive`),
      findingsByKind: kinds,
      findings,
      strategies,
      ...(risk ? { residualRisk: risk.v } : {}),
      ...(bounds ? { residualBounds: bounds } : {}),
      ...(expected ? { expected: expected.v } : {}),
    };
  });
  const findings: ReportedFinding[] = arr(o.findings, 'findings').map((x0, i) => {
    const g = `findings[${i}]`;
    const x = obj(x0, g);
    let entry;
    try {
      entry = decodeEntry(x.entry, file);
    } catch (e) {
      if (e instanceof CorpusError) throw new CorpusError(file, `${g}.entry${e.field ? `.${e.field}` : ''}`, e.problem);
      throw e;
    }
    return {
      signature: str(x.signature, `${g}.signature`),
      kind: str(x.kind, `${g}.kind`) as ReportedFinding['kind'],
      message: str(x.message, `${g}.message`),
      target: str(x.target, `${g}.target`),
      variant: str(x.variant, `${g}.variant`),
      memory: mem(x.memory, `${g}.memory`),
      count: num(x.count, `${g}.count`),
      preemptions: num(x.preemptions, `${g}.preemptions`),
      ...(x.firstFound === undefined ? {} : { firstFound: firstFoundOf(obj(x.firstFound, `${g}.firstFound`), `${g}.firstFound`) }),
      entryHash: str(x.entryHash, `${g}.entryHash`),
      dir: str(x.dir, `${g}.dir`),
      entry,
    };
  });
  const budget = o.budget === undefined ? undefined : obj(o.budget, 'budget');
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    harnessVersion: str(o.harnessVersion, 'harnessVersion'),
    campaignSeed: int(o.campaignSeed, 'campaignSeed'),
    shard: { indices: [...new Set(indices)].sort((a, b) => a - b), count: shardCount },
    date: str(o.date, 'date'),
    ...(budget ? { budget: { ...(budget.timeSec === undefined ? {} : { timeSec: num(budget.timeSec, 'budget.timeSec') }), ...(budget.runs === undefined ? {} : { runs: num(budget.runs, 'budget.runs') }) } } : {}),
    ...(o.elapsedMs === undefined ? {} : { elapsedMs: num(o.elapsedMs, 'elapsedMs') }),
    ...(o.interrupted === true ? { interrupted: true } : {}),
    cells,
    findings,
  };
}
