/**
 * The project config (issue 8): lockstep.config.* found from the working directory upward,
 * its targets used when no target is named, precedence flags > LOCKSTEP_* > config >
 * defaults, one-line errors naming the file (or variable) and the key, and `lockstep init`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { INIT_FILES } from '../harness/cli/commands/init';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-config-')));
const home = process.cwd();
const saved = { ...process.env };

beforeAll(() => {
  fs.mkdirSync(path.join(project, 'locks'), { recursive: true });
  fs.mkdirSync(path.join(project, 'deep', 'er'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "configured", "private": true }\n');
  fs.copyFileSync(path.join(__dirname, 'fixtures', 'tas-lock.ts'), path.join(project, 'locks', 'tas.ts'));
  process.chdir(project);
});
afterAll(() => {
  process.chdir(home);
  fs.rmSync(project, { recursive: true, force: true });
});
afterEach(() => {
  process.chdir(project);
  for (const k of Object.keys(process.env)) if (k.startsWith('LOCKSTEP_') && !(k in saved)) delete process.env[k];
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

function writeConfig(text: string, name = 'lockstep.config.ts'): void {
  for (const f of fs.readdirSync(project)) if (f.startsWith('lockstep.config.')) fs.rmSync(path.join(project, f));
  fs.writeFileSync(path.join(project, name), text);
}

function reportOf(dir: string): { budget?: { runs?: number; timeSec?: number }; campaignSeed: number; cells: { target: string; memory: string }[] } {
  return JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
}

describe('lockstep.config', () => {
  it('is found from a subdirectory; its targets are what list and fuzz take without arguments', async () => {
    writeConfig(`export default { targets: ['locks/*.ts'], corpus: 'saved', reports: 'out', memory: ['sc'], workers: 0, seed: 5, fuzz: { runs: 100 } };\n`);
    process.chdir(path.join(project, 'deep', 'er'));
    const listed = await cli('list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).targets.map((t: { name: string }) => t.name)).toEqual(['mylock']);
    const builtin = await cli('list', '--builtin', '--json');
    expect(JSON.parse(builtin.out).targets.length).toBeGreaterThan(5);
    const f = await cli('fuzz');
    expect(f.code).toBe(1);
    // the report folder under the config's `reports`, the corpus in its `corpus`, both relative to the config
    const outs = fs.readdirSync(path.join(project, 'out'));
    expect(outs).toHaveLength(1);
    const report = reportOf(path.join(project, 'out', outs[0]!));
    expect(report).toMatchObject({ budget: { runs: 100 }, campaignSeed: 5 });
    expect(new Set(report.cells.map((c) => `${c.target}@${c.memory}`))).toEqual(new Set(['mylock@sc']));
    expect(fs.readdirSync(path.join(project, 'saved', 'mylock')).length).toBeGreaterThan(0);
    // triage replays the config's corpus
    const t = await cli('triage', '../../locks/tas.ts', '--base', 'check-then-set', '--patch', 'correct', '--runs', '50');
    expect(t.code).toBe(0);
    expect(t.err).toMatch(/[1-9]\d* corpus entries/);
  });

  it('precedence: flags > LOCKSTEP_* > config > defaults', async () => {
    writeConfig(`export default { targets: ['locks/tas.ts:correct'], memory: ['sc'], workers: 0, fuzz: { runs: 100 }, seed: 3 };\n`);
    const viaConfig = await cli('fuzz', '--out', 'p1');
    expect(viaConfig.code).toBe(0);
    expect(reportOf('p1')).toMatchObject({ budget: { runs: 100 }, campaignSeed: 3 });
    process.env.LOCKSTEP_FUZZ_RUNS = '60';
    process.env.LOCKSTEP_SEED = '4';
    await cli('fuzz', '--out', 'p2');
    expect(reportOf('p2')).toMatchObject({ budget: { runs: 60 }, campaignSeed: 4 });
    await cli('fuzz', '--out', 'p3', '--runs', '40', '--seed', '9');
    expect(reportOf('p3')).toMatchObject({ budget: { runs: 40 }, campaignSeed: 9 });
    // a budget is one setting: --time on the command line hides the lower levels' runs
    await cli('fuzz', '--out', 'p4', '--time', '1');
    expect(reportOf('p4').budget).toEqual({ timeSec: 1 });
  });

  it('one-line errors naming the file (or variable) and the key: exit 2', async () => {
    writeConfig(`export default { targets: ['locks/*.ts'], fuzz: { time: '60s' } };\n`);
    let r = await cli('fuzz');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`lockstep: lockstep.config.ts: 'fuzz.time' must be a whole number of seconds >= 1, got "60s"\n`);
    writeConfig(`{ "target": ["locks/*.ts"] }\n`, 'lockstep.config.json');
    r = await cli('list');
    expect(r.err).toMatch(/^lockstep: lockstep\.config\.json: 'target' is not a lockstep config key \(known: targets, /);
    writeConfig(`export default { targets: ['locks/*.ts'] };\nconst x: number = ;\n`);
    r = await cli('list');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lockstep: lockstep\.config\.ts: cannot be loaded: .*lockstep\.config\.ts:2/);
    writeConfig(`export default { targets: ['locks/*.ts'] };\n`);
    process.env.LOCKSTEP_WORKERS = 'many';
    r = await cli('fuzz', '--runs', '10');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`lockstep: LOCKSTEP_WORKERS: expected an integer >= 0, got 'many'\n`);
    r = await cli('--config', 'nope.ts', 'list');
    expect(r.err).toBe(`lockstep: nope.ts: does not exist (given as the config file)\n`);
  });

  it('--config names the file; a .json config works like a module', async () => {
    writeConfig(`{ "targets": ["locks/tas.ts:correct"], "memory": ["sc"], "workers": 0, "fuzz": { "runs": 30 } }\n`, 'lockstep.config.json');
    fs.mkdirSync(path.join(project, 'other'), { recursive: true });
    fs.writeFileSync(path.join(project, 'other', 'cfg.mjs'), `export default { targets: ['../locks/tas.ts:check-then-set'], memory: ['sc'], workers: 0, fuzz: { runs: 30 } };\n`);
    expect((await cli('fuzz', '--out', 'j1')).code).toBe(0);
    expect((await cli('--config', 'other/cfg.mjs', 'fuzz', '--out', 'j2')).code).toBe(1);
  });
});

describe('lockstep init', () => {
  it('writes the config and the example target, and refuses to overwrite anything', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-init-'));
    try {
      process.chdir(dir);
      const r = await cli('init');
      expect(r.code).toBe(0);
      for (const f of INIT_FILES) expect(fs.existsSync(path.join(dir, f))).toBe(true);
      expect(r.out).toMatch(/created lockstep\.config\.ts\ncreated locks\/spinlock\.ts\n/);
      const before = fs.readFileSync(path.join(dir, 'locks', 'spinlock.ts'), 'utf8');
      fs.writeFileSync(path.join(dir, 'locks', 'spinlock.ts'), '// mine\n');
      const again = await cli('init');
      expect(again.code).toBe(2);
      expect(again.err).toBe('lockstep: init: lockstep.config.ts already exists here; nothing written (edit it, or remove it to start over)\n');
      fs.rmSync(path.join(dir, 'lockstep.config.ts'));
      const third = await cli('init');
      expect(third.code).toBe(2);
      expect(third.err).toMatch(/init: locks\/spinlock\.ts already exists here; nothing written/);
      expect(fs.existsSync(path.join(dir, 'lockstep.config.ts'))).toBe(false);
      expect(fs.readFileSync(path.join(dir, 'locks', 'spinlock.ts'), 'utf8')).toBe('// mine\n');
      expect(before).toMatch(/from 'lockstep'/);
    } finally {
      process.chdir(project);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
