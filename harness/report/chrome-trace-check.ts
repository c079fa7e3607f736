/**
 * A structural check of a Chrome Trace Event file as Perfetto reads it (Perfetto's trace
 * processor is not on the npm registry, so the tests use this instead): well-formed events,
 * every track named, and no two complete ('X') slices on one track that overlap without
 * nesting. Perfetto nests slices of one track by time; a slice that starts inside another and
 * ends after it cannot be drawn (the trace processor reports it and drops or misplaces it).
 */

/** Problems of `trace`, one line each; empty when Perfetto can draw it as meant. */
export function chromeTraceProblems(trace: unknown): string[] {
  const problems: string[] = [];
  if (trace === null || typeof trace !== 'object' || !Array.isArray((trace as { traceEvents?: unknown }).traceEvents)) {
    return ['expected an object with a traceEvents array (JSON object format)'];
  }
  const events = (trace as { traceEvents: unknown[] }).traceEvents;
  const named = new Set<string>();
  const slices = new Map<string, { ts: number; end: number; name: string; i: number }[]>();
  events.forEach((e0, i) => {
    const at = `traceEvents[${i}]`;
    if (e0 === null || typeof e0 !== 'object') { problems.push(`${at}: not an object`); return; }
    const e = e0 as Record<string, unknown>;
    if (typeof e.name !== 'string') problems.push(`${at}: name must be a string`);
    if (!Number.isInteger(e.pid) || !Number.isInteger(e.tid)) problems.push(`${at}: pid and tid must be integers`);
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) problems.push(`${at}: ts must be a non-negative number`);
    const track = `${String(e.pid)}/${String(e.tid)}`;
    switch (e.ph) {
      case 'M': {
        const args = e.args as Record<string, unknown> | undefined;
        if (e.name === 'thread_name' || e.name === 'process_name') {
          if (typeof args?.name !== 'string' || args.name === '') problems.push(`${at}: ${String(e.name)} needs args.name`);
          if (e.name === 'thread_name') named.add(track);
        }
        break;
      }
      case 'X': {
        if (typeof e.dur !== 'number' || !(e.dur > 0)) { problems.push(`${at}: a complete slice needs dur > 0`); break; }
        const list = slices.get(track) ?? [];
        list.push({ ts: e.ts as number, end: (e.ts as number) + e.dur, name: String(e.name), i });
        slices.set(track, list);
        break;
      }
      case 'i':
        if (e.s !== undefined && e.s !== 'g' && e.s !== 'p' && e.s !== 't') problems.push(`${at}: instant scope must be g, p or t`);
        break;
      default:
        problems.push(`${at}: unexpected phase ${JSON.stringify(e.ph)}`);
    }
  });
  for (const [track, list] of slices) {
    if (!named.has(track)) problems.push(`track ${track}: slices on a track without a thread_name`);
    // sort by start, longer first at equal starts (the enclosing slice comes first), then walk
    // with a stack of open slices: a slice must end within every slice it starts inside
    list.sort((a, b) => a.ts - b.ts || b.end - a.end || a.i - b.i);
    const open: typeof list = [];
    for (const s of list) {
      while (open.length > 0 && open[open.length - 1]!.end <= s.ts) open.pop();
      const parent = open[open.length - 1];
      if (parent !== undefined && s.end > parent.end) {
        problems.push(`track ${track}: '${s.name}' [${s.ts}, ${s.end}) overlaps '${parent.name}' [${parent.ts}, ${parent.end}) without nesting (traceEvents[${s.i}], [${parent.i}])`);
        continue;
      }
      open.push(s);
    }
  }
  return problems;
}
