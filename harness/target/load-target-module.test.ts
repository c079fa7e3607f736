import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTargetModule } from './load-target-module';
import { TargetError } from './target-error';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-target-loader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const targetText = (name: string): string => `{ name: '${name}', summary: '', variants: [{ name: 'v', summary: '', expect: { sc: 'clean', tso: 'clean' } }],
  workload: { threads: { min: 1, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] }, setup() { return { threads: [] }; } }`;
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const names = (file: string): string[] => loadTargetModule(file).targets.map((t) => t.name);

describe('loadTargetModule', () => {
  it('loads exported targets, arrays and factories from CommonJS', () => {
    const file = write('many.js', `exports.a = ${targetText('a')};\nexports.list = () => [${targetText('b')}];\nexports.other = 3;\n`);
    expect(names(file)).toEqual(['a', 'b']);
  });
  it('loads TypeScript and ESM through jiti, default exports included', () => {
    write('dep.ts', `export const suffix: string = '-ts';\n`);
    expect(names(write('one.ts', `import { suffix } from './dep';\nconst n: string = 'x' + suffix;\nexport default { ...${targetText('x')}, name: n };\n`))).toEqual(['x-ts']);
    expect(names(write('esm.mjs', `export const t = ${targetText('m')};\n`))).toEqual(['m']);
  });
  it('names the file, line and real error of a syntax error, with a code frame', () => {
    const file = write('bad.ts', `const a: number = 1;\nexport const t = {\n  a: a +,\n};\n`);
    let msg = '';
    try { loadTargetModule(file, dir); } catch (e) { expect(e).toBeInstanceOf(TargetError); msg = (e as Error).message; }
    expect(msg).toMatch(/^cannot load target file 'bad\.ts': syntax error at bad\.ts:3:9: Unexpected token/);
    expect(msg).toContain('3 |   a: a +,');
    expect(msg).not.toMatch(/Transform failed|node_modules/);
  });
  it('names the line of an error thrown while loading, and a missing package', () => {
    const thrower = write('throws.ts', `type Q = { a: number };\nconst q: Q = { a: 1 };\nif (q.a) throw new TypeError('boom ' + q.a);\n`);
    expect(() => loadTargetModule(thrower, dir)).toThrow(/^cannot load target file 'throws\.ts': TypeError: boom 1 \(at throws\.ts:3:\d+\)$/);
    const missing = write('imports.ts', `import { x } from 'no-such-package-here';\nexport const y = x;\n`);
    expect(() => loadTargetModule(missing, dir)).toThrow(/cannot find module 'no-such-package-here'( imported from imports\.ts)? \(is 'no-such-package-here' installed in this project\?\)/);
  });
  it('says what is missing when nothing exported is a Target', () => {
    expect(() => loadTargetModule(write('none.js', 'exports.x = 1;\n'), dir)).toThrow(/'none\.js' exports no Target .*its exports: x/);
    expect(() => loadTargetModule(write('half.js', `exports.lock = { name: 'l', variants: [] };\n`), dir)).toThrow(/export 'lock' looks like a Target but lacks 'workload' \(the WorkloadShape\), 'setup' \(a function\)/);
    expect(() => loadTargetModule(path.join(dir, 'missing.js'), dir)).toThrow(/'missing\.js' does not exist/);
  });
});
