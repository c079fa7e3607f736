import type { EventType, HistoryEvent, ParsedHistory } from './history-event';
import { HistoryParseError } from './history-parse-error';
import { pairEvents } from './pair-events';

const TYPES: readonly EventType[] = ['invoke', 'ok', 'fail', 'info'];

/**
 * Native format: JSON lines, one Jepsen-style event per line:
 * `{"process": 0, "type": "invoke"|"ok"|"fail"|"info", "f": "read", "value": ..., "time": 12, "key": "k"}`.
 * invoke.value is the input, ok.value the output; `fail` = no effect (dropped); `info` or a
 * missing completion = unknown outcome. `time` (optional, non-decreasing is not required)
 * defaults to the event's index. Blank lines and lines starting with `#` or `//` are skipped.
 */
export function parseNativeHistory(text: string, file: string): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines = text.split(/\r?\n/);
  let timed: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#') || raw.startsWith('//')) continue;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw new HistoryParseError(file, line, `a JSON object per line (${(e as Error).message})`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new HistoryParseError(file, line, 'a JSON object such as {"process": 0, "type": "invoke", "f": "read", "value": null}');
    const o = obj as Record<string, unknown>;
    if (typeof o.process !== 'number' || !Number.isInteger(o.process)) throw new HistoryParseError(file, line, '"process": an integer');
    if (typeof o.type !== 'string' || !TYPES.includes(o.type as EventType)) throw new HistoryParseError(file, line, '"type": one of "invoke", "ok", "fail", "info"');
    if (typeof o.f !== 'string' || o.f === '') throw new HistoryParseError(file, line, '"f": the operation name, a non-empty string');
    if (o.time !== undefined && (typeof o.time !== 'number' || !Number.isFinite(o.time))) throw new HistoryParseError(file, line, '"time": a finite number (or no time field)');
    if (timed === undefined) timed = o.time !== undefined;
    else if (timed !== (o.time !== undefined)) throw new HistoryParseError(file, line, timed ? '"time" (earlier events have one)' : 'no "time" field (earlier events have none)');
    if (o.key !== undefined && typeof o.key !== 'string' && typeof o.key !== 'number') throw new HistoryParseError(file, line, '"key": a string or number');
    events.push({
      process: o.process, type: o.type as EventType, f: o.f, value: o.value === undefined ? null : o.value, line,
      ...(o.time !== undefined ? { time: o.time as number } : {}),
      ...(o.key !== undefined ? { key: String(o.key) } : {}),
    });
  }
  return pairEvents(events, file, () => ({ drop: true }));
}
