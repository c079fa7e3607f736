import type { EventType, HistoryEvent, ParsedHistory } from './history-event';
import { HistoryParseError } from './history-parse-error';
import { pairEvents } from './pair-events';

const LINE = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*?)\s*$/;
const EXPECTED = 'a Jepsen etcd line "INFO jepsen.util - <process> :invoke|:ok|:fail|:info :read|:write|:cas <value>"';

function parseValue(raw: string, file: string, line: number): unknown {
  if (raw === 'nil' || raw === ':timed-out') return null;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const pair = /^\[\s*(-?\d+|nil)\s+(-?\d+|nil)\s*\]$/.exec(raw);
  if (pair) return [pair[1] === 'nil' ? null : Number(pair[1]), pair[2] === 'nil' ? null : Number(pair[2])];
  throw new HistoryParseError(file, line, `a value: nil, :timed-out, an integer or [from to], got "${raw}"`);
}

/**
 * Jepsen etcd log (the single CAS register histories of Porcupine's test data). Semantics
 * as in Porcupine's parser: `:ok :cas` = the swap happened (output true); `:fail :cas` =
 * it definitely did not, the register held another value (output false); `:fail :read` =
 * a timed-out read, dropped (it constrains nothing); `:info` = unknown outcome. Blank lines
 * are skipped; any other line is an error.
 */
export function parseJepsenEtcdHistory(text: string, file: string): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const m = LINE.exec(raw);
    if (!m) throw new HistoryParseError(file, i + 1, EXPECTED);
    const type = m[2] as EventType;
    const f = m[3]!;
    let value = parseValue(m[4]!, file, i + 1);
    if (f === 'cas' && type === 'invoke' && !Array.isArray(value)) throw new HistoryParseError(file, i + 1, 'a cas value [from to]');
    if (f === 'write' && type === 'invoke' && typeof value !== 'number') throw new HistoryParseError(file, i + 1, 'a write value (an integer)');
    if (f === 'cas' && type === 'ok') value = true;
    events.push({ process: Number(m[1]), type, f, value, line: i + 1 });
  }
  return pairEvents(events, file, (invoke) => (invoke.f === 'cas' ? { drop: false, output: false } : { drop: true }));
}
