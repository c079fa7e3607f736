/**
 * Progress of a long command on stderr (issue 11 "Progress"): `tty` redraws one status line
 * (at most 5 times a second, cut to the terminal's width), `plain` prints a heartbeat line every
 * 30 s so a CI log shows the job is alive, `off` prints nothing. The default is `tty` on a
 * terminal and `plain` elsewhere (jest and vitest decide the same way).
 */
import { createColors } from 'picocolors';
import type { CampaignProgress } from '../fuzz/campaign';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';

/** How progress is shown. */
export type ProgressMode = 'off' | 'tty' | 'plain';

const MODES: readonly ProgressMode[] = ['off', 'tty', 'plain'];

/** Seconds between heartbeat lines in `plain` mode. */
export const HEARTBEAT_MS = 30_000;

/** `--progress <mode>`, defaulting to the kind of stderr; a CliError (exit 2) for anything else. */
export function parseProgress(flag: string | undefined, io: CliIo): ProgressMode {
  if (flag === undefined) return io.isTty ? 'tty' : 'plain';
  if (!(MODES as readonly string[]).includes(flag)) throw new CliError(`--progress: expected one of ${MODES.join(', ')}, got '${flag}'`);
  return flag as ProgressMode;
}

/** Receives the campaign's progress; `stop()` clears the status line and the heartbeat timer. */
export interface ProgressReporter {
  update(p: CampaignProgress): void;
  stop(): void;
}

/** Options of `progressReporter`. */
export interface ProgressOptions {
  /** Prefix of plain lines, e.g. `lockstep fuzz`. */
  readonly label: string;
  readonly heartbeatMs?: number;
  /** Timer seam for tests (default setInterval / clearInterval). */
  readonly timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

/** A reporter writing to `io` in `mode`. */
export function progressReporter(mode: ProgressMode, io: CliIo, o: ProgressOptions): ProgressReporter {
  if (mode === 'off') return { update() { /* nothing */ }, stop() { /* nothing */ } };
  const c = createColors(mode === 'tty' && io.colors === true);
  let last: CampaignProgress | undefined;
  if (mode === 'plain') {
    const timers = o.timers ?? { set: (fn: () => void, ms: number) => setInterval(fn, ms).unref(), clear: (h: unknown) => clearInterval(h as NodeJS.Timeout) };
    const handle = timers.set(() => { if (last) io.err(`${o.label}: ${progressLine(last)}\n`); }, o.heartbeatMs ?? HEARTBEAT_MS);
    return { update(p) { last = p; }, stop() { timers.clear(handle); } };
  }
  let lastDraw = -Infinity;
  let drawn = false;
  // without a terminal to rewrite (tty forced onto a pipe): carriage return, and blanks over the rest
  let prevLen = 0;
  const rewrite = io.rewriteLine?.bind(io) ?? ((t: string) => { io.err(`\r${t}${' '.repeat(Math.max(0, prevLen - t.length))}${t === '' ? '\r' : ''}`); prevLen = t.length; });
  return {
    update(p) {
      last = p;
      if (p.elapsedMs - lastDraw < 200) return;
      lastDraw = p.elapsedMs;
      const width = io.columns !== undefined && io.columns > 10 ? io.columns - 1 : Infinity;
      const text = progressLine(p);
      const cut = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      // colour only what fits: escape codes must not be cut in half
      rewrite(cut.replace(/(\d+) distinct finding(s?)/, (m) => (p.findings > 0 ? c.red(c.bold(m)) : c.green(m))));
      drawn = true;
    },
    stop() {
      if (drawn) rewrite('');
      drawn = false;
    },
  };
}

/** `[12s] cells 3/10, batches 40, 8000 executions (667/s), 2 distinct findings`. */
export function progressLine(p: CampaignProgress): string {
  const secs = p.elapsedMs / 1000;
  const rate = secs > 0 ? Math.round(p.executions / secs) : 0;
  const cells = p.cellsDone > 0 ? `cells ${p.cellsDone}/${p.cells}, ` : '';
  return `[${secs.toFixed(0)}s] ${cells}batches ${p.batchesDone}, ${p.executions} executions (${rate}/s), ${p.findings} distinct finding${p.findings === 1 ? '' : 's'}`;
}
