/**
 * The packed package as a user gets it (issue 8 "Done when"): `npm pack`, the tarball installed
 * into a fresh project outside the repository (`npm install ./lockstep-x.y.z.tgz`, nothing
 * else), then there: `npx lockstep init`, a bug added to the example lock, `npx lockstep fuzz`
 * finds it, the printed replay command reproduces it (exit 1), the fixed lock replays as
 * fixed (exit 0), `npx jest` runs the per-variant and the corpus regression tests,
 * `lockstep triage` of the two variants lists the fix, and CommonJS and ESM consumers import
 * the typed API (tsc over the package's .d.ts). Offline-safe: installs prefer the npm cache.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDoc } from './doc-runner';

const REPO = path.join(__dirname, '..');
const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-package-')));
const project = path.join(work, 'project');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment of a user's shell: no LOCKSTEP_* settings of the test run leak in. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LOCKSTEP_') && !k.startsWith('JEST_') && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, NO_COLOR: '1', CI: '1' };
}

function sh(cmd: string, args: readonly string[], cwd = project): SpawnSyncReturns<string> {
  return spawnSync(cmd, [...args], { cwd, env: userEnv(), encoding: 'utf8', timeout: 300_000 });
}

/** Run and require an exit code, showing the output when it differs. */
function expectExit(r: SpawnSyncReturns<string>, code: number, what: string): void {
  if (r.status !== code) throw new Error(`${what}: exit ${String(r.status)} (expected ${code})\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}

/** The installed bin, run directly (npx resolves to the same file; npm's own start-up is most of a short command's CPU). */
const bin = (name: string, dir = project): string => path.join(dir, 'node_modules', '.bin', name);
const lockstep = (...args: string[]): SpawnSyncReturns<string> => sh(bin('lockstep'), args);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packed package in a fresh project', () => {
  let tarball = '';

  beforeAll(() => {
    const packed = spawnSync(npm, ['pack', '--pack-destination', work, '--json'], { cwd: REPO, env: userEnv(), encoding: 'utf8', timeout: 300_000 });
    expectExit(packed, 0, 'npm pack');
    const meta = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, meta[0]!.filename);
    const files = meta[0]!.files.map((f) => f.path);
    // what a user needs ships; sources, tests and maps do not
    expect(files).toEqual(expect.arrayContaining(['bin/lockstep.js', 'dist/harness/index.js', 'dist/harness/index.d.ts', 'dist/esm/index.mjs', 'dist/esm/jest.mjs', 'schemas/corpus-entry.schema.json', 'templates/init/lockstep.config.ts']));
    expect(files.filter((f) => /\.test\.|\.map$|^harness\/|^test\//.test(f))).toEqual([]);
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-locks', version: '1.0.0', private: true, scripts: { test: 'jest' } }, null, 2));
    // one install for the whole file (jest too: the test-runner case needs it), as lean as npm allows
    expectExit(sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball, 'jest@30.5.2']), 0, 'npm install <tarball> jest');
  }, 600_000);

  it('init, a bug added, fuzz finds it, its replay reproduces it, the fixed lock replays as fixed, triage lists the fix', () => {
    // npx itself once: the bin is linked where npx finds it
    const init = sh(npm, ['exec', '--no', '--', 'lockstep', 'init']);
    expectExit(init, 0, 'lockstep init');
    const lockFile = path.join(project, 'locks', 'spinlock.ts');
    const good = fs.readFileSync(lockFile, 'utf8');
    // the bug: compare-and-swap expecting 1 on a free lock fails, and its 0 reads as "taken"
    expect(good).toContain('t.cmpxchg(word, 0, 1)');
    fs.writeFileSync(lockFile, good.replace('t.cmpxchg(word, 0, 1)', 't.cmpxchg(word, 1, 1)'));

    const fuzz = lockstep('fuzz', '--runs', '300', '--workers', '1', '--memory', 'sc', '--seed', '2');
    expectExit(fuzz, 1, 'lockstep fuzz');
    const line = fuzz.stdout.split('\n').findIndex((l) => /spinlock:fixed@sc\s+violation/.test(l));
    expect(line).toBeGreaterThan(0);
    const command = fuzz.stdout.split('\n').slice(line).find((l) => l.trim().startsWith('npx lockstep replay '))!.trim();
    const repro = command.slice('npx lockstep replay '.length);
    expect(JSON.parse(fs.readFileSync(path.join(project, repro), 'utf8'))).toMatchObject({ target: 'spinlock', targetModule: 'locks/spinlock.ts', variant: 'fixed' });

    const reproduces = lockstep('replay', repro);
    expectExit(reproduces, 1, 'replay of the buggy lock');
    expect(reproduces.stdout).toMatch(/^REPRODUCES\s+locks\/spinlock\.ts:spinlock:fixed \(sc\)/);

    fs.writeFileSync(lockFile, good);
    const fixed = lockstep('replay', repro);
    expectExit(fixed, 0, 'replay of the fixed lock');
    expect(fixed.stdout).toMatch(/^FIXED\s+locks\/spinlock\.ts:spinlock:fixed \(sc\)/);

    const triage = lockstep('triage', 'locks/spinlock.ts', '--base', 'buggy', '--patch', 'fixed', '--runs', '200', '--workers', '0', '--memory', 'sc');
    expectExit(triage, 0, 'lockstep triage');
    expect(triage.stdout).toMatch(/verdict: 0 introduced by the patch, [1-9]\d* fixed/);
  });

  it('npx jest runs the per-variant tests and the corpus regression tests', () => {
    fs.writeFileSync(path.join(project, 'locks.test.js'), [
      "const { describeTarget } = require('lockstep/jest');",
      '',
      "describeTarget('locks/spinlock.ts', { runs: 400 });",
      '',
    ].join('\n'));
    const jest = sh(bin('jest'), ['--ci', '--verbose']);
    expectExit(jest, 0, 'npx jest');
    const out = jest.stderr;
    // one test per variant and memory model (every model by default, as lockstep fuzz)
    for (const v of ['fixed under sc is clean', 'fixed under tso is clean', 'fixed under arm64-lite is clean', 'buggy under sc shows a violation', 'buggy under tso shows a violation', 'buggy under arm64-lite shows a violation']) expect(out).toContain(v);
    // regression mode: the entries the campaign saved, the one of 'fixed' now stays fixed
    expect(out).toMatch(/✓ fixed under sc: [0-9a-f]{16} \(violation\)/);
    expect(out).toMatch(/✓ buggy under sc: [0-9a-f]{16} \(violation\)/);
    expect(out).toMatch(/Tests: +8 passed, 8 total/);
    // the same tests on Node's own runner, from an ES module
    fs.writeFileSync(path.join(project, 'locks.node-test.mjs'), "import { describeTarget } from 'lockstep/node-test';\ndescribeTarget('locks/spinlock.ts', { runs: 200, memory: ['sc'], corpus: false });\n");
    const nodeTest = sh(process.execPath, ['--test', 'locks.node-test.mjs']);
    expectExit(nodeTest, 0, 'node --test');
    expect(nodeTest.stdout).toMatch(/# pass 2\n/);
  });

  it('CommonJS and ESM consumers import the typed API', () => {
    fs.writeFileSync(path.join(project, 'consumer.cts'), [
      "import { mutexTarget, explore, type Target } from 'lockstep';",
      "import { describeTarget } from 'lockstep/jest';",
      "const t: Target = mutexTarget({ name: 'x', summary: 's', variants: [] });",
      'void explore; void describeTarget; void t;',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(project, 'consumer.mts'), [
      "import { barrierTarget, replayRecording, type ExploreResult } from 'lockstep';",
      "import { lockstepMatchers } from 'lockstep/vitest';",
      'const r: ExploreResult | undefined = undefined;',
      'void barrierTarget; void replayRecording; void lockstepMatchers; void r;',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(REPO, 'node_modules', '@types')] },
      files: ['consumer.cts', 'consumer.mts'],
    }));
    expectExit(sh(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']), 0, 'tsc over the consumers');
    const cjs = sh(process.execPath, ['-e', "const l = require('lockstep'); const j = require('lockstep/jest'); console.log(typeof l.mutexTarget, typeof l.explore, typeof j.describeTarget)"]);
    expectExit(cjs, 0, 'require');
    expect(cjs.stdout.trim()).toBe('function function function');
    const esm = sh(process.execPath, ['--input-type=module', '-e', "import { mutexTarget, fuzz } from 'lockstep'; import { describeTarget } from 'lockstep/node-test'; import * as l from 'lockstep'; console.log(typeof mutexTarget, typeof fuzz, typeof describeTarget, 'default' in l)"]);
    expectExit(esm, 0, 'import');
    expect(esm.stdout.trim()).toBe('function function function false');
    // nothing a user needs is only reachable by a deep import: the exports map closes the rest
    const deep = sh(process.execPath, ['-e', "require('lockstep/dist/harness/cli/main.js')"]);
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('docs/writing-targets.md runs as written, from an empty folder', () => {
    const start = path.join(work, 'docs');
    fs.mkdirSync(start);
    runDoc(fs.readFileSync(path.join(REPO, 'docs', 'writing-targets.md'), 'utf8'), {
      cwd: start,
      env: userEnv(),
      // the package under test instead of the registry's: the packages beforeAll installed from
      // the tarball (lockstep and jest), linked rather than installed again (an install is most
      // of this file's time)
      rewrite: (cmd) => cmd === 'npm install --save-dev lockstep jest'
        ? `ln -s ${JSON.stringify(path.join(project, 'node_modules'))} node_modules`
        : cmd.replace(/^npx (lockstep|jest)\b/, './node_modules/.bin/$1'),
    });
  });

  it('examples/ticket-lock works from the packed package: its jest tests, its corpus, its list', () => {
    const example = path.join(work, 'example');
    fs.cpSync(path.join(REPO, 'examples', 'ticket-lock'), example, { recursive: true, filter: (src) => !/node_modules|lockstep[\\/]reports/.test(src) });
    // the example's dependencies (lockstep, jest) are those installed in beforeAll: the same packages
    const installed = path.join(project, 'node_modules');
    if (fs.existsSync(path.join(installed, 'jest')) && fs.existsSync(path.join(installed, 'lockstep'))) fs.symlinkSync(installed, path.join(example, 'node_modules'), 'dir');
    else expectExit(sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball, 'jest@30.5.2'], example), 0, 'npm install (example)');
    const list = sh(bin('lockstep', example), ['list', '--json'], example);
    expectExit(list, 0, 'lockstep list (example)');
    expect(JSON.parse(list.stdout).targets[0].variants.map((v: { id: string }) => v.id)).toEqual(['ticket:fixed', 'ticket:racy-take', 'ticket:unlock-serves-next']);
    // LOCKSTEP_TEST_RUNS overrides the test file's budget (a nightly job raises it; here it is lowered)
    const jest = spawnSync(bin('jest', example), ['--ci'], { cwd: example, env: { ...userEnv(), LOCKSTEP_TEST_RUNS: '300' }, encoding: 'utf8', timeout: 300_000 });
    expectExit(jest, 0, 'npx jest (example)');
    expect(jest.stderr).toMatch(/Tests: +12 passed, 12 total/);
    // the committed corpus: the buggy variants' failures still reproduce (exit 1), none is stale
    const replay = sh(bin('lockstep', example), ['replay', 'lockstep/corpus'], example);
    expectExit(replay, 1, 'lockstep replay lockstep/corpus (example)');
    expect(replay.stdout).toMatch(/3 entries: 3 reproduces/);
  });
});
