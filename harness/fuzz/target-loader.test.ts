import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from '../cli/cli-error';
import { loadTargetFile, looksLikeTargetFile, targetFromFile } from './target-loader';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-target-loader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const targetText = (name: string): string => `{ name: '${name}', summary: '', variants: [{ name: 'v', summary: '', expect: { sc: 'clean', tso: 'clean' } }],
  workload: { threads: { min: 1, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] }, setup() { return { threads: [] }; } }`;

describe('target files', () => {
  it('tells files from target names', () => {
    expect(looksLikeTargetFile('ticket')).toBe(false);
    expect(looksLikeTargetFile('ticket:correct')).toBe(false);
    expect(looksLikeTargetFile('./my-lock.js')).toBe(true);
    expect(looksLikeTargetFile('patched/ticket.ts:correct')).toBe(true);
  });
  it('loads exported targets, arrays and factories', () => {
    const file = path.join(dir, 'many.js');
    fs.writeFileSync(file, `exports.a = ${targetText('a')};\nexports.list = () => [${targetText('b')}];\nexports.other = 3;\n`);
    expect(loadTargetFile(file).map((t) => t.name)).toEqual(['a', 'b']);
    expect(targetFromFile(file, 'b').name).toBe('b');
    expect(() => targetFromFile(file)).toThrow(/exports 2 targets/);
  });
  it('loads a TypeScript file through esbuild-register', () => {
    const file = path.join(dir, 'one.ts');
    fs.writeFileSync(file, `const n: string = 'ts-target';\nexport const t = { ...${targetText('x')}, name: n };\n`);
    expect(targetFromFile(file).name).toBe('ts-target');
  });
  it('names the file in its errors (exit 2)', () => {
    const file = path.join(dir, 'none.js');
    fs.writeFileSync(file, 'exports.x = 1;\n');
    expect(() => loadTargetFile(file)).toThrow(CliError);
    expect(() => loadTargetFile(file)).toThrow(/none\.js' exports no Target/);
    expect(() => loadTargetFile(path.join(dir, 'missing.js'))).toThrow(/does not exist/);
  });
});
