import type { TraceEntry } from './outcome';

/** Collects the rows of the interleaving table (only when tracing is on). */
export class TraceRecorder {
  readonly rows: TraceEntry[] = [];

  add(step: number, thread: number, op: string, cell: string | undefined, value: string | undefined, location: string | undefined): void {
    const row: { -readonly [K in keyof TraceEntry]: TraceEntry[K] } = { step, thread, op };
    if (cell !== undefined) row.cell = cell;
    if (value !== undefined) row.value = value;
    if (location !== undefined && location !== '') row.location = location;
    this.rows.push(row);
  }
}
