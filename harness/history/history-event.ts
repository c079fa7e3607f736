/** Kind of a Jepsen-style history event. */
export type EventType = 'invoke' | 'ok' | 'fail' | 'info';

/** One event of a recorded history, as read from a file (before pairing into operations). */
export interface HistoryEvent {
  readonly process: number;
  readonly type: EventType;
  readonly f: string;
  readonly value: unknown;
  /** Explicit time, if the format has one; else the event index is used. */
  readonly time?: number;
  readonly key?: string;
  /** 1-based line in the source file. */
  readonly line: number;
}

/** A parsed history: operations plus where each came from. */
export interface ParsedHistory {
  readonly ops: readonly import('./operation').Operation[];
  /** Line of each operation's invoke event, indexed by op id. */
  readonly lines: readonly number[];
  /** Events seen and operations dropped (definitely failed, no effect). */
  readonly events: number;
  readonly dropped: number;
}
