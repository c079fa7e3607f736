import { parseHistory, detectFormat } from './parse-history';
import { HistoryParseError } from './history-parse-error';
import { readEdn, EdnKeyword } from './edn-reader';

function parseError(fn: () => unknown): HistoryParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HistoryParseError) return e;
    throw e;
  }
  throw new Error('expected a HistoryParseError');
}

describe('native JSON lines format', () => {
  it('pairs invokes with completions, drops fail, keeps info as unknown', () => {
    const text = [
      '{"process": 0, "type": "invoke", "f": "write", "value": 1}',
      '{"process": 1, "type": "invoke", "f": "read", "value": null}',
      '{"process": 0, "type": "ok", "f": "write", "value": 1}',
      '# a comment',
      '{"process": 1, "type": "ok", "f": "read", "value": 1}',
      '{"process": 2, "type": "invoke", "f": "write", "value": 5}',
      '{"process": 2, "type": "fail", "f": "write", "value": 5}',
      '{"process": 3, "type": "invoke", "f": "write", "value": 7}',
      '{"process": 3, "type": "info", "f": "write", "value": 7}',
      '{"process": 4, "type": "invoke", "f": "read", "value": null, "key": "k"}',
    ].join('\n');
    const h = parseHistory(text, 'h.jsonl', 'native');
    expect(h.ops.map((o) => [o.id, o.process, o.f, o.input, o.output, o.call, o.ret])).toEqual([
      [0, 0, 'write', 1, 1, 0, 2], [1, 1, 'read', null, 1, 1, 3], [2, 3, 'write', 7, undefined, 6, undefined], [3, 4, 'read', null, undefined, 8, undefined],
    ]);
    expect(h.ops[3]!.key).toBe('k');
    expect(h.lines).toEqual([1, 2, 8, 10]);
    expect(h.dropped).toBe(1);
  });
  it('uses explicit times when given', () => {
    const h = parseHistory('{"process":0,"type":"invoke","f":"read","value":null,"time":10}\n{"process":0,"type":"ok","f":"read","value":3,"time":25}', 'x');
    expect([h.ops[0]!.call, h.ops[0]!.ret]).toEqual([10, 25]);
  });
  it.each([
    ['{"process": 0, "type": "invoke", "f": "read"', 1, /a JSON object per line/],
    ['[1,2]', 1, /a JSON object such as/],
    ['{"process": "a", "type": "invoke", "f": "read"}', 1, /"process": an integer/],
    ['{"process": 0, "type": "begin", "f": "read"}', 1, /"type": one of/],
    ['{"process": 0, "type": "invoke"}', 1, /"f": the operation name/],
    ['{"process": 0, "type": "ok", "f": "read", "value": 1}', 1, /an invoke before this ok of process 0/],
    ['{"process": 0, "type": "invoke", "f": "read"}\n\n{"process": 0, "type": "invoke", "f": "read"}', 3, /not a second invoke/],
    ['{"process": 0, "type": "invoke", "f": "read"}\n{"process": 0, "type": "ok", "f": "write"}', 2, /a completion of read/],
    ['{"process": 0, "type": "invoke", "f": "read", "time": 1}\n{"process": 0, "type": "ok", "f": "read"}', 2, /"time" \(earlier events have one\)/],
  ])('reports %s at line %d', (text, line, what) => {
    const e = parseError(() => parseHistory(text, 'bad.jsonl', 'native'));
    expect(e.file).toBe('bad.jsonl');
    expect(e.line).toBe(line);
    expect(e.message).toMatch(what);
    expect(e.message.startsWith(`bad.jsonl:${line}: `)).toBe(true);
  });
});

describe('Jepsen etcd log format', () => {
  const lines = [
    'INFO  jepsen.util - 3\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 1\t:invoke\t:cas\t[4 0]',
    'INFO  jepsen.util - 3\t:ok\t:read\t2',
    'INFO  jepsen.util - 1\t:fail\t:cas\t[4 0]',
    'INFO  jepsen.util - 2   :invoke   :write   4',
    'INFO  jepsen.util - 2\t:info\t:write\t:timed-out',
    'INFO  jepsen.util - 0\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 0\t:fail\t:read\t:timed-out',
    'INFO  jepsen.util - 4\t:invoke\t:cas\t[1 2]',
    'INFO  jepsen.util - 4\t:ok\t:cas\t[1 2]',
  ];
  it('follows Porcupine: failed cas = false, failed read dropped, info unknown', () => {
    const h = parseHistory(lines.join('\n'), 'etcd.log');
    expect(detectFormat(lines.join('\n'))).toBe('jepsen-etcd');
    expect(h.ops.map((o) => [o.process, o.f, o.input, o.output, o.ret === undefined])).toEqual([
      [3, 'read', null, 2, false], [1, 'cas', [4, 0], false, false], [2, 'write', 4, undefined, true], [4, 'cas', [1, 2], true, false],
    ]);
  });
  it('names the line of a malformed event', () => {
    const bad = [...lines.slice(0, 2), 'INFO  jepsen.util - 3\t:ok\t:read\tfoo'].join('\n');
    const e = parseError(() => parseHistory(bad, 'etcd.log', 'jepsen-etcd'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/a value: nil, :timed-out, an integer or \[from to\], got "foo"/);
    const e2 = parseError(() => parseHistory('INFO  jepsen.util - 3\t:invoke\t:read\tnil\nlein test', 'etcd.log', 'jepsen-etcd'));
    expect(e2.line).toBe(2);
    expect(e2.message).toMatch(/a Jepsen etcd line/);
  });
});

describe('Jepsen EDN kv format', () => {
  it('reads op maps', () => {
    const text = '{:process 9, :type :invoke, :f :append, :key "0", :value "x 9 0 y"}\n{:process 9, :type :ok, :f :append, :key "0", :value "x 9 0 y"}\n' +
      '{:process 1, :type :invoke, :f :get, :key "9", :value nil}\n{:process 1, :type :ok, :f :get, :key "9", :value "a\\"b"}';
    const h = parseHistory(text, 'kv.edn');
    expect(h.ops.map((o) => [o.process, o.f, o.key, o.input, o.output])).toEqual([[9, 'append', '0', 'x 9 0 y', 'x 9 0 y'], [1, 'get', '9', null, 'a"b']]);
  });
  it('names line and column of a syntax error', () => {
    const e = parseError(() => parseHistory('{:process 9, :type :invoke, :f :append, :key "0", :value "x}', 'kv.edn', 'jepsen-kv'));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/an EDN op map; at column \d+: a closing quote/);
    const e2 = parseError(() => parseHistory('\n{:process 9, :type :launch, :f :get}', 'kv.edn', 'jepsen-kv'));
    expect(e2.line).toBe(2);
    expect(e2.message).toMatch(/:type with :invoke, :ok, :fail or :info/);
  });
  it('reads the common line shape without the EDN reader, to the same result', () => {
    const common = '{:process 3, :type :invoke, :f :put, :key "k", :value "v 1"}\n{:process 3, :type :ok, :f :put, :key "k", :value "v 1"}\n' +
      '{:process 4, :type :invoke, :f :get, :key "k", :value nil}\n{:process 4, :type :ok, :f :get, :key "k", :value 12}\n';
    // the same events in another key order: only the general EDN reader takes these
    const general = '{:type :invoke, :process 3, :f :put, :key "k", :value "v 1"}\n{:type :ok, :process 3, :f :put, :key "k", :value "v 1"}\n' +
      '{:type :invoke, :process 4, :f :get, :key "k", :value nil}\n{:type :ok, :process 4, :f :get, :key "k", :value 12}\n';
    expect(parseHistory(common, 'a.edn').ops).toEqual(parseHistory(general, 'b.edn', 'jepsen-kv').ops);
  });
  it('reads nested EDN values', () => {
    const v = readEdn('{:a [1 2.5 nil true] :b (:c "d")}') as Map<unknown, unknown>;
    expect(v.get(':a')).toEqual([1, 2.5, null, true]);
    expect((v.get(':b') as unknown[])[0]).toBeInstanceOf(EdnKeyword);
  });
});

describe('native writer', () => {
  it('round-trips through the native reader', () => {
    const { formatNativeHistory } = jest.requireActual('./native-writer') as typeof import('./native-writer');
    const ops = [
      { id: 0, process: 0, f: 'write', input: 1, output: null, call: 0, ret: 5 },
      { id: 1, process: 1, f: 'read', input: null, output: 1, call: 2, ret: 5, key: 'k' },
      { id: 2, process: 2, f: 'cas', input: [1, 2], output: null, call: 3, ret: undefined },
      { id: 3, process: 0, f: 'write', input: { a: 1 }, output: null, call: 5, ret: 7 },
      { id: 4, process: 2, f: 'read', input: null, output: 2, call: 6, ret: 9 },
      { id: 5, process: 3, f: 'read', input: null, output: 2, call: 7, ret: 7 },
    ];
    const back = parseHistory(formatNativeHistory(ops), 'rt.jsonl', 'native').ops;
    expect(back.map((o) => [o.process, o.f, o.input, o.ret === undefined ? undefined : o.output, o.call, o.ret, o.key])).toEqual(
      [...ops].sort((a, b) => a.call - b.call).map((o) => [o.process, o.f, o.input, o.ret === undefined ? undefined : o.output, o.call, o.ret, o.key]));
  });
});
