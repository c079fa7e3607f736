import { EdnKeyword, EdnSyntaxError, readEdn, type EdnValue } from './edn-reader';
import type { EventType, HistoryEvent, ParsedHistory } from './history-event';
import { HistoryParseError } from './history-parse-error';
import { pairEvents } from './pair-events';

const TYPES: readonly EventType[] = ['invoke', 'ok', 'fail', 'info'];

/**
 * The line shape Jepsen and Porcupine's data use, read without the general EDN reader
 * (which cost 50 ms of a cold `lockstep check` on a 4,000-line file): plain integers, nil
 * and strings without escapes. Anything else goes through readEdn.
 */
const COMMON = /^\{:process (\d+), :type :(invoke|ok|fail|info), :f :([A-Za-z][\w-]*), :key "([^"\\]*)", :value (nil|"[^"\\]*"|-?\d+)\}$/;

function plain(v: EdnValue): unknown {
  if (v instanceof EdnKeyword) return `:${v.name}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(plain(k)), plain(x)]));
  return v;
}

/**
 * Jepsen/Knossos EDN op maps, one per line, as in Porcupine's kv data:
 * `{:process 9, :type :invoke, :f :append, :key "0", :value "x 9 0 y"}`.
 * `fail` = no effect (dropped), `info` = unknown outcome. Blank lines are skipped.
 */
export function parseJepsenKvHistory(text: string, file: string): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    const m = COMMON.exec(raw);
    if (m !== null) {
      const rawValue = m[5]!;
      const value = rawValue === 'nil' ? null : rawValue.charCodeAt(0) === 34 ? rawValue.slice(1, -1) : Number(rawValue);
      events.push({ process: Number(m[1]), type: m[2] as EventType, f: m[3]!, value, line, key: m[4]! });
      continue;
    }
    let v: EdnValue;
    try {
      v = readEdn(raw);
    } catch (e) {
      if (e instanceof EdnSyntaxError) throw new HistoryParseError(file, line, `an EDN op map; at column ${e.column}: ${e.expected}`);
      throw e;
    }
    if (!(v instanceof Map)) throw new HistoryParseError(file, line, 'an EDN op map {:process N, :type :invoke, :f :get, :key "k", :value v}');
    const process = v.get(':process');
    const type = v.get(':type');
    const f = v.get(':f');
    const key = v.get(':key');
    if (typeof process !== 'number' || !Number.isInteger(process)) throw new HistoryParseError(file, line, ':process with an integer');
    if (!(type instanceof EdnKeyword) || !TYPES.includes(type.name as EventType)) throw new HistoryParseError(file, line, ':type with :invoke, :ok, :fail or :info');
    if (!(f instanceof EdnKeyword)) throw new HistoryParseError(file, line, ':f with a keyword such as :get, :put or :append');
    if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') throw new HistoryParseError(file, line, ':key with a string or number');
    const value = v.has(':value') ? plain(v.get(':value')!) : null;
    events.push({ process, type: type.name as EventType, f: f.name, value, line, ...(key !== undefined ? { key: String(key) } : {}) });
  }
  return pairEvents(events, file, () => ({ drop: true }));
}
