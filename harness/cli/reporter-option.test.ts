import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeData, escapeProperty, renderGithubAnnotations } from '../report/github-annotations';
import type { CliIo } from './cli-io';
import { emitReports, parseReporters, REPORTER_NAMES } from './reporter-option';

describe('--reporter', () => {
  it('defaults to the default reporter; reads name and name:file; repeatable', () => {
    expect(parseReporters(undefined, REPORTER_NAMES)).toEqual([{ name: 'default' }]);
    expect(parseReporters(['junit:out/junit.xml', 'github', 'default'], REPORTER_NAMES)).toEqual([{ name: 'junit', file: 'out/junit.xml' }, { name: 'github' }, { name: 'default' }]);
    expect(parseReporters(['html:C:/reports/x.html'], REPORTER_NAMES)).toEqual([{ name: 'html', file: 'C:/reports/x.html' }]);
  });

  it('rejects unknown names, an empty file, and reporters the command lacks, naming the flag', () => {
    expect(() => parseReporters(['xml'], REPORTER_NAMES)).toThrow("--reporter 'xml': expected one of default, json, junit, github, html, optionally with :<file> (e.g. junit:out/junit.xml)");
    expect(() => parseReporters(['junit:'], REPORTER_NAMES)).toThrow("--reporter 'junit:': expected a file after the colon (e.g. junit:out/junit.xml)");
    expect(() => parseReporters(['html'], ['default', 'json'], { html: 'no page here' })).toThrow('--reporter html: no page here');
  });

  it('writes files atomically (creating folders) and the rest to stdout, in order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-reporter-'));
    const out: string[] = [];
    const io: CliIo = { exitCode: 0, isTty: false, out: (s) => { out.push(s); }, err: () => { /* unused */ } };
    emitReports([{ name: 'json' }, { name: 'junit', file: path.join(dir, 'a', 'junit.xml') }, { name: 'github' }], (s) => `<${s.name}>`, io);
    expect(out).toEqual(['<json>', '<github>']);
    expect(fs.readFileSync(path.join(dir, 'a', 'junit.xml'), 'utf8')).toBe('<junit>');
  });
});

describe('GitHub annotations', () => {
  const base = { suite: 'mcs', timeMs: 1, stats: '', findings: [{ kind: 'hang', message: 'cpu1 spins, 100%', replay: 'npx lockstep replay x.json' }] };
  it('an error per unexpected finding and missed expectation, a notice per expected finding, nothing for clean cells', () => {
    const text = renderGithubAnnotations([
      { ...base, name: 'correct [sc]', verdict: { outcome: 'unexpected-finding', pass: false, message: 'unexpected hang (expected clean): cpu1 spins, 100%' } },
      { ...base, name: 'broken [sc]', verdict: { outcome: 'expected-bug-found', pass: true, message: 'expected hang, found hang: cpu1 spins' } },
      { ...base, name: 'lost [tso]', findings: [], verdict: { outcome: 'missed-expectation', pass: false, message: 'expected a hang, nothing found in 9 executions' } },
      { ...base, name: 'fine [sc]', findings: [], verdict: { outcome: 'clean', pass: true, message: 'clean' } },
    ]);
    expect(text.split('\n')).toEqual([
      '::error title=lockstep%3A unexpected hang in mcs%3Acorrect [sc]::unexpected hang (expected clean): cpu1 spins, 100%25%0Areplay: npx lockstep replay x.json',
      '::notice title=lockstep%3A expected hang found in mcs%3Abroken [sc]::expected hang, found hang: cpu1 spins%0Areplay: npx lockstep replay x.json',
      '::error title=lockstep%3A expected bug not found in mcs%3Alost [tso]::expected a hang, nothing found in 9 executions',
      '',
    ]);
    expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });
});
