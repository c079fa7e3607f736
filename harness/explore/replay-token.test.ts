import { decodeDecisions, decodeReplayToken, encodeDecisions, encodeReplayToken, ReplayTokenError, validateReplayRecord, type ReplayRecord } from './replay-token';
import { parseReplayInput, type ReplayLoader } from './replay-input';

const rec: ReplayRecord = {
  target: 'ticket', variant: 'racy-take', memory: 'tso', knobs: { lockAcquireIsFence: true, unlockIsFence: false },
  workload: { ops: [['lock', 'lock'], ['trylock']] }, decisions: [0, 0, 0, 0, 1, 2, 2, 2, 2, 0, 35, -1], maxSteps: 500,
};

describe('replay tokens', () => {
  it('round-trip every field and are shell-safe', () => {
    const tok = encodeReplayToken(rec);
    expect(tok).toMatch(/^ls1\.[A-Za-z0-9_-]+$/);
    expect(decodeReplayToken(tok)).toEqual(rec);
    expect(decodeReplayToken(`  ${tok}\n`)).toEqual(rec);
  });

  it('carry operation arguments, and refuse arguments that do not fit the operations', () => {
    const withArgs: ReplayRecord = { ...rec, workload: { ops: [['lock', 'lock'], ['trylock']], args: [[null, 3], [['k1', 'k2']]] } };
    expect(decodeReplayToken(encodeReplayToken(withArgs))).toEqual(withArgs);
    expect(encodeReplayToken(rec)).not.toBe(encodeReplayToken(withArgs));
    expect(() => validateReplayRecord({ ...withArgs, workload: { ops: withArgs.workload.ops, args: [[null], [1]] } }, 'r.json')).toThrow(/r\.json: field 'workload': args\[0\] must hold one argument per operation of thread 0 \(2\)/);
    expect(() => validateReplayRecord({ ...withArgs, workload: { ops: withArgs.workload.ops, args: [[null, Infinity], [1]] } }, 'r.json')).toThrow(/args\[0\]\[1\]: Infinity is not a finite number/);
  });

  it('run-length encodes decisions', () => {
    const ds = [...new Array(100).fill(0), 1, 1, 3, ...new Array(7).fill(2), 40];
    const s = encodeDecisions(ds);
    expect(s).toBe('0*2s.1.1.3.2*7.14');
    expect(decodeDecisions(s)).toEqual(ds);
    expect(decodeDecisions('')).toEqual([]);
    expect(decodeDecisions(encodeDecisions([-1]))).toEqual([-1]);
  });

  it.each([
    ['xx.abc', /start with 'ls1\.'/],
    ['ls1.', /invalid characters/],
    ['ls1.@@@', /invalid characters/],
    ['ls1.' + Buffer.from('not json').toString('base64url'), /not valid base64url JSON/],
    ['ls1.' + Buffer.from('[1]').toString('base64url'), /not an object/],
    ['ls1.' + Buffer.from(JSON.stringify({ t: 'x', v: 'y', m: 'arm', w: [['lock']], d: '' })).toString('base64url'), /'memory' must be one of sc, tso, arm64-lite, got "arm"/],
    ['ls1.' + Buffer.from(JSON.stringify({ t: 'x', v: 'y', m: 'sc', w: [], d: '' })).toString('base64url'), /'workload'/],
    ['ls1.' + Buffer.from(JSON.stringify({ t: 'x', v: 'y', m: 'sc', w: [['a']], d: '0.zz!' })).toString('base64url'), /bad decision/],
    ['ls1.' + Buffer.from(JSON.stringify({ v: 'y', m: 'sc', w: [['a']], d: '' })).toString('base64url'), /'target' must be a non-empty string/],
  ])('rejects %s with a clear message', (tok, msg) => {
    expect(() => decodeReplayToken(tok)).toThrow(ReplayTokenError);
    expect(() => decodeReplayToken(tok)).toThrow(msg);
  });

  it('validates JSON records field by field', () => {
    expect(validateReplayRecord({ ...rec }, 'f.json')).toEqual(rec);
    expect(() => validateReplayRecord({ ...rec, decisions: [0, 1.5] }, 'f.json')).toThrow(/f\.json: field 'decisions'/);
    expect(() => validateReplayRecord({ ...rec, knobs: { a: 1 } }, 'f.json')).toThrow(/'knobs'/);
    expect(() => validateReplayRecord({ ...rec, maxSteps: 0 }, 'f.json')).toThrow(/'maxSteps'/);
  });
});

describe('parseReplayInput', () => {
  it('accepts a token, a JSON record, or {replay: token}', () => {
    const tok = encodeReplayToken(rec);
    expect(parseReplayInput(tok, 'arg')).toEqual(rec);
    expect(parseReplayInput(JSON.stringify(rec), 'f.json')).toEqual(rec);
    expect(parseReplayInput(JSON.stringify({ replay: tok }), 'f.json')).toEqual(rec);
  });

  it('plugs in other JSON shapes through loaders', () => {
    const corpusLike: ReplayLoader = {
      name: 'corpus entry',
      accepts: (j) => typeof j === 'object' && j !== null && 'entry' in j,
      load: (j) => ({ ...rec, decisions: (j as { entry: { d: number[] } }).entry.d }),
    };
    const r = parseReplayInput(JSON.stringify({ entry: { d: [1, 2] } }), 'c.json', [corpusLike]);
    expect(r.decisions).toEqual([1, 2]);
  });

  it('names the source in errors', () => {
    expect(() => parseReplayInput('hello', 'x.txt')).toThrow(/x\.txt: expected a replay token/);
    expect(() => parseReplayInput('{bad', 'x.json')).toThrow(/x\.json: invalid JSON/);
    expect(() => parseReplayInput('{"a":1}', 'x.json')).toThrow(/x\.json: unknown JSON shape \(expected one of: replay record\)/);
  });
});
