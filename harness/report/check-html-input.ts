/** One operation as the HTML view shows it. */
export interface CheckHtmlOp {
  readonly id: number;
  readonly process: number;
  readonly f: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly call: number;
  /** null = unknown outcome (no return). */
  readonly ret: number | null;
  readonly key?: string;
  /** Source line of the invoke, when read from a file. */
  readonly line?: number;
}

/** One checked history for the HTML view. */
export interface CheckHtmlHistory {
  readonly file: string;
  readonly model: string;
  readonly verdict: 'linearizable' | 'not-linearizable' | 'unknown';
  readonly ops: readonly CheckHtmlOp[];
  /** Linearization (linearizable) or longest linearizable prefix (otherwise), op ids. */
  readonly order: readonly number[];
  /** Spec state after each op of `order`. */
  readonly states: readonly string[];
  readonly initialState: string;
  /** Ops that cannot be placed after the prefix. */
  readonly stuck: readonly number[];
  readonly reason?: string;
  readonly partition?: string;
  readonly steps: number;
}
