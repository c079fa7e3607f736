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
  // one JSON.parse over all event lines is several times faster than one per line; a line
  // that breaks it is then found by parsing line by line (the error names it)
  const lines = text.split('\n');
  const kept: string[] = [];
  const lineNo: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.charCodeAt(0) === 35 /* # */ || raw.startsWith('//')) continue;
    kept.push(raw);
    lineNo.push(i + 1);
  }
  let objs: unknown[] | undefined;
  try {
    objs = JSON.parse(`[${kept.join(',')}]`) as unknown[];
    if (objs.length !== kept.length) objs = undefined; // a line holding several values: find it below
  } catch {
    objs = undefined;
  }
  const events: HistoryEvent[] = new Array(kept.length);
  let timed: boolean | undefined;
  for (let k = 0; k < kept.length; k++) {
    const line = lineNo[k]!;
    let obj: unknown;
    if (objs !== undefined) obj = objs[k];
    else {
      try {
        obj = JSON.parse(kept[k]!);
      } catch (e) {
        throw new HistoryParseError(file, line, `a JSON object per line (${(e as Error).message})`);
      }
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
    const ev: { -readonly [K in keyof HistoryEvent]: HistoryEvent[K] } = { process: o.process, type: o.type as EventType, f: o.f, value: o.value === undefined ? null : o.value, line };
    if (o.time !== undefined) ev.time = o.time as number;
    if (o.key !== undefined) ev.key = String(o.key);
    events[k] = ev;
  }
  return pairEvents(events, file, () => ({ drop: true }));
}
