import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canonicalJson } from '../harness/corpus/canonical-json';
import { decodeEntry, decodeEntryText, encodeEntry } from '../harness/corpus/corpus-codec';
import { CORPUS_FORMAT_VERSION } from '../harness/corpus/corpus-entry';
import { CorpusError } from '../harness/corpus/corpus-error';
import { loadCorpus, saveEntry, entryPath } from '../harness/corpus/corpus-store';
import { entryHash } from '../harness/corpus/entry-hash';
import { findingSignature, recordedSignature } from '../harness/corpus/finding-signature';
import { writeFileAtomic } from '../harness/corpus/atomic-write';
import { sampleEntry } from './corpus-fixture';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-corpus-'));
}

function errorOf(f: () => unknown): CorpusError {
  try {
    f();
  } catch (e) {
    if (e instanceof CorpusError) return e;
    throw e;
  }
  throw new Error('expected a CorpusError');
}

describe('corpus codec', () => {
  test('encode/decode round-trips and is canonical', () => {
    const e = sampleEntry();
    const text = encodeEntry(e);
    expect(decodeEntryText(text, 'x.json')).toEqual(e);
    expect(encodeEntry(decodeEntryText(text))).toBe(text);
    // key order of the input does not matter
    const shuffled = JSON.parse(text) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(shuffled).reverse());
    expect(encodeEntry(decodeEntry(reversed))).toBe(text);
    expect(e.formatVersion).toBe(CORPUS_FORMAT_VERSION);
  });

  test('a newer format version is refused, naming file and field', () => {
    const raw = { ...JSON.parse(encodeEntry(sampleEntry())), formatVersion: CORPUS_FORMAT_VERSION + 1 };
    const err = errorOf(() => decodeEntry(raw, 'corpus/ticket/abc.json'));
    expect(err.file).toBe('corpus/ticket/abc.json');
    expect(err.field).toBe('formatVersion');
    expect(err.message).toMatch(/newer lockstep/);
  });

  test.each([
    ['formatVersion', 'one'],
    ['target', ''],
    ['memory', 'arm'],
    ['decisions', [0, 1.5]],
    ['maxSteps', 0],
    ['workload', { ops: [] }],
    ['knobs', { lockAcquireIsFence: 'yes' }],
    ['finding', { kind: 'oops', message: '', signature: 's', preemptions: 0 }],
    ['source', { strategy: 'random' }],
  ])('malformed field %s is refused and named', (field, bad) => {
    const raw = { ...JSON.parse(encodeEntry(sampleEntry())), [field]: bad };
    const err = errorOf(() => decodeEntry(raw, 'f.json'));
    expect(err.field.startsWith(field)).toBe(true);
    expect(err.message).toContain('f.json');
  });

  test('a missing field and broken JSON are named', () => {
    const raw = JSON.parse(encodeEntry(sampleEntry())) as Record<string, unknown>;
    delete raw.decisions;
    expect(errorOf(() => decodeEntry(raw, 'g.json')).message).toMatch(/g\.json: field "decisions": .*missing/);
    expect(errorOf(() => decodeEntryText('{"formatVersion":', 'h.json')).message).toMatch(/h\.json: not valid JSON/);
    expect(errorOf(() => decodeEntryText('[1]', 'i.json')).message).toMatch(/i\.json: expected a JSON object/);
  });

  test('operation arguments round-trip, count in the hash, and must be parallel JSON', () => {
    const base = sampleEntry();
    const ops = base.workload.ops;
    const withArgs = { ...base, workload: { ops, args: ops.map((row, i) => row.map((_, j) => (i === 0 && j === 0 ? { keys: ['a', 'b'], timeout: 5 } : null))) } };
    const text = encodeEntry(withArgs);
    expect(decodeEntryText(text)).toEqual(withArgs);
    expect(entryHash(withArgs)).not.toBe(entryHash(base));
    expect(encodeEntry(base)).not.toMatch(/"args"/);
    const raw = JSON.parse(text) as { workload: { ops: string[][]; args: unknown[] } };
    const short = errorOf(() => decodeEntry({ ...raw, workload: { ...raw.workload, args: raw.workload.args.slice(1) } }, 'a.json'));
    expect(short.field).toBe('workload.args');
    expect(short.message).toMatch(/a\.json.*one list per thread/);
    const row0 = raw.workload.args[0] as unknown[];
    const ragged = errorOf(() => decodeEntry({ ...raw, workload: { ...raw.workload, args: [[...row0, 1], ...raw.workload.args.slice(1)] } }, 'b.json'));
    expect(ragged.message).toMatch(/args\[0\] must hold one argument per operation/);
  });

  test('unknown knob is refused; missing knob takes its default', () => {
    const raw = JSON.parse(encodeEntry(sampleEntry())) as { knobs: Record<string, unknown> };
    expect(errorOf(() => decodeEntry({ ...raw, knobs: { ...raw.knobs, futureKnob: true } }, 'k.json')).field).toBe('knobs.futureKnob');
    const { unlockIsFence: _dropped, ...rest } = raw.knobs;
    expect(decodeEntry({ ...raw, knobs: rest }).knobs.unlockIsFence).toBe(false);
  });
});

describe('content hash and signature', () => {
  test('hash ignores provenance and depends on identity', () => {
    const a = sampleEntry();
    expect(entryHash(sampleEntry({ date: '2030-01-01', seed: 99 }))).toBe(entryHash(a));
    expect(entryHash(sampleEntry({ decisions: [0, 1, 0, 2, 2] }))).not.toBe(entryHash(a));
    expect(entryHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  test('signature: kind plus sorted unique program points', () => {
    // digits inside program points are normalised: instance numbers do not split one bug
    expect(sampleEntry().finding.signature).toBe('violation:ticket.c:#');
    expect(sampleEntry({ locations: ['lock: spin', 'unlock: store'] }).finding.signature).toBe('violation:lock: spin|unlock: store');
    expect(findingSignature({ kind: 'deadlock', locations: ['b', 'a'] })).toBe(findingSignature({ kind: 'deadlock', locations: ['a', 'b', 'a'] }));
    expect(findingSignature({ kind: 'hang', locations: ['a'] })).not.toBe(findingSignature({ kind: 'deadlock', locations: ['a'] }));
    // no program point: numbers in the message do not split one bug
    expect(findingSignature({ kind: 'violation', locations: [], message: 'op 3 returned 7' })).toBe(findingSignature({ kind: 'violation', locations: [], message: 'op 12 returned 0x1f' }));
  });

  test('signature: instance numbers in program points are normalised, names are kept', () => {
    const a = findingSignature({ kind: 'violation', locations: ['T_3(arg_3) [teardown callback]'] });
    expect(a).toBe('violation:T_#(arg_#) [teardown callback]');
    expect(findingSignature({ kind: 'violation', locations: ['T_12(arg_12) [teardown callback]'] })).toBe(a);
    expect(findingSignature({ kind: 'hang', locations: ['entry: spin while smp_rv_waiters[0] < 4', 'entry: spin while smp_rv_waiters[0] < 2'] }))
      .toBe('hang:entry: spin while smp_rv_waiters[#] < #');
    expect(findingSignature({ kind: 'hang', locations: ['entry barrier: spin'] })).not.toBe(findingSignature({ kind: 'hang', locations: ['exit barrier: spin'] }));
  });

  test('recordedSignature: recomputed from locations, or the stored signature normalised', () => {
    expect(recordedSignature({ kind: 'violation', message: 'm', signature: 'violation:T_3(arg_3) x', preemptions: 0 })).toBe('violation:T_#(arg_#) x');
    expect(recordedSignature({ kind: 'hang', message: 'm', signature: 'hang:b 2|a 1|b 3', preemptions: 0 })).toBe('hang:a #|b #');
    expect(recordedSignature({ kind: 'violation', message: 'm', signature: 'violation:~op # returned #', preemptions: 0 })).toBe('violation:~op # returned #');
    expect(recordedSignature({ kind: 'hang', message: 'm', signature: 'stale text', preemptions: 0, locations: ['p 7'] })).toBe('hang:p #');
  });

  test('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});

describe('corpus store', () => {
  test('save is content-addressed, idempotent, and load is recursive and sorted', () => {
    const dir = tmpDir();
    const a = sampleEntry();
    const b = sampleEntry({ target: 'mcs', decisions: [1] });
    const sa = saveEntry(dir, a);
    expect(sa.created).toBe(true);
    expect(sa.path).toBe(path.join(dir, 'ticket', `${entryHash(a)}.json`));
    expect(saveEntry(dir, sampleEntry({ date: 'later' })).created).toBe(false);
    saveEntry(dir, b);
    fs.writeFileSync(path.join(dir, 'ticket', '.lockstep-tmp-123-abc'), '{"half":');
    const loaded = loadCorpus(dir);
    expect(loaded.map((l) => l.path)).toEqual([entryPath(dir, b), entryPath(dir, a)].sort());
    expect(loaded.find((l) => l.hash === entryHash(a))?.entry).toEqual(a);
    expect(fs.readdirSync(path.join(dir, 'ticket')).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });

  test('a bad file in a corpus names that file', () => {
    const dir = tmpDir();
    saveEntry(dir, sampleEntry());
    fs.mkdirSync(path.join(dir, 'zz'));
    fs.writeFileSync(path.join(dir, 'zz', 'bad.json'), '{"formatVersion": 1}');
    const err = errorOf(() => loadCorpus(dir));
    expect(err.file).toBe(path.join(dir, 'zz', 'bad.json'));
    expect(errorOf(() => loadCorpus(path.join(dir, 'missing'))).message).toMatch(/no such file/);
  });

  test('atomic write replaces the file and leaves no temp file', () => {
    const dir = tmpDir();
    const f = path.join(dir, 'sub', 'x.txt');
    writeFileAtomic(f, 'one');
    writeFileAtomic(f, 'two');
    expect(fs.readFileSync(f, 'utf8')).toBe('two');
    expect(fs.readdirSync(path.join(dir, 'sub'))).toEqual(['x.txt']);
  });
});
