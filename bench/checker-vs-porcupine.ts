import * as fs from 'fs';
import * as path from 'path';
import { casRegisterHistory, formatEtcdLog } from './history-generators';
import { measureProcess, spread, type ProcessSample } from './process-measure';
import { buildPorcupine, PORCUPINE_VERSION } from './porcupine-runner';

/** One comparison row: the same files through `lockstep check` and through Porcupine. */
interface Row {
  readonly name: string;
  readonly model: string;
  readonly porcupineModel: string;
  readonly files: readonly string[];
}

/** Porcupine's figures as last measured (bench/porcupine-recorded.json). */
interface Recorded {
  readonly measuredOn: string;
  readonly machine: string;
  readonly rows: Readonly<Record<string, { readonly cpuMs: number; readonly wallMs: number; readonly maxRssMb?: number }>>;
}

const fmt = (x: number | undefined, digits = 0): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

/** The rows of issue 12's table (a generated 2000-op cas-register history stands for its last row). */
function rows(dataDir: string, work: string): Row[] {
  const etcd = fs.readdirSync(path.join(dataDir, 'jepsen')).filter((f) => f.endsWith('.log')).sort().map((f) => path.join(dataDir, 'jepsen', f));
  const cas = path.join(work, 'cas-2000-5pc-unknown.log');
  fs.writeFileSync(cas, formatEtcdLog(casRegisterHistory({ seed: 7, ops: 2000, processes: 10, slack: 10, infoRate: 0.05, renumberAfterCrash: true })));
  const kv = (f: string): string => path.join(dataDir, 'kv', f);
  return [
    { name: `all ${etcd.length} etcd files (one process)`, model: 'cas-register', porcupineModel: 'etcd', files: etcd },
    { name: 'etcd_002', model: 'cas-register', porcupineModel: 'etcd', files: [path.join(dataDir, 'jepsen', 'etcd_002.log')] },
    { name: 'kv c50-ok', model: 'kv', porcupineModel: 'kv', files: [kv('c50-ok.txt')] },
    { name: 'kv c50-bad', model: 'kv', porcupineModel: 'kv', files: [kv('c50-bad.txt')] },
    { name: 'kv c10-ok, no partitioning', model: 'kv-nopartition', porcupineModel: 'kv-nopartition', files: [kv('c10-ok.txt')] },
    { name: 'kv c10-bad, no partitioning', model: 'kv-nopartition', porcupineModel: 'kv-nopartition', files: [kv('c10-bad.txt')] },
    { name: 'cas-register, 2000 ops, 5 % unknown outcome (generated)', model: 'cas-register', porcupineModel: 'etcd', files: [cas] },
  ];
}

/**
 * The CLI as an installed package has it (bin/ beside dist/ and node_modules/, no TypeScript
 * sources): a folder in `work` with a copy of the launcher and links to the built tree. Run
 * from the checkout, the launcher first checks every source file against dist/ (a stale
 * build), which no user of the package pays (~20-30 ms CPU).
 */
function installedCli(repoRoot: string, work: string): string {
  const root = path.join(work, 'installed-lockstep');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'bin', 'lockstep.js'), path.join(root, 'bin', 'lockstep.js'));
  for (const dir of ['dist', 'node_modules', 'package.json']) fs.symlinkSync(path.join(repoRoot, dir), path.join(root, dir));
  return path.join(root, 'bin', 'lockstep.js');
}

/**
 * Issue 12 goal 3: `lockstep check` against Porcupine, each run as a user runs it (a fresh
 * process per row: start-up, parsing, JIT and exit included), `reps` interleaved runs per
 * row, on this machine and in this run when Go can build Porcupine, else against the last
 * recorded figures (with their date). Porcupine runs with GOMAXPROCS=1 (its partitions
 * would otherwise use both cores; lockstep uses one). Goal: CPU ratio <= 0.5 on every row,
 * peak memory ratio < 2. Returns markdown.
 */
export function comparePorcupine(repoRoot: string, dataDir: string, work: string, reps = 5): string {
  const cli = installedCli(repoRoot, work);
  const recordedFile = path.join(repoRoot, 'bench', 'porcupine-recorded.json');
  const recorded = JSON.parse(fs.readFileSync(recordedFile, 'utf8')) as Recorded;
  const build = buildPorcupine(repoRoot);
  const live = 'binary' in build;
  const out: string[] = [
    '### lockstep check vs Porcupine, through the command line (issue 12 goal 3)', '',
    live
      ? `Porcupine ${PORCUPINE_VERSION} measured now, in this run (${build.go}; source ${build.source}; GOMAXPROCS=1). `
      : `Porcupine not measured in this run: ${build.reason}. Its figures are those recorded on ${recorded.measuredOn} (${recorded.machine}). `,
    `Each row is a fresh process per run of \`lockstep check\` as installed (bin/ beside dist/, no sources), ${reps} runs per side interleaved; CPU = user + system time of the process (GNU time), ` +
      'the robust figure on a shared machine; median, and min-max in brackets; RSS = median of the runs\' peaks. Goal: lockstep CPU <= 0.5x Porcupine\'s, peak RSS < 2x.', '',
    '| history | lockstep CPU ms | lockstep wall ms | lockstep RSS MB | Porcupine CPU ms | Porcupine wall ms | Porcupine RSS MB | CPU ratio | RSS ratio | goal met (CPU <= 0.5x, RSS < 2x) | Node start-up alone | verdicts agree |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
  ];
  // Node's own start-up (`node -e 0`), measured beside every row: where it is above half of
  // Porcupine's whole run, the CPU goal is out of reach for any JavaScript checker
  const floor: ProcessSample[] = [];
  const floorRss: number[] = [];
  const fresh: Record<string, { cpuMs: number; wallMs: number; maxRssMb?: number }> = {};
  for (const row of rows(dataDir, work)) {
    const ours: ProcessSample[] = [], theirs: ProcessSample[] = [];
    for (let k = 0; k < reps; k++) {
      ours.push(measureProcess(process.execPath, [cli, 'check', '--model', row.model, '--json', ...row.files]));
      const f = measureProcess(process.execPath, ['-e', '0']);
      floor.push(f);
      if (f.maxRssMb !== undefined) floorRss.push(f.maxRssMb);
      if (live) theirs.push(measureProcess(build.binary, ['-model', row.porcupineModel, ...row.files], { ...process.env, GOMAXPROCS: '1' }));
    }
    const oc = spread(ours.map((s) => s.cpuMs)), ow = spread(ours.map((s) => s.wallMs));
    // median of the runs' peaks on both sides: Porcupine's varies with Go's GC (c50-bad 15-33 MB)
    const orss = spread(ours.map((s) => s.maxRssMb ?? Number.NaN)).median;
    const verdictsOurs = ours[0]!.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { verdict: string }).verdict === 'linearizable');
    let pc: number, pw: number, prss: number | undefined, agree = '(recorded)', pcText: string;
    if (live) {
      const c = spread(theirs.map((s) => s.cpuMs));
      pc = c.median;
      pw = spread(theirs.map((s) => s.wallMs)).median;
      prss = spread(theirs.map((s) => s.maxRssMb ?? Number.NaN)).median;
      pcText = `${fmt(pc)} (${fmt(c.min)}-${fmt(c.max)})`;
      const verdictsTheirs = theirs[0]!.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { linearizable: boolean }).linearizable);
      agree = verdictsOurs.length === verdictsTheirs.length && verdictsOurs.every((v, i) => v === verdictsTheirs[i]) ? 'yes' : 'NO';
      fresh[row.name] = { cpuMs: pc, wallMs: pw, ...(prss !== undefined && !Number.isNaN(prss) ? { maxRssMb: Math.round(prss) } : {}) };
    } else {
      const r = recorded.rows[row.name];
      pc = r?.cpuMs ?? Number.NaN;
      pw = r?.wallMs ?? Number.NaN;
      prss = r?.maxRssMb;
      pcText = fmt(pc);
    }
    const cpuMet = oc.median <= 0.5 * pc;
    const rssMet = prss !== undefined && orss < 2 * prss;
    const nodeCpu = spread(floor.map((x) => x.cpuMs)).median;
    const floorNote = `${fmt(nodeCpu)} ms${nodeCpu > 0.5 * pc ? ' (> 0.5x Porcupine: CPU goal out of reach)' : ''}`;
    out.push(`| ${row.name} | ${fmt(oc.median)} (${fmt(oc.min)}-${fmt(oc.max)}) | ${fmt(ow.median)} | ${fmt(orss)} | ${pcText} | ${fmt(pw)} | ${fmt(prss)} | ` +
      `${fmt(oc.median / pc, 2)} | ${prss === undefined ? '-' : fmt(orss / prss, 2)} | CPU ${cpuMet ? 'yes' : 'no'}, RSS ${prss === undefined ? '?' : rssMet ? 'yes' : 'no'} | ${floorNote} | ${agree} |`);
  }
  const nodeRss = floorRss.length === 0 ? Number.NaN : spread(floorRss).median;
  out.push('', `Node ${process.version} itself (\`node -e 0\`): ${fmt(spread(floor.map((x) => x.cpuMs)).median)} ms CPU, ${fmt(nodeRss)} MB peak RSS, ` +
    'measured beside every row; the RSS goal is out of reach where Porcupine\'s peak is below half of that.');
  if (live) {
    out.push('', `To refresh the recorded figures (used where Go is absent), copy this into bench/porcupine-recorded.json: ` +
      `\`${JSON.stringify({ measuredOn: new Date().toISOString().slice(0, 10), machine: recorded.machine, rows: fresh })}\``);
  }
  return out.join('\n') + '\n';
}
